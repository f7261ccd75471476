//! The mapping format (docs/mapping.md): how a backend's JSON answers map onto
//! the app's groups and articles. It is read from JSON and checked key by key
//! like the rest of config.json, every problem named by its path. Nothing in
//! a mapping executes: it is URL templates, JSON Pointers (RFC 6901) and
//! named formats.

use crate::problem::{Expected, Problem};
use serde_json::{Map, Value};

/// Where a value is: JSON Pointers tried in order, the first that finds a
/// value other than `null` wins (`""` is the whole value).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pointers(pub Vec<String>);

impl Pointers {
    /// The first pointer, for error messages.
    pub fn first(&self) -> &str {
        self.0.first().map_or("", String::as_str)
    }
}

/// One piece of a [`Template`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Text(String),
    /// A `{name}` hole: a value the app or `backend.params` fills in.
    Hole(String),
}

/// Text with `{name}` holes; `{{` and `}}` stand for literal braces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template(pub Vec<Piece>);

impl Template {
    /// Reads a template; `None` when a brace is left open.
    pub fn parse(s: &str) -> Option<Self> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    let mut closed = false;
                    for c in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        name.push(c);
                    }
                    let ok = closed
                        && !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    if !ok {
                        return None;
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Hole(name));
                }
                '}' => return None,
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Some(Self(pieces))
    }

    /// The names of its holes.
    pub fn holes(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|p| match p {
            Piece::Hole(h) => Some(h.as_str()),
            Piece::Text(_) => None,
        })
    }

    /// Fills the holes, each value passed through `escape`; `None` when a
    /// hole has no value.
    pub fn render(
        &self,
        value: &dyn Fn(&str) -> Option<String>,
        escape: fn(&str) -> String,
    ) -> Option<String> {
        let mut out = String::new();
        for p in &self.0 {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Hole(h) => out.push_str(&escape(&value(h)?)),
            }
        }
        Some(out)
    }
}

/// A query parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryParam {
    /// Its name.
    pub name: String,
    /// Its value.
    pub value: QueryValue,
    /// Sent only when this value exists (`{"value": "title", "when": "q"}`).
    pub when: Option<String>,
}

/// A query parameter's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryValue {
    /// One template; the parameter is left out when a hole has no value.
    One(Template),
    /// The parts whose holes all have values, joined by `sep`; left out when
    /// none has (Ghost's `tag:x+title:~'y'`).
    Joined {
        /// What goes between the parts.
        sep: String,
        /// The parts, in order.
        parts: Vec<Template>,
    },
}

/// How to ask for a resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The address, relative to `backend.base_url` (or absolute); hole
    /// values are percent-encoded.
    pub url: Template,
    /// Query parameters, in order.
    pub query: Vec<QueryParam>,
    /// Request headers.
    pub headers: Vec<(String, Template)>,
}

/// How a list is paged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PagingStyle {
    /// `{page}` (1-based) and `{per_page}`.
    Page,
    /// `{offset}` (0-based) and `{per_page}`.
    Offset,
    /// Each answer names the next page's address (`next`).
    NextLink,
    /// Each answer carries a cursor (`next`) for `{cursor}` in the next request.
    Cursor,
    /// One answer holds the whole list.
    None,
}

/// Paging of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paging {
    /// The style.
    pub style: PagingStyle,
    /// Where the total is in the body.
    pub total: Option<Pointers>,
    /// The header that carries the total (`X-Total-Count`, say).
    pub total_header: Option<String>,
    /// Where the next page's address or cursor is in the body.
    pub next: Option<Pointers>,
    /// The most entries the API gives per page.
    pub max_per_page: u32,
}

/// How dates are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFormat {
    /// RFC 3339 / ISO 8601; without an offset it is UTC.
    Rfc3339,
    /// Seconds since 1970 (a number or a numeric string).
    UnixSeconds,
    /// Milliseconds since 1970.
    UnixMillis,
}

/// How an article body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    /// HTML (sanitised like every body).
    Html,
    /// Plain text: blank lines part paragraphs.
    Text,
    /// Strapi 5's blocks (JSON).
    StrapiBlocks,
    /// Lexical's rich text (JSON; Payload 3).
    Lexical,
    /// Markdown (a CMS's Markdown field; see api::mapped::markdown).
    Markdown,
}

/// Related records that arrive beside the items and are found by a key
/// (JSON:API's `included`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Join {
    /// Where the related records are, in the whole answer.
    pub within: Pointers,
    /// Where the keys are in a related record; all must be equal to the
    /// reference's.
    pub on: Vec<Pointers>,
    /// Where the same keys are in the reference (by default, where `on` says).
    pub refs: Vec<Pointers>,
}

/// A field made of several values (an article's groups, its image).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nested {
    /// Where the value or list of values is, in the record.
    pub at: Pointers,
    /// Where a value's record really is, when it is only a reference.
    pub join: Option<Join>,
    /// The values' own fields.
    pub fields: Vec<(String, Pointers)>,
    /// Text put before an image's url (an API that gives a file's id).
    pub url_prefix: Option<String>,
}

/// Where each field of a record is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// Plain fields.
    pub scalars: Vec<(String, Pointers)>,
    /// Fields made of several values.
    pub nested: Vec<(String, Nested)>,
}

impl Record {
    /// The pointers of a plain field.
    pub fn get(&self, name: &str) -> Option<&Pointers> {
        self.scalars.iter().find(|(n, _)| n == name).map(|(_, p)| p)
    }

    /// A field made of several values.
    pub fn nested(&self, name: &str) -> Option<&Nested> {
        self.nested.iter().find(|(n, _)| n == name).map(|(_, n)| n)
    }
}

/// One resource the app reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    /// How to ask for it.
    pub request: Request,
    /// Where the items are (lists) or the item is (one article).
    pub items: Pointers,
    /// How it is paged (lists only).
    pub paging: Paging,
    /// Where each field is, in an item.
    pub fields: Record,
    /// How its dates are written.
    pub dates: DateFormat,
    /// How its bodies are written.
    pub body: BodyFormat,
}

/// How a new comment is sent, and how the API's answer is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// `POST`, `PUT` or `PATCH`.
    pub method: String,
    /// The address and headers (`{code}`, `{key}` and params may fill them).
    pub request: Request,
    /// The JSON body: every string in it is a template, and a string that
    /// is a single hole without a value is left out.
    pub body: Value,
    /// Where the created comment is in the answer (read with the comments'
    /// fields); without it, the comment is shown as it was sent.
    pub comment: Option<Pointers>,
    /// Where the answer says the comment waits for moderation, and the
    /// values that mean so.
    pub pending: Option<(Pointers, Vec<String>)>,
    /// Where a refusal's own code is in an error answer.
    pub error_code: Option<Pointers>,
    /// The API's refusal codes, each as the contract's code.
    pub codes: Vec<(String, String)>,
}

/// A whole mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// The news groups; without it they are gathered from the list.
    pub groups: Option<Resource>,
    /// The article list (with its group filter and search).
    pub list: Resource,
    /// One article; without it the article is found in the list.
    pub article: Option<Resource>,
    /// An article's comments; without it the site has none.
    pub comments: Option<Resource>,
    /// A CAPTCHA for the comment form; without it the form asks for none.
    pub captcha: Option<Resource>,
    /// Posting a comment; without it comments are read only.
    pub post_comment: Option<Post>,
    /// HTTP statuses of the API's own that mean something particular
    /// (`key_refused`, `forbidden`).
    pub errors: Vec<(u16, String)>,
    /// Values for the templates that `backend.params` may replace.
    pub params: Vec<(String, String)>,
}

impl Mapping {
    /// Whether `{name}` is used anywhere in the list's request.
    pub fn list_uses(&self, name: &str) -> bool {
        let r = &self.list.request;
        r.uses(name)
    }
}

impl Request {
    /// Whether `{name}` is used anywhere in the request (or names a
    /// parameter's `when`).
    pub fn uses(&self, name: &str) -> bool {
        let in_query = self.query.iter().any(|q| {
            q.when.as_deref() == Some(name)
                || match &q.value {
                    QueryValue::One(t) => t.holes().any(|h| h == name),
                    QueryValue::Joined { parts, .. } => {
                        parts.iter().any(|t| t.holes().any(|h| h == name))
                    }
                }
        });
        in_query || self.url.holes().any(|h| h == name)
    }
}

/// The reasons a mapping may give an HTTP status: the two of its own, and
/// the contract's refusals of a comment (docs/api.md).
pub const REASONS: [&str; 8] = [
    "key_refused",
    "forbidden",
    "comments_closed",
    "login_required",
    "captcha_invalid",
    "captcha_expired",
    "duplicate",
    "rate_limited",
];

const GROUP_FIELDS: [&str; 5] = ["slug", "name", "description", "parent", "article_count"];
const ARTICLE_FIELDS: [&str; 14] = [
    "code",
    "title",
    "lead",
    "published_at",
    "updated_at",
    "views",
    "reading_minutes",
    "comment_count",
    "language",
    "body",
    "body_text",
    "author",
    "source",
    "comments_open",
];
const GROUP_REF_FIELDS: [&str; 2] = ["slug", "name"];
const IMAGE_FIELDS: [&str; 5] = ["url", "alt", "caption", "width", "height"];
const LIST_HOLES: [&str; 6] = ["page", "per_page", "offset", "cursor", "group", "q"];
const COMMENT_FIELDS: [&str; 5] = ["id", "author_name", "body", "created_at", "parent_id"];
const CAPTCHA_FIELDS: [&str; 6] = ["id", "image", "width", "height", "audio", "expires_at"];
const COMMENT_HOLES: [&str; 4] = ["code", "page", "per_page", "offset"];
/// What a new comment's address and body may use.
const POST_HOLES: [&str; 8] = [
    "code",
    "key",
    "author_name",
    "author_email",
    "body",
    "parent_id",
    "captcha_id",
    "captcha_answer",
];

/// Puts `over` on top of `base`, key by key: objects merge, `null` takes a
/// key away, anything else replaces.
pub fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                if v.is_null() {
                    b.remove(k);
                } else if let Some(slot) = b.get_mut(k) {
                    merge(slot, v);
                } else {
                    b.insert(k.clone(), v.clone());
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// The bundled mappings, by name (docs/mapping.md lists them).
pub const PRESETS: [(&str, &str); 6] = [
    ("ghost", include_str!("presets/ghost.json")),
    ("jsonfeed", include_str!("presets/jsonfeed.json")),
    ("strapi", include_str!("presets/strapi.json")),
    ("directus", include_str!("presets/directus.json")),
    ("drupal", include_str!("presets/drupal.json")),
    ("payload", include_str!("presets/payload.json")),
];

/// The mapping of `preset` with `over` put on top (`null` for none), read
/// with the names `backend.params` gives.
///
/// # Errors
/// Every problem, by key path, when the result cannot be used.
pub fn build(
    preset: Option<&str>,
    over: &Value,
    params: &[String],
) -> Result<(Mapping, Vec<Problem>), Vec<Problem>> {
    let mut base = match preset {
        None => Value::Object(Map::new()),
        Some(name) => match PRESETS.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => serde_json::from_str(text).unwrap_or(Value::Null),
            None => {
                return Err(vec![Problem::BadValue {
                    path: "backend.preset".into(),
                    value: name.into(),
                }])
            }
        },
    };
    if !over.is_null() {
        merge(&mut base, over);
    }
    read(&base, params, "backend.mapping")
}

/// Which of the app's resources a section describes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Groups,
    List,
    Article,
    Comments,
    Captcha,
}

/// Reads a whole mapping. `params` are the names `backend.params` gives;
/// `path` is where the mapping is reported (`backend.mapping`).
///
/// # Errors
/// Every problem found, by its key path, when the mapping cannot be used;
/// unknown keys alone are reported in `Ok`'s list and ignored.
pub fn read(
    value: &Value,
    params: &[String],
    path: &str,
) -> Result<(Mapping, Vec<Problem>), Vec<Problem>> {
    // The mapping's own defaults are values the templates may use too.
    let mut known = params.to_vec();
    if let Some(Value::Object(d)) = value.get("params") {
        known.extend(d.keys().cloned());
    }
    let mut c = Checker {
        problems: Vec::new(),
        fatal: false,
        params: &known,
    };
    let Some(root) = c.object(value, path) else {
        return Err(c.problems);
    };
    let mut list_value = None;
    for k in root.keys() {
        let known = [
            "groups",
            "list",
            "article",
            "comments",
            "captcha",
            "post_comment",
            "errors",
            "params",
        ];
        if !known.contains(&k.as_str()) {
            c.unknown(&format!("{path}.{k}"));
        }
    }
    let list = match root.get("list") {
        Some(v) => {
            list_value = Some(v);
            c.resource(v, &format!("{path}.list"), Kind::List)
        }
        None => c.missing(&format!("{path}.list")),
    };
    let groups = root
        .get("groups")
        .and_then(|v| c.resource(v, &format!("{path}.groups"), Kind::Groups));
    // The article's fields and formats default to the list's, key by key.
    let article = root.get("article").and_then(|v| {
        let mut whole = v.clone();
        if let (Some(Value::Object(l)), Value::Object(a)) = (list_value, &mut whole) {
            for key in ["dates", "body_format"] {
                if let (Some(x), false) = (l.get(key), a.contains_key(key)) {
                    a.insert(key.into(), x.clone());
                }
            }
            if let Some(lf) = l.get("fields") {
                let mut fields = lf.clone();
                if let Some(af) = a.get("fields") {
                    merge(&mut fields, af);
                }
                a.insert("fields".into(), fields);
            }
        }
        c.resource(&whole, &format!("{path}.article"), Kind::Article)
    });
    if root.get("article").is_none() {
        if let Some(l) = &list {
            if l.fields.get("body").is_none() && l.fields.get("body_text").is_none() {
                // Without an article request, the article comes from the list.
                c.missing::<()>(&format!("{path}.list.fields.body"));
            }
        }
    }
    let comments = root
        .get("comments")
        .and_then(|v| c.resource(v, &format!("{path}.comments"), Kind::Comments));
    let captcha = root
        .get("captcha")
        .and_then(|v| c.resource(v, &format!("{path}.captcha"), Kind::Captcha));
    let post_comment = root
        .get("post_comment")
        .and_then(|v| c.post(v, &format!("{path}.post_comment")));
    if root.contains_key("post_comment") && !root.contains_key("comments") {
        // A form under an article whose comments cannot be read back.
        c.missing::<()>(&format!("{path}.comments"));
    }
    let errors = root
        .get("errors")
        .map_or_else(Vec::new, |v| c.errors(v, path));
    let defaults = c.defaults(root.get("params"), path);
    match list {
        Some(list) if !c.fatal => Ok((
            Mapping {
                groups,
                list,
                article,
                comments,
                captcha,
                post_comment,
                errors,
                params: defaults,
            },
            c.problems,
        )),
        _ => Err(c.problems),
    }
}

struct Checker<'a> {
    problems: Vec<Problem>,
    fatal: bool,
    params: &'a [String],
}

impl Checker<'_> {
    fn unknown(&mut self, path: &str) {
        self.problems
            .push(Problem::UnknownKey { path: path.into() });
    }

    fn wrong<T>(&mut self, path: &str, expected: Expected) -> Option<T> {
        self.fatal = true;
        self.problems.push(Problem::WrongType {
            path: path.into(),
            expected,
        });
        None
    }

    fn bad<T>(&mut self, path: &str, value: &str) -> Option<T> {
        self.fatal = true;
        self.problems.push(Problem::BadValue {
            path: path.into(),
            value: value.into(),
        });
        None
    }

    fn missing<T>(&mut self, path: &str) -> Option<T> {
        self.fatal = true;
        self.problems.push(Problem::Missing { path: path.into() });
        None
    }

    fn object<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            _ => self.wrong(path, Expected::Object),
        }
    }

    fn text<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v str> {
        match v {
            Value::String(s) => Some(s),
            _ => self.wrong(path, Expected::Text),
        }
    }

    fn pointers(&mut self, v: &Value, path: &str) -> Option<Pointers> {
        let list: Vec<&Value> = match v {
            Value::Array(items) if !items.is_empty() => items.iter().collect(),
            Value::Array(_) => return self.bad(path, "[]"),
            other => vec![other],
        };
        let mut out = Vec::new();
        for p in list {
            let s = self.text(p, path)?;
            if !(s.is_empty() || s.starts_with('/')) {
                return self.bad(path, s);
            }
            out.push(s.to_owned());
        }
        Some(Pointers(out))
    }

    fn template(&mut self, v: &Value, path: &str, holes: &[&str]) -> Option<Template> {
        let s = self.text(v, path)?;
        let Some(t) = Template::parse(s) else {
            return self.bad(path, s);
        };
        for h in t.holes() {
            if !holes.contains(&h) && !self.params.iter().any(|p| p == h) {
                self.fatal = true;
                self.problems.push(Problem::UnknownHole {
                    path: path.into(),
                    name: h.into(),
                });
            }
        }
        Some(t)
    }

    fn request(&mut self, v: &Value, path: &str, holes: &[&str]) -> Option<Request> {
        let m = self.object(v, path)?;
        let mut url = None;
        let mut query = Vec::new();
        let mut headers = Vec::new();
        for (k, val) in m {
            let at = format!("{path}.{k}");
            match k.as_str() {
                "url" => url = self.template(val, &at, holes),
                "query" => {
                    for (name, qv) in self.object(val, &at)? {
                        let at = format!("{at}.{name}");
                        let when = match qv.get("when") {
                            Some(w) => {
                                let w = self.text(w, &format!("{at}.when"))?;
                                if !holes.contains(&w) && !self.params.iter().any(|p| p == w) {
                                    self.bad::<()>(&format!("{at}.when"), w);
                                }
                                Some(w.to_owned())
                            }
                            None => None,
                        };
                        let value = match qv {
                            Value::Object(j) if j.contains_key("value") => {
                                for key in j.keys() {
                                    if key != "value" && key != "when" {
                                        self.unknown(&format!("{at}.{key}"));
                                    }
                                }
                                QueryValue::One(self.template(
                                    &j["value"],
                                    &format!("{at}.value"),
                                    holes,
                                )?)
                            }
                            Value::Object(j) => {
                                for key in j.keys() {
                                    if !["join", "parts", "when"].contains(&key.as_str()) {
                                        self.unknown(&format!("{at}.{key}"));
                                    }
                                }
                                let sep = match j.get("join") {
                                    Some(s) => self.text(s, &format!("{at}.join"))?.to_owned(),
                                    None => String::new(),
                                };
                                let parts = match j.get("parts") {
                                    Some(Value::Array(ps)) => ps
                                        .iter()
                                        .map(|p| self.template(p, &format!("{at}.parts"), holes))
                                        .collect::<Option<Vec<_>>>()?,
                                    Some(_) => {
                                        return self.wrong(&format!("{at}.parts"), Expected::List)
                                    }
                                    None => return self.missing(&format!("{at}.parts")),
                                };
                                QueryValue::Joined { sep, parts }
                            }
                            other => QueryValue::One(self.template(other, &at, holes)?),
                        };
                        query.push(QueryParam {
                            name: name.clone(),
                            value,
                            when,
                        });
                    }
                }
                "headers" => {
                    for (name, hv) in self.object(val, &at)? {
                        let t = self.template(hv, &format!("{at}.{name}"), holes)?;
                        headers.push((name.clone(), t));
                    }
                }
                _ => self.unknown(&at),
            }
        }
        let Some(url) = url else {
            return self.missing(&format!("{path}.url"));
        };
        Some(Request {
            url,
            query,
            headers,
        })
    }

    fn paging(&mut self, v: Option<&Value>, path: &str) -> Option<Paging> {
        let mut paging = Paging {
            style: PagingStyle::None,
            total: None,
            total_header: None,
            next: None,
            max_per_page: crate::model::paging::MAX_PER_PAGE,
        };
        let Some(v) = v else {
            return Some(paging);
        };
        for (k, val) in self.object(v, path)? {
            let at = format!("{path}.{k}");
            match k.as_str() {
                "style" => {
                    paging.style = match self.text(val, &at)? {
                        "page" => PagingStyle::Page,
                        "offset" => PagingStyle::Offset,
                        "next_link" => PagingStyle::NextLink,
                        "cursor" => PagingStyle::Cursor,
                        "none" => PagingStyle::None,
                        other => return self.bad(&at, other),
                    }
                }
                "total" => paging.total = Some(self.pointers(val, &at)?),
                "total_header" => paging.total_header = Some(self.text(val, &at)?.to_owned()),
                "next" => paging.next = Some(self.pointers(val, &at)?),
                "max_per_page" => match val.as_u64().and_then(|n| u32::try_from(n).ok()) {
                    Some(n) if n >= 1 => paging.max_per_page = n,
                    _ => return self.bad(&at, &val.to_string()),
                },
                _ => self.unknown(&at),
            }
        }
        let needs_next = matches!(paging.style, PagingStyle::NextLink | PagingStyle::Cursor);
        if needs_next && paging.next.is_none() {
            return self.missing(&format!("{path}.next"));
        }
        Some(paging)
    }

    fn nested(&mut self, v: &Value, path: &str, names: &[&str]) -> Option<Nested> {
        let m = self.object(v, path)?;
        let mut nested = Nested {
            at: Pointers(vec![String::new()]),
            join: None,
            fields: Vec::new(),
            url_prefix: None,
        };
        for (k, val) in m {
            let at = format!("{path}.{k}");
            match k.as_str() {
                "at" => nested.at = self.pointers(val, &at)?,
                "join" => {
                    let j = self.object(val, &at)?;
                    let within = match j.get("within") {
                        Some(w) => self.pointers(w, &format!("{at}.within"))?,
                        None => return self.missing(&format!("{at}.within")),
                    };
                    let on = match j.get("on") {
                        Some(Value::Array(keys)) if !keys.is_empty() => keys
                            .iter()
                            .map(|k| self.pointers(k, &format!("{at}.on")))
                            .collect::<Option<Vec<_>>>()?,
                        Some(other) => vec![self.pointers(other, &format!("{at}.on"))?],
                        None => return self.missing(&format!("{at}.on")),
                    };
                    let refs = match j.get("ref") {
                        Some(Value::Array(keys)) if !keys.is_empty() => keys
                            .iter()
                            .map(|k| self.pointers(k, &format!("{at}.ref")))
                            .collect::<Option<Vec<_>>>()?,
                        Some(other) => vec![self.pointers(other, &format!("{at}.ref"))?],
                        None => on.clone(),
                    };
                    if refs.len() != on.len() {
                        return self.bad(&format!("{at}.ref"), &format!("{} keys", refs.len()));
                    }
                    for key in j.keys() {
                        if !["within", "on", "ref"].contains(&key.as_str()) {
                            self.unknown(&format!("{at}.{key}"));
                        }
                    }
                    nested.join = Some(Join { within, on, refs });
                }
                "url_prefix" if names.contains(&"url") => {
                    nested.url_prefix = Some(self.text(val, &at)?.to_owned());
                }
                name if names.contains(&name) => {
                    let p = self.pointers(val, &at)?;
                    nested.fields.push((name.to_owned(), p));
                }
                _ => self.unknown(&at),
            }
        }
        // A group needs its slug (its name defaults to it); an image its url.
        let required = if names.contains(&"url") {
            "url"
        } else {
            "slug"
        };
        if !nested.fields.iter().any(|(n, _)| n == required) {
            return self.missing(&format!("{path}.{required}"));
        }
        Some(nested)
    }

    fn record(&mut self, v: Option<&Value>, path: &str, kind: Kind) -> Option<Record> {
        let Some(v) = v else {
            return self.missing(path);
        };
        let mut record = Record::default();
        let names: &[&str] = match kind {
            Kind::Groups => &GROUP_FIELDS,
            Kind::List | Kind::Article => &ARTICLE_FIELDS,
            Kind::Comments => &COMMENT_FIELDS,
            Kind::Captcha => &CAPTCHA_FIELDS,
        };
        for (k, val) in self.object(v, path)? {
            let at = format!("{path}.{k}");
            match (kind, k.as_str()) {
                (Kind::List | Kind::Article, "groups") => {
                    let n = self.nested(val, &at, &GROUP_REF_FIELDS)?;
                    record.nested.push(("groups".into(), n));
                }
                (Kind::List | Kind::Article, "image") => {
                    let n = self.nested(val, &at, &IMAGE_FIELDS)?;
                    record.nested.push(("image".into(), n));
                }
                (_, name) if names.contains(&name) => {
                    let p = self.pointers(val, &at)?;
                    record.scalars.push((name.to_owned(), p));
                }
                _ => self.unknown(&at),
            }
        }
        let required: &[&str] = match kind {
            Kind::Groups => &["slug"],
            Kind::List => &["code", "title", "published_at"],
            Kind::Article => &["code", "title", "published_at", "body"],
            Kind::Comments => &["id", "author_name", "body", "created_at"],
            Kind::Captcha => &["id", "image"],
        };
        for r in required {
            let has =
                record.get(r).is_some() || (*r == "body" && record.get("body_text").is_some());
            if !has {
                self.missing::<()>(&format!("{path}.{r}"));
            }
        }
        Some(record)
    }

    fn resource(&mut self, v: &Value, path: &str, kind: Kind) -> Option<Resource> {
        let m = self.object(v, path)?;
        let holes: &[&str] = match kind {
            Kind::Groups | Kind::Captcha => &[],
            Kind::List => &LIST_HOLES,
            Kind::Article => &["code"],
            Kind::Comments => &COMMENT_HOLES,
        };
        let paged = matches!(kind, Kind::List | Kind::Comments);
        for k in m.keys() {
            let known = ["request", "items", "fields", "dates", "body_format"];
            if !(known.contains(&k.as_str()) || paged && k == "paging") {
                self.unknown(&format!("{path}.{k}"));
            }
        }
        let request = match m.get("request") {
            Some(r) => self.request(r, &format!("{path}.request"), holes),
            None => self.missing(&format!("{path}.request")),
        };
        let items = match m.get("items") {
            Some(i) => self.pointers(i, &format!("{path}.items")),
            None => Some(Pointers(vec![String::new()])),
        };
        let paging = self.paging(m.get("paging"), &format!("{path}.paging"));
        // Comments are read a page at a time, or all at once.
        let unpaged = matches!(
            paging.as_ref().map(|p| p.style),
            Some(PagingStyle::NextLink | PagingStyle::Cursor)
        );
        if kind == Kind::Comments && unpaged {
            let style = m["paging"]["style"].as_str().unwrap_or_default();
            self.bad::<()>(&format!("{path}.paging.style"), style);
        }
        let fields = self.record(m.get("fields"), &format!("{path}.fields"), kind);
        let dates = match m.get("dates") {
            None => Some(DateFormat::Rfc3339),
            Some(d) => match self.text(d, &format!("{path}.dates"))? {
                "rfc3339" => Some(DateFormat::Rfc3339),
                "unix_seconds" => Some(DateFormat::UnixSeconds),
                "unix_millis" => Some(DateFormat::UnixMillis),
                other => self.bad(&format!("{path}.dates"), other),
            },
        };
        let body = match m.get("body_format") {
            None if kind == Kind::Comments => Some(BodyFormat::Text),
            None => Some(BodyFormat::Html),
            Some(b) => match self.text(b, &format!("{path}.body_format"))? {
                "html" => Some(BodyFormat::Html),
                "text" => Some(BodyFormat::Text),
                // A comment is plain text: HTML is read as text, nothing else.
                other if kind == Kind::Comments => self.bad(&format!("{path}.body_format"), other),
                "strapi_blocks" => Some(BodyFormat::StrapiBlocks),
                "lexical" => Some(BodyFormat::Lexical),
                "markdown" => Some(BodyFormat::Markdown),
                other => self.bad(&format!("{path}.body_format"), other),
            },
        };
        if let (Some(r), Some(p)) = (&request, &paging) {
            let uses = |h: &str| r.uses(h);
            let needed = match p.style {
                PagingStyle::Page => Some("page"),
                PagingStyle::Offset => Some("offset"),
                PagingStyle::Cursor => Some("cursor"),
                PagingStyle::NextLink | PagingStyle::None => None,
            };
            if let Some(h) = needed.filter(|h| paged && !uses(h)) {
                self.missing::<()>(&format!("{path}.request.{{{h}}}"));
            }
            if matches!(kind, Kind::Article | Kind::Comments) && !uses("code") {
                self.missing::<()>(&format!("{path}.request.{{code}}"));
            }
        }
        Some(Resource {
            request: request?,
            items: items?,
            paging: paging?,
            fields: fields?,
            dates: dates?,
            body: body?,
        })
    }

    /// Every string of a body template, checked as a template.
    fn body_template(&mut self, v: &Value, path: &str) {
        match v {
            Value::String(_) => {
                self.template(v, path, &POST_HOLES);
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.body_template(item, &format!("{path}.{i}"));
                }
            }
            Value::Object(m) => {
                for (k, item) in m {
                    self.body_template(item, &format!("{path}.{k}"));
                }
            }
            _ => {}
        }
    }

    fn post(&mut self, v: &Value, path: &str) -> Option<Post> {
        let m = self.object(v, path)?;
        let mut method = "POST".to_owned();
        let (mut request, mut body, mut comment, mut pending) = (None, None, None, None);
        let (mut error_code, mut codes) = (None, Vec::new());
        for (k, val) in m {
            let at = format!("{path}.{k}");
            match k.as_str() {
                "method" => match self.text(val, &at)? {
                    m @ ("POST" | "PUT" | "PATCH") => method = m.into(),
                    other => return self.bad(&at, other),
                },
                "request" => request = self.request(val, &at, &["code", "key"]),
                "body" => {
                    self.object(val, &at)?;
                    self.body_template(val, &at);
                    body = Some(val.clone());
                }
                "comment" => comment = Some(self.pointers(val, &at)?),
                "pending" => {
                    let p = self.object(val, &at)?;
                    let Some(where_) = p.get("at") else {
                        return self.missing(&format!("{at}.at"));
                    };
                    let where_ = self.pointers(where_, &format!("{at}.at"))?;
                    let is = match p.get("is") {
                        Some(Value::Array(vs)) if !vs.is_empty() => vs
                            .iter()
                            .map(|v| self.text(v, &format!("{at}.is")).map(str::to_owned))
                            .collect::<Option<Vec<_>>>()?,
                        Some(_) => return self.wrong(&format!("{at}.is"), Expected::List),
                        None => return self.missing(&format!("{at}.is")),
                    };
                    for key in p.keys().filter(|k| *k != "at" && *k != "is") {
                        self.unknown(&format!("{at}.{key}"));
                    }
                    pending = Some((where_, is));
                }
                "error_code" => error_code = Some(self.pointers(val, &at)?),
                "codes" => {
                    for (code, ours) in self.object(val, &at)? {
                        let at = format!("{at}.{code}");
                        let ours = self.text(ours, &at)?;
                        if ours == "validation_failed" || REASONS[2..].contains(&ours) {
                            codes.push((code.clone(), ours.to_owned()));
                        } else {
                            self.bad::<()>(&at, ours);
                        }
                    }
                }
                _ => self.unknown(&at),
            }
        }
        let request = match request {
            Some(r) => r,
            None if m.contains_key("request") => return None,
            None => return self.missing(&format!("{path}.request")),
        };
        let Some(body) = body else {
            return self.missing(&format!("{path}.body"));
        };
        Some(Post {
            method,
            request,
            body,
            comment,
            pending,
            error_code,
            codes,
        })
    }

    fn defaults(&mut self, v: Option<&Value>, path: &str) -> Vec<(String, String)> {
        let at = format!("{path}.params");
        let Some(m) = v.and_then(|v| self.object(v, &at)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, val) in m {
            if let Some(s) = self.text(val, &format!("{at}.{k}")) {
                out.push((k.clone(), s.to_owned()));
            }
        }
        out
    }

    fn errors(&mut self, v: &Value, path: &str) -> Vec<(u16, String)> {
        let at = format!("{path}.errors");
        let Some(m) = self.object(v, &at) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, val) in m {
            let at = format!("{at}.{k}");
            let status = k.parse::<u16>().ok().filter(|s| (400..600).contains(s));
            match (status, val.as_str()) {
                (Some(s), Some(r)) if REASONS.contains(&r) => out.push((s, r.to_owned())),
                (None, _) => {
                    self.bad::<()>(&at, k);
                }
                (_, Some(r)) => {
                    self.bad::<()>(&at, r);
                }
                (_, None) => {
                    self.wrong::<()>(&at, Expected::Text);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal() -> Value {
        json!({
            "list": {
                "request": {"url": "posts", "query": {"page": "{page}", "size": "{per_page}"}},
                "items": "/data",
                "paging": {"style": "page", "total": "/total"},
                "fields": {"code": "/id", "title": "/title", "published_at": "/date", "body": "/html"}
            }
        })
    }

    #[test]
    fn templates_read_holes_and_escaped_braces() {
        let t = Template::parse("posts/{code}/?f={{x}}").expect("valid");
        assert_eq!(t.holes().collect::<Vec<_>>(), ["code"]);
        let v = |h: &str| (h == "code").then(|| "a b".to_owned());
        assert_eq!(
            t.render(&v, crate::percent::encode).as_deref(),
            Some("posts/a%20b/?f={x}")
        );
        assert_eq!(t.render(&|_| None, crate::percent::encode), None);
        for bad in ["{", "x}", "{}", "{a b}", "{a"] {
            assert!(Template::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn comment_sections_are_checked_by_path() {
        let mut v = minimal();
        merge(
            &mut v,
            &json!({
                "captcha": {"request": {"url": "c/{code}"}, "fields": {"id": "/id"}},
                "post_comment": {"method": "DELETE", "request": {"url": "p/{code}"},
                                 "body": {"t": "{body}", "x": ["{nope}"]},
                                 "codes": {"bad": "captcha_wrong", "ok": "duplicate"},
                                 "pending": {"at": "/s"}}
            }),
        );
        let problems = read(&v, &[], "m").expect_err("invalid");
        let has = |p: Problem| assert!(problems.contains(&p), "{p:?} not in {problems:?}");
        // A CAPTCHA is asked for without an article.
        has(Problem::UnknownHole {
            path: "m.captcha.request.url".into(),
            name: "code".into(),
        });
        has(Problem::Missing {
            path: "m.captcha.fields.image".into(),
        });
        has(Problem::BadValue {
            path: "m.post_comment.method".into(),
            value: "DELETE".into(),
        });
        // Posting without a way to read comments back.
        has(Problem::Missing {
            path: "m.comments".into(),
        });
    }

    #[test]
    fn a_post_reads_its_body_codes_and_pending_rule() {
        let mut v = minimal();
        merge(
            &mut v,
            &json!({
                "comments": {"request": {"url": "c/{code}", "query": {"n": "{page}"}},
                             "paging": {"style": "page"}, "body_format": "html",
                             "fields": {"id": "/id", "author_name": "/a", "body": "/b", "created_at": "/t"}},
                "post_comment": {"method": "PUT", "request": {"url": "c/{code}", "headers": {"K": "{key}"}},
                                 "body": {"t": "{body}", "x": ["{nope}"]},
                                 "codes": {"bad": "captcha_wrong", "ok": "duplicate"},
                                 "pending": {"at": "/s", "is": ["held"]}}
            }),
        );
        let problems = read(&v, &[], "m").expect_err("invalid");
        assert!(problems.contains(&Problem::UnknownHole {
            path: "m.post_comment.body.x.0".into(),
            name: "nope".into()
        }));
        assert!(problems.contains(&Problem::BadValue {
            path: "m.post_comment.codes.bad".into(),
            value: "captcha_wrong".into()
        }));
        merge(
            &mut v,
            &json!({"post_comment": {"body": {"x": null}, "codes": {"bad": "captcha_invalid"}}}),
        );
        let (m, problems) = read(&v, &[], "m").expect("valid");
        assert!(problems.is_empty(), "{problems:?}");
        let post = m.post_comment.expect("post");
        assert_eq!(post.method, "PUT");
        assert_eq!(
            post.pending,
            Some((Pointers(vec!["/s".into()]), vec!["held".into()]))
        );
        assert!(post
            .codes
            .contains(&("bad".into(), "captcha_invalid".into())));
        assert_eq!(m.comments.expect("comments").body, BodyFormat::Html);
    }

    #[test]
    fn comments_are_not_read_by_cursor() {
        let mut v = minimal();
        merge(
            &mut v,
            &json!({"comments": {"request": {"url": "c/{code}"}, "paging": {"style": "cursor", "next": "/n"},
                                 "body_format": "markdown",
                                 "fields": {"id": "/id", "author_name": "/a", "body": "/b", "created_at": "/t"}}}),
        );
        let problems = read(&v, &[], "m").expect_err("invalid");
        assert!(problems.contains(&Problem::BadValue {
            path: "m.comments.paging.style".into(),
            value: "cursor".into()
        }));
        assert!(problems.contains(&Problem::BadValue {
            path: "m.comments.body_format".into(),
            value: "markdown".into()
        }));
    }

    #[test]
    fn a_minimal_mapping_reads() {
        let (m, problems) = read(&minimal(), &[], "backend.mapping").expect("valid");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.list.paging.style, PagingStyle::Page);
        assert!(m.list_uses("page") && !m.list_uses("group"));
        assert!(m.article.is_none() && m.groups.is_none());
    }

    #[test]
    fn each_problem_is_named_by_its_path() {
        let mut v = minimal();
        merge(
            &mut v,
            &json!({"list": {"fields": {"title": 5, "colour": "/c"}, "paging": {"style": "pages"},
                              "request": {"url": "posts/{nope}"}},
                    "errors": {"401": "key_refused", "999": "forbidden", "403": "sorry"}}),
        );
        let problems = read(&v, &[], "backend.mapping").expect_err("invalid");
        let has = |p: Problem| assert!(problems.contains(&p), "{p:?} not in {problems:?}");
        has(Problem::WrongType {
            path: "backend.mapping.list.fields.title".into(),
            expected: Expected::Text,
        });
        has(Problem::UnknownKey {
            path: "backend.mapping.list.fields.colour".into(),
        });
        has(Problem::BadValue {
            path: "backend.mapping.list.paging.style".into(),
            value: "pages".into(),
        });
        has(Problem::UnknownHole {
            path: "backend.mapping.list.request.url".into(),
            name: "nope".into(),
        });
        has(Problem::BadValue {
            path: "backend.mapping.errors.999".into(),
            value: "999".into(),
        });
        has(Problem::BadValue {
            path: "backend.mapping.errors.403".into(),
            value: "sorry".into(),
        });
    }

    #[test]
    fn a_param_fills_a_hole_and_pointers_must_be_pointers() {
        let mut v = minimal();
        merge(
            &mut v,
            &json!({"list": {"request": {"url": "{collection}"}}}),
        );
        assert!(read(&v, &["collection".into()], "m").is_ok());
        merge(&mut v, &json!({"list": {"fields": {"title": "title"}}}));
        let p = read(&v, &["collection".into()], "m").expect_err("not a pointer");
        assert_eq!(
            p,
            [Problem::BadValue {
                path: "m.list.fields.title".into(),
                value: "title".into()
            }]
        );
    }

    #[test]
    fn the_article_defaults_to_the_lists_fields() {
        let mut v = minimal();
        merge(
            &mut v,
            &json!({"article": {"request": {"url": "posts/{code}"}, "items": "/data/0",
                                "fields": {"title": ["/headline", "/title"]}}}),
        );
        let (m, _) = read(&v, &[], "m").expect("valid");
        let a = m.article.expect("article");
        assert_eq!(a.fields.get("code"), Some(&Pointers(vec!["/id".into()])));
        assert_eq!(
            a.fields.get("title"),
            Some(&Pointers(vec!["/headline".into(), "/title".into()]))
        );
    }

    #[test]
    fn without_an_article_request_the_list_must_carry_bodies() {
        let mut v = minimal();
        merge(&mut v, &json!({"list": {"fields": {"body": null}}}));
        let p = read(&v, &[], "m").expect_err("no body");
        assert_eq!(
            p,
            [Problem::Missing {
                path: "m.list.fields.body".into()
            }]
        );
    }

    #[test]
    fn every_preset_reads_without_a_problem() {
        for (name, _) in PRESETS {
            let params = ["key".to_owned()];
            let (_, problems) = build(Some(name), &Value::Null, &params)
                .unwrap_or_else(|p| panic!("{name}: {p:?}"));
            assert!(problems.is_empty(), "{name}: {problems:?}");
        }
        assert_eq!(
            build(Some("ghost"), &Value::Null, &[]).map(|_| ()),
            Err(vec![
                Problem::UnknownHole {
                    path: "backend.mapping.list.request.query.key".into(),
                    name: "key".into()
                },
                Problem::UnknownHole {
                    path: "backend.mapping.groups.request.query.key".into(),
                    name: "key".into()
                },
                Problem::UnknownHole {
                    path: "backend.mapping.article.request.query.key".into(),
                    name: "key".into()
                },
            ]),
            "the Content API key is a param the deployer gives"
        );
        assert_eq!(
            build(Some("wix"), &Value::Null, &[]).map(|_| ()),
            Err(vec![Problem::BadValue {
                path: "backend.preset".into(),
                value: "wix".into()
            }])
        );
    }

    #[test]
    fn merge_replaces_merges_and_removes() {
        let mut a = json!({"a": {"b": 1, "c": 2}, "d": [1]});
        merge(&mut a, &json!({"a": {"b": 5, "c": null}, "d": [2, 3]}));
        assert_eq!(a, json!({"a": {"b": 5}, "d": [2, 3]}));
    }
}
