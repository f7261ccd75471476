//! The WordPress backend: a WordPress site's REST API v2 (`base_url` is its
//! `/wp-json/` root), mapped onto the app's types so no page knows the
//! difference. Categories are the news groups; the post id is the news code.

pub mod wire;

use super::http::{get_fresh_json, get_json, get_json_with_headers, post_json};
use super::wire::join;
use super::{ApiError, ArticleQuery};
use crate::model::comment::{Accepted, Captcha, NewComment};
use crate::model::{Article, ArticleSummary, Comment, Group, GroupSlug, NewsCode, Page};
use crate::percent::encode;
use gloo_net::http::Headers;
use wire::{translate, Category, Post, WpComment};

/// A WordPress site at `base_url`.
#[derive(Clone, Debug)]
pub struct WordPressBackend {
    base_url: String,
    timeout_ms: u32,
    captcha_url: Option<String>,
}

fn total(headers: &Headers) -> Option<u64> {
    headers
        .get("x-wp-total")
        .and_then(|v| v.trim().parse().ok())
}

impl WordPressBackend {
    /// A site whose REST root is `base_url`; `captcha_url`, if given, serves
    /// the contract's Captcha (WordPress core has none).
    pub fn new(base_url: String, timeout_ms: u32, captcha_url: Option<String>) -> Self {
        Self {
            base_url,
            timeout_ms,
            captcha_url,
        }
    }

    /// Whether comments go with a CAPTCHA on this site.
    pub fn has_captcha(&self) -> bool {
        self.captcha_url.is_some()
    }

    fn url(&self, path: &str) -> String {
        join(&self.base_url, path)
    }

    async fn categories(&self) -> Result<Vec<Category>, ApiError> {
        super::cache::cached(format!("wp categories {}", self.base_url), || async {
            get_json(
                &self.url("wp/v2/categories?per_page=100&orderby=count&order=desc"),
                self.timeout_ms,
                "categories",
            )
            .await
            .map_err(translate)
        })
        .await
    }

    /// Categories as news groups.
    ///
    /// # Errors
    /// Any [`ApiError`].
    pub async fn groups(&self) -> Result<Vec<Group>, ApiError> {
        let cats = self.categories().await?;
        Ok(cats.iter().map(|c| wire::group(c, &cats)).collect())
    }

    /// Posts, newest first, by category and search text, paged by WordPress's headers.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] for an unknown group; any other [`ApiError`].
    pub async fn articles(&self, q: &ArticleQuery) -> Result<Page<ArticleSummary>, ApiError> {
        let category = match &q.group {
            Some(slug) => Some(self.category_id(slug).await?),
            None => None,
        };
        let fetch = |page: u32, per_page: u32| {
            let mut qs = format!("wp/v2/posts?_embed=1&page={page}&per_page={per_page}");
            if let Some(id) = category {
                qs.push_str(&format!("&categories={id}"));
            }
            if let Some(text) = q.q.as_deref().filter(|t| !t.trim().is_empty()) {
                qs.push_str(&format!("&search={}", encode(text.trim())));
            }
            let url = self.url(&qs);
            async move { get_json_with_headers::<Vec<Post>>(&url, self.timeout_ms, "posts").await }
        };
        match fetch(q.page, q.per_page).await.map_err(translate) {
            Ok((posts, headers)) => Ok(Page {
                total: total(&headers).unwrap_or(posts.len() as u64),
                items: posts
                    .iter()
                    .filter_map(wire::article)
                    .map(|a| a.summary)
                    .collect(),
                page: q.page,
                per_page: q.per_page,
            }),
            // WordPress refuses a page past the end; the app shows an empty
            // page with the real total, so it can offer the last page.
            Err(ApiError::Status { code: Some(c), .. }) if c == "page_out_of_range" => {
                let (_, headers) = fetch(1, 1).await.map_err(translate)?;
                Ok(Page {
                    items: Vec::new(),
                    page: q.page,
                    per_page: q.per_page,
                    total: total(&headers).unwrap_or(0),
                })
            }
            Err(e) => Err(e),
        }
    }

    async fn category_id(&self, slug: &GroupSlug) -> Result<u64, ApiError> {
        self.categories()
            .await?
            .iter()
            .find(|c| crate::percent::decode(&c.slug) == slug.as_str())
            .map(|c| c.id)
            .ok_or(ApiError::NotFound)
    }

    fn post_id(code: &NewsCode) -> Result<u64, ApiError> {
        code.as_str().parse().map_err(|_| ApiError::NotFound)
    }

    /// One post, with its comment count from the comments endpoint's total.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] for an unknown id; any other [`ApiError`].
    pub async fn article(&self, code: &NewsCode) -> Result<Article, ApiError> {
        let id = Self::post_id(code)?;
        let post: Post = get_json(
            &self.url(&format!("wp/v2/posts/{id}?_embed=1")),
            self.timeout_ms,
            &format!("post {id}"),
        )
        .await
        .map_err(|e| wire::hidden_post_is_not_found(translate(e)))?;
        wire::article(&post).ok_or_else(|| ApiError::Decode {
            what: format!("post {id}"),
            detail: "field date_gmt: not a date".into(),
        })
    }

    /// The approved comments of a post, oldest first.
    ///
    /// # Errors
    /// Any [`ApiError`].
    pub async fn comments(
        &self,
        code: &NewsCode,
        page: u32,
        per_page: u32,
    ) -> Result<Page<Comment>, ApiError> {
        let id = Self::post_id(code)?;
        let url = self.url(&format!(
            "wp/v2/comments?post={id}&page={page}&per_page={per_page}&order=asc&orderby=date_gmt"
        ));
        match get_json_with_headers::<Vec<WpComment>>(&url, self.timeout_ms, "comments")
            .await
            .map_err(translate)
        {
            Ok((list, headers)) => Ok(Page {
                total: total(&headers).unwrap_or(list.len() as u64),
                items: list.iter().filter_map(wire::comment).collect(),
                page,
                per_page,
            }),
            Err(ApiError::Status { code: Some(c), .. }) if c == "page_out_of_range" => Ok(Page {
                items: Vec::new(),
                page,
                per_page,
                total: 0,
            }),
            Err(e) => Err(e),
        }
    }

    /// The configured CAPTCHA endpoint's challenge.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] when no CAPTCHA is configured; any other [`ApiError`].
    pub async fn captcha(&self) -> Result<Captcha, ApiError> {
        match &self.captcha_url {
            Some(url) => get_fresh_json(url, self.timeout_ms, "security image").await,
            None => Err(ApiError::NotFound),
        }
    }

    /// Posts an anonymous comment (the CAPTCHA fields go along for a plugin to check).
    ///
    /// # Errors
    /// The contract's codes, translated from WordPress's.
    pub async fn post_comment(
        &self,
        code: &NewsCode,
        new: &NewComment,
        key: &str,
    ) -> Result<Accepted, ApiError> {
        let id = Self::post_id(code)?;
        let mut body = serde_json::json!({
            "post": id,
            "author_name": new.author_name,
            "content": new.body,
        });
        if let Some(obj) = body.as_object_mut() {
            if let Some(email) = &new.author_email {
                obj.insert("author_email".into(), email.as_str().into());
            }
            if let Some(parent) = new.parent_id.as_deref().and_then(|p| p.parse::<u64>().ok()) {
                obj.insert("parent".into(), parent.into());
            }
            if self.has_captcha() {
                obj.insert("captcha_id".into(), new.captcha_id.as_str().into());
                obj.insert("captcha_answer".into(), new.captcha_answer.as_str().into());
            }
        }
        // No Idempotency-Key: WordPress's CORS rules refuse unknown request
        // headers, and it reports a repeated comment as comment_duplicate.
        let _ = key;
        let answer: WpComment = post_json(
            &self.url("wp/v2/comments"),
            &body.to_string(),
            &[],
            self.timeout_ms,
            "comment answer",
        )
        .await
        .map_err(translate)?;
        wire::accepted(&answer).ok_or_else(|| ApiError::Decode {
            what: "comment answer".into(),
            detail: "field date_gmt: not a date".into(),
        })
    }
}
