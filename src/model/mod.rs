//! Domain types of the reader (articles, groups, comments, pages) and the pure
//! logic around them. The JSON of the native contract maps onto these types
//! directly; serde attributes keep the wire names.

pub mod comment;
pub mod ids;
pub mod paging;
pub mod reading;
pub mod seo;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use ids::{CommentId, GroupSlug, NewsCode};

/// A link to a news group as an article carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRef {
    /// The group's URL identifier.
    pub slug: GroupSlug,
    /// The group's display name, in its own language.
    pub name: String,
}

/// A news group, as listed by the backend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The group's URL identifier.
    pub slug: GroupSlug,
    /// The group's display name, in its own language.
    pub name: String,
    /// A sentence or two about the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The parent group's slug, for nested groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<GroupSlug>,
    /// How many articles the group holds, when the backend knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_count: Option<u64>,
}

/// An image with the text that stands in for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Where the image is, absolute or relative to the page.
    pub url: String,
    /// Alternative text; empty for a purely decorative image.
    #[serde(default)]
    pub alt: String,
    /// A visible caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Intrinsic width in pixels, used to reserve space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Intrinsic height in pixels, used to reserve space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// What a listing shows of an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// The article's public identifier.
    pub code: NewsCode,
    /// The headline.
    pub title: String,
    /// The standfirst under the headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// When the article was first published.
    pub published_at: DateTime<FixedOffset>,
    /// When the article was last changed, when the backend says (a
    /// prerender run with `--since` rewrites only the articles changed since).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<FixedOffset>>,
    /// The news groups the article belongs to, in the backend's order.
    #[serde(default)]
    pub groups: Vec<GroupRef>,
    /// How often the article was read; `None` when the backend does not count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub views: Option<u64>,
    /// The backend's reading-time estimate in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading_minutes: Option<u32>,
    /// How many comments are published; `None` when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_count: Option<u64>,
    /// The lead image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// The language of the article's text (BCP 47), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// A whole article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Everything a listing shows.
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// The body as HTML from the backend; untrusted, always sanitised before display.
    pub body_html: String,
    /// The byline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Where the news came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Whether readers may comment.
    #[serde(default = "yes")]
    pub comments_open: bool,
    /// The body is withheld behind a password (WordPress's protected posts).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub password_protected: bool,
}

fn yes() -> bool {
    true
}

/// A published comment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// The comment's identifier.
    pub id: CommentId,
    /// The comment this one answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<CommentId>,
    /// The name the commenter gave.
    pub author_name: String,
    /// Plain text; never rendered as HTML.
    pub body: String,
    /// When the comment was posted.
    pub created_at: DateTime<FixedOffset>,
}

/// One page of a longer list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The entries of this page.
    pub items: Vec<T>,
    /// The 1-based page number.
    pub page: u32,
    /// How many entries a full page holds.
    pub per_page: u32,
    /// How many entries there are in all.
    pub total: u64,
}

impl ArticleSummary {
    /// Whether `other` shows the same, apart from the view count (which an
    /// article page keeps current itself, counting the reader's view).
    pub fn same_apart_from_views(&self, other: &Self) -> bool {
        Self {
            views: other.views,
            ..self.clone()
        } == *other
    }
}

impl Article {
    /// [`ArticleSummary::same_apart_from_views`] for a whole article.
    pub fn same_apart_from_views(&self, other: &Self) -> bool {
        self.summary.same_apart_from_views(&other.summary)
            && Self {
                summary: other.summary.clone(),
                ..self.clone()
            } == *other
    }
}

impl Page<ArticleSummary> {
    /// [`ArticleSummary::same_apart_from_views`] for a page of a listing.
    pub fn same_apart_from_views(&self, other: &Self) -> bool {
        (self.page, self.per_page, self.total, self.items.len())
            == (other.page, other.per_page, other.total, other.items.len())
            && self
                .items
                .iter()
                .zip(&other.items)
                .all(|(a, b)| a.same_apart_from_views(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Article {
        serde_json::from_str(
            r#"{"code": "50844", "title": "T", "published_at": "2020-05-06T14:30:00+04:30",
                "groups": [], "views": 73, "body_html": "<p>x</p>"}"#,
        )
        .expect("valid article")
    }

    #[test]
    fn a_new_view_count_is_the_same_article_but_a_new_title_is_not() {
        let a = sample();
        let counted = Article {
            summary: ArticleSummary {
                views: Some(74),
                ..a.summary.clone()
            },
            ..a.clone()
        };
        assert!(a.same_apart_from_views(&counted));
        let retitled = Article {
            summary: ArticleSummary {
                title: "New".into(),
                ..a.summary.clone()
            },
            ..a.clone()
        };
        assert!(!a.same_apart_from_views(&retitled));
        let rewritten = Article {
            body_html: "<p>y</p>".into(),
            ..a.clone()
        };
        assert!(!a.same_apart_from_views(&rewritten));
    }

    #[test]
    fn article_accepts_numeric_code_and_defaults_comments_open() {
        let json = r#"{"code": 50844, "title": "T", "published_at": "2020-05-06T14:30:00+04:30",
                       "groups": [{"slug": "news", "name": "NEWS"}], "body_html": "<p>x</p>"}"#;
        let a: Article = serde_json::from_str(json).expect("valid article");
        assert_eq!(a.summary.code.as_str(), "50844");
        assert!(a.comments_open);
        assert_eq!(a.summary.views, None);
    }

    #[test]
    fn article_rejects_time_without_offset() {
        let json = r#"{"code": "1", "title": "T", "published_at": "2020-05-06T14:30:00", "body_html": ""}"#;
        assert!(serde_json::from_str::<Article>(json).is_err());
    }
}
