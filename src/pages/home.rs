//! The home page: the latest articles across all groups, then each group's
//! latest few.

use super::listing::{use_page_param, ArticleListing};
use crate::api::{ArticleQuery, Backend};
use crate::components::{ListingHead, PageStatus, PartState};
use crate::i18n::{error_text, use_i18n};
use crate::model::Group;
use crate::routes::{self, Listing};
use crate::Groups;
use leptos::prelude::*;

/// How many articles each group shows on the home page.
const PER_GROUP: u32 = 3;

/// Latest articles, paged; on the first page also the groups' latest.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let page = use_page_param();
    // The groups' highlights come after the latest articles have settled
    // (drawn, or failed): drawn first, they would be pushed down the page
    // when the list arrived.
    let listed = RwSignal::new(false);
    view! {
        {move || view! {
            <ListingHead title=Signal::derive(move || i18n.t("home.title")) description=None
                url=routes::absolute(&routes::home(page.get().number()))/>
        }}
        <h1>{move || i18n.t("home.title")}</h1>
        <ArticleListing listing=Listing::Home settled=listed/>
        <Show when=move || page.get().number() == 1 && listed.get()>
            <GroupHighlights/>
        </Show>
    }
}

/// Each news group with its latest few articles.
#[component]
fn GroupHighlights() -> impl IntoView {
    let i18n = use_i18n();
    let Groups(groups) = expect_context::<Groups>();
    view! {
        <section class="by-group" aria-labelledby="by-group-title">
            <h2 id="by-group-title">{move || i18n.t("home.by_group")}</h2>
            <div class="by-group-grid">
            <Transition fallback=|| ()>
                {move || {
                    // The navigation already says when the groups could not be loaded.
                    groups
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|g| g.article_count != Some(0))
                        .map(|g| view! { <GroupLatest group=g/> })
                        .collect_view()
                }}
            </Transition>
            </div>
        </section>
    }
}

/// One group's name and its latest articles.
#[component]
fn GroupLatest(group: Group) -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Backend>();
    let slug = group.slug.clone();
    let latest = LocalResource::new(move || {
        let backend = backend.clone();
        let query = ArticleQuery {
            page: 1,
            per_page: PER_GROUP,
            group: Some(slug.clone()),
            q: None,
        };
        async move { backend.articles(&query).await }
    });
    PageStatus::watch(move || PartState::of(latest.get().as_ref()));
    let href = routes::group(&group.slug, 1);
    view! {
        <div class="group-latest">
            <h3><a href=href dir="auto">{group.name}</a></h3>
            <Transition fallback=|| ()>
                {move || latest.get().map(|r| match r {
                    Ok(page) => view! {
                        <ul>
                            {page.items.into_iter().map(|a| view! {
                                <li><a href=routes::article(&a.code) dir="auto">{a.title}</a></li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! {
                        <p class="hint">
                            {move || error_text(i18n.locale(), &e)}" "
                            <button type="button" class="link-button" on:click=move |_| latest.refetch()>
                                {move || i18n.t("error.retry")}
                            </button>
                        </p>
                    }.into_any(),
                })}
            </Transition>
        </div>
    }
}
