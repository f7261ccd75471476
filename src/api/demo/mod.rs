//! The built-in demo backend: original content shipped with the bundle,
//! served with the same paging, filtering and errors as an HTTP backend would.
//!
//! The content is not compiled into the wasm: index.html copies content.json
//! to `demo/content.json` in the bundle, and the first call fetches it (once,
//! shared by every call made meanwhile). A site on a real backend so never
//! downloads it: that saved about 15 KB brotli of every first visit.

mod captcha;
mod comments;

use super::{ApiError, ArticleQuery};
use crate::clock::now_ms;
use crate::model::comment::{Accepted, Captcha, NewComment};
use crate::model::reading::{minutes_for, text_of_html, word_count};
use crate::model::{Article, ArticleSummary, Comment, CommentId, Group, NewsCode, Page};
use serde::Deserialize;
use std::collections::HashMap;

/// The demo content as shipped in content.json.
#[derive(Debug, Deserialize)]
pub struct DemoContent {
    /// All groups.
    pub groups: Vec<Group>,
    /// All articles, any order.
    pub articles: Vec<Article>,
    /// Comments by news code.
    #[serde(default)]
    pub comments: HashMap<String, Vec<Comment>>,
}

/// Parses content.json.
///
/// # Errors
/// A description of the first problem; the content tests keep this from happening.
pub fn parse_content(json: &str) -> Result<DemoContent, String> {
    serde_json::from_str(json)
        .map(prepare)
        .map_err(|e| e.to_string())
}

/// Fills in what the file leaves to be derived (comment counts, reading
/// time) and sorts the articles newest first.
fn prepare(mut content: DemoContent) -> DemoContent {
    for a in &mut content.articles {
        let count = content
            .comments
            .get(a.summary.code.as_str())
            .map_or(0, Vec::len);
        a.summary.comment_count = Some(count as u64);
        if a.summary.reading_minutes.is_none() {
            a.summary.reading_minutes = Some(minutes_for(word_count(&text_of_html(&a.body_html))));
        }
    }
    content
        .articles
        .sort_by_key(|a| std::cmp::Reverse(a.summary.published_at));
    content
}

/// Native builds (the unit tests) read the file from the source tree.
#[cfg(not(target_arch = "wasm32"))]
async fn content() -> Result<&'static DemoContent, ApiError> {
    embedded()
}

#[cfg(not(target_arch = "wasm32"))]
fn embedded() -> Result<&'static DemoContent, ApiError> {
    static CONTENT: std::sync::OnceLock<Result<DemoContent, String>> = std::sync::OnceLock::new();
    CONTENT
        .get_or_init(|| parse_content(include_str!("content.json")))
        .as_ref()
        .map_err(|e| ApiError::Decode {
            what: "demo content".into(),
            detail: e.clone(),
        })
}

#[cfg(target_arch = "wasm32")]
use loader::content;

/// The browser's copy of the content: fetched once, on first use.
#[cfg(target_arch = "wasm32")]
mod loader {
    use super::{prepare, ApiError, DemoContent};
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::{future_to_promise, JsFuture};

    /// Relative to the document's base URL, so a bundle under a sub-path works.
    const URL: &str = "demo/content.json";
    /// The file comes from the site's own server, so it gets a generous limit.
    const TIMEOUT_MS: u32 = 15_000;

    /// The one download under way, awaited by every caller that comes while
    /// it runs. It runs on its own (not in any page's task), so no single
    /// reader's navigation cancels it for the others.
    struct Flight {
        /// Settles (never rejects) when `outcome` is set.
        done: js_sys::Promise,
        outcome: Rc<RefCell<Option<Result<&'static DemoContent, ApiError>>>>,
    }

    thread_local! {
        static READY: Cell<Option<&'static DemoContent>> = const { Cell::new(None) };
        static FLIGHT: RefCell<Option<Rc<Flight>>> = const { RefCell::new(None) };
    }

    /// The content, fetching it first if no call has yet.
    ///
    /// # Errors
    /// Any [`ApiError`] of the fetch; the next call tries again.
    pub async fn content() -> Result<&'static DemoContent, ApiError> {
        if let Some(c) = READY.get() {
            return Ok(c);
        }
        let flight = FLIGHT.with(|f| f.borrow_mut().get_or_insert_with(start).clone());
        let _ = JsFuture::from(flight.done.clone()).await;
        let outcome = flight.outcome.borrow().clone();
        outcome.unwrap_or_else(|| Err(ApiError::Network(format!("{URL} was not loaded"))))
    }

    fn start() -> Rc<Flight> {
        let outcome = Rc::new(RefCell::new(None));
        let slot = outcome.clone();
        let done = future_to_promise(async move {
            let result =
                crate::api::http::get_fresh_json::<DemoContent>(URL, TIMEOUT_MS, "demo content")
                    .await
                    .map(|c| &*Box::leak(Box::new(prepare(c))))
                    .map_err(shared_failure);
            if let Ok(c) = result {
                READY.set(Some(c));
            }
            // Done either way: after a failure, the next call starts anew.
            FLIGHT.with(|f| f.borrow_mut().take());
            *slot.borrow_mut() = Some(result);
            Ok(JsValue::UNDEFINED)
        });
        Rc::new(Flight { done, outcome })
    }

    /// The failure of the one fetch every caller shares, as each of them
    /// should see it: a missing file is a broken bundle, not a missing
    /// article (which would show "not found" on every page, with no retry),
    /// and a cancellation is never any one caller's doing; both can be
    /// tried again.
    fn shared_failure(e: ApiError) -> ApiError {
        match e {
            ApiError::NotFound => ApiError::Network(format!("{URL} is missing from the bundle")),
            ApiError::Aborted => ApiError::Network(format!("the download of {URL} was cut off")),
            other => other,
        }
    }

    /// Installs content without fetching it (component tests, which have no
    /// bundle to fetch from).
    ///
    /// # Errors
    /// The parse error of `json`.
    pub fn preload(json: &str) -> Result<(), String> {
        let c = super::parse_content(json)?;
        READY.set(Some(Box::leak(Box::new(c))));
        Ok(())
    }
}

#[cfg(target_arch = "wasm32")]
pub use loader::preload;

/// The demo backend. The content is fetched and parsed once, on first use.
#[derive(Clone, Copy, Debug, Default)]
pub struct DemoBackend;

impl DemoBackend {
    /// The demo backend over the bundle's demo content.
    pub fn new() -> Self {
        Self
    }

    /// All groups, with their article counts.
    ///
    /// # Errors
    /// Only if the demo content cannot be fetched or is broken.
    pub async fn groups(&self) -> Result<Vec<Group>, ApiError> {
        let c = content().await?;
        Ok(c.groups
            .iter()
            .map(|g| {
                let mut g = g.clone();
                let n = c
                    .articles
                    .iter()
                    .filter(|a| a.summary.groups.iter().any(|r| r.slug == g.slug))
                    .count();
                g.article_count = Some(n as u64);
                g
            })
            .collect())
    }

    /// One page of articles, newest first, filtered by group and search text.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] for an unknown group.
    pub async fn articles(&self, q: &ArticleQuery) -> Result<Page<ArticleSummary>, ApiError> {
        let c = content().await?;
        list(c, q)
    }

    /// The demo does not count views: its figures are part of its content, so
    /// every reader sees the same page.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] for an unknown code.
    pub async fn count_view(&self, code: &NewsCode) -> Result<Option<u64>, ApiError> {
        self.article(code).await.map(|_| None)
    }

    /// One article.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] for an unknown code.
    pub async fn article(&self, code: &NewsCode) -> Result<Article, ApiError> {
        let c = content().await?;
        let mut article = c
            .articles
            .iter()
            .find(|a| &a.summary.code == code)
            .cloned()
            .ok_or(ApiError::NotFound)?;
        article.summary.comment_count = Some(self.all_comments(c, code).len() as u64);
        Ok(article)
    }

    /// The content's comments on `code` plus those published in this browser, oldest first.
    fn all_comments(&self, c: &DemoContent, code: &NewsCode) -> Vec<Comment> {
        let mut all = c.comments.get(code.as_str()).cloned().unwrap_or_default();
        all.extend(comments::local(code));
        all.sort_by_key(|x| x.created_at);
        all
    }

    /// One page of an article's comments, oldest first.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] for an unknown code.
    pub async fn comments(
        &self,
        code: &NewsCode,
        page: u32,
        per_page: u32,
    ) -> Result<Page<Comment>, ApiError> {
        let c = content().await?;
        self.article(code).await?;
        let all = self.all_comments(c, code);
        let per_page = per_page.clamp(1, 100);
        let page = page.max(1);
        let items = all
            .iter()
            .skip((page as usize - 1).saturating_mul(per_page as usize))
            .take(per_page as usize)
            .cloned()
            .collect();
        Ok(Page {
            items,
            page,
            per_page,
            total: all.len() as u64,
        })
    }

    /// A new CAPTCHA challenge, drawn in the browser.
    ///
    /// # Errors
    /// [`ApiError::Network`] where no canvas is available.
    pub async fn captcha(&self) -> Result<Captcha, ApiError> {
        let now = now_ms();
        #[cfg(target_arch = "wasm32")]
        let (answer, image) = {
            let answer = captcha::random_answer(js_sys::Math::random);
            let image =
                captcha::draw(&answer).ok_or_else(|| ApiError::Network("no canvas".into()))?;
            (answer, image)
        };
        #[cfg(not(target_arch = "wasm32"))]
        let (answer, image) = (captcha::random_answer(|| 0.5), String::new());
        let id = captcha::open(answer, now);
        Ok(Captcha {
            id: CommentId::new(id),
            image,
            width: Some(captcha::WIDTH),
            height: Some(captcha::HEIGHT),
            audio: None,
            expires_at: chrono::DateTime::from_timestamp_millis(now + captcha::LIFETIME_MS)
                .map(|t| t.fixed_offset()),
        })
    }

    /// Posts a comment: checked, moderated (first-time names wait for review) and stored.
    ///
    /// # Errors
    /// The contract's errors: `validation_failed`, `comments_closed`,
    /// `captcha_invalid`, `captcha_expired`, `duplicate`.
    pub async fn post_comment(
        &self,
        code: &NewsCode,
        new: &NewComment,
        key: &str,
    ) -> Result<Accepted, ApiError> {
        let c = content().await?;
        let article = self.article(code).await?;
        let existing = self.all_comments(c, code);
        let known: Vec<String> = c
            .comments
            .values()
            .flatten()
            .map(|x| x.author_name.clone())
            .chain(existing.iter().map(|x| x.author_name.clone()))
            .collect();
        let now = chrono::DateTime::from_timestamp_millis(now_ms())
            .map(|t| t.fixed_offset())
            .ok_or_else(|| ApiError::Network("clock".into()))?;
        comments::post(
            code,
            article.comments_open,
            &existing,
            &known,
            new,
            key,
            now,
        )
    }
}

/// Filters and pages the content as the native contract describes.
fn list(c: &DemoContent, q: &ArticleQuery) -> Result<Page<ArticleSummary>, ApiError> {
    if let Some(g) = &q.group {
        if !c.groups.iter().any(|x| &x.slug == g) {
            return Err(ApiError::NotFound);
        }
    }
    Ok(super::filter_page(&c.articles, q, |a, needle| {
        text_of_html(&a.body_html).to_lowercase().contains(needle)
    }))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::GroupSlug;
    use std::collections::HashSet;

    fn demo() -> &'static DemoContent {
        embedded().expect("demo content parses")
    }

    fn query(page: u32, group: Option<&str>, q: Option<&str>) -> ArticleQuery {
        ArticleQuery {
            page,
            per_page: 10,
            group: group.map(GroupSlug::new),
            q: q.map(String::from),
        }
    }

    #[test]
    fn content_has_the_source_page_article() {
        let a = demo()
            .articles
            .iter()
            .find(|a| a.summary.code.as_str() == "50844")
            .expect("article 50844");
        assert_eq!(a.summary.views, Some(73));
        assert_eq!(a.summary.groups.len(), 8);
        assert_eq!(a.summary.comment_count, Some(0));
        assert_eq!(
            a.summary.published_at.to_rfc3339(),
            "2020-05-06T14:30:00+04:30"
        );
    }

    #[test]
    fn content_is_rich_enough_for_the_demo() {
        let c = demo();
        assert!(c.articles.len() >= 12, "{} articles", c.articles.len());
        assert!(c.groups.len() >= 10);
        assert!(
            c.articles
                .iter()
                .filter(|a| a.summary.language.as_deref() == Some("fa"))
                .count()
                >= 3
        );
        assert!(c.articles.iter().any(|a| !a.comments_open));
        assert!(c.comments.values().any(|v| v.len() >= 20));
        let codes: HashSet<_> = c.articles.iter().map(|a| &a.summary.code).collect();
        assert_eq!(codes.len(), c.articles.len(), "codes are unique");
    }

    #[test]
    fn every_group_reference_resolves_with_the_same_name() {
        let c = demo();
        for a in &c.articles {
            for r in &a.summary.groups {
                let g = c.groups.iter().find(|g| g.slug == r.slug);
                assert_eq!(
                    g.map(|g| &g.name),
                    Some(&r.name),
                    "article {}",
                    a.summary.code
                );
            }
        }
    }

    #[test]
    fn listing_is_newest_first_and_paged() {
        let p1 = list(demo(), &query(1, None, None)).expect("page 1");
        assert_eq!(p1.items.len(), 10);
        assert!(p1
            .items
            .windows(2)
            .all(|w| w[0].published_at >= w[1].published_at));
        let last = crate::model::paging::page_count(p1.total, 10);
        let pl = list(demo(), &query(last, None, None)).expect("last page");
        assert!(!pl.items.is_empty());
        let beyond = list(demo(), &query(last + 1, None, None)).expect("beyond");
        assert!(beyond.items.is_empty());
    }

    #[test]
    fn group_filter_and_unknown_group() {
        let p = list(demo(), &query(1, Some("news"), None)).expect("news");
        assert!(p
            .items
            .iter()
            .all(|a| a.groups.iter().any(|g| g.slug.as_str() == "news")));
        assert_eq!(
            list(demo(), &query(1, Some("no-such"), None)),
            Err(ApiError::NotFound)
        );
    }

    #[test]
    fn search_finds_persian_and_english() {
        let fa = demo()
            .articles
            .iter()
            .find(|a| a.summary.language.as_deref() == Some("fa"))
            .expect("fa");
        let word: String = fa
            .summary
            .title
            .split_whitespace()
            .next()
            .expect("word")
            .into();
        let p = list(demo(), &query(1, None, Some(&word))).expect("search");
        assert!(p.items.iter().any(|a| a.code == fa.summary.code));
        let none = list(demo(), &query(1, None, Some("zzqqxx-no-match"))).expect("search");
        assert_eq!(none.total, 0);
    }
}
