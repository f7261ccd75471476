//! The article page, `/news/:code`.

use crate::api::{ApiError, Backend};
use crate::components::{ArticleBody, ErrorView, GroupLinks, Loading};
use crate::config::Config;
use crate::i18n::{date_time, digits, dir_of_lang, use_i18n};
use crate::model::reading::{minutes_for, text_of_html, word_count};
use crate::model::{Article, NewsCode};
use crate::pages::NotFoundPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Loads the article named in the URL and shows it.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let backend = expect_context::<Backend>();
    let article = LocalResource::new(move || {
        let backend = backend.clone();
        let code = NewsCode::new(code.get());
        async move { backend.article(&code).await }
    });
    let retry = Callback::new(move |()| article.refetch());
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(a) => view! { <ArticleView article=a/> }.into_any(),
                    Err(ApiError::NotFound) => view! { <NotFoundPage code=code.get_untracked()/> }.into_any(),
                    Err(error) => view! { <ErrorView error on_retry=retry/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// An article's meta line, title, lead, image, body, groups and code.
#[component]
pub fn ArticleView(
    /// The article to show.
    article: Article,
) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<Config>();
    let s = article.summary;
    let lang = s.language.clone();
    let dir = lang.as_deref().map_or("auto", dir_of_lang);
    let published = s.published_at;
    let updated = article.updated_at.filter(|u| *u > published);
    let tz = config.time_zone.clone();
    let tz2 = tz.clone();
    let minutes = s
        .reading_minutes
        .unwrap_or_else(|| minutes_for(word_count(&text_of_html(&article.body_html))));
    let views = s.views;
    let comments = s.comment_count;
    let lead = s.lead.clone().filter(|l| l.trim() != s.title.trim());
    let code = s.code.to_string();
    let code_value = code.clone();
    view! {
        <Title text=s.title.clone()/>
        <article class="article" lang=lang.clone() dir=dir>
            <h1 class="article-title">{s.title.clone()}</h1>
            <p class="article-meta" dir=move || i18n.locale().dir() lang=move || i18n.locale().code()>
                <span>
                    <span class="label">{move || i18n.t("article.published")}" "</span>
                    <time datetime=published.to_rfc3339()>
                        {move || date_time(i18n.locale(), &published, &tz)}
                    </time>
                </span>
                {updated.map(|u| view! {
                    <span>
                        <span class="label">{move || i18n.t("article.updated")}" "</span>
                        <time datetime=u.to_rfc3339()>{move || date_time(i18n.locale(), &u, &tz2)}</time>
                    </span>
                })}
                {views.map(|v| view! { <span>{move || i18n.tn("article.views", v)}</span> })}
                <span>{move || i18n.tn("article.reading", u64::from(minutes))}</span>
            </p>
            {lead.map(|l| view! { <p class="article-lead">{l}</p> })}
            {s.image.map(|img| view! {
                <figure class="article-image">
                    <img src=img.url alt=img.alt width=img.width height=img.height decoding="async"/>
                    {img.caption.map(|c| view! { <figcaption>{c}</figcaption> })}
                </figure>
            })}
            {article.author.map(|a| view! {
                <p class="byline">{move || i18n.tf("article.by", &[("author", &a)])}</p>
            })}
            <ArticleBody html=article.body_html/>
            <footer class="article-footer" dir=move || i18n.locale().dir() lang=move || i18n.locale().code()>
                <section class="article-groups">
                    <h2 class="label">{move || i18n.t("article.groups")}</h2>
                    <GroupLinks groups=s.groups label=Signal::derive(move || i18n.t("article.groups"))/>
                </section>
                <p class="news-code">
                    <span class="label">{move || i18n.t("article.code")}</span>" "
                    <data value=code_value dir="ltr">{move || digits(i18n.locale(), &code)}</data>
                </p>
                {comments.map(|c| view! {
                    <p class="comment-count">{move || i18n.tn("article.comments", c)}</p>
                })}
                {article.source.map(|src| view! {
                    <p class="source">{move || i18n.tf("article.source", &[("source", &src)])}</p>
                })}
            </footer>
        </article>
    }
}
