//! Markdown bodies (a CMS's Markdown field) written out as HTML: the parts of
//! CommonMark that editors write (ATX and setext headings, paragraphs with
//! hard breaks, block quotes, bullet and numbered lists, nested by
//! indentation, fenced and indented code, thematic breaks; emphasis, strong,
//! code spans, links, images, autolinks and backslash escapes). HTML inside
//! the Markdown is shown as text. The standard parser costs 51 KB brotli in
//! the wasm (docs/mapping.md); this one a few.

use super::body::escape;

/// Deeper than this, quotes and lists are not followed.
const MAX_DEPTH: usize = 16;

/// The Markdown `md` as HTML.
pub fn html(md: &str) -> String {
    let lines: Vec<&str> = md.lines().collect();
    let mut out = String::new();
    blocks(&lines, &mut out, 0);
    out
}

fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    if indent_of(line) > 3 {
        return None;
    }
    let level = t.chars().take_while(|c| *c == '#').count();
    let rest = &t[level..];
    if (1..=6).contains(&level) && (rest.is_empty() || rest.starts_with(' ')) {
        let text = rest.trim().trim_end_matches('#').trim_end();
        return Some((level, text));
    }
    None
}

fn is_break(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    indent_of(line) <= 3
        && t.len() >= 3
        && ['-', '*', '_'].iter().any(|m| t.chars().all(|c| c == *m))
}

fn fence(line: &str) -> Option<&str> {
    let t = line.trim_start();
    (indent_of(line) <= 3)
        .then(|| ["```", "~~~"].into_iter().find(|f| t.starts_with(f)))
        .flatten()
}

/// A list item's marker: (ordered, the width of indent and marker).
fn marker(line: &str) -> Option<(bool, usize)> {
    let ind = indent_of(line);
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        if rest.starts_with(' ') || rest.is_empty() {
            return Some((false, ind + 2));
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &t[digits..];
        if let Some(after) = rest.strip_prefix(['.', ')']) {
            if after.starts_with(' ') || after.is_empty() {
                return Some((true, ind + digits + 2));
            }
        }
    }
    None
}

fn quote_line(line: &str) -> Option<&str> {
    if indent_of(line) > 3 {
        return None;
    }
    let rest = line.trim_start().strip_prefix('>')?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

/// `line` without its first `n` columns of indentation.
fn dedent(line: &str, n: usize) -> &str {
    let mut cols = 0;
    for (i, c) in line.char_indices() {
        if cols >= n || !(c == ' ' || c == '\t') {
            return &line[i..];
        }
        cols += if c == '\t' { 4 } else { 1 };
    }
    ""
}

fn starts_block(line: &str) -> bool {
    heading(line).is_some()
        || fence(line).is_some()
        || quote_line(line).is_some()
        || is_break(line)
        // An empty item does not interrupt a paragraph.
        || marker(line).is_some_and(|_| line.trim().len() > 2)
}

fn blocks(lines: &[&str], out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if is_blank(line) {
            i += 1;
        } else if let Some(f) = fence(line) {
            let mut j = i + 1;
            out.push_str("<pre><code>");
            while j < lines.len() && !lines[j].trim_start().starts_with(f) {
                escape(lines[j], out);
                out.push('\n');
                j += 1;
            }
            out.push_str("</code></pre>");
            i = j + 1;
        } else if indent_of(line) >= 4 {
            let mut end = i;
            while end < lines.len() && (indent_of(lines[end]) >= 4 || is_blank(lines[end])) {
                end += 1;
            }
            let mut last = end;
            while last > i && is_blank(lines[last - 1]) {
                last -= 1;
            }
            out.push_str("<pre><code>");
            for l in &lines[i..last] {
                escape(dedent(l, 4), out);
                out.push('\n');
            }
            out.push_str("</code></pre>");
            i = end;
        } else if let Some((level, text)) = heading(line) {
            let level = level.clamp(2, 6);
            out.push_str(&format!("<h{level}>"));
            inline(text, out, depth);
            out.push_str(&format!("</h{level}>"));
            i += 1;
        } else if is_break(line) {
            out.push_str("<hr>");
            i += 1;
        } else if quote_line(line).is_some() {
            let mut inner = Vec::new();
            while i < lines.len() && !is_blank(lines[i]) {
                inner.push(quote_line(lines[i]).unwrap_or(lines[i]));
                i += 1;
            }
            out.push_str("<blockquote>");
            blocks(&inner, out, depth + 1);
            out.push_str("</blockquote>");
        } else if let Some((ordered, _)) = marker(line) {
            i = list(lines, i, ordered, out, depth);
        } else {
            i = paragraph(lines, i, out, depth);
        }
    }
}

fn paragraph(lines: &[&str], mut i: usize, out: &mut String, depth: usize) -> usize {
    let mut text: Vec<&str> = vec![lines[i]];
    i += 1;
    while i < lines.len() && !is_blank(lines[i]) {
        let t = lines[i].trim();
        // A setext underline makes the paragraph a heading.
        if indent_of(lines[i]) <= 3 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
        {
            let level = if t.starts_with('=') { 2 } else { 3 };
            out.push_str(&format!("<h{level}>"));
            inline(
                &text.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "),
                out,
                depth,
            );
            out.push_str(&format!("</h{level}>"));
            return i + 1;
        }
        if starts_block(lines[i]) {
            break;
        }
        text.push(lines[i]);
        i += 1;
    }
    out.push_str("<p>");
    for (n, l) in text.iter().enumerate() {
        let hard = l.ends_with("  ") || l.ends_with('\\');
        let l = l.trim_start();
        let l = l.strip_suffix('\\').unwrap_or_else(|| l.trim_end());
        inline(l, out, depth);
        if n + 1 < text.len() {
            out.push_str(if hard { "<br>" } else { "\n" });
        }
    }
    out.push_str("</p>");
    i
}

fn list(lines: &[&str], mut i: usize, ordered: bool, out: &mut String, depth: usize) -> usize {
    let tag = if ordered { "ol" } else { "ul" };
    let base = indent_of(lines[i]);
    out.push_str(&format!("<{tag}>"));
    while i < lines.len() {
        let Some((o, width)) = marker(lines[i]) else {
            break;
        };
        if o != ordered || indent_of(lines[i]) != base {
            break;
        }
        // The item: its first line after the marker, then every line
        // indented past the marker (blank lines inside included).
        let first = lines[i].trim_start().get(width - base..).unwrap_or("");
        let mut item = vec![first];
        i += 1;
        while i < lines.len() {
            let l = lines[i];
            if is_blank(l) {
                let continues = lines.get(i + 1).is_some_and(|n| indent_of(n) >= width);
                if !continues {
                    break;
                }
                item.push("");
            } else if indent_of(l) >= width {
                item.push(dedent(l, width));
            } else if !starts_block(l) && !item.last().is_some_and(|x| is_blank(x)) {
                item.push(l.trim_start()); // a lazy continuation
            } else {
                break;
            }
            i += 1;
        }
        out.push_str("<li>");
        let mut inner = String::new();
        blocks(&item, &mut inner, depth + 1);
        // A tight item is its text, not a paragraph.
        let tight = inner.starts_with("<p>") && inner.matches("<p>").count() == 1;
        if tight {
            let end = inner.find("</p>").unwrap_or(inner.len());
            out.push_str(&inner[3..end]);
            out.push_str(&inner[(end + 4).min(inner.len())..]);
        } else {
            out.push_str(&inner);
        }
        out.push_str("</li>");
        while i < lines.len() && is_blank(lines[i]) {
            let next = lines.get(i + 1);
            if next.is_some_and(|n| {
                marker(n).is_some_and(|(o, _)| o == ordered) && indent_of(n) == base
            }) {
                i += 1;
            } else {
                break;
            }
        }
    }
    out.push_str(&format!("</{tag}>"));
    i
}

/// Where the run of `c` that closes one opened at `from` is, in `s`.
fn closing(s: &[char], from: usize, c: char, n: usize) -> Option<usize> {
    let mut j = from;
    while j + n <= s.len() {
        if s[j..j + n].iter().all(|x| *x == c)
            && j > from
            && !s[j - 1].is_whitespace()
            && s[j - 1] != c
            && s.get(j + n) != Some(&c)
        {
            return Some(j);
        }
        if s[j] == '\\' {
            j += 1;
        }
        j += 1;
    }
    None
}

/// `[text](url "title")` starting at `at` (the `[`): the text, the url and
/// where it ends.
fn link_at(s: &[char], at: usize) -> Option<(String, String, usize)> {
    let mut depth = 0;
    let mut j = at;
    let close = loop {
        match s.get(j)? {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break j;
                }
            }
            '\\' => j += 1,
            _ => {}
        }
        j += 1;
    };
    if s.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = s[close + 2..].iter().position(|c| *c == ')')? + close + 2;
    let inside: String = s[close + 2..end].iter().collect();
    let url = inside.split_whitespace().next().unwrap_or("");
    let url = url.trim_start_matches('<').trim_end_matches('>').to_owned();
    Some((s[at + 1..close].iter().collect(), url, end + 1))
}

fn inline(text: &str, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        escape(text, out);
        return;
    }
    let s: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut plain = String::new();
    let flush = |plain: &mut String, out: &mut String| {
        escape(plain, out);
        plain.clear();
    };
    while i < s.len() {
        let c = s[i];
        match c {
            '\\' if s.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                plain.push(s[i + 1]);
                i += 2;
            }
            '`' => {
                let n = s[i..].iter().take_while(|x| **x == '`').count();
                let close = (i + n..s.len().saturating_sub(n - 1))
                    .find(|&j| s[j..j + n].iter().all(|x| *x == '`') && s.get(j + n) != Some(&'`'));
                match close {
                    Some(j) => {
                        flush(&mut plain, out);
                        out.push_str("<code>");
                        let code: String = s[i + n..j].iter().collect();
                        escape(code.trim(), out);
                        out.push_str("</code>");
                        i = j + n;
                    }
                    None => {
                        plain.extend(&s[i..i + n]);
                        i += n;
                    }
                }
            }
            '!' if s.get(i + 1) == Some(&'[') => match link_at(&s, i + 1) {
                Some((alt, url, end)) => {
                    flush(&mut plain, out);
                    out.push_str("<img src=\"");
                    escape(&url, out);
                    out.push_str("\" alt=\"");
                    escape(&alt, out);
                    out.push_str("\">");
                    i = end;
                }
                None => {
                    plain.push(c);
                    i += 1;
                }
            },
            '[' => match link_at(&s, i) {
                Some((label, url, end)) => {
                    flush(&mut plain, out);
                    out.push_str("<a href=\"");
                    escape(&url, out);
                    out.push_str("\">");
                    inline(&label, out, depth + 1);
                    out.push_str("</a>");
                    i = end;
                }
                None => {
                    plain.push(c);
                    i += 1;
                }
            },
            '<' => {
                let end = s[i..].iter().position(|x| *x == '>').map(|p| p + i);
                let inside: Option<String> = end.map(|e| s[i + 1..e].iter().collect());
                match inside.filter(|u| {
                    (u.starts_with("http://")
                        || u.starts_with("https://")
                        || u.starts_with("mailto:"))
                        && !u.contains(' ')
                }) {
                    Some(url) => {
                        flush(&mut plain, out);
                        out.push_str("<a href=\"");
                        escape(&url, out);
                        out.push_str("\">");
                        escape(&url, out);
                        out.push_str("</a>");
                        i = end.unwrap_or(i) + 1;
                    }
                    None => {
                        plain.push(c);
                        i += 1;
                    }
                }
            }
            '*' | '_' => {
                let n = s[i..].iter().take_while(|x| **x == c).count().min(2);
                let opens = s.get(i + n).is_some_and(|x| !x.is_whitespace());
                // An underscore inside a word is a letter (snake_case).
                let in_word = c == '_' && i > 0 && s[i - 1].is_alphanumeric();
                match closing(&s, i + n, c, n).filter(|_| opens && !in_word) {
                    Some(j) => {
                        flush(&mut plain, out);
                        let tag = if n == 2 { "strong" } else { "em" };
                        out.push_str(&format!("<{tag}>"));
                        inline(&s[i + n..j].iter().collect::<String>(), out, depth + 1);
                        out.push_str(&format!("</{tag}>"));
                        i = j + n;
                    }
                    None => {
                        plain.extend(&s[i..i + n]);
                        i += n;
                    }
                }
            }
            _ => {
                plain.push(c);
                i += 1;
            }
        }
    }
    flush(&mut plain, out);
}

#[cfg(test)]
mod tests {
    use super::html;

    #[test]
    fn blocks() {
        let md = "# Title\n\nA *first* paragraph\nwith two lines.  \nAnd a break.\n\n\
                  Setext\n------\n\n> quoted **text**\n> more\n\n- one\n- two\n  - deep\n- three\n\n\
                  1. first\n2. second\n\n```\nlet x = 1 < 2;\n```\n\n    indented code\n\n***\n";
        assert_eq!(
            html(md),
            concat!(
                "<h2>Title</h2>",
                "<p>A <em>first</em> paragraph\nwith two lines.<br>And a break.</p>",
                "<h3>Setext</h3>",
                "<blockquote><p>quoted <strong>text</strong>\nmore</p></blockquote>",
                "<ul><li>one</li><li>two<ul><li>deep</li></ul></li><li>three</li></ul>",
                "<ol><li>first</li><li>second</li></ol>",
                "<pre><code>let x = 1 &lt; 2;\n</code></pre>",
                "<pre><code>indented code\n</code></pre>",
                "<hr>"
            )
        );
    }

    #[test]
    fn inlines() {
        assert_eq!(
            html("See [the *site*](https://x.org/a?b=1&c=2 \"t\"), ![a cat](/c.png), <https://y.org>, `a<b`, \\*not em\\*, snake_case_name and <b>raw</b>."),
            concat!(
                "<p>See <a href=\"https://x.org/a?b=1&amp;c=2\">the <em>site</em></a>, ",
                "<img src=\"/c.png\" alt=\"a cat\">, <a href=\"https://y.org\">https://y.org</a>, ",
                "<code>a&lt;b</code>, *not em*, snake_case_name and &lt;b&gt;raw&lt;/b&gt;.</p>"
            )
        );
        assert_eq!(html("**bold** and __also__ and *a **b** c*"), "<p><strong>bold</strong> and <strong>also</strong> and <em>a <strong>b</strong> c</em></p>");
        assert_eq!(
            html("2 * 3 * 4 and a lone [bracket"),
            "<p>2 * 3 * 4 and a lone [bracket</p>"
        );
    }

    #[test]
    fn persian_text_and_odd_input_do_not_break_it() {
        assert_eq!(html("## سلام *دنیا*"), "<h2>سلام <em>دنیا</em></h2>");
        for odd in [
            "",
            "\n\n",
            "-",
            "1.",
            "> ",
            "```",
            "[",
            "![",
            "`",
            "**",
            "__x",
            "#",
            "    ",
            "\t-\tx",
            "- \n  \n  x",
            "[a](",
            "<",
            "<http://a b>",
        ] {
            let _ = html(odd);
        }
        let deep = ">".repeat(500) + " x";
        assert!(html(&deep).len() < 2000);
    }
}
