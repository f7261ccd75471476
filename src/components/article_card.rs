//! One article in a listing.

use crate::config::Config;
use crate::i18n::use_i18n;
use crate::model::ArticleSummary;
use leptos::prelude::*;

/// Title, lead, date, groups, reading time and comment count of an article.
#[component]
pub fn ArticleCard(
    /// The article to show.
    article: ArticleSummary,
) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<Config>();
    let href = crate::routes::article(&article.code);
    let lang = article.language.clone();
    let dir = lang.as_deref().map_or("auto", crate::i18n::dir_of_lang);
    let published = article.published_at;
    let datetime = published.to_rfc3339();
    let tz = config.time_zone.clone();
    let date = move || crate::i18n::date_time(i18n.locale(), &published, &tz);
    let minutes = article.reading_minutes;
    let comments = article.comment_count;
    let lead = article
        .lead
        .clone()
        .filter(|l| l.trim() != article.title.trim());
    let image = article.image.clone();
    let groups = article
        .groups
        .iter()
        .map(|g| g.name.clone())
        .collect::<Vec<_>>();
    view! {
        <article class="card">
            {image.map(|img| {
                view! {
                    <img class="card-image" src=img.url alt="" width=img.width height=img.height
                        loading="lazy" decoding="async"/>
                }
            })}
            // Only the article's own words carry its language; the meta line is the interface's.
            <h2 class="card-title" lang=lang.clone() dir=dir>
                <a href=href>{article.title.clone()}</a>
            </h2>
            {lead.map(|l| view! { <p class="card-lead" lang=lang dir=dir>{l}</p> })}
            <p class="card-meta">
                <time datetime=datetime>{date}</time>
                {minutes.map(|m| view! {
                    <span>{move || i18n.tn("article.reading", u64::from(m))}</span>
                })}
                {comments.map(|c| view! {
                    <span>{move || i18n.tn("article.comments", c)}</span>
                })}
            </p>
            // A line, not a list, in a card (a list per card would be read
            // out as one). Separators belong to the items (the interface's
            // direction); each name is isolated in its own: see .group-list.
            <p class="card-groups group-list">
                {groups
                    .into_iter()
                    .map(|name| view! { <span><bdi>{name}</bdi></span> })
                    .collect_view()}
            </p>
        </article>
    }
}
