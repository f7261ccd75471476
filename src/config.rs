//! Runtime configuration: config.json beside index.html, read at start-up.
//!
//! Validation is hand-written over `serde_json::Value` so that every problem
//! (bad JSON, an unknown key, a wrong type, an unsupported value) is reported
//! by its path, and each bad value falls back to its default rather than
//! taking the whole file down.

use crate::mapping::{self, Mapping};
pub use crate::problem::{Expected, Problem};
use serde_json::Value;
use std::sync::Arc;

/// Which kind of backend the site reads from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackendKind {
    /// The demo content shipped in the bundle; no backend needed.
    Demo,
    /// An HTTP backend speaking the native JSON contract (docs/api.md).
    Native,
    /// A WordPress site's REST API (docs/wordpress.md).
    WordPress,
    /// Any JSON API, read through a mapping (docs/mapping.md).
    Mapped,
}

/// Where a mapped backend's mapping comes from, beside its preset.
#[derive(Clone, Debug, PartialEq)]
pub enum MappingSource {
    /// The preset alone.
    Preset,
    /// `backend.mapping` given in config.json, put over the preset.
    Inline(Value),
    /// `backend.mapping` names a JSON file (relative to the page), fetched
    /// with config.json and put over the preset.
    Url(String),
}

/// A mapped backend's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapped {
    /// `backend.preset`: a bundled mapping.
    pub preset: Option<String>,
    /// `backend.mapping`.
    pub source: MappingSource,
    /// `backend.params`: named values for the mapping's templates.
    pub params: Vec<(String, String)>,
    /// The mapping in force, once read; `None` when it cannot be used.
    pub mapping: Option<Arc<Mapping>>,
}

impl Mapped {
    /// Builds the mapping from the preset and `over` (the inline or fetched
    /// `backend.mapping`), adding its problems to `problems`.
    pub fn build(&mut self, over: &Value, problems: &mut Vec<Problem>) {
        let names: Vec<String> = self.params.iter().map(|(k, _)| k.clone()).collect();
        match mapping::build(self.preset.as_deref(), over, &names) {
            Ok((m, found)) => {
                problems.extend(found);
                self.mapping = Some(Arc::new(m));
            }
            Err(found) => {
                problems.extend(found);
                self.mapping = None;
            }
        }
    }
}

/// The validated configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The site's name, shown in the header and the page titles.
    pub site_name: String,
    /// The interface language of a first visit.
    pub default_locale: String,
    /// The interface languages offered.
    pub locales: Vec<String>,
    /// IANA time zone in which dates are shown.
    pub time_zone: String,
    /// Which backend to read from.
    pub backend: BackendKind,
    /// The backend's root URL, absolute or relative to the page.
    pub base_url: String,
    /// How long a backend request may take, in milliseconds.
    pub timeout_ms: u32,
    /// Where a WordPress site's CAPTCHA challenges come from (the contract's
    /// `GET captcha`), if it has any.
    pub captcha_url: Option<String>,
    /// Whether commenters must give an email address.
    pub require_email: bool,
    /// How many comments a page of the thread shows.
    pub comments_per_page: u32,
    /// How many articles a page of a listing (home, group, search) shows.
    pub articles_per_page: u32,
    /// A mapped backend's preset, mapping and params.
    pub mapped: Option<Mapped>,
}

pub use crate::model::paging::MAX_PER_PAGE;

impl Default for Config {
    fn default() -> Self {
        Self {
            site_name: "Newsfront".into(),
            default_locale: "en".into(),
            locales: vec!["en".into(), "fa".into()],
            time_zone: "Asia/Tehran".into(),
            backend: BackendKind::Demo,
            base_url: "api/".into(),
            timeout_ms: 8000,
            captcha_url: None,
            require_email: false,
            comments_per_page: 50,
            articles_per_page: crate::model::paging::ARTICLES_PER_PAGE,
            mapped: None,
        }
    }
}

/// How the configuration was obtained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// config.json was read (possibly with problems, see [`Loaded::problems`]).
    File,
    /// There is no config.json; the demo runs.
    Missing,
}

/// The configuration together with how it was obtained and what was wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The configuration in force.
    pub config: Config,
    /// Where it came from.
    pub source: Source,
    /// What was wrong with the file.
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// Whether the demo runs because the configured backend could not be used.
    pub fn fell_back_to_demo(&self) -> bool {
        match self.source {
            Source::File => self.problems.iter().any(|p| {
                matches!(p, Problem::Syntax { .. })
                    || matches!(p, Problem::BadValue { path, .. } | Problem::WrongType { path, .. } if path == "backend.kind")
            }) || (self.config.backend == BackendKind::Mapped
                && self.config.mapped.as_ref().is_none_or(|m| m.mapping.is_none())),
            Source::Missing => true,
        }
    }
}

/// Parses and validates the text of config.json.
pub fn parse(text: &str) -> (Config, Vec<Problem>) {
    let mut config = Config::default();
    let mut problems = Vec::new();
    let root = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => map,
        Ok(_) => {
            problems.push(Problem::WrongType {
                path: "(top level)".into(),
                expected: Expected::Object,
            });
            return (config, problems);
        }
        Err(e) => {
            problems.push(Problem::Syntax {
                detail: e.to_string(),
            });
            return (config, problems);
        }
    };
    let mut v = Validator {
        problems: &mut problems,
    };
    let mut mapped = Mapped {
        preset: None,
        source: MappingSource::Preset,
        params: Vec::new(),
        mapping: None,
    };
    for (key, value) in &root {
        match key.as_str() {
            "site" => v.section(key, value, |v, k, val| match k {
                "name" => v.string(&mut config.site_name, "site.name", val),
                "default_locale" => {
                    v.locale(&mut config.default_locale, "site.default_locale", val)
                }
                "locales" => v.locales(&mut config.locales, val),
                "time_zone" => v.string(&mut config.time_zone, "site.time_zone", val),
                _ => v.unknown(format!("site.{k}")),
            }),
            "backend" => v.section(key, value, |v, k, val| match k {
                "kind" => v.kind(&mut config.backend, val),
                "base_url" => v.string(&mut config.base_url, "backend.base_url", val),
                "timeout_ms" => v.number(
                    &mut config.timeout_ms,
                    "backend.timeout_ms",
                    val,
                    100..=u32::MAX,
                ),
                "captcha_url" => {
                    let mut url = String::new();
                    v.string(&mut url, "backend.captcha_url", val);
                    config.captcha_url = Some(url).filter(|u| !u.is_empty());
                }
                "preset" => {
                    let mut name = String::new();
                    v.string(&mut name, "backend.preset", val);
                    mapped.preset = Some(name).filter(|n| !n.is_empty());
                }
                "mapping" => match val {
                    Value::Object(_) => mapped.source = MappingSource::Inline(val.clone()),
                    Value::String(u) if !u.trim().is_empty() => {
                        mapped.source = MappingSource::Url(u.trim().to_owned());
                    }
                    _ => v.wrong("backend.mapping".into(), Expected::Object),
                },
                "params" => v.section("backend.params", val, |v, name, p| match p {
                    Value::String(s) => mapped.params.push((name.to_owned(), s.clone())),
                    _ => v.wrong(format!("backend.params.{name}"), Expected::Text),
                }),
                _ => v.unknown(format!("backend.{k}")),
            }),
            "comments" => v.section(key, value, |v, k, val| match k {
                "require_email" => {
                    v.boolean(&mut config.require_email, "comments.require_email", val)
                }
                "per_page" => v.number(
                    &mut config.comments_per_page,
                    "comments.per_page",
                    val,
                    1..=MAX_PER_PAGE,
                ),
                _ => v.unknown(format!("comments.{k}")),
            }),
            "articles" => v.section(key, value, |v, k, val| match k {
                "per_page" => v.number(
                    &mut config.articles_per_page,
                    "articles.per_page",
                    val,
                    1..=MAX_PER_PAGE,
                ),
                _ => v.unknown(format!("articles.{k}")),
            }),
            _ => v.unknown(key.clone()),
        }
    }
    if config.backend == BackendKind::Mapped {
        match &mapped.source {
            MappingSource::Url(_) => {} // read once fetched (api::settings)
            MappingSource::Inline(over) => {
                let over = over.clone();
                mapped.build(&over, &mut problems);
            }
            MappingSource::Preset => mapped.build(&Value::Null, &mut problems),
        }
        config.mapped = Some(mapped);
    }
    if !config.locales.contains(&config.default_locale) {
        problems.push(Problem::BadValue {
            path: "site.default_locale".into(),
            value: config.default_locale.clone(),
        });
        config.default_locale = config.locales[0].clone();
    }
    (config, problems)
}

/// The interface languages this build has words for.
pub const SUPPORTED_LOCALES: [&str; 2] = ["en", "fa"];

struct Validator<'a> {
    problems: &'a mut Vec<Problem>,
}

impl Validator<'_> {
    fn section(
        &mut self,
        name: &str,
        value: &Value,
        mut each: impl FnMut(&mut Self, &str, &Value),
    ) {
        match value {
            Value::Object(map) => {
                for (k, val) in map {
                    each(self, k, val);
                }
            }
            _ => self.wrong(name.to_owned(), Expected::Object),
        }
    }

    fn unknown(&mut self, path: String) {
        self.problems.push(Problem::UnknownKey { path });
    }

    fn wrong(&mut self, path: String, expected: Expected) {
        self.problems.push(Problem::WrongType { path, expected });
    }

    fn bad(&mut self, path: &str, value: impl Into<String>) {
        self.problems.push(Problem::BadValue {
            path: path.into(),
            value: value.into(),
        });
    }

    fn string(&mut self, slot: &mut String, path: &str, value: &Value) {
        match value {
            Value::String(s) if !s.trim().is_empty() => *slot = s.trim().to_owned(),
            Value::String(_) => self.bad(path, ""),
            _ => self.wrong(path.into(), Expected::Text),
        }
    }

    fn boolean(&mut self, slot: &mut bool, path: &str, value: &Value) {
        match value {
            Value::Bool(b) => *slot = *b,
            _ => self.wrong(path.into(), Expected::Bool),
        }
    }

    fn number(
        &mut self,
        slot: &mut u32,
        path: &str,
        value: &Value,
        range: std::ops::RangeInclusive<u32>,
    ) {
        match value.as_u64().map(u32::try_from) {
            Some(Ok(n)) if range.contains(&n) => *slot = n,
            Some(_) => self.bad(path, value.to_string()),
            None if value.is_number() => self.bad(path, value.to_string()),
            None => self.wrong(path.into(), Expected::Number),
        }
    }

    fn locale(&mut self, slot: &mut String, path: &str, value: &Value) {
        match value {
            Value::String(s) if SUPPORTED_LOCALES.contains(&s.as_str()) => *slot = s.clone(),
            Value::String(s) => self.bad(path, s.clone()),
            _ => self.wrong(path.into(), Expected::Locale),
        }
    }

    fn locales(&mut self, slot: &mut Vec<String>, value: &Value) {
        let Value::Array(items) = value else {
            return self.wrong("site.locales".into(), Expected::Locales);
        };
        let mut out = Vec::new();
        for item in items {
            match item.as_str() {
                Some(s) if SUPPORTED_LOCALES.contains(&s) => {
                    if !out.iter().any(|o: &String| o == s) {
                        out.push(s.to_owned());
                    }
                }
                Some(s) => self.bad("site.locales", s),
                None => self.wrong("site.locales".into(), Expected::Locales),
            }
        }
        if out.is_empty() {
            self.bad("site.locales", "[]");
        } else {
            *slot = out;
        }
    }

    fn kind(&mut self, slot: &mut BackendKind, value: &Value) {
        match value.as_str() {
            Some("demo") => *slot = BackendKind::Demo,
            Some("native") => *slot = BackendKind::Native,
            Some("wordpress") => *slot = BackendKind::WordPress,
            Some("mapped") => *slot = BackendKind::Mapped,
            Some(other) => self.bad("backend.kind", other),
            None => self.wrong("backend.kind".into(), Expected::Kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_file_is_read() {
        let (c, p) = parse(
            r#"{"site": {"name": "Science News", "default_locale": "fa", "locales": ["fa", "en"],
                         "time_zone": "Europe/Berlin"},
                "backend": {"kind": "native", "base_url": "https://api.example.org/v1/", "timeout_ms": 3000},
                "comments": {"require_email": true, "per_page": 20},
                "articles": {"per_page": 100}}"#,
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(c.articles_per_page, 100);
        assert_eq!(c.site_name, "Science News");
        assert_eq!(c.default_locale, "fa");
        assert_eq!(c.locales, ["fa", "en"]);
        assert_eq!(c.time_zone, "Europe/Berlin");
        assert_eq!(c.backend, BackendKind::Native);
        assert_eq!(c.base_url, "https://api.example.org/v1/");
        assert_eq!(c.timeout_ms, 3000);
        assert!(c.require_email);
        assert_eq!(c.comments_per_page, 20);
    }

    #[test]
    fn wordpress_with_a_captcha_endpoint() {
        let (c, p) = parse(
            r#"{"backend": {"kind": "wordpress", "base_url": "https://x.org/wp-json/",
                "captcha_url": "https://x.org/captcha"}}"#,
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(c.backend, BackendKind::WordPress);
        assert_eq!(c.captcha_url.as_deref(), Some("https://x.org/captcha"));
    }

    #[test]
    fn page_sizes_stay_within_what_the_contract_allows() {
        for bad in ["0", "101", "-1", "2.5"] {
            let (c, p) = parse(&format!(
                r#"{{"articles": {{"per_page": {bad}}}, "comments": {{"per_page": {bad}}}}}"#
            ));
            assert_eq!(c.articles_per_page, 10, "{bad}");
            assert_eq!(c.comments_per_page, 50, "{bad}");
            let paths: Vec<_> = p
                .iter()
                .map(|x| match x {
                    Problem::BadValue { path, .. } => path.as_str(),
                    other => panic!("{other:?}"),
                })
                .collect();
            assert_eq!(paths, ["articles.per_page", "comments.per_page"], "{bad}");
        }
    }

    #[test]
    fn empty_object_gives_defaults() {
        assert_eq!(parse("{}"), (Config::default(), vec![]));
    }

    #[test]
    fn bad_json_is_a_syntax_problem_and_demo() {
        let (c, p) = parse(r#"{"site": {"name": 5}"#);
        assert_eq!(c, Config::default());
        assert!(matches!(p.as_slice(), [Problem::Syntax { detail }] if detail.contains("line 1")));
        let loaded = Loaded {
            config: c,
            source: Source::File,
            problems: p,
        };
        assert!(loaded.fell_back_to_demo());
    }

    #[test]
    fn each_problem_is_reported_by_path() {
        let (c, p) = parse(
            r#"{"site": {"name": 5, "colour": "red"}, "backend": {"kind": "mystery", "timeout_ms": "fast"},
                "comments": {"per_page": 0}, "extra": 1}"#,
        );
        assert_eq!(c.site_name, Config::default().site_name);
        assert_eq!(c.backend, BackendKind::Demo);
        let want = [
            Problem::WrongType {
                path: "site.name".into(),
                expected: Expected::Text,
            },
            Problem::UnknownKey {
                path: "site.colour".into(),
            },
            Problem::BadValue {
                path: "backend.kind".into(),
                value: "mystery".into(),
            },
            Problem::WrongType {
                path: "backend.timeout_ms".into(),
                expected: Expected::Number,
            },
            Problem::BadValue {
                path: "comments.per_page".into(),
                value: "0".into(),
            },
            Problem::UnknownKey {
                path: "extra".into(),
            },
        ];
        for w in &want {
            assert!(p.contains(w), "missing {w:?} in {p:?}");
        }
        assert_eq!(p.len(), want.len());
    }

    #[test]
    fn unknown_key_alone_keeps_the_configured_backend() {
        let (c, p) = parse(r#"{"backend": {"kind": "native", "base_url": "/api/", "retries": 3}}"#);
        assert_eq!(c.backend, BackendKind::Native);
        let loaded = Loaded {
            config: c,
            source: Source::File,
            problems: p,
        };
        assert!(!loaded.fell_back_to_demo());
        assert_eq!(loaded.problems.len(), 1);
    }

    #[test]
    fn default_locale_outside_locales_is_corrected() {
        let (c, p) = parse(r#"{"site": {"default_locale": "fa", "locales": ["en"]}}"#);
        assert_eq!(c.default_locale, "en");
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn unsupported_locale_is_reported() {
        let (c, p) = parse(r#"{"site": {"locales": ["en", "de"], "default_locale": "de"}}"#);
        assert_eq!(c.locales, ["en"]);
        assert!(p.contains(&Problem::BadValue {
            path: "site.locales".into(),
            value: "de".into()
        }));
    }

    #[test]
    fn a_mapped_backend_reads_its_preset_mapping_and_params() {
        let (c, p) = parse(
            r#"{"backend": {"kind": "mapped", "preset": "ghost", "base_url": "https://news.example/",
                "params": {"key": "abc123"},
                "mapping": {"list": {"paging": {"max_per_page": 15}}}}}"#,
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(c.backend, BackendKind::Mapped);
        let mapped = c.mapped.expect("mapped settings");
        assert_eq!(mapped.params, [("key".to_owned(), "abc123".to_owned())]);
        let m = mapped.mapping.expect("a usable mapping");
        assert_eq!(
            m.list.paging.max_per_page, 15,
            "the inline mapping goes over the preset"
        );
        assert!(m.article.is_some());
    }

    #[test]
    fn an_unusable_mapping_is_named_by_its_path_and_the_demo_runs() {
        let (c, p) = parse(
            r#"{"backend": {"kind": "mapped", "preset": "ghost",
                "mapping": {"list": {"fields": {"title": "title"}}}, "params": {"key": 5}}}"#,
        );
        assert!(p.contains(&Problem::BadValue {
            path: "backend.mapping.list.fields.title".into(),
            value: "title".into()
        }));
        assert!(p.contains(&Problem::WrongType {
            path: "backend.params.key".into(),
            expected: Expected::Text
        }));
        let loaded = Loaded {
            config: c,
            source: Source::File,
            problems: p,
        };
        assert!(loaded.fell_back_to_demo());
        let (c, _) = parse(r#"{"backend": {"kind": "mapped", "mapping": "mappings/site.json"}}"#);
        let mapped = c.mapped.expect("mapped");
        assert_eq!(
            mapped.source,
            MappingSource::Url("mappings/site.json".into())
        );
        assert!(mapped.mapping.is_none(), "read once fetched");
    }
}
