//! Reading-time estimate from an article's text.
//!
//! Words are runs of letters, marks and digits (Unicode-aware), so Persian,
//! Latin and mixed text all count. A zero-width non-joiner (U+200C) and a
//! zero-width joiner join the parts of one Persian word, as in «می‌شود».

/// Words a reader reads per minute, for news prose in either language.
pub const WORDS_PER_MINUTE: usize = 200;

/// Counts the words of plain text.
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let word_char = c.is_alphanumeric()
            || c == '\u{200C}'
            || c == '\u{200D}'
            || is_mark(c)
            || (in_word && (c == '\'' || c == '’' || c == '-'));
        if word_char && !in_word && c.is_alphanumeric() {
            count += 1;
            in_word = true;
        } else if !word_char {
            in_word = false;
        }
    }
    count
}

/// Combining marks (Arabic-script vowel signs, Latin accents) stay inside words.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED)
}

/// Whole minutes to read `words` words, never less than one.
pub fn minutes_for(words: usize) -> u32 {
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

/// The plain text of an HTML fragment: tags dropped, blocks separated.
///
/// Good enough for counting words; never used for display.
pub fn text_of_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            '&' if !in_tag => {
                // Entities stand for one character; a space keeps words apart
                // for &nbsp; and is harmless elsewhere.
                let mut entity = String::new();
                while let Some(&n) = chars.peek() {
                    chars.next();
                    if n == ';' || entity.len() > 10 {
                        break;
                    }
                    entity.push(n);
                }
                out.push(if entity == "nbsp" { ' ' } else { 'x' });
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_english_words() {
        assert_eq!(word_count("The quick brown fox."), 4);
        assert_eq!(word_count("don't stop-gap"), 2);
    }

    #[test]
    fn counts_persian_words_with_zwnj_inside() {
        // «می‌شود» is one word despite the zero-width non-joiner.
        assert_eq!(word_count("این طرح اجرا می‌شود"), 4);
    }

    #[test]
    fn counts_mixed_text_and_numbers() {
        assert_eq!(word_count("مرکز STI در سال ۱۳۹۹ and 2020"), 7);
    }

    #[test]
    fn empty_and_markup_only_text_count_zero() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count(&text_of_html("<p></p><br/>")), 0);
        assert_eq!(word_count(" \n\t—… "), 0);
    }

    #[test]
    fn tags_separate_words() {
        assert_eq!(
            word_count(&text_of_html("<p>one</p><p>two&nbsp;three</p>")),
            3
        );
    }

    #[test]
    fn minutes_round_up_and_never_below_one() {
        assert_eq!(minutes_for(0), 1);
        assert_eq!(minutes_for(1), 1);
        assert_eq!(minutes_for(200), 1);
        assert_eq!(minutes_for(201), 2);
        assert_eq!(minutes_for(2000), 10);
    }
}
