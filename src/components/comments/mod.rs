//! The comments section under an article: the thread (paged, oldest first,
//! replies under their parents), comments awaiting moderation that only
//! their author sees, and the form.

mod captcha;
mod fields;
mod form;
mod store;

pub use captcha::CaptchaField;
pub use form::CommentForm;

use crate::api::{ApiError, Backend};
use crate::components::{ErrorView, Loading, PageStatus, PartState};
use crate::config::Config;
use crate::i18n::{date_time, use_i18n};
use crate::model::comment::thread;
use crate::model::{Comment, NewsCode, Page};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Who the reader is answering, if anyone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyTo {
    /// The comment answered.
    pub id: String,
    /// Its author, shown in the form.
    pub name: String,
}

/// The loaded part of the thread.
#[derive(Clone, Debug, Default, PartialEq)]
struct Loaded {
    comments: Vec<Comment>,
    total: u64,
    pages: u32,
}

/// Comments of article `code`, with the form (or a notice when closed).
#[component]
pub fn CommentsSection(
    /// The article commented on.
    code: NewsCode,
    /// Whether new comments are accepted.
    open: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Backend>();
    let per_page = expect_context::<Config>().comments_per_page;
    let loaded = RwSignal::new(None::<Result<Loaded, ApiError>>);
    let more_error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let pending = RwSignal::new(store::pending(&code));
    let closed = RwSignal::new(!open);
    let reply_to = RwSignal::new(None::<ReplyTo>);

    let load_page = {
        let backend = backend.clone();
        let code = code.clone();
        move |page: u32| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let backend = backend.clone();
            let code = code.clone();
            spawn_local(async move {
                let answer: Result<Page<Comment>, ApiError> =
                    backend.comments(&code, page, per_page).await;
                // The section went away meanwhile (the article was re-rendered).
                if loaded.is_disposed() {
                    return;
                }
                busy.set(false);
                match answer {
                    Ok(p) => {
                        // Once the backend lists a held comment, it no longer needs keeping here.
                        pending.set(store::forget_listed(&code, &p.items));
                        let mut current = match loaded.get_untracked() {
                            Some(Ok(l)) if page > 1 => l,
                            _ => Loaded::default(),
                        };
                        current.comments.extend(p.items);
                        current.total = p.total;
                        current.pages = page;
                        more_error.set(None);
                        // The same thread again (the refresh after a
                        // takeover) re-renders nothing.
                        let current = Some(Ok(current));
                        if loaded.get_untracked() != current {
                            loaded.set(current);
                        }
                    }
                    Err(e) if page == 1 => loaded.set(Some(Err(e))),
                    Err(e) => more_error.set(Some(e)),
                }
            });
        }
    };
    PageStatus::watch(move || PartState::of(loaded.get().as_ref()));
    let first = load_page.clone();
    // Now, and once more after a prerendered page is taken over.
    Effect::new(move |_| {
        crate::prerender::track_refresh();
        first(1);
    });
    let retry_first = {
        let load = load_page.clone();
        Callback::new(move |()| load(1))
    };
    // "Show more", and its retry after a failure: the page after those shown.
    let load_next = {
        let load = load_page.clone();
        Callback::new(move |()| {
            load(
                loaded
                    .get_untracked()
                    .and_then(Result::ok)
                    .map_or(1, |l| l.pages + 1),
            )
        })
    };
    let on_published = Callback::new(move |c: Comment| {
        loaded.update(|l| {
            if let Some(Ok(l)) = l {
                l.comments.push(c);
                l.total += 1;
            }
        });
    });
    let on_pending = {
        let code = code.clone();
        Callback::new(move |c: Comment| pending.set(store::add_pending(&code, c)))
    };
    let on_closed = Callback::new(move |()| closed.set(true));

    view! {
        <section class="comments" id="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{move || i18n.t("thread.title")}</h2>
            {move || match loaded.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! {
                    <div class="comments-error">
                        <p>{move || i18n.t("thread.load_failed")}</p>
                        <ErrorView error on_retry=retry_first heading=false/>
                    </div>
                }
                .into_any(),
                Some(Ok(l)) => {
                    // Read here, so a comment held for moderation re-renders the "no comments yet" line.
                    let none_pending = pending.with(Vec::is_empty);
                    view! { <Thread loaded=l none_pending reply_to closed busy load_next/> }.into_any()
                }
            }}
            {move || more_error.get().map(|error| view! { <ErrorView error on_retry=load_next heading=false/> })}
            <Show when=move || !pending.with(Vec::is_empty)>
                <ol class="comment-list pending-list">
                    {move || pending.get().into_iter().map(|c| view! {
                        <CommentItem comment=c depth=0 pending=true reply_to can_reply=|| false/>
                    }).collect_view()}
                </ol>
            </Show>
            {move || if closed.get() {
                view! { <p class="notice comments-closed">{move || i18n.t("thread.closed")}</p> }.into_any()
            } else {
                view! { <CommentForm code=code.clone() reply_to on_published on_pending on_closed/> }.into_any()
            }}
        </section>
    }
}

/// The thread as loaded: the count, the comments as a tree, and "Show more"
/// while some are not shown yet.
#[component]
fn Thread(
    loaded: Loaded,
    /// No comment of this reader's is awaiting moderation.
    none_pending: bool,
    reply_to: RwSignal<Option<ReplyTo>>,
    closed: RwSignal<bool>,
    /// A page of the thread is on its way.
    busy: RwSignal<bool>,
    load_next: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = loaded.comments.len() as u64;
    let total = loaded.total.max(shown);
    let items = thread(&loaded.comments);
    view! {
        <p class="comments-count">{move || i18n.tn("article.comments", total)}</p>
        {(total == 0 && none_pending).then(|| view! {
            <p class="empty">{move || i18n.t("thread.empty")}</p>
        })}
        <ol class="comment-list">
            {items.into_iter().map(|(c, depth)| view! {
                <CommentItem comment=c depth pending=false reply_to can_reply=move || !closed.get()/>
            }).collect_view()}
        </ol>
        {(shown < total).then(|| view! {
            <div class="comments-more">
                <p>{move || {
                    let l = i18n.locale();
                    i18n.tf("thread.showing", &[
                        ("shown", &crate::format::number(shown, l)),
                        ("total", &crate::format::number(total, l)),
                    ])
                }}</p>
                <button type="button" class="button secondary" on:click=move |_| load_next.run(())
                    disabled=move || busy.get()>
                    {move || i18n.t("thread.more")}
                </button>
            </div>
        })}
    }
}

/// One comment: author, date, text (as text, never HTML) and a reply button.
#[component]
fn CommentItem(
    comment: Comment,
    depth: usize,
    pending: bool,
    reply_to: RwSignal<Option<ReplyTo>>,
    can_reply: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let tz = expect_context::<Config>().time_zone;
    let created = comment.created_at;
    let id = comment.id.to_string();
    let dom_id = format!("comment-{id}");
    let name = comment.author_name.clone();
    let reply_name = name.clone();
    view! {
        <li class="comment" class:pending=pending data-depth=depth.to_string() id=dom_id>
            <article>
                <header class="comment-head">
                    <bdi class="comment-author">{name}</bdi>
                    <time datetime=created.to_rfc3339()>{move || date_time(i18n.locale(), &created, &tz)}</time>
                    {pending.then(|| view! { <span class="badge">{move || i18n.t("thread.pending")}</span> })}
                </header>
                <p class="comment-body" dir="auto">{comment.body}</p>
                <Show when=can_reply>
                    <button type="button" class="link-button"
                        aria-label={
                            let n = reply_name.clone();
                            move || i18n.tf("thread.reply_to", &[("name", &n)])
                        }
                        on:click={
                            let id = id.clone();
                            let name = reply_name.clone();
                            move |_| {
                                reply_to.set(Some(ReplyTo { id: id.clone(), name: name.clone() }));
                                form::focus_body();
                            }
                        }>
                        {move || i18n.t("thread.reply")}
                    </button>
                </Show>
            </article>
        </li>
    }
}
