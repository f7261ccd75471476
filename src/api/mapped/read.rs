//! Reading one answer through a mapping: JSON Pointers with fallbacks, joins,
//! dates and bodies, into the app's types. Pure, so it is tested natively
//! and fed random answers (tests/mapping.rs): any answer gives a value or a
//! typed error naming the pointer and the request, never a panic.

use super::body;
use crate::api::ApiError;
use crate::mapping::{BodyFormat, DateFormat, Nested, Pointers, Record, Resource};
use crate::model::comment::Captcha;
use crate::model::{
    Article, ArticleSummary, Comment, CommentId, Group, GroupRef, GroupSlug, Image, NewsCode,
};
use chrono::{DateTime, FixedOffset, Utc};
use serde_json::Value;

/// One answer being read: the whole body, the request it answers (for
/// error messages) and the address relative addresses are resolved against.
pub struct Answer<'a> {
    /// The whole body.
    pub root: &'a Value,
    /// The request, as "GET <url>".
    pub what: &'a str,
    /// Where relative image addresses point from.
    pub base: &'a str,
    /// The API's root (`backend.base_url`), for an image's `url_prefix`.
    pub api: &'a str,
}

/// `path` from a mapping against the API's root: itself when absolute, the
/// root when empty (a feed's own address).
pub fn locate(base: &str, path: &str) -> String {
    let absolute = path.starts_with("http://") || path.starts_with("https://");
    match path {
        "" => base.to_owned(),
        p if absolute => p.to_owned(),
        p => crate::api::wire::join(base, p),
    }
}

/// The first value other than `null` that one of `pointers` finds in `v`.
pub fn first<'v>(v: &'v Value, pointers: &Pointers) -> Option<&'v Value> {
    found(v, pointers).map(|(x, _)| x)
}

/// [`first`], with the pointer that found it (for error messages).
fn found<'v, 'p>(v: &'v Value, pointers: &'p Pointers) -> Option<(&'v Value, &'p str)> {
    pointers.0.iter().find_map(|p| {
        v.pointer(p)
            .filter(|x| !x.is_null())
            .map(|x| (x, p.as_str()))
    })
}

/// A value as text: a string as it is, a number or boolean written out.
pub fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn as_count(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Reads a date as `format` says; an RFC 3339 date without an offset is UTC.
pub fn date(v: &Value, format: DateFormat) -> Option<DateTime<FixedOffset>> {
    let utc = |t: DateTime<Utc>| t.fixed_offset();
    match format {
        DateFormat::Rfc3339 => {
            // RFC 3339 as it is; else the ISO 8601 forms APIs write without
            // an offset (UTC), with a space for the T, or a date alone. Made
            // into RFC 3339 rather than parsed with a format string, whose
            // parser would add about 15 KB to the wasm.
            let s = v.as_str()?.trim();
            let mut t = s.replacen(' ', "T", 1);
            if t.len() == 10 {
                t.push_str("T00:00:00");
            }
            DateTime::parse_from_rfc3339(&t).ok().or_else(|| {
                t.push('Z');
                DateTime::parse_from_rfc3339(&t).ok()
            })
        }
        DateFormat::UnixSeconds | DateFormat::UnixMillis => {
            let n = match v {
                Value::Number(n) => n.as_i64()?,
                Value::String(s) => s.trim().parse().ok()?,
                _ => return None,
            };
            let ms = if format == DateFormat::UnixSeconds {
                n.checked_mul(1000)?
            } else {
                n
            };
            DateTime::<Utc>::from_timestamp_millis(ms).map(utc)
        }
    }
}

/// `url` made absolute against `base` (an API's relative upload paths);
/// left as it is when `base` is itself relative.
pub fn resolve(url: &str, base: &str) -> String {
    let url = url.trim();
    let has_scheme = url.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme {
        return url.to_owned();
    }
    let Some((scheme, rest)) = base.split_once("://") else {
        return url.to_owned();
    };
    if let Some(r) = url.strip_prefix("//") {
        return format!("{scheme}://{r}");
    }
    let host_end = rest.find('/').unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    if url.starts_with('/') {
        return format!("{origin}{url}");
    }
    let path = &rest[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = if dir.is_empty() { "/" } else { dir };
    format!("{origin}{dir}{url}")
}

impl Answer<'_> {
    fn unfit(&self, pointer: &str, why: &str) -> ApiError {
        ApiError::Decode {
            what: self.what.to_owned(),
            detail: format!("{pointer}: {why}"),
        }
    }

    fn missing(&self, prefix: &str, p: &Pointers) -> ApiError {
        ApiError::Decode {
            what: self.what.to_owned(),
            detail: format!("no {prefix}{}", p.first()),
        }
    }

    /// The list of items at `items`: an array, or one object as a list of one.
    ///
    /// # Errors
    /// [`ApiError::Decode`] naming the pointer when there is no list there.
    pub fn items(&self, items: &Pointers) -> Result<(Vec<&Value>, String), ApiError> {
        let Some((list, at)) = found(self.root, items) else {
            return Err(self.missing("", items));
        };
        match list {
            Value::Array(all) => Ok((all.iter().collect(), at.to_owned())),
            Value::Object(_) => Ok((vec![list], at.to_owned())),
            _ => Err(self.unfit(at, "not a list")),
        }
    }

    /// The one item at `item`: absent (an empty list where it should be) is
    /// [`ApiError::NotFound`].
    ///
    /// # Errors
    /// [`ApiError::NotFound`], or [`ApiError::Decode`] naming the pointer.
    pub fn item(&self, item: &Pointers) -> Result<(&Value, String), ApiError> {
        if let Some((v, at)) = found(self.root, item) {
            return Ok((v, at.to_owned()));
        }
        // "/data/0" in {"data": []}: the API found nothing.
        let parent_is_list = item.0.iter().any(|p| {
            let parent = p.rfind('/').map_or("", |i| &p[..i]);
            self.root.pointer(parent).is_some_and(Value::is_array)
        });
        if parent_is_list {
            Err(ApiError::NotFound)
        } else {
            Err(self.missing("", item))
        }
    }

    fn text(&self, item: &Value, fields: &Record, name: &str) -> Option<String> {
        fields
            .get(name)
            .and_then(|p| first(item, p))
            .and_then(as_text)
            .filter(|s| !s.trim().is_empty())
    }

    fn required(
        &self,
        item: &Value,
        at: &str,
        fields: &Record,
        name: &str,
    ) -> Result<String, ApiError> {
        let p = fields.get(name).cloned().unwrap_or_default();
        first(item, &p)
            .and_then(as_text)
            .ok_or_else(|| self.missing(at, &p))
    }

    fn when(
        &self,
        item: &Value,
        at: &str,
        fields: &Record,
        name: &str,
        format: DateFormat,
    ) -> Result<Option<DateTime<FixedOffset>>, ApiError> {
        let Some(p) = fields.get(name) else {
            return Ok(None);
        };
        match first(item, p) {
            None => Ok(None),
            Some(v) => date(v, format)
                .map(Some)
                .ok_or_else(|| self.unfit(&format!("{at}{}", p.first()), "not a date")),
        }
    }

    /// The values a nested field names, each with its related record when
    /// joined: (record, reference), the reference being the value itself
    /// when there is no join.
    fn related<'v>(&'v self, item: &'v Value, n: &Nested) -> Vec<(&'v Value, &'v Value)> {
        let found: Vec<&Value> = match first(item, &n.at) {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(v) => vec![v],
            None => Vec::new(),
        };
        let Some(join) = &n.join else {
            return found.into_iter().map(|v| (v, v)).collect();
        };
        let Some(Value::Array(pool)) = first(self.root, &join.within) else {
            return Vec::new();
        };
        found
            .into_iter()
            .filter_map(|r| {
                let rec = pool.iter().find(|rec| {
                    join.refs.iter().zip(&join.on).all(|(in_ref, in_rec)| {
                        let a = first(r, in_ref);
                        a.is_some() && a == first(rec, in_rec)
                    })
                })?;
                Some((rec, r))
            })
            .collect()
    }

    /// A nested field's value: from the record, else from the reference
    /// (JSON:API keeps an image's alt text in the reference's `meta`).
    fn nested_value<'v>(
        (rec, r): (&'v Value, &'v Value),
        n: &Nested,
        name: &str,
    ) -> Option<&'v Value> {
        let p = n.fields.iter().find(|(f, _)| f == name).map(|(_, p)| p)?;
        first(rec, p).or_else(|| first(r, p))
    }

    fn nested_text(v: (&Value, &Value), n: &Nested, name: &str) -> Option<String> {
        Self::nested_value(v, n, name)
            .and_then(as_text)
            .filter(|s| !s.trim().is_empty())
    }

    fn groups(&self, item: &Value, fields: &Record) -> Vec<GroupRef> {
        let Some(n) = fields.nested("groups") else {
            return Vec::new();
        };
        let mut out: Vec<GroupRef> = Vec::new();
        for g in self.related(item, n) {
            let Some(slug) = Self::nested_text(g, n, "slug") else {
                continue;
            };
            if out.iter().any(|o| o.slug.as_str() == slug) {
                continue;
            }
            let name = Self::nested_text(g, n, "name").unwrap_or_else(|| slug.clone());
            out.push(GroupRef {
                slug: GroupSlug::new(slug),
                name,
            });
        }
        out
    }

    fn image(&self, item: &Value, fields: &Record) -> Option<Image> {
        let n = fields.nested("image")?;
        let v = self.related(item, n).into_iter().next()?;
        let url = Self::nested_text(v, n, "url")?;
        let size = |name| {
            Self::nested_value(v, n, name)
                .and_then(as_count)
                .and_then(|x| u32::try_from(x).ok())
        };
        let url = match &n.url_prefix {
            Some(prefix) => locate(self.api, &format!("{prefix}{url}")),
            None => resolve(&url, self.base),
        };
        Some(Image {
            url,
            alt: Self::nested_text(v, n, "alt").unwrap_or_default(),
            caption: Self::nested_text(v, n, "caption"),
            width: size("width"),
            height: size("height"),
        })
    }

    /// An item as an article (`body_html` empty when the resource has no body).
    ///
    /// # Errors
    /// [`ApiError::Decode`] naming the first required field that is missing
    /// or unreadable, with the request.
    pub fn article(&self, item: &Value, at: &str, r: &Resource) -> Result<Article, ApiError> {
        let f = &r.fields;
        let code = self.required(item, at, f, "code")?;
        let title = self.required(item, at, f, "title")?;
        let published_at = self
            .when(item, at, f, "published_at", r.dates)?
            .ok_or_else(|| {
                self.missing(at, f.get("published_at").unwrap_or(&Pointers::default()))
            })?;
        let count = |name| f.get(name).and_then(|p| first(item, p)).and_then(as_count);
        let body_html = match f.get("body").and_then(|p| first(item, p)) {
            Some(v) => body::html(v, r.body).ok_or_else(|| {
                self.unfit(
                    &format!("{at}{}", f.get("body").map_or("", Pointers::first)),
                    "not a body",
                )
            })?,
            None => f
                .get("body_text")
                .and_then(|p| first(item, p))
                .and_then(|v| body::html(v, BodyFormat::Text))
                .unwrap_or_default(),
        };
        let comments_open = match f.get("comments_open").and_then(|p| first(item, p)) {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => !matches!(s.as_str(), "closed" | "false" | "0"),
            _ => false,
        };
        Ok(Article {
            summary: ArticleSummary {
                code: NewsCode::new(code),
                title,
                lead: self.text(item, f, "lead"),
                published_at,
                updated_at: self.when(item, at, f, "updated_at", r.dates)?,
                groups: self.groups(item, f),
                views: count("views"),
                reading_minutes: count("reading_minutes").and_then(|m| u32::try_from(m).ok()),
                comment_count: count("comment_count"),
                image: self.image(item, f),
                language: self.text(item, f, "language"),
            },
            body_html,
            author: self.text(item, f, "author"),
            source: self.text(item, f, "source"),
            comments_open,
            password_protected: false,
        })
    }

    /// An item as a news group.
    ///
    /// # Errors
    /// [`ApiError::Decode`] when it has no slug.
    pub fn group(&self, item: &Value, at: &str, r: &Resource) -> Result<Group, ApiError> {
        let f = &r.fields;
        let slug = self.required(item, at, f, "slug")?;
        Ok(Group {
            name: self.text(item, f, "name").unwrap_or_else(|| slug.clone()),
            slug: GroupSlug::new(slug),
            description: self.text(item, f, "description"),
            parent: self.text(item, f, "parent").map(GroupSlug::new),
            article_count: f
                .get("article_count")
                .and_then(|p| first(item, p))
                .and_then(as_count),
        })
    }
}

impl Answer<'_> {
    /// An item as a comment: its body plain text (HTML read as text).
    ///
    /// # Errors
    /// [`ApiError::Decode`] naming the first required field that is missing
    /// or unreadable, with the request.
    pub fn comment(&self, item: &Value, at: &str, r: &Resource) -> Result<Comment, ApiError> {
        let f = &r.fields;
        let body = self.required(item, at, f, "body")?;
        let created_at = self
            .when(item, at, f, "created_at", r.dates)?
            .ok_or_else(|| self.missing(at, f.get("created_at").unwrap_or(&Pointers::default())))?;
        Ok(Comment {
            id: CommentId::new(self.required(item, at, f, "id")?),
            parent_id: self.text(item, f, "parent_id").map(CommentId::new),
            author_name: self.required(item, at, f, "author_name")?,
            body: match r.body {
                BodyFormat::Html => crate::api::wordpress::wire::html_to_text(&body),
                _ => body,
            },
            created_at,
        })
    }

    /// An item as a CAPTCHA challenge (its image address resolved against
    /// the request's).
    ///
    /// # Errors
    /// [`ApiError::Decode`] naming the first required field that is missing.
    pub fn captcha(&self, item: &Value, at: &str, r: &Resource) -> Result<Captcha, ApiError> {
        let f = &r.fields;
        let size = |name| {
            f.get(name)
                .and_then(|p| first(item, p))
                .and_then(as_count)
                .and_then(|x| u32::try_from(x).ok())
        };
        let image = self.required(item, at, f, "image")?;
        Ok(Captcha {
            id: CommentId::new(self.required(item, at, f, "id")?),
            image: if image.trim_start().starts_with("data:") {
                image
            } else {
                resolve(&image, self.base)
            },
            width: size("width"),
            height: size("height"),
            audio: self.text(item, f, "audio").map(|a| resolve(&a, self.base)),
            expires_at: self.when(item, at, f, "expires_at", r.dates)?,
        })
    }
}

/// The total a list answer gives (body or header).
pub fn total(root: &Value, header: Option<&str>, pointers: Option<&Pointers>) -> Option<u64> {
    pointers
        .and_then(|p| first(root, p))
        .and_then(as_count)
        .or_else(|| header.and_then(|h| h.trim().parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::read;
    use serde_json::json;

    #[test]
    fn dates_in_each_format() {
        let d = |v: Value, f| date(&v, f).map(|d| d.to_rfc3339());
        let want = Some("2024-03-01T10:00:00+00:00".to_owned());
        assert_eq!(d(json!("2024-03-01T10:00:00Z"), DateFormat::Rfc3339), want);
        assert_eq!(d(json!("2024-03-01T10:00:00"), DateFormat::Rfc3339), want);
        assert_eq!(d(json!("2024-03-01 10:00:00"), DateFormat::Rfc3339), want);
        assert_eq!(
            d(json!("2024-03-01T10:00:00.000Z"), DateFormat::Rfc3339),
            want
        );
        assert_eq!(d(json!(1_709_287_200), DateFormat::UnixSeconds), want);
        assert_eq!(d(json!("1709287200"), DateFormat::UnixSeconds), want);
        assert_eq!(
            d(json!(1_709_287_200_000_i64), DateFormat::UnixMillis),
            want
        );
        assert_eq!(
            d(json!("2024-03-01T13:30:00+03:30"), DateFormat::Rfc3339).as_deref(),
            Some("2024-03-01T13:30:00+03:30")
        );
        assert_eq!(d(json!("yesterday"), DateFormat::Rfc3339), None);
        assert_eq!(d(json!(i64::MAX), DateFormat::UnixSeconds), None);
        assert_eq!(d(json!(true), DateFormat::UnixMillis), None);
    }

    #[test]
    fn relative_addresses_resolve_against_the_api() {
        let base = "https://cms.example.org/api/";
        assert_eq!(
            resolve("/uploads/a.jpg", base),
            "https://cms.example.org/uploads/a.jpg"
        );
        assert_eq!(resolve("b.jpg", base), "https://cms.example.org/api/b.jpg");
        assert_eq!(
            resolve("//cdn.example/x.png", base),
            "https://cdn.example/x.png"
        );
        assert_eq!(resolve("https://x.org/y", base), "https://x.org/y");
        assert_eq!(resolve("/u/a.jpg", "api/"), "/u/a.jpg");
        assert_eq!(resolve("a.jpg", "http://h:8080"), "http://h:8080/a.jpg");
    }

    fn resource() -> Resource {
        let spec = json!({"list": {
            "request": {"url": "x"},
            "items": "/data",
            "fields": {
                "code": "/id", "title": ["/headline", "/title"], "published_at": "/date",
                "lead": "/lead", "body": "/html",
                "groups": {"at": "/rel/tags", "join": {"within": "/included", "on": ["/type", "/id"]},
                           "slug": "/attributes/slug", "name": "/attributes/name"},
                "image": {"at": "/cover", "url": "/url", "alt": "/alt", "width": "/w"}
            }
        }});
        read(&spec, &[], "m").expect("valid").0.list
    }

    #[test]
    fn an_item_with_fallbacks_joins_and_a_relative_image() {
        let root = json!({
            "data": [{"id": 7, "title": "T", "date": "2024-03-01T10:00:00Z", "lead": "",
                      "html": "<p>x</p>",
                      "rel": {"tags": [{"type": "tag", "id": "a"}, {"type": "tag", "id": "zz"}]},
                      "cover": {"url": "/up/c.jpg", "alt": "A cat", "w": "640"}}],
            "included": [{"type": "tag", "id": "a", "attributes": {"slug": "science", "name": "Science"}},
                         {"type": "user", "id": "zz", "attributes": {"slug": "no"}}]
        });
        let answer = Answer {
            root: &root,
            what: "GET https://h/api/x",
            base: "https://h/api/",
            api: "https://h/api/",
        };
        let r = resource();
        let (items, at) = answer.items(&r.list_items()).expect("list");
        let a = answer
            .article(items[0], &format!("{at}/0"), &r)
            .expect("article");
        assert_eq!(a.summary.code.as_str(), "7");
        assert_eq!(a.summary.title, "T");
        assert_eq!(a.summary.lead, None, "an empty lead is no lead");
        assert_eq!(
            a.summary.groups,
            [GroupRef {
                slug: GroupSlug::new("science"),
                name: "Science".into()
            }]
        );
        let img = a.summary.image.expect("image");
        assert_eq!(
            (img.url.as_str(), img.alt.as_str(), img.width),
            ("https://h/up/c.jpg", "A cat", Some(640))
        );
        assert_eq!(a.body_html, "<p>x</p>");
    }

    #[test]
    fn a_missing_field_names_the_pointer_and_the_request() {
        let root = json!({"data": [{"id": 1, "date": "2024-03-01T10:00:00Z"}]});
        let answer = Answer {
            root: &root,
            what: "GET https://h/x",
            base: "",
            api: "",
        };
        let r = resource();
        let (items, at) = answer.items(&r.list_items()).expect("list");
        let e = answer
            .article(items[0], &format!("{at}/0"), &r)
            .expect_err("no title");
        assert_eq!(
            e.to_string(),
            "unreadable GET https://h/x: no /data/0/headline"
        );
        let bad_date = json!({"data": [{"id": 1, "title": "T", "date": "soon"}]});
        let answer = Answer {
            root: &bad_date,
            what: "GET u",
            base: "",
            api: "",
        };
        let (items, _) = answer.items(&r.list_items()).expect("list");
        let e = answer
            .article(items[0], "/data/0", &r)
            .expect_err("bad date");
        assert_eq!(e.to_string(), "unreadable GET u: /data/0/date: not a date");
        let none = json!({"other": 1});
        let answer = Answer {
            root: &none,
            what: "GET u",
            base: "",
            api: "",
        };
        assert_eq!(
            answer
                .items(&r.list_items())
                .map(|_| ())
                .expect_err("no list")
                .to_string(),
            "unreadable GET u: no /data"
        );
    }

    #[test]
    fn an_empty_list_where_the_item_should_be_is_not_found() {
        let root = json!({"data": []});
        let answer = Answer {
            root: &root,
            what: "GET u",
            base: "",
            api: "",
        };
        let p = Pointers(vec!["/data/0".into()]);
        assert_eq!(answer.item(&p).map(|_| ()), Err(ApiError::NotFound));
        let root = json!({"nothing": 1});
        let answer = Answer {
            root: &root,
            what: "GET u",
            base: "",
            api: "",
        };
        assert!(matches!(answer.item(&p), Err(ApiError::Decode { .. })));
    }

    #[test]
    fn a_joined_field_falls_back_to_the_reference_and_a_prefix_makes_an_address() {
        let spec = json!({"list": {
            "request": {"url": "x"}, "items": "/data",
            "fields": {"code": "/id", "title": "/t", "published_at": "/d", "body": "/b",
                "image": {"at": "/rel/img", "join": {"within": "/included", "on": "/id"},
                          "url": "/uri/url", "alt": "/meta/alt"}}}});
        let r = read(&spec, &[], "m").expect("valid").0.list;
        let root = json!({"data": [{"id": 1, "t": "T", "d": "2024-03-01", "b": "",
                                    "rel": {"img": {"id": "f1", "meta": {"alt": "From the reference"}}}}],
                          "included": [{"id": "f1", "uri": {"url": "/files/a.jpg"}}]});
        let answer = Answer {
            root: &root,
            what: "GET u",
            base: "https://h/api/x",
            api: "https://h/api/",
        };
        let a = answer
            .article(&root["data"][0], "/data/0", &r)
            .expect("article");
        let img = a.summary.image.expect("image");
        assert_eq!(
            (img.url.as_str(), img.alt.as_str()),
            ("https://h/files/a.jpg", "From the reference")
        );

        let spec = json!({"list": {
            "request": {"url": "items/x"}, "items": "/data",
            "fields": {"code": "/id", "title": "/t", "published_at": "/d", "body": "/b",
                "image": {"url": "/image", "url_prefix": "assets/"}}}});
        let r = read(&spec, &[], "m").expect("valid").0.list;
        let root =
            json!({"data": [{"id": 1, "t": "T", "d": "2024-03-01", "b": "", "image": "5e1f"}]});
        let answer = Answer {
            root: &root,
            what: "GET u",
            base: "https://h/cms/items/x?p=1",
            api: "https://h/cms/",
        };
        let a = answer
            .article(&root["data"][0], "/data/0", &r)
            .expect("article");
        assert_eq!(
            a.summary.image.expect("image").url,
            "https://h/cms/assets/5e1f"
        );
    }

    impl Resource {
        fn list_items(&self) -> Pointers {
            self.items.clone()
        }
    }
}
