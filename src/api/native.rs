//! The native HTTP backend: the JSON contract of docs/api.md.

use super::wire::{join, query};
use super::{
    http::{get_fresh_json, get_json, post_json},
    ApiError, ArticleQuery,
};
use crate::model::comment::{Accepted, Captcha, NewComment};
use crate::model::{Article, ArticleSummary, Comment, Group, NewsCode, Page};
use crate::percent::encode;

/// A backend reached over HTTP at `base_url`.
#[derive(Clone, Debug)]
pub struct NativeBackend {
    base_url: String,
    timeout_ms: u32,
}

impl NativeBackend {
    /// A backend at `base_url` (absolute, or relative to the page's base).
    pub fn new(base_url: String, timeout_ms: u32) -> Self {
        Self {
            base_url,
            timeout_ms,
        }
    }

    fn url(&self, path: &str) -> String {
        join(&self.base_url, path)
    }

    /// `GET base/groups`.
    ///
    /// # Errors
    /// Any [`ApiError`].
    pub async fn groups(&self) -> Result<Vec<Group>, ApiError> {
        get_json(&self.url("groups"), self.timeout_ms, "news groups").await
    }

    /// `GET base/articles?page=&per_page=&group=&q=`.
    ///
    /// # Errors
    /// Any [`ApiError`].
    pub async fn articles(&self, q: &ArticleQuery) -> Result<Page<ArticleSummary>, ApiError> {
        let qs = query(&[
            ("page", Some(q.page.to_string())),
            ("per_page", Some(q.per_page.to_string())),
            ("group", q.group.as_ref().map(|g| g.to_string())),
            ("q", q.q.clone()),
        ]);
        get_json(
            &self.url(&format!("articles{qs}")),
            self.timeout_ms,
            "article list",
        )
        .await
    }

    /// `POST base/articles/{code}/views`: counts one view, returns the new count.
    ///
    /// # Errors
    /// Any [`ApiError`]; 404 and 405 mean the backend doesn't count views.
    pub async fn count_view(&self, code: &NewsCode) -> Result<Option<u64>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Views {
            views: u64,
        }
        let url = self.url(&format!("articles/{}/views", encode(code.as_str())));
        match post_json::<Views>(&url, "{}", &[], self.timeout_ms, "view count").await {
            Ok(v) => Ok(Some(v.views)),
            Err(ApiError::NotFound) | Err(ApiError::Status { status: 405, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `GET base/articles/{code}/comments?page=&per_page=`.
    ///
    /// # Errors
    /// Any [`ApiError`].
    pub async fn comments(
        &self,
        code: &NewsCode,
        page: u32,
        per_page: u32,
    ) -> Result<Page<Comment>, ApiError> {
        let url = self.url(&format!(
            "articles/{}/comments?page={page}&per_page={per_page}",
            encode(code.as_str())
        ));
        get_json(&url, self.timeout_ms, &format!("comments of {code}")).await
    }

    /// `GET base/captcha`.
    ///
    /// # Errors
    /// Any [`ApiError`].
    pub async fn captcha(&self) -> Result<Captcha, ApiError> {
        get_fresh_json(&self.url("captcha"), self.timeout_ms, "security image").await
    }

    /// `POST base/articles/{code}/comments` with an `Idempotency-Key`.
    ///
    /// # Errors
    /// Any [`ApiError`]; the contract's refusals come as [`ApiError::Status`] with their code.
    pub async fn post_comment(
        &self,
        code: &NewsCode,
        new: &NewComment,
        key: &str,
    ) -> Result<Accepted, ApiError> {
        let url = self.url(&format!("articles/{}/comments", encode(code.as_str())));
        let body = serde_json::to_string(new).map_err(|e| ApiError::Decode {
            what: "comment".into(),
            detail: e.to_string(),
        })?;
        post_json(
            &url,
            &body,
            &[("Idempotency-Key", key)],
            self.timeout_ms,
            "comment answer",
        )
        .await
    }

    /// `GET base/articles/{code}`.
    ///
    /// # Errors
    /// Any [`ApiError`].
    pub async fn article(&self, code: &NewsCode) -> Result<Article, ApiError> {
        get_json(
            &self.url(&format!("articles/{}", encode(code.as_str()))),
            self.timeout_ms,
            &format!("article {code}"),
        )
        .await
    }
}
