//! What an article page puts in the document head for search engines and
//! link previews: the description and the schema.org NewsArticle JSON-LD.

use super::Article;
use serde_json::{json, Value};

/// An ISO 8601 duration of whole minutes ("PT3M"), for `timeRequired`.
pub fn iso_minutes(minutes: u32) -> String {
    format!("PT{minutes}M")
}

/// Text for a meta description: whitespace collapsed, cut at a word near `max` characters.
pub fn description(text: &str, max: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!(
        "{}…",
        at_word.trim_end_matches([',', ';', ':', '.', '،', '؛'])
    )
}

/// The NewsArticle JSON-LD for `article` at the absolute `url`, safe to put
/// inside a `<script>` element (no `<` survives unescaped).
pub fn news_article_json_ld(
    article: &Article,
    url: &str,
    image_url: Option<&str>,
    word_count: usize,
    minutes: u32,
) -> String {
    let s = &article.summary;
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.title,
        "url": url,
        "mainEntityOfPage": url,
        "identifier": s.code.as_str(),
        "datePublished": s.published_at.to_rfc3339(),
        "dateModified": s.updated_at.unwrap_or(s.published_at).to_rfc3339(),
        "articleSection": s.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(),
        "wordCount": word_count,
        "timeRequired": iso_minutes(minutes),
    });
    let obj = ld.as_object_mut();
    if let Some(obj) = obj {
        if let Some(lead) = &s.lead {
            obj.insert("description".into(), Value::from(description(lead, 300)));
        }
        if let Some(lang) = &s.language {
            obj.insert("inLanguage".into(), Value::from(lang.as_str()));
        }
        if let Some(img) = image_url {
            obj.insert("image".into(), Value::from(img));
        }
        if let Some(author) = &article.author {
            obj.insert(
                "author".into(),
                json!({ "@type": "Person", "name": author }),
            );
        }
        if let Some(views) = s.views {
            obj.insert(
                "interactionStatistic".into(),
                json!({
                    "@type": "InteractionCounter",
                    "interactionType": "https://schema.org/ReadAction",
                    "userInteractionCount": views,
                }),
            );
        }
        if let Some(c) = s.comment_count {
            obj.insert("commentCount".into(), Value::from(c));
        }
    }
    // "</script>" inside a string would end the element early.
    ld.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        serde_json::from_str(
            r#"{"code": "50844", "title": "Title </script><script>x()</script>", "lead": "A lead.",
                "published_at": "2020-05-06T14:30:00+04:30", "views": 73, "comment_count": 0,
                "language": "en", "groups": [{"slug": "news", "name": "NEWS"},
                {"slug": "d", "name": "اخبار معاونت ها و مراکز"}], "body_html": "<p>x</p>"}"#,
        )
        .expect("article")
    }

    #[test]
    fn duration_is_iso_8601() {
        assert_eq!(iso_minutes(1), "PT1M");
        assert_eq!(iso_minutes(12), "PT12M");
    }

    #[test]
    fn description_collapses_and_cuts_at_a_word() {
        assert_eq!(description("  a\n b  ", 10), "a b");
        assert_eq!(description("one two three four", 12), "one two…");
    }

    #[test]
    fn json_ld_has_every_field_and_cannot_break_out() {
        let ld = news_article_json_ld(&article(), "https://x.org/news/50844", None, 250, 2);
        assert!(!ld.contains('<'), "{ld}");
        let v: Value = serde_json::from_str(&ld).expect("valid JSON");
        assert_eq!(v["@type"], "NewsArticle");
        assert_eq!(v["headline"], "Title </script><script>x()</script>");
        assert_eq!(v["identifier"], "50844");
        assert_eq!(v["datePublished"], "2020-05-06T14:30:00+04:30");
        assert_eq!(v["dateModified"], "2020-05-06T14:30:00+04:30");
        assert_eq!(v["articleSection"][1], "اخبار معاونت ها و مراکز");
        assert_eq!(v["wordCount"], 250);
        assert_eq!(v["timeRequired"], "PT2M");
        assert_eq!(v["interactionStatistic"]["userInteractionCount"], 73);
        assert_eq!(v["commentCount"], 0);
        assert_eq!(v["inLanguage"], "en");
    }

    #[test]
    fn json_ld_leaves_out_what_the_backend_does_not_know() {
        let mut a = article();
        a.summary.views = None;
        a.summary.comment_count = None;
        let v: Value =
            serde_json::from_str(&news_article_json_ld(&a, "u", None, 1, 1)).expect("json");
        assert!(v.get("interactionStatistic").is_none());
        assert!(v.get("commentCount").is_none());
    }
}
