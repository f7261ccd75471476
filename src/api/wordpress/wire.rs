//! WordPress REST API v2 shapes and their mapping to the app's types: posts,
//! categories (news groups), comments, media, and WordPress's error codes.
//! Pure functions, tested natively.

use crate::api::ApiError;
use crate::model::comment::{AcceptStatus, Accepted};
use crate::model::{
    Article, ArticleSummary, Comment, CommentId, Group, GroupRef, GroupSlug, Image, NewsCode,
};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

/// A `{ rendered }` field.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Rendered {
    /// The HTML WordPress renders.
    #[serde(default)]
    pub rendered: String,
    /// Set on the content of a password-protected post.
    #[serde(default)]
    pub protected: bool,
}

/// `GET wp/v2/posts` entry (with `_embed`).
#[derive(Clone, Debug, Deserialize)]
pub struct Post {
    /// The post id: the news code.
    pub id: u64,
    /// Publication time in UTC, without an offset.
    pub date_gmt: String,
    /// Last change in UTC.
    #[serde(default)]
    pub modified_gmt: Option<String>,
    /// Headline.
    #[serde(default)]
    pub title: Rendered,
    /// Summary.
    #[serde(default)]
    pub excerpt: Option<Rendered>,
    /// Body.
    #[serde(default)]
    pub content: Option<Rendered>,
    /// "open" or "closed".
    #[serde(default)]
    pub comment_status: Option<String>,
    /// Linked objects.
    #[serde(rename = "_embedded", default)]
    pub embedded: Option<Embedded>,
}

/// `_embedded` of a post.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Embedded {
    /// Term lists: categories, tags, ….
    #[serde(rename = "wp:term", default)]
    pub terms: Vec<Vec<Term>>,
    /// The featured image (or an error object where it is not public).
    #[serde(rename = "wp:featuredmedia", default)]
    pub media: Vec<Media>,
    /// The author.
    #[serde(default)]
    pub author: Vec<Author>,
}

/// A term of a post.
#[derive(Clone, Debug, Deserialize)]
pub struct Term {
    /// Display name (entity-encoded).
    #[serde(default)]
    pub name: String,
    /// URL slug (percent-encoded for non-ASCII).
    #[serde(default)]
    pub slug: String,
    /// "category", "post_tag", ….
    #[serde(default)]
    pub taxonomy: String,
}

/// A media item.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Media {
    /// The file's URL.
    #[serde(default)]
    pub source_url: Option<String>,
    /// Alternative text.
    #[serde(default)]
    pub alt_text: Option<String>,
    /// Caption HTML.
    #[serde(default)]
    pub caption: Option<Rendered>,
    /// Sizes.
    #[serde(default)]
    pub media_details: Option<MediaDetails>,
}

/// A media item's size.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct MediaDetails {
    /// Pixels.
    #[serde(default)]
    pub width: Option<u32>,
    /// Pixels.
    #[serde(default)]
    pub height: Option<u32>,
}

/// A post's author.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Author {
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
}

/// `GET wp/v2/categories` entry.
#[derive(Clone, Debug, Deserialize)]
pub struct Category {
    /// Category id, used to filter posts.
    pub id: u64,
    /// Display name (entity-encoded).
    pub name: String,
    /// URL slug (percent-encoded for non-ASCII).
    pub slug: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Parent category id (0 for none).
    #[serde(default)]
    pub parent: u64,
    /// Published posts in the category.
    #[serde(default)]
    pub count: Option<u64>,
}

/// `GET wp/v2/comments` entry.
#[derive(Clone, Debug, Deserialize)]
pub struct WpComment {
    /// Comment id.
    pub id: u64,
    /// Parent comment id (0 for none).
    #[serde(default)]
    pub parent: u64,
    /// The commenter's name.
    #[serde(default)]
    pub author_name: String,
    /// The comment as HTML.
    #[serde(default)]
    pub content: Rendered,
    /// Posting time in UTC.
    pub date_gmt: String,
    /// "approved", "hold", ….
    #[serde(default)]
    pub status: Option<String>,
}

/// Reads a WordPress `*_gmt` time (no offset, UTC).
pub fn gmt(s: &str) -> Option<DateTime<FixedOffset>> {
    // As RFC 3339 in UTC: chrono's format-string parser would cost the wasm
    // its whole strftime machinery for this one date shape.
    let s = s.trim();
    let shaped = s.len() == 19 && s.as_bytes()[10] == b'T';
    shaped
        .then(|| DateTime::parse_from_rfc3339(&format!("{s}Z")).ok())
        .flatten()
}

/// Decodes HTML character references (named ones WordPress produces, and numeric).
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|e| *e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "hellip" => Some('…'),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "laquo" => Some('«'),
                "raquo" => Some('»'),
                "zwnj" => Some('\u{200c}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Plain text of rendered HTML: tags dropped (paragraph and line breaks kept
/// as new lines), entities decoded, spaces collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        let Some(end) = rest[i..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[i + 1..i + end]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        if tag.starts_with("br") || tag.starts_with("p") && !tag.starts_with("pre") {
            text.push('\n');
        }
        rest = &rest[i + end + 1..];
    }
    text.push_str(rest);
    let decoded = decode_entities(&text);
    let lines: Vec<String> = decoded
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let mut out = lines.join("\n");
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out.trim().to_owned()
}

/// A hand-written excerpt as the lead. WordPress's automatic excerpt (the
/// body's opening words and "[…]") would only repeat the first paragraph, so
/// it gives no lead.
pub fn lead_from_excerpt(excerpt_html: &str, body_html: &str) -> String {
    let text = html_to_text(excerpt_html);
    let trimmed = text
        .trim_end_matches(['…', ']', '['])
        .trim_end_matches("[&hellip;")
        .trim()
        .to_owned();
    let body = html_to_text(body_html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let start = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    if !start.is_empty() && body.starts_with(&start) {
        String::new()
    } else {
        text
    }
}

/// A category as a news group (slug percent-decoded, so Persian slugs read as Persian).
pub fn group(c: &Category, all: &[Category]) -> Group {
    Group {
        slug: GroupSlug::new(crate::percent::decode(&c.slug)),
        name: html_to_text(&c.name),
        description: Some(html_to_text(&c.description)).filter(|d| !d.is_empty()),
        parent: all
            .iter()
            .find(|p| p.id == c.parent && c.parent != 0)
            .map(|p| GroupSlug::new(crate::percent::decode(&p.slug))),
        article_count: c.count,
    }
}

/// A post as an article; `None` when its dates are unreadable.
pub fn article(p: &Post) -> Option<Article> {
    let published_at = gmt(&p.date_gmt)?;
    let embedded = p.embedded.clone().unwrap_or_default();
    let groups = embedded
        .terms
        .iter()
        .flatten()
        .filter(|t| t.taxonomy == "category")
        .map(|t| GroupRef {
            slug: GroupSlug::new(crate::percent::decode(&t.slug)),
            name: html_to_text(&t.name),
        })
        .collect();
    let image = embedded.media.first().and_then(|m| {
        Some(Image {
            url: m.source_url.clone()?,
            alt: m.alt_text.clone().unwrap_or_default(),
            caption: m
                .caption
                .as_ref()
                .map(|c| html_to_text(&c.rendered))
                .filter(|c| !c.is_empty()),
            width: m.media_details.as_ref().and_then(|d| d.width),
            height: m.media_details.as_ref().and_then(|d| d.height),
        })
    });
    let content = p.content.clone().unwrap_or_default();
    let lead = p
        .excerpt
        .as_ref()
        .map(|e| lead_from_excerpt(&e.rendered, &content.rendered))
        .filter(|e| !e.is_empty() && !content.protected);
    Some(Article {
        summary: ArticleSummary {
            code: NewsCode::new(p.id.to_string()),
            title: html_to_text(&p.title.rendered),
            lead,
            published_at,
            updated_at: p.modified_gmt.as_deref().and_then(gmt),
            groups,
            // WordPress counts no views; reading time is computed from the body.
            views: None,
            reading_minutes: None,
            comment_count: None,
            image,
            language: None,
        },
        body_html: if content.protected {
            String::new()
        } else {
            content.rendered
        },
        author: embedded.author.first().and_then(|a| a.name.clone()),
        source: None,
        comments_open: p.comment_status.as_deref() != Some("closed"),
        password_protected: content.protected,
    })
}

/// A comment in the app's terms (its HTML read as plain text).
pub fn comment(c: &WpComment) -> Option<Comment> {
    Some(Comment {
        id: CommentId::new(c.id.to_string()),
        parent_id: (c.parent != 0).then(|| CommentId::new(c.parent.to_string())),
        author_name: html_to_text(&c.author_name),
        body: html_to_text(&c.content.rendered),
        created_at: gmt(&c.date_gmt)?,
    })
}

/// The answer to a posted comment: "approved" is published, "spam" and
/// "trash" were turned away by the site (an anti-spam plugin, WordPress's
/// disallowed words), anything else ("hold") waits for an editor.
pub fn accepted(c: &WpComment) -> Option<Accepted> {
    let status = match c.status.as_deref() {
        Some("approved") => AcceptStatus::Published,
        Some("spam") => AcceptStatus::Spam,
        Some("trash") => AcceptStatus::Trash,
        _ => AcceptStatus::Pending,
    };
    Some(Accepted {
        status,
        comment: comment(c)?,
    })
}

/// The app's error code (and the form fields at fault) for a WordPress error code.
pub fn map_error_code(code: &str) -> (&'static str, &'static [&'static str]) {
    match code {
        "rest_comment_login_required" => ("login_required", &[]),
        "rest_comment_closed" => ("comments_closed", &[]),
        "comment_duplicate" => ("duplicate", &[]),
        "comment_flood" => ("rate_limited", &[]),
        // A post deleted, moved to the trash or back to draft since the page loaded.
        "rest_comment_invalid_post_id"
        | "rest_post_invalid_id"
        | "rest_comment_trash_post"
        | "rest_comment_draft_post" => ("not_found", &[]),
        "rest_comment_content_invalid" => ("validation_failed", &["body"]),
        "rest_comment_author_data_required" => {
            ("validation_failed", &["author_name", "author_email"])
        }
        "rest_post_invalid_page_number" => ("page_out_of_range", &[]),
        // The fields come from the error's own list (see `invalid_params`).
        "rest_invalid_param" => ("validation_failed", &[]),
        _ => ("", &[]),
    }
}

/// Translates a WordPress error into the contract's terms: its code (see
/// [`map_error_code`]) and the form fields it concerns, with WordPress's words
/// for what is wrong when it gives them (`rest_invalid_param`). An error the
/// app has no meaning for keeps WordPress's code and is shown by its status.
pub fn translate(e: ApiError) -> ApiError {
    let ApiError::Status {
        status,
        code: Some(code),
        retry_after,
        fields,
    } = e
    else {
        return e;
    };
    let (ours, at_fault) = map_error_code(&code);
    let fields = if code == "rest_invalid_param" {
        invalid_params(&fields)
    } else {
        at_fault
            .iter()
            .map(|f| ((*f).to_owned(), String::new()))
            .collect()
    };
    if ours == "not_found" {
        return ApiError::NotFound;
    }
    // No meaning for the app, or a refused parameter the reader never typed:
    // nothing on the form to correct.
    if ours.is_empty() || (ours == "validation_failed" && fields.is_empty()) {
        return ApiError::Status {
            status,
            code: Some(code),
            retry_after,
            fields: Vec::new(),
        };
    }
    ApiError::Status {
        // WordPress answers a comment flood with 400; it means "wait".
        status: if ours == "rate_limited" { 429 } else { status },
        code: Some(ours.to_owned()),
        retry_after,
        fields,
    }
}

/// A post WordPress will not show a visitor (trashed, back to draft, made
/// private) answers `rest_forbidden`; to a reader it is not there.
pub fn hidden_post_is_not_found(e: ApiError) -> ApiError {
    match &e {
        ApiError::Status {
            status: 401 | 403,
            code: Some(c),
            ..
        } if c == "rest_forbidden" => ApiError::NotFound,
        _ => e,
    }
}

/// The comment form's name for a parameter of WordPress's comments route, if
/// the form has that field.
pub fn form_field(param: &str) -> Option<&'static str> {
    match param {
        "author_name" => Some("author_name"),
        "author_email" => Some("author_email"),
        "content" => Some("body"),
        _ => None,
    }
}

/// The form fields (and WordPress's words for what is wrong with each) that a
/// `rest_invalid_param` error names. Parameters the reader never typed (post,
/// parent, ...) are left out: they are not the reader's to correct.
pub fn invalid_params(params: &[(String, String)]) -> Vec<(String, String)> {
    params
        .iter()
        .filter_map(|(name, message)| {
            form_field(name).map(|f| (f.to_owned(), html_to_text(message)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry&#8217;s &#x201C;show&#x201D; &hellip;"),
            "Tom & Jerry’s “show” …"
        );
        assert_eq!(
            decode_entities("a &unknown; b & c &#xZZ;"),
            "a &unknown; b & c &#xZZ;"
        );
        assert_eq!(decode_entities("&#1601;&#1606;"), "فن");
        assert_eq!(decode_entities("trailing &"), "trailing &");
    }

    #[test]
    fn html_reads_as_text() {
        assert_eq!(
            html_to_text("<p>Hello <em>world</em> &amp; more</p>\n"),
            "Hello world & more"
        );
        assert_eq!(
            html_to_text("<p>One</p>\n<p>Two<br />three</p>"),
            "One\n\nTwo\nthree"
        );
        assert_eq!(html_to_text("<script>x</script>"), "x");
        assert_eq!(html_to_text("broken <b"), "broken");
    }

    #[test]
    fn automatic_excerpts_give_no_lead() {
        let body = "<p>The council approved the plan on Monday after a long debate.</p>";
        assert_eq!(
            lead_from_excerpt(
                "<p>The council approved the plan on Monday after [&hellip;]</p>\n",
                body
            ),
            ""
        );
        assert_eq!(
            lead_from_excerpt("<p>A short summary written by hand.</p>", body),
            "A short summary written by hand."
        );
    }

    #[test]
    fn gmt_is_read_as_utc() {
        let t = gmt("2020-05-06T10:00:00").expect("time");
        assert_eq!(t.to_rfc3339(), "2020-05-06T10:00:00+00:00");
        assert_eq!(gmt("2020-05-06"), None);
        assert_eq!(gmt("yesterday"), None);
    }

    fn post_json() -> &'static str {
        r#"{"id": 50844, "date": "2020-05-06T14:30:00", "date_gmt": "2020-05-06T10:00:00",
            "modified_gmt": "2020-05-07T08:00:00",
            "title": {"rendered": "Export support &#8211; &#8220;knowledge-based&#8221; firms"},
            "excerpt": {"rendered": "<p>A lead &hellip;</p>\n", "protected": false},
            "content": {"rendered": "<p>Body.</p>", "protected": false},
            "comment_status": "open",
            "_embedded": {
              "author": [{"name": "Desk"}],
              "wp:featuredmedia": [{"source_url": "https://x.org/a.jpg", "alt_text": "Alt",
                 "caption": {"rendered": "<p>Cap</p>"}, "media_details": {"width": 1200, "height": 675}}],
              "wp:term": [[{"id": 3, "name": "News &amp; Views", "slug": "news", "taxonomy": "category"},
                           {"id": 9, "name": "\u0641\u0646", "slug": "%d9%81%d9%86", "taxonomy": "category"}],
                          [{"id": 5, "name": "tag", "slug": "tag", "taxonomy": "post_tag"}]]}}"#
    }

    #[test]
    fn a_post_maps_to_an_article() {
        let p: Post = serde_json::from_str(post_json()).expect("post");
        let a = article(&p).expect("article");
        assert_eq!(a.summary.code.as_str(), "50844");
        assert_eq!(a.summary.title, "Export support – “knowledge-based” firms");
        assert_eq!(a.summary.lead.as_deref(), Some("A lead …"));
        assert_eq!(
            a.summary.published_at.to_rfc3339(),
            "2020-05-06T10:00:00+00:00"
        );
        assert_eq!(
            a.summary.updated_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2020-05-07T08:00:00+00:00")
        );
        assert_eq!(a.summary.views, None, "WordPress counts no views");
        let groups: Vec<_> = a
            .summary
            .groups
            .iter()
            .map(|g| (g.slug.as_str(), g.name.as_str()))
            .collect();
        assert_eq!(
            groups,
            [("news", "News & Views"), ("فن", "فن")],
            "tags are not groups"
        );
        let img = a.summary.image.expect("image");
        assert_eq!(
            (img.alt.as_str(), img.caption.as_deref(), img.width),
            ("Alt", Some("Cap"), Some(1200))
        );
        assert_eq!(a.author.as_deref(), Some("Desk"));
        assert!(a.comments_open);
        assert!(!a.password_protected);
    }

    #[test]
    fn a_protected_post_has_no_body_or_lead() {
        let mut p: Post = serde_json::from_str(post_json()).expect("post");
        p.content = Some(Rendered {
            rendered: String::new(),
            protected: true,
        });
        p.excerpt = Some(Rendered {
            rendered: "<p>There is no excerpt because this is a protected post.</p>".into(),
            protected: true,
        });
        let a = article(&p).expect("article");
        assert!(a.password_protected);
        assert_eq!(a.summary.lead, None);
        assert_eq!(a.body_html, "");
    }

    #[test]
    fn a_post_without_embeds_still_maps() {
        let p: Post = serde_json::from_str(r#"{"id": 7, "date_gmt": "2021-01-01T00:00:00", "title": {"rendered": "T"}, "comment_status": "closed"}"#).expect("post");
        let a = article(&p).expect("article");
        assert!(a.summary.groups.is_empty());
        assert!(!a.comments_open);
    }

    #[test]
    fn categories_map_to_groups_with_decoded_slugs() {
        let cats: Vec<Category> = serde_json::from_str(
            r#"[{"id": 1, "name": "News", "slug": "news", "description": "", "parent": 0, "count": 12},
                {"id": 2, "name": "&#1601;&#1606;", "slug": "%d9%81%d9%86", "description": "About &amp; more", "parent": 1, "count": 3}]"#,
        )
        .expect("categories");
        let g = group(&cats[1], &cats);
        assert_eq!(g.slug.as_str(), "فن");
        assert_eq!(g.name, "فن");
        assert_eq!(g.description.as_deref(), Some("About & more"));
        assert_eq!(g.parent.as_ref().map(GroupSlug::as_str), Some("news"));
        assert_eq!(g.article_count, Some(3));
        assert_eq!(group(&cats[0], &cats).description, None);
    }

    #[test]
    fn comments_map_with_threading_and_status() {
        let c: WpComment = serde_json::from_str(
            r#"{"id": 12, "post": 50844, "parent": 11, "author_name": "Sara &amp; Ali", "date_gmt": "2020-05-07T05:00:00",
                "content": {"rendered": "<p>Thanks &lt;3</p>\n"}, "status": "hold"}"#,
        )
        .expect("comment");
        let a = accepted(&c).expect("accepted");
        assert_eq!(a.status, AcceptStatus::Pending);
        assert_eq!(
            a.comment.parent_id.as_ref().map(CommentId::as_str),
            Some("11")
        );
        assert_eq!(a.comment.author_name, "Sara & Ali");
        assert_eq!(a.comment.body, "Thanks <3");
        let mut top = c.clone();
        top.parent = 0;
        top.status = Some("approved".into());
        let a = accepted(&top).expect("accepted");
        assert_eq!(a.status, AcceptStatus::Published);
        assert_eq!(a.comment.parent_id, None);
    }

    #[test]
    fn spam_and_trash_are_not_awaiting_moderation() {
        let table = [
            (Some("approved"), AcceptStatus::Published),
            (Some("hold"), AcceptStatus::Pending),
            (Some("spam"), AcceptStatus::Spam),
            (Some("trash"), AcceptStatus::Trash),
            (Some("unapproved"), AcceptStatus::Pending),
            (None, AcceptStatus::Pending),
        ];
        for (status, want) in table {
            let c = WpComment {
                id: 1,
                parent: 0,
                author_name: "A".into(),
                content: Rendered::default(),
                date_gmt: "2025-04-27T14:00:00".into(),
                status: status.map(str::to_owned),
            };
            assert_eq!(accepted(&c).expect("accepted").status, want, "{status:?}");
        }
    }

    fn wp_error(status: u16, code: &str, fields: &[(&str, &str)]) -> ApiError {
        ApiError::Status {
            status,
            code: Some(code.into()),
            retry_after: None,
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
        }
    }

    #[test]
    fn an_invalid_email_marks_the_email_field_with_wordpress_words() {
        let e = wp_error(
            400,
            "rest_invalid_param",
            &[("author_email", "Invalid email address.")],
        );
        assert_eq!(
            translate(e),
            wp_error(
                400,
                "validation_failed",
                &[("author_email", "Invalid email address.")]
            )
        );
    }

    #[test]
    fn an_invalid_parameter_off_the_form_keeps_wordpress_code() {
        let e = wp_error(
            400,
            "rest_invalid_param",
            &[("parent", "parent is not of type integer.")],
        );
        assert_eq!(translate(e), wp_error(400, "rest_invalid_param", &[]));
    }

    #[test]
    fn translated_errors_name_their_fields_and_statuses() {
        let table = [
            (
                wp_error(400, "rest_comment_author_data_required", &[]),
                wp_error(
                    400,
                    "validation_failed",
                    &[("author_name", ""), ("author_email", "")],
                ),
            ),
            (
                wp_error(400, "rest_comment_content_invalid", &[]),
                wp_error(400, "validation_failed", &[("body", "")]),
            ),
            (
                wp_error(400, "comment_flood", &[]),
                wp_error(429, "rate_limited", &[]),
            ),
            (
                wp_error(409, "comment_duplicate", &[]),
                wp_error(409, "duplicate", &[]),
            ),
            (
                wp_error(401, "rest_comment_login_required", &[]),
                wp_error(401, "login_required", &[]),
            ),
            (
                wp_error(403, "rest_comment_trash_post", &[]),
                ApiError::NotFound,
            ),
            (
                wp_error(418, "some_plugin_code", &[("x", "y")]),
                wp_error(418, "some_plugin_code", &[]),
            ),
            (ApiError::Timeout(5), ApiError::Timeout(5)),
        ];
        for (given, want) in table {
            assert_eq!(translate(given.clone()), want, "{given:?}");
        }
    }

    #[test]
    fn a_post_hidden_from_visitors_is_not_found() {
        assert_eq!(
            hidden_post_is_not_found(wp_error(401, "rest_forbidden", &[])),
            ApiError::NotFound
        );
        let other = wp_error(401, "rest_cannot_read", &[]);
        assert_eq!(hidden_post_is_not_found(other.clone()), other);
    }

    #[test]
    fn invalid_params_name_the_form_fields() {
        let p = |name: &str, message: &str| (name.to_owned(), message.to_owned());
        assert_eq!(
            invalid_params(&[p("author_email", "Invalid email address.")]),
            [p("author_email", "Invalid email address.")]
        );
        assert_eq!(
            invalid_params(&[
                p("author_name", "author_name is not of type string."),
                p("content", "Invalid comment content &amp; more."),
            ]),
            [
                p("author_name", "author_name is not of type string."),
                p("body", "Invalid comment content & more.")
            ]
        );
        assert!(
            invalid_params(&[p("post", "post is not of type integer."), p("parent", "x")])
                .is_empty(),
            "parameters the reader never typed are not form fields"
        );
    }

    #[test]
    fn every_wordpress_error_code_has_a_meaning() {
        let table = [
            ("rest_comment_login_required", "login_required"),
            ("rest_comment_closed", "comments_closed"),
            ("comment_duplicate", "duplicate"),
            ("comment_flood", "rate_limited"),
            ("rest_comment_invalid_post_id", "not_found"),
            ("rest_comment_content_invalid", "validation_failed"),
            ("rest_comment_author_data_required", "validation_failed"),
            ("rest_post_invalid_id", "not_found"),
            ("rest_comment_trash_post", "not_found"),
            ("rest_comment_draft_post", "not_found"),
            ("rest_invalid_param", "validation_failed"),
            ("rest_post_invalid_page_number", "page_out_of_range"),
        ];
        for (wp, ours) in table {
            assert_eq!(map_error_code(wp).0, ours, "{wp}");
        }
        assert_eq!(map_error_code("rest_comment_content_invalid").1, ["body"]);
        assert_eq!(map_error_code("something_else").0, "");
    }
}
