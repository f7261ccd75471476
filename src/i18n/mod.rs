//! The translation layer: every visible string comes from the catalogues
//! en.json and fa.json beside this file. Plural forms follow the language's
//! rules (the browser's Intl.PluralRules); an entry may also give an exact
//! form for zero under the key "0".

use crate::api::{ApiError, SettingsError};
use crate::format;
pub use crate::locale::Locale;
use crate::problem::{Expected, Problem};
use leptos::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Entry {
    Text(String),
    Plural(HashMap<String, String>),
}

type Catalogue = HashMap<String, Entry>;

fn catalogue(locale: Locale) -> &'static Catalogue {
    static EN: OnceLock<Catalogue> = OnceLock::new();
    static FA: OnceLock<Catalogue> = OnceLock::new();
    let (cell, text) = match locale {
        Locale::En => (&EN, include_str!("en.json")),
        Locale::Fa => (&FA, include_str!("fa.json")),
    };
    // The catalogues are checked by the tests below, so a parse failure can
    // only come from an untested edit; an empty catalogue then shows keys.
    cell.get_or_init(|| serde_json::from_str(text).unwrap_or_default())
}

fn lookup(locale: Locale, key: &str) -> Option<&'static Entry> {
    catalogue(locale)
        .get(key)
        .or_else(|| catalogue(Locale::En).get(key))
}

fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Translates `key` in `locale` with `{name}` placeholders filled from `args`.
pub fn text(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    match lookup(locale, key) {
        Some(Entry::Text(t)) => fill(t, args),
        Some(Entry::Plural(forms)) => forms
            .get("other")
            .map_or_else(|| key.to_owned(), |t| fill(t, args)),
        None => key.to_owned(),
    }
}

/// Translates a plural entry for the count `n`; `{n}` is the count in the language's digits.
pub fn plural(locale: Locale, key: &str, n: u64, args: &[(&str, &str)]) -> String {
    let shown = format::number(n, locale);
    let mut all = vec![("n", shown.as_str())];
    all.extend_from_slice(args);
    match lookup(locale, key) {
        Some(Entry::Plural(forms)) => {
            let exact = forms.get(&n.to_string());
            let form = exact
                .or_else(|| forms.get(format::plural_category(n, locale)))
                .or_else(|| forms.get("other"));
            form.map_or_else(|| key.to_owned(), |t| fill(t, &all))
        }
        Some(Entry::Text(t)) => fill(t, &all),
        None => key.to_owned(),
    }
}

/// Picks the interface language: the reader's saved choice; else the first
/// offered language in the browser's preference list; else the site's default.
pub fn choose_locale(
    saved: Option<&str>,
    browser: &[String],
    default: &str,
    offered: &[String],
) -> Locale {
    let offered_locale = |code: &str| {
        let primary = code
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        offered
            .contains(&primary)
            .then(|| Locale::from_code(&primary))
            .flatten()
    };
    saved
        .and_then(offered_locale)
        .or_else(|| browser.iter().find_map(|b| offered_locale(b)))
        .or_else(|| Locale::from_code(default))
        .unwrap_or(Locale::En)
}

/// The reader's saved language and the browser's preferences, where a browser is.
pub mod prefs {
    const KEY: &str = "newsfront.locale";

    /// The language the reader chose on an earlier visit.
    pub fn saved() -> Option<String> {
        crate::storage::local_get(KEY)
    }

    /// Remembers the reader's choice (silently skipped where storage is blocked).
    pub fn save(code: &str) {
        crate::storage::local_set(KEY, code);
    }

    /// The browser's preferred languages, most preferred first.
    pub fn browser() -> Vec<String> {
        web_sys::window()
            .map(|w| w.navigator().languages())
            .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
            .unwrap_or_default()
    }
}

/// The writing direction of content in language `lang` (a BCP 47 tag).
pub fn dir_of_lang(lang: &str) -> &'static str {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "" => "auto",
        "fa" | "ar" | "he" | "ur" | "ps" | "ckb" | "yi" | "dv" | "sd" | "ug" => "rtl",
        _ => "ltr",
    }
}

/// The reader's interface language, shared through context.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    /// Creates the layer with a starting language and provides it as context.
    pub fn provide(initial: Locale) -> Self {
        let i18n = Self {
            locale: RwSignal::new(initial),
        };
        provide_context(i18n);
        i18n
    }

    /// The current language (tracked: views re-render when it changes).
    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    /// Switches the interface language (without remembering it).
    pub fn set_locale(&self, locale: Locale) {
        self.locale.set(locale);
    }

    /// Switches the interface language because the reader chose it, and remembers it.
    pub fn choose(&self, locale: Locale) {
        prefs::save(locale.code());
        self.locale.set(locale);
    }

    /// A plain string.
    pub fn t(&self, key: &str) -> String {
        text(self.locale(), key, &[])
    }

    /// A string with placeholders.
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        text(self.locale(), key, args)
    }

    /// A plural string for the count `n`.
    pub fn tn(&self, key: &str, n: u64) -> String {
        plural(self.locale(), key, n, &[])
    }
}

/// The translation layer from context.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// An instant as the reader reads it: date and time in the language's calendar,
/// digits and word order, in the site's `time_zone`.
pub fn date_time(
    locale: Locale,
    dt: &chrono::DateTime<chrono::FixedOffset>,
    time_zone: &str,
) -> String {
    let (date, time) = format::date_and_time(dt, locale, time_zone);
    text(locale, "date.datetime", &[("date", &date), ("time", &time)])
}

/// A number-like identifier (a news code) in the language's digits, digit by
/// digit, without grouping separators.
pub fn digits(locale: Locale, s: &str) -> String {
    match locale {
        Locale::En => s.to_owned(),
        Locale::Fa => s
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
                None => c,
            })
            .collect(),
    }
}

/// Words for a backend error, for a reader.
pub fn error_text(locale: Locale, e: &ApiError) -> String {
    match e {
        ApiError::Timeout(ms) => {
            let secs = format::number(u64::from(ms.div_ceil(1000)), locale);
            text(locale, "error.timeout", &[("seconds", &secs)])
        }
        ApiError::Network(_) | ApiError::Aborted => text(locale, "error.network", &[]),
        ApiError::Offline => text(locale, "error.offline", &[]),
        ApiError::NotFound => text(locale, "error.not_found", &[]),
        ApiError::Status {
            status: 429,
            retry_after,
            ..
        } => match retry_after {
            Some(s) => text(
                locale,
                "error.rate_limited",
                &[("seconds", &format::number(u64::from(*s), locale))],
            ),
            None => text(locale, "error.rate_limited_now", &[]),
        },
        ApiError::Status {
            status,
            code: Some(reason),
            ..
        } if crate::mapping::REASONS.contains(&reason.as_str()) => text(
            locale,
            &format!("error.{reason}"),
            &[("status", &digits(locale, &status.to_string()))],
        ),
        ApiError::Status { status, .. } => {
            let key = if *status >= 500 {
                "error.server"
            } else {
                "error.refused"
            };
            text(
                locale,
                key,
                &[("status", &digits(locale, &status.to_string()))],
            )
        }
        ApiError::NotJson { .. } => text(locale, "error.not_json", &[]),
        ApiError::Decode { .. } => text(locale, "error.decode", &[]),
    }
}

/// Words for config.json that could not be fetched.
pub fn settings_error_text(locale: Locale, e: &SettingsError) -> String {
    match e {
        SettingsError::Timeout(ms) => {
            let secs = format::number(u64::from(ms.div_ceil(1000)), locale);
            text(locale, "settings.timeout", &[("seconds", &secs)])
        }
        SettingsError::Network(_) => text(locale, "settings.network", &[]),
        SettingsError::Status(status) => text(
            locale,
            "settings.status",
            &[("status", &digits(locale, &status.to_string()))],
        ),
    }
}

/// Words for one problem with config.json.
pub fn problem_text(locale: Locale, p: &Problem) -> String {
    match p {
        Problem::Syntax { detail } => text(locale, "config.syntax", &[("detail", detail)]),
        Problem::UnknownKey { path } => text(locale, "config.unknown_key", &[("path", path)]),
        Problem::WrongType { path, expected } => {
            let key = match expected {
                Expected::Text => "config.type.text",
                Expected::Bool => "config.type.bool",
                Expected::Number => "config.type.number",
                Expected::Object => "config.type.object",
                Expected::Locale => "config.type.locale",
                Expected::Locales => "config.type.locales",
                Expected::Kind => "config.type.kind",
                Expected::List => "config.type.list",
            };
            let expected = text(locale, key, &[]);
            text(
                locale,
                "config.wrong_type",
                &[("path", path), ("expected", &expected)],
            )
        }
        Problem::BadValue { path, value } => text(
            locale,
            "config.bad_value",
            &[("path", path), ("value", value)],
        ),
        Problem::Missing { path } => text(locale, "config.missing_key", &[("path", path)]),
        Problem::UnknownHole { path, name } => text(
            locale,
            "config.unknown_hole",
            &[("path", path), ("name", name)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(locale: Locale) -> BTreeSet<String> {
        catalogue(locale).keys().cloned().collect()
    }

    #[test]
    fn catalogues_parse_and_have_the_same_keys() {
        let en: Catalogue = serde_json::from_str(include_str!("en.json")).expect("en.json");
        let fa: Catalogue = serde_json::from_str(include_str!("fa.json")).expect("fa.json");
        assert!(en.len() > 20);
        let en: BTreeSet<_> = en.keys().collect();
        let fa: BTreeSet<_> = fa.keys().collect();
        assert_eq!(
            en.difference(&fa).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "missing in fa"
        );
        assert_eq!(
            fa.difference(&en).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "missing in en"
        );
    }

    /// Every key the source code asks for exists, so no reader ever sees a raw key.
    #[test]
    fn every_key_used_in_the_source_exists() {
        let known = keys(Locale::En);
        let mut missing = Vec::new();
        for path in rust_files(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
            let src = std::fs::read_to_string(&path).expect("read source");
            for key in quoted_keys(&src) {
                if !known.contains(&key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "unknown keys: {missing:#?}");
    }

    fn rust_files(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
            let p = entry.path();
            if p.is_dir() {
                out.extend(rust_files(p));
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
        out
    }

    /// String literals that look like catalogue keys ("section.name").
    fn quoted_keys(src: &str) -> Vec<String> {
        let sections = [
            "app.",
            "thread.",
            "search.",
            "form.",
            "date.",
            "nav.",
            "home.",
            "article.",
            "group.",
            "list.",
            "pager.",
            "notfound.",
            "error.",
            "config.",
            "lang.",
        ];
        src.split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| {
                sections.iter().any(|p| s.starts_with(p))
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
                    && !s.ends_with('.')
                    && !s.ends_with(".json")
            })
            .map(String::from)
            .collect()
    }

    #[test]
    fn locale_choice_order() {
        let both = ["en".to_string(), "fa".to_string()];
        let en_only = ["en".to_string()];
        let b = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        type Case<'a> = (Option<&'a str>, Vec<String>, &'a str, &'a [String], Locale);
        let cases: [Case; 7] = [
            (None, b(&[]), "en", &both, Locale::En),
            (None, b(&[]), "fa", &both, Locale::Fa),
            (None, b(&["fa-IR", "en"]), "en", &both, Locale::Fa),
            (None, b(&["de-DE", "en-US", "fa"]), "fa", &both, Locale::En),
            (Some("en"), b(&["fa"]), "fa", &both, Locale::En),
            (Some("xx"), b(&["fa"]), "en", &both, Locale::Fa),
            (Some("fa"), b(&["fa"]), "en", &en_only, Locale::En),
        ];
        for (saved, browser, default, offered, want) in cases {
            assert_eq!(
                choose_locale(saved, &browser, default, offered),
                want,
                "{saved:?} {browser:?} {default}"
            );
        }
    }

    #[test]
    fn direction_follows_the_language_tag() {
        for (lang, dir) in [
            ("fa", "rtl"),
            ("fa-IR", "rtl"),
            ("ar", "rtl"),
            ("en", "ltr"),
            ("en-GB", "ltr"),
            ("", "auto"),
        ] {
            assert_eq!(dir_of_lang(lang), dir, "{lang}");
        }
    }

    #[test]
    fn persian_digits_replace_ascii_digits_only() {
        assert_eq!(digits(Locale::Fa, "50844"), "۵۰۸۴۴");
        assert_eq!(digits(Locale::Fa, "A-12"), "A-۱۲");
        assert_eq!(digits(Locale::En, "50844"), "50844");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            text(Locale::En, "notfound.article", &[("code", "123")]),
            "There is no article with news code 123."
        );
    }

    #[test]
    fn english_plurals_with_exact_zero() {
        let cases = [
            (0, "No comments yet"),
            (1, "1 comment"),
            (2, "2 comments"),
            (21, "21 comments"),
        ];
        for (n, want) in cases {
            assert_eq!(plural(Locale::En, "article.comments", n, &[]), want);
        }
    }

    #[test]
    fn unknown_key_shows_the_key() {
        assert_eq!(text(Locale::En, "no.such.key", &[]), "no.such.key");
    }

    #[test]
    fn every_error_has_words() {
        let errors = [
            ApiError::Timeout(2500),
            ApiError::Network("x".into()),
            ApiError::NotFound,
            ApiError::Status {
                status: 500,
                code: None,
                retry_after: None,
                fields: vec![],
            },
            ApiError::Status {
                status: 403,
                code: None,
                retry_after: None,
                fields: vec![],
            },
            ApiError::Status {
                status: 429,
                code: None,
                retry_after: Some(30),
                fields: vec![],
            },
            ApiError::NotJson {
                content_type: "text/html".into(),
            },
            ApiError::Decode {
                what: "a".into(),
                detail: "b".into(),
            },
        ];
        for locale in Locale::ALL {
            for e in &errors {
                let words = error_text(locale, e);
                assert!(
                    !words.contains('{') && !words.starts_with("error."),
                    "{e:?}: {words}"
                );
            }
        }
        assert_eq!(
            error_text(Locale::En, &ApiError::Timeout(2500)),
            "The news server did not answer within 3 seconds."
        );
    }
}
