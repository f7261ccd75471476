//! The mapped backend: any JSON API, read through a mapping (crate::mapping,
//! docs/mapping.md) so no page knows the difference. What the API cannot do
//! itself (filter by group, search, list its groups, give one article) the
//! backend does over the whole list, read once and kept in the cache.

mod body;
mod markdown;
pub mod read;

use super::{cache, http, ApiError, ArticleQuery};
use crate::mapping::{Mapping, PagingStyle, QueryValue, Request, Template};
use crate::model::comment::{AcceptStatus, Accepted, Captcha, NewComment};
use crate::model::{Article, ArticleSummary, Comment, CommentId, Group, NewsCode, Page};
use crate::percent::encode;
pub use read::locate;
use read::{first, resolve, total, Answer};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// How many pages of the list are read, at most, when the backend filters,
/// searches or finds an article itself (docs/mapping.md).
pub const MAX_LOCAL_PAGES: u32 = 20;

thread_local! {
    /// Where each page of a list paged by next links or cursors starts, as
    /// the page before named it: (address or cursor, entries before it, the
    /// first page's size), by query and page.
    static CURSORS: RefCell<HashMap<String, (String, u64, usize)>> = RefCell::new(HashMap::new());
}

/// An API at `base_url`, read through `mapping`.
#[derive(Clone, Debug)]
pub struct MappedBackend {
    mapping: Arc<Mapping>,
    base_url: String,
    params: Arc<Vec<(String, String)>>,
    timeout_ms: u32,
}

/// A GET's answer: its body, the total its header gave, the address asked
/// (relative addresses in it are resolved against it) and the request as
/// error messages name it.
struct Fetched {
    root: Value,
    header_total: Option<String>,
    url: String,
    what: String,
}

/// One page of the list as the API gave it.
#[derive(Clone, Debug)]
struct Listed {
    items: Vec<Article>,
    total: Option<u64>,
    /// The next page's address (next_link) or cursor (cursor).
    next: Option<String>,
}

fn verbatim(s: &str) -> String {
    s.to_owned()
}

impl MappedBackend {
    /// An API at `base_url` (absolute or relative to the page) read through
    /// `mapping`, with `params` for its templates.
    pub fn new(
        mapping: Arc<Mapping>,
        base_url: String,
        params: Vec<(String, String)>,
        timeout_ms: u32,
    ) -> Self {
        Self {
            mapping,
            base_url,
            params: Arc::new(params),
            timeout_ms,
        }
    }

    fn value(&self, vals: &[(&str, String)], name: &str) -> Option<String> {
        vals.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .or_else(|| {
                self.params
                    .iter()
                    .chain(&self.mapping.params)
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            })
    }

    /// The request's address with `vals` filled in; a query parameter whose
    /// holes have no value is left out.
    fn address(&self, req: &Request, vals: &[(&str, String)]) -> Result<String, ApiError> {
        let value = |h: &str| self.value(vals, h);
        let path = req
            .url
            .render(&value, encode)
            .ok_or_else(|| ApiError::Decode {
                what: "backend.mapping".into(),
                detail: "an address names a value this request does not have".into(),
            })?;
        let mut url = locate(&self.base_url, &path);
        let mut sep = if url.contains('?') { '&' } else { '?' };
        for q in &req.query {
            if q.when
                .as_deref()
                .is_some_and(|w| self.value(vals, w).is_none())
            {
                continue;
            }
            let name = &q.name;
            let v = match &q.value {
                QueryValue::One(t) => t.render(&value, verbatim),
                QueryValue::Joined { sep, parts } => {
                    let mut joined: Option<String> = None;
                    for part in parts.iter().filter_map(|t| t.render(&value, verbatim)) {
                        match joined.as_mut() {
                            Some(j) => {
                                j.push_str(sep);
                                j.push_str(&part);
                            }
                            None => joined = Some(part),
                        }
                    }
                    joined
                }
            };
            if let Some(v) = v {
                url.push(sep);
                url.push_str(&encode(name));
                url.push('=');
                url.push_str(&encode(&v));
                sep = '&';
            }
        }
        Ok(url)
    }

    /// The request's headers with `vals` filled in (one without a value is
    /// not sent).
    fn headers(&self, req: &Request, vals: &[(&str, String)]) -> Vec<(String, String)> {
        req.headers
            .iter()
            .filter_map(|(k, t)| Some((k.clone(), t.render(&|h| self.value(vals, h), verbatim)?)))
            .collect()
    }

    /// The reason the mapping gives an HTTP status, if any.
    fn reason(&self, status: u16) -> Option<String> {
        let errors = &self.mapping.errors;
        errors
            .iter()
            .find(|(s, _)| *s == status)
            .map(|(_, r)| r.clone())
    }

    /// GETs `url` with the request's headers; an error status the mapping
    /// names gets its reason. A `fresh` answer (a CAPTCHA) is never kept.
    async fn fetch(
        &self,
        req: &Request,
        url: String,
        vals: &[(&str, String)],
        total_header: Option<&str>,
        fresh: bool,
    ) -> Result<Fetched, ApiError> {
        let headers = self.headers(req, vals);
        let refs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let what = format!("GET {url}");
        let answer = if fresh {
            http::get_fresh_json_sending::<Value>(&url, &refs, self.timeout_ms, &what).await
        } else {
            http::get_json_sending::<Value>(&url, &refs, self.timeout_ms, &what).await
        };
        match answer {
            Ok((root, h)) => Ok(Fetched {
                root,
                header_total: total_header.and_then(|name| h.get(name)),
                url,
                what,
            }),
            Err(ApiError::Status {
                status,
                code: None,
                retry_after,
                fields,
            }) => Err(ApiError::Status {
                status,
                code: self.reason(status),
                retry_after,
                fields,
            }),
            Err(e) => Err(e),
        }
    }

    /// A fetched answer, to read through the mapping.
    fn answer<'a>(&'a self, got: &'a Fetched) -> Answer<'a> {
        Answer {
            root: &got.root,
            what: &got.what,
            base: &got.url,
            api: &self.base_url,
        }
    }

    /// One page of the list, as the API pages it.
    async fn listed(
        &self,
        q: &ArticleQuery,
        page: u32,
        per_page: u32,
        cursor: Option<&str>,
    ) -> Result<Listed, ApiError> {
        let list = &self.mapping.list;
        let offset = (page.max(1) - 1).saturating_mul(per_page);
        let mut vals = vec![
            ("page", page.to_string()),
            ("per_page", per_page.to_string()),
            ("offset", offset.to_string()),
        ];
        if let Some(g) = &q.group {
            vals.push(("group", g.as_str().to_owned()));
        }
        if let Some(t) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            vals.push(("q", t.to_owned()));
        }
        let url = match (list.paging.style, cursor) {
            (PagingStyle::NextLink, Some(next)) => next.to_owned(),
            (PagingStyle::Cursor, Some(c)) => {
                vals.push(("cursor", c.to_owned()));
                self.address(&list.request, &vals)?
            }
            _ => self.address(&list.request, &vals)?,
        };
        let header = list.paging.total_header.as_deref();
        let got = self.fetch(&list.request, url, &vals, header, false).await?;
        let answer = self.answer(&got);
        let (items, at) = answer.items(&list.items)?;
        let items = items
            .iter()
            .enumerate()
            .map(|(i, item)| answer.article(item, &format!("{at}/{i}"), list))
            .collect::<Result<Vec<_>, _>>()?;
        let next = list
            .paging
            .next
            .as_ref()
            .and_then(|p| first(&got.root, p))
            .and_then(read::as_text)
            .filter(|n| !n.trim().is_empty())
            .map(|n| match list.paging.style {
                PagingStyle::NextLink => resolve(&n, &got.url),
                _ => n,
            });
        Ok(Listed {
            items,
            total: total(
                &got.root,
                got.header_total.as_deref(),
                list.paging.total.as_ref(),
            ),
            next,
        })
    }

    /// Page `page` of the list, with how many entries come before it and
    /// how many the first page holds (the API's page size when it sets one).
    async fn page(
        &self,
        q: &ArticleQuery,
        page: u32,
        per_page: u32,
    ) -> Result<(Listed, u64, usize), ApiError> {
        let style = self.mapping.list.paging.style;
        if !matches!(style, PagingStyle::NextLink | PagingStyle::Cursor) {
            let l = self.listed(q, page, per_page, None).await?;
            return Ok((
                l,
                u64::from(page - 1) * u64::from(per_page),
                per_page as usize,
            ));
        }
        // Each page names the next: start from the furthest page whose
        // address is known (pages seen name theirs), else from the first.
        let key = |k: u32| format!("{q:?} {per_page} {k}");
        let mut k = page;
        let mut from = None;
        while k > 1 {
            from = CURSORS.with(|c| c.borrow().get(&key(k)).cloned());
            if from.is_some() {
                break;
            }
            k -= 1;
        }
        let (mut cursor, mut before, mut first_len) = from.unwrap_or_default();
        loop {
            let at = (k > 1).then_some(cursor.as_str());
            let l = self.listed(q, k, per_page, at).await?;
            if k == 1 {
                first_len = l.items.len();
            }
            if k >= page {
                return Ok((l, before, first_len));
            }
            before += l.items.len() as u64;
            let Some(next) = l.next else {
                let past = Listed {
                    items: Vec::new(),
                    total: Some(before),
                    next: None,
                };
                return Ok((past, before, first_len));
            };
            k += 1;
            CURSORS.with(|c| {
                c.borrow_mut()
                    .insert(key(k), (next.clone(), before, first_len))
            });
            cursor = next;
        }
    }

    /// The whole list (up to [`MAX_LOCAL_PAGES`] pages), in the API's order.
    async fn everything(&self) -> Result<Rc<Vec<Article>>, ApiError> {
        cache::cached("mapped everything".into(), || async {
            let paging = &self.mapping.list.paging;
            let per_page = paging.max_per_page;
            let all = ArticleQuery {
                page: 1,
                per_page,
                group: None,
                q: None,
            };
            let mut out: Vec<Article> = Vec::new();
            let mut cursor: Option<String> = None;
            for k in 1..=MAX_LOCAL_PAGES {
                let l = self.listed(&all, k, per_page, cursor.as_deref()).await?;
                let n = l.items.len();
                let known = l.total;
                cursor = l.next;
                out.extend(l.items);
                let done = match paging.style {
                    PagingStyle::None => true,
                    PagingStyle::NextLink | PagingStyle::Cursor => cursor.is_none(),
                    PagingStyle::Page | PagingStyle::Offset => {
                        n < per_page as usize || known.is_some_and(|t| out.len() as u64 >= t)
                    }
                };
                if done {
                    break;
                }
            }
            Ok(Rc::new(out))
        })
        .await
    }

    /// News groups: the API's, or gathered from the list (in the order
    /// they first appear, with how many articles each has).
    ///
    /// # Errors
    /// Any [`ApiError`].
    pub async fn groups(&self) -> Result<Vec<Group>, ApiError> {
        let Some(res) = &self.mapping.groups else {
            return self.gathered_groups().await;
        };
        let url = self.address(&res.request, &[])?;
        let got = self.fetch(&res.request, url, &[], None, false).await?;
        let answer = self.answer(&got);
        let (items, at) = answer.items(&res.items)?;
        items
            .iter()
            .enumerate()
            .map(|(i, g)| answer.group(g, &format!("{at}/{i}"), res))
            .collect()
    }

    async fn gathered_groups(&self) -> Result<Vec<Group>, ApiError> {
        let all = self.everything().await?;
        let mut groups: Vec<Group> = Vec::new();
        for r in all.iter().flat_map(|a| &a.summary.groups) {
            match groups.iter_mut().find(|g| g.slug == r.slug) {
                Some(g) => g.article_count = g.article_count.map(|n| n + 1),
                None => groups.push(Group {
                    slug: r.slug.clone(),
                    name: r.name.clone(),
                    description: None,
                    parent: None,
                    article_count: Some(1),
                }),
            }
        }
        Ok(groups)
    }

    /// A page of articles, newest first, by group and search text.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] for an unknown group; any other [`ApiError`].
    pub async fn articles(&self, q: &ArticleQuery) -> Result<Page<ArticleSummary>, ApiError> {
        let m = &self.mapping;
        let searching = q.q.as_deref().is_some_and(|t| !t.trim().is_empty());
        let style = m.list.paging.style;
        let local = style == PagingStyle::None
            || (q.group.is_some() && !m.list_uses("group"))
            || (searching && !m.list_uses("q"));
        let page = q.page.max(1);
        let found = if local {
            self.local(q).await?
        } else {
            let per_page = q.per_page.clamp(1, m.list.paging.max_per_page);
            let (l, before, first_len) = self.page(q, page, per_page).await?;
            let shown = l.items.len() as u64;
            let (per, guess) = match style {
                PagingStyle::NextLink | PagingStyle::Cursor => (
                    u32::try_from(first_len.max(l.items.len()).max(1)).unwrap_or(u32::MAX),
                    before + shown + u64::from(l.next.is_some()),
                ),
                _ => (
                    per_page,
                    before + shown + u64::from(shown == u64::from(per_page)),
                ),
            };
            Page {
                items: l.items.iter().map(|a| a.summary.clone()).collect(),
                page,
                per_page: per,
                total: l.total.unwrap_or(guess),
            }
        };
        // An API that answers an unknown group with an empty list.
        if let Some(g) = &q.group {
            // The groups the site has fetched already (the same cache entry).
            let groups = cache::cached(super::GROUPS_KEY.into(), || self.groups()).await?;
            if found.total == 0 && !groups.iter().any(|x| &x.slug == g) {
                return Err(ApiError::NotFound);
            }
        }
        Ok(found)
    }

    async fn local(&self, q: &ArticleQuery) -> Result<Page<ArticleSummary>, ApiError> {
        let all = self.everything().await?;
        Ok(super::filter_page(&all, q, |_, _| false))
    }

    /// One article: asked for by its code, or found in the list.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] for an unknown code; any other [`ApiError`].
    pub async fn article(&self, code: &NewsCode) -> Result<Article, ApiError> {
        let mut article = self.read_article(code).await?;
        let res = self.mapping.article.as_ref().unwrap_or(&self.mapping.list);
        if res.fields.get("comments_open").is_none() {
            // Open where the mapping can post a comment.
            article.comments_open = self.takes_comments();
        }
        Ok(article)
    }

    async fn read_article(&self, code: &NewsCode) -> Result<Article, ApiError> {
        let Some(res) = &self.mapping.article else {
            return self
                .everything()
                .await?
                .iter()
                .find(|a| a.summary.code == *code)
                .cloned()
                .ok_or(ApiError::NotFound);
        };
        let vals = [("code", code.as_str().to_owned())];
        let url = self.address(&res.request, &vals)?;
        let got = self.fetch(&res.request, url, &vals, None, false).await?;
        let answer = self.answer(&got);
        let (item, at) = answer.item(&res.items)?;
        answer.article(item, &at, res)
    }

    /// Whether the mapping reads comments.
    pub fn has_comments(&self) -> bool {
        self.mapping.comments.is_some()
    }

    /// Whether the mapping asks for a CAPTCHA.
    pub fn has_captcha(&self) -> bool {
        self.mapping.captcha.is_some()
    }

    /// Whether an article without its own answer takes comments: when the
    /// mapping can post them.
    pub fn takes_comments(&self) -> bool {
        self.mapping.post_comment.is_some()
    }

    /// One page of an article's comments, in the API's order (an API that
    /// gives the whole thread at once is paged here).
    pub async fn comments(
        &self,
        code: &NewsCode,
        page: u32,
        per_page: u32,
    ) -> Result<Page<Comment>, ApiError> {
        let res = self.mapping.comments.as_ref().ok_or(ApiError::NotFound)?;
        let page = page.max(1);
        let per_page = per_page.clamp(1, res.paging.max_per_page);
        let offset = (page - 1).saturating_mul(per_page);
        let vals = [
            ("code", code.as_str().to_owned()),
            ("page", page.to_string()),
            ("per_page", per_page.to_string()),
            ("offset", offset.to_string()),
        ];
        let url = self.address(&res.request, &vals)?;
        let header = res.paging.total_header.as_deref();
        let got = self.fetch(&res.request, url, &vals, header, false).await?;
        let answer = self.answer(&got);
        let (items, at) = answer.items(&res.items)?;
        let all = items
            .iter()
            .enumerate()
            .map(|(i, c)| answer.comment(c, &format!("{at}/{i}"), res))
            .collect::<Result<Vec<_>, _>>()?;
        if res.paging.style == PagingStyle::None {
            let total = all.len() as u64;
            let items = all
                .into_iter()
                .skip(offset as usize)
                .take(per_page as usize)
                .collect();
            return Ok(Page {
                items,
                page,
                per_page,
                total,
            });
        }
        let shown = all.len() as u64;
        let guess = u64::from(offset) + shown + u64::from(shown == u64::from(per_page));
        Ok(Page {
            items: all,
            page,
            per_page,
            total: total(
                &got.root,
                got.header_total.as_deref(),
                res.paging.total.as_ref(),
            )
            .unwrap_or(guess),
        })
    }

    /// A fresh CAPTCHA challenge.
    pub async fn captcha(&self) -> Result<Captcha, ApiError> {
        let res = self.mapping.captcha.as_ref().ok_or(ApiError::NotFound)?;
        let url = self.address(&res.request, &[])?;
        let got = self.fetch(&res.request, url, &[], None, true).await?;
        let answer = self.answer(&got);
        let (item, at) = answer.item(&res.items)?;
        answer.captcha(item, &at, res)
    }

    /// The body template with `vals` filled in: a string whose holes have no
    /// value is left out.
    fn fill(&self, v: &Value, vals: &[(&str, String)]) -> Option<Value> {
        match v {
            Value::String(s) => Template::parse(s)?
                .render(&|h| self.value(vals, h), verbatim)
                .map(Value::String),
            Value::Array(list) => Some(Value::Array(
                list.iter().filter_map(|x| self.fill(x, vals)).collect(),
            )),
            Value::Object(m) => {
                // Inserted one by one: collecting would sort (a stable sort
                // costs the wasm 3.7 KB).
                let mut out = serde_json::Map::new();
                for (k, x) in m {
                    if let Some(v) = self.fill(x, vals) {
                        out.insert(k.clone(), v);
                    }
                }
                Some(Value::Object(out))
            }
            other => Some(other.clone()),
        }
    }

    /// Sends a new comment as the mapping says, and reads the API's answer:
    /// the comment as stored (or as sent), whether it waits for moderation,
    /// and a refusal's code as the contract's.
    pub async fn post_comment(
        &self,
        code: &NewsCode,
        new: &NewComment,
        key: &str,
    ) -> Result<Accepted, ApiError> {
        let post = self
            .mapping
            .post_comment
            .as_ref()
            .ok_or(ApiError::NotFound)?;
        let mut vals = vec![
            ("code", code.as_str().to_owned()),
            ("key", key.to_owned()),
            ("author_name", new.author_name.clone()),
            ("body", new.body.clone()),
            ("captcha_id", new.captcha_id.clone()),
            ("captcha_answer", new.captcha_answer.clone()),
        ];
        if let Some(email) = new.author_email.as_ref().filter(|e| !e.is_empty()) {
            vals.push(("author_email", email.clone()));
        }
        if let Some(parent) = &new.parent_id {
            vals.push(("parent_id", parent.clone()));
        }
        let url = self.address(&post.request, &vals)?;
        let headers = self.headers(&post.request, &vals);
        let refs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let body = self.fill(&post.body, &vals).unwrap_or(Value::Null);
        let (response, text) = http::exchange(
            &post.method,
            &url,
            &body.to_string(),
            &refs,
            self.timeout_ms,
        )
        .await?;
        let root: Option<Value> = serde_json::from_str(&text).ok();
        if !response.ok() {
            // The API's own code, as the contract's; else the status's reason.
            let theirs = root
                .as_ref()
                .zip(post.error_code.as_ref())
                .and_then(|(v, p)| first(v, p))
                .and_then(read::as_text);
            let ours = theirs
                .and_then(|c| post.codes.iter().find(|(k, _)| *k == c))
                .map(|(_, ours)| ours.clone())
                .or_else(|| self.reason(response.status()));
            let mut error = http::status_error(&response, &text);
            if let (ApiError::Status { code, .. }, Some(ours)) = (&mut error, ours) {
                *code = Some(ours);
            }
            return Err(error);
        }
        let what = format!("{} {url}", post.method);
        let sent = || Comment {
            id: CommentId::new(key),
            parent_id: new.parent_id.clone().map(CommentId::new),
            author_name: new.author_name.clone(),
            body: new.body.clone(),
            created_at: chrono::DateTime::from_timestamp_millis(crate::clock::now_ms())
                .unwrap_or_default()
                .fixed_offset(),
        };
        let Some(at) = &post.comment else {
            return Ok(Accepted {
                status: root
                    .as_ref()
                    .map_or(AcceptStatus::Published, |r| status(post, r)),
                comment: sent(),
            });
        };
        let root = match root {
            Some(root) => root,
            // Not JSON: the decoder's own words for what it is.
            None => {
                let content_type = response.headers().get("content-type").unwrap_or_default();
                http::decode(&content_type, &text, &what)?
            }
        };
        let res = self.mapping.comments.as_ref().ok_or(ApiError::NotFound)?;
        let answer = Answer {
            root: &root,
            what: &what,
            base: &url,
            api: &self.base_url,
        };
        let (item, at) = answer.item(at)?;
        Ok(Accepted {
            status: status(post, &root),
            comment: answer.comment(item, &at, res)?,
        })
    }
}

/// Whether a posted comment waits for moderation, as the answer says.
fn status(post: &crate::mapping::Post, root: &Value) -> AcceptStatus {
    let held = post.pending.as_ref().is_some_and(|(p, is)| {
        first(root, p)
            .and_then(read::as_text)
            .is_some_and(|v| is.contains(&v))
    });
    if held {
        AcceptStatus::Pending
    } else {
        AcceptStatus::Published
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_against_the_root() {
        assert_eq!(
            locate("https://x.org/feed.json", ""),
            "https://x.org/feed.json"
        );
        assert_eq!(
            locate("https://x.org/", "ghost/api/"),
            "https://x.org/ghost/api/"
        );
        assert_eq!(
            locate("https://x.org", "https://y.org/a"),
            "https://y.org/a"
        );
    }

    #[test]
    fn a_body_template_leaves_out_what_has_no_value() {
        let spec = serde_json::json!({
            "list": {"request": {"url": "x"}, "items": "/d",
                     "fields": {"code": "/id", "title": "/id", "published_at": "/t", "body": "/b"}},
            "comments": {"request": {"url": "c/{code}"},
                         "fields": {"id": "/id", "author_name": "/a", "body": "/b", "created_at": "/t"}},
            "post_comment": {"request": {"url": "c/{code}"},
                             "body": {"by": "{author_name}", "mail": "{author_email}", "n": 3,
                                      "c": {"id": "{captcha_id}", "src": "site {site}"},
                                      "tags": ["x", "{parent_id}"]}},
            "params": {"site": "one"}
        });
        let (m, _) = crate::mapping::build(None, &spec, &[]).expect("valid");
        let b = MappedBackend::new(Arc::new(m), "https://a.example/".into(), vec![], 1000);
        let post = b.mapping.post_comment.as_ref().expect("post");
        let vals = [
            ("author_name", "Ana \"A\"".to_owned()),
            ("captcha_id", "c-1".to_owned()),
        ];
        assert_eq!(
            b.fill(&post.body, &vals),
            Some(serde_json::json!({"by": "Ana \"A\"", "n": 3,
                                    "c": {"id": "c-1", "src": "site one"}, "tags": ["x"]}))
        );
    }

    #[test]
    fn query_parameters_without_values_are_left_out() {
        let (m, _) =
            crate::mapping::build(Some("ghost"), &Value::Null, &["key".into()]).expect("preset");
        let b = MappedBackend::new(
            Arc::new(m),
            "https://news.example/".into(),
            vec![("key".into(), "k1".into())],
            1000,
        );
        let list = &b.mapping.list.request;
        let url = b
            .address(list, &[("page", "2".into()), ("per_page", "10".into())])
            .expect("address");
        assert_eq!(
            url,
            "https://news.example/ghost/api/content/posts/?include=tags%2Cauthors&key=k1&limit=10&order=published_at%20desc&page=2"
        );
        let url = b
            .address(
                list,
                &[
                    ("page", "1".into()),
                    ("per_page", "10".into()),
                    ("group", "tech".into()),
                    ("q", "a b".into()),
                ],
            )
            .expect("address");
        assert!(
            url.contains("?filter=tag%3Atech%2Btitle%3A~%27a%20b%27&"),
            "{url}"
        );
        let one = b.mapping.article.as_ref().expect("article");
        let url = b
            .address(&one.request, &[("code", "a/b c".into())])
            .expect("address");
        assert_eq!(
            url,
            "https://news.example/ghost/api/content/posts/slug/a%2Fb%20c/?include=tags%2Cauthors&key=k1"
        );
    }

    #[test]
    fn a_value_with_a_when_goes_only_with_that_value_and_defaults_fill_holes() {
        let (m, _) = crate::mapping::build(Some("drupal"), &Value::Null, &[]).expect("preset");
        let b = MappedBackend::new(Arc::new(m), "https://d.example/".into(), vec![], 1000);
        let list = &b.mapping.list.request;
        let base = [("offset", "0".to_owned()), ("per_page", "10".to_owned())];
        let plain = b.address(list, &base).expect("address");
        assert!(!plain.contains("filter%5Btitle%5D"), "{plain}");
        let mut searching = base.to_vec();
        searching.push(("q", "grid".into()));
        let url = b.address(list, &searching).expect("address");
        for part in [
            "filter%5Btitle%5D%5Bcondition%5D%5Bpath%5D=title",
            "filter%5Btitle%5D%5Bcondition%5D%5Boperator%5D=CONTAINS",
            "filter%5Btitle%5D%5Bcondition%5D%5Bvalue%5D=grid",
        ] {
            assert!(url.contains(part), "{part} in {url}");
        }
        let (m, _) = crate::mapping::build(Some("strapi"), &Value::Null, &[]).expect("preset");
        let give = |params: Vec<(String, String)>| {
            MappedBackend::new(
                Arc::new(m.clone()),
                "https://s.example/".into(),
                params,
                1000,
            )
        };
        let one = |b: &MappedBackend| {
            let r = &b.mapping.article.as_ref().expect("article").request;
            b.address(r, &[("code", "x".into())]).expect("address")
        };
        assert!(one(&give(vec![])).starts_with("https://s.example/api/articles?"));
        let renamed = give(vec![("articles".into(), "posts".into())]);
        assert!(
            one(&renamed).starts_with("https://s.example/api/posts?"),
            "params replace defaults"
        );
    }
}
