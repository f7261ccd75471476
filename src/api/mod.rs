//! The backend interface. Pages ask a [`Backend`] from context and never know
//! which kind it is; each kind lives in its own file.

pub mod cache;
pub mod carried;
mod demo;
pub mod early;
mod error;
pub mod http;
pub mod mapped;
mod native;
pub mod settings;
pub mod wire;
pub mod wordpress;

#[cfg(target_arch = "wasm32")]
pub use demo::preload as preload_demo_content;
pub use demo::DemoBackend;
pub use error::{ApiError, ErrorCode};
pub use mapped::MappedBackend;
pub use native::NativeBackend;
pub use settings::SettingsError;
pub use wordpress::WordPressBackend;

use crate::config::{BackendKind, Config, Loaded};
use crate::model::comment::{Accepted, Captcha, NewComment};
use crate::model::{Article, ArticleSummary, Comment, Group, GroupSlug, NewsCode, Page};

/// What a listing asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleQuery {
    /// 1-based page number.
    pub page: u32,
    /// Entries per page.
    pub per_page: u32,
    /// Only articles of this group.
    pub group: Option<GroupSlug>,
    /// Only articles matching this search text.
    pub q: Option<String>,
}

/// The articles of `all` that `q` asks for (its group; its search text in
/// the title, the lead, or where `also` finds it), paged as `q` says: the
/// demo's listing, and a mapped API's when the app filters itself.
fn filter_page(
    all: &[Article],
    q: &ArticleQuery,
    also: impl Fn(&Article, &str) -> bool,
) -> Page<ArticleSummary> {
    let needle =
        q.q.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_lowercase);
    let matching: Vec<&Article> = all
        .iter()
        .filter(|a| {
            q.group
                .as_ref()
                .is_none_or(|g| a.summary.groups.iter().any(|r| &r.slug == g))
        })
        .filter(|a| {
            needle.as_ref().is_none_or(|n| {
                a.summary.title.to_lowercase().contains(n)
                    || a.summary
                        .lead
                        .as_deref()
                        .is_some_and(|l| l.to_lowercase().contains(n))
                    || also(a, n)
            })
        })
        .collect();
    let per_page = q.per_page.clamp(1, crate::model::paging::MAX_PER_PAGE);
    let page = q.page.max(1);
    let start = (page as usize - 1).saturating_mul(per_page as usize);
    Page {
        items: matching
            .iter()
            .skip(start)
            .take(per_page as usize)
            .map(|a| a.summary.clone())
            .collect(),
        page,
        per_page,
        total: matching.len() as u64,
    }
}

/// The cache key of the news groups.
const GROUPS_KEY: &str = "groups";

fn article_key(code: &NewsCode) -> String {
    format!("article {code}")
}

/// The backend the site reads from, chosen by config.json.
#[derive(Clone, Debug)]
pub enum Backend {
    /// The demo content shipped in the bundle.
    Demo(DemoBackend),
    /// An HTTP backend speaking the native contract.
    Native(NativeBackend),
    /// A WordPress site's REST API.
    WordPress(WordPressBackend),
    /// Any JSON API, read through a mapping.
    Mapped(MappedBackend),
}

impl Backend {
    /// The backend that `config` names.
    pub fn from_config(config: &Config) -> Self {
        match config.backend {
            BackendKind::Demo => Self::Demo(DemoBackend::new()),
            BackendKind::Native => Self::Native(NativeBackend::new(
                config.base_url.clone(),
                config.timeout_ms,
            )),
            BackendKind::WordPress => Self::WordPress(WordPressBackend::new(
                config.base_url.clone(),
                config.timeout_ms,
                config.captcha_url.clone(),
            )),
            BackendKind::Mapped => match config.mapped.as_ref() {
                Some(crate::config::Mapped {
                    mapping: Some(mapping),
                    params,
                    ..
                }) => Self::Mapped(MappedBackend::new(
                    mapping.clone(),
                    config.base_url.clone(),
                    params.clone(),
                    config.timeout_ms,
                )),
                // No usable mapping: the site runs on the demo and says why.
                _ => Self::Demo(DemoBackend::new()),
            },
        }
    }

    /// The backend for a loaded configuration: the demo when config.json
    /// could not be read or named no usable backend.
    pub fn for_loaded(loaded: &Loaded) -> Self {
        if loaded.fell_back_to_demo() {
            Self::Demo(DemoBackend::new())
        } else {
            Self::from_config(&loaded.config)
        }
    }

    /// Whether the comment form asks for a CAPTCHA.
    pub fn has_captcha(&self) -> bool {
        match self {
            Self::Demo(_) | Self::Native(_) => true,
            Self::WordPress(b) => b.has_captcha(),
            Self::Mapped(b) => b.has_captcha(),
        }
    }

    /// Whether the backend has comments at all (a mapped API whose mapping
    /// reads none: its articles say so instead of offering a form that
    /// cannot send).
    pub fn has_comments(&self) -> bool {
        match self {
            Self::Mapped(b) => b.has_comments(),
            _ => true,
        }
    }

    /// All news groups.
    ///
    /// # Errors
    /// Any [`ApiError`] the backend produces.
    pub async fn groups(&self) -> Result<Vec<Group>, ApiError> {
        cache::cached(GROUPS_KEY.into(), || async {
            match self {
                Self::Demo(b) => b.groups().await,
                Self::Native(b) => b.groups().await,
                Self::WordPress(b) => b.groups().await,
                Self::Mapped(b) => b.groups().await,
            }
        })
        .await
    }

    /// One page of articles, newest first.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] for an unknown group; any other [`ApiError`].
    pub async fn articles(&self, query: &ArticleQuery) -> Result<Page<ArticleSummary>, ApiError> {
        cache::cached(format!("articles {query:?}"), || async {
            match self {
                Self::Demo(b) => b.articles(query).await,
                Self::Native(b) => b.articles(query).await,
                Self::WordPress(b) => b.articles(query).await,
                Self::Mapped(b) => b.articles(query).await,
            }
        })
        .await
    }

    /// Counts one view of an article; `None` when the backend doesn't count views.
    ///
    /// # Errors
    /// Any [`ApiError`]; callers treat a failure as "not counted this time".
    pub async fn count_view(&self, code: &NewsCode) -> Result<Option<u64>, ApiError> {
        let answer = match self {
            Self::Demo(b) => b.count_view(code).await,
            Self::Native(b) => b.count_view(code).await,
            // WordPress and mapped APIs count no views.
            Self::WordPress(_) | Self::Mapped(_) => Ok(None),
        };
        if matches!(answer, Ok(Some(_))) {
            // The article's view count changed.
            cache::forget(&article_key(code));
        }
        answer
    }

    /// One page of an article's comments, oldest first.
    ///
    /// # Errors
    /// Any [`ApiError`].
    pub async fn comments(
        &self,
        code: &NewsCode,
        page: u32,
        per_page: u32,
    ) -> Result<Page<Comment>, ApiError> {
        match self {
            Self::Demo(b) => b.comments(code, page, per_page).await,
            Self::Native(b) => b.comments(code, page, per_page).await,
            Self::WordPress(b) => b.comments(code, page, per_page).await,
            Self::Mapped(b) => b.comments(code, page, per_page).await,
        }
    }

    /// A fresh CAPTCHA challenge.
    ///
    /// # Errors
    /// Any [`ApiError`].
    pub async fn captcha(&self) -> Result<Captcha, ApiError> {
        let captcha = match self {
            Self::Demo(b) => b.captcha().await,
            Self::Native(b) => b.captcha().await,
            Self::WordPress(b) => b.captcha().await,
            Self::Mapped(b) => b.captcha().await,
        }?;
        captcha.checked().map_err(|detail| ApiError::Decode {
            what: "security image".into(),
            detail,
        })
    }

    /// Submits a comment; `key` makes a retry of the same submission safe.
    ///
    /// # Errors
    /// Any [`ApiError`]; refusals carry the contract's error code.
    pub async fn post_comment(
        &self,
        code: &NewsCode,
        new: &NewComment,
        key: &str,
    ) -> Result<Accepted, ApiError> {
        let answer = match self {
            Self::Demo(b) => b.post_comment(code, new, key).await,
            Self::Native(b) => b.post_comment(code, new, key).await,
            Self::WordPress(b) => b.post_comment(code, new, key).await,
            Self::Mapped(b) => b.post_comment(code, new, key).await,
        };
        if answer.is_ok() {
            // The article's comment count changed.
            cache::forget(&article_key(code));
        }
        answer
    }

    /// One whole article.
    ///
    /// # Errors
    /// [`ApiError::NotFound`] for an unknown code; any other [`ApiError`].
    pub async fn article(&self, code: &NewsCode) -> Result<Article, ApiError> {
        cache::cached(article_key(code), || async {
            match self {
                Self::Demo(b) => b.article(code).await,
                Self::Native(b) => b.article(code).await,
                Self::WordPress(b) => b.article(code).await,
                Self::Mapped(b) => b.article(code).await,
            }
        })
        .await
    }
}
