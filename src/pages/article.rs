//! The article page, `/news/:code`.

use crate::api::{ApiError, Backend};
use crate::components::{
    progress_setter, ArticleBody, ArticleHead, CommentsSection, ErrorView, GroupLinks, Loading,
    PageStatus, PartState, ShareButton,
};
use crate::config::Config;
use crate::i18n::{date_time, digits, dir_of_lang, use_i18n};
use crate::model::reading::{minutes_for, text_of_html, word_count};
use crate::model::{Article, NewsCode};
use crate::pages::NotFoundPage;
use crate::{routes, storage};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Loads the article named in the URL and shows it.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let backend = expect_context::<Backend>();
    let article = LocalResource::new({
        let backend = backend.clone();
        move || {
            let backend = backend.clone();
            let code = NewsCode::new(code.get());
            async move { backend.article(&code).await }
        }
    });
    crate::prerender::refresh_after_takeover(
        article,
        move || {
            let backend = backend.clone();
            let code = NewsCode::new(code.get_untracked());
            async move { backend.article(&code).await }
        },
        Article::same_apart_from_views,
    );
    // Not found is a page of its own, not a failure.
    PageStatus::watch(move || match article.get() {
        Some(Err(ApiError::NotFound)) => PartState::Ready,
        other => PartState::of(other.as_ref()),
    });
    let retry = Callback::new(move |()| article.refetch());
    view! {
        <Transition fallback=|| view! { <Loading/> } set_pending=progress_setter()>
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

/// Counts one view of `code` per browser session, then shows the backend's new count.
fn count_view_once(backend: Backend, code: NewsCode, views: RwSignal<Option<u64>>) {
    let key = format!("newsfront.viewed.{code}");
    // Prerendering a page is not reading it.
    if crate::prerender::is_recording()
        || views.get_untracked().is_none()
        || storage::session_get(&key).is_some()
    {
        return;
    }
    storage::session_set(&key, "1");
    leptos::task::spawn_local(async move {
        // A failed count is not the reader's problem: the page keeps the count it has.
        if let Ok(Some(n)) = backend.count_view(&code).await {
            views.set(Some(n));
        }
    });
}

/// An article's meta line, title, lead, image, body, groups, code and share control.
#[component]
pub fn ArticleView(
    /// The article to show.
    article: Article,
) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<Config>();
    let words = word_count(&text_of_html(&article.body_html));
    let minutes = article
        .summary
        .reading_minutes
        .unwrap_or_else(|| minutes_for(words));
    let url = routes::absolute(&routes::article(&article.summary.code));
    let image_url = article
        .summary
        .image
        .as_ref()
        .map(|i| routes::absolute(&i.url));
    let head = view! {
        <ArticleHead article=article.clone() url=url.clone() image_url words minutes/>
    };
    let views = RwSignal::new(article.summary.views);
    let has_comments = use_context::<Backend>().is_none_or(|b| b.has_comments());
    if let Some(backend) = use_context::<Backend>() {
        count_view_once(backend, article.summary.code.clone(), views);
    }
    let s = article.summary;
    let lang = s.language.clone();
    let dir = lang.as_deref().map_or("auto", dir_of_lang);
    let published = s.published_at;
    let updated = s.updated_at.filter(|u| *u > published);
    let tz = config.time_zone.clone();
    let tz2 = tz.clone();
    let comments = s.comment_count;
    let lead = s.lead.clone().filter(|l| l.trim() != s.title.trim());
    let code = s.code.to_string();
    let code_value = code.clone();
    let print_url = url.clone();
    let ui_dir = move || i18n.locale().dir();
    let ui_lang = move || i18n.locale().code();
    view! {
        {head}
        <article class="article" lang=lang.clone() dir=dir data-url=print_url>
            <h1 class="article-title">{s.title.clone()}</h1>
            <p class="article-meta" dir=ui_dir lang=ui_lang>
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
                {move || views.get().map(|v| view! { <span class="views">{move || i18n.tn("article.views", v)}</span> })}
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
            {if article.password_protected {
                view! { <p class="notice">{move || i18n.t("article.protected")}</p> }.into_any()
            } else {
                view! { <ArticleBody html=article.body_html/> }.into_any()
            }}
            <footer class="article-footer" dir=ui_dir lang=ui_lang>
                <section class="article-groups">
                    <h2 class="label">{move || i18n.t("article.groups")}</h2>
                    <GroupLinks groups=s.groups label=Signal::derive(move || i18n.t("article.groups"))/>
                </section>
                <p class="news-code">
                    <span class="label">{move || i18n.t("article.code")}</span>" "
                    <data value=code_value dir="ltr">{move || digits(i18n.locale(), &code)}</data>
                </p>
                {comments.map(|c| view! {
                    <p class="comment-count">
                        <a href="#comments">{move || i18n.tn("article.comments", c)}</a>
                    </p>
                })}
                {article.source.map(|src| view! {
                    <p class="source">{move || i18n.tf("article.source", &[("source", &src)])}</p>
                })}
                <ShareButton url=url title=s.title/>
            </footer>
        </article>
        <div dir=ui_dir lang=ui_lang>
            // A withheld post's comments are withheld too.
            {(!article.password_protected && has_comments).then(|| view! {
                <CommentsSection code=s.code open=article.comments_open/>
            })}
            {(!has_comments).then(|| view! {
                <section class="comments" id="comments" aria-labelledby="comments-title">
                    <h2 id="comments-title">{move || i18n.t("thread.title")}</h2>
                    <p class="notice">{move || i18n.t("thread.unavailable")}</p>
                </section>
            })}
        </div>
    }
}
