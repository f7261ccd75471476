//! A news group's page: its name, description and articles.

use super::listing::use_page_param;
use super::listing::ArticleListing;
use crate::components::{progress_setter, ErrorView, ListingHead, Loading, PageStatus, PartState};
use crate::i18n::use_i18n;
use crate::pages::NotFoundPage;
use crate::routes;
use crate::routes::Listing;
use crate::Groups;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The listing of one group, `/group/:slug?page=N`.
#[component]
pub fn GroupPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let Groups(groups) = expect_context::<Groups>();
    let page = use_page_param();
    // The group list is this page's own data (and the menu's).
    PageStatus::watch(move || PartState::of(groups.get().as_ref()));
    let retry = Callback::new(move |()| groups.refetch());
    view! {
        <Transition fallback=|| view! { <Loading/> } set_pending=progress_setter()>
            {move || Suspend::new(async move {
                let slug = slug.get();
                match groups.await {
                    Ok(list) => match list.into_iter().find(|g| g.slug.as_str() == slug) {
                        Some(g) => {
                            let name = g.name.clone();
                            let count = g.article_count;
                            let listing = Listing::Group(g.slug.clone());
                            view! {
                                {
                                    let (name, description, slug) = (name.clone(), g.description.clone(), g.slug.clone());
                                    move || view! {
                                        <ListingHead title=name.clone() description=description.clone()
                                            url=routes::absolute(&routes::group(&slug, page.get().number()))/>
                                    }
                                }
                                <header class="page-head">
                                    <h1 dir="auto">{name}</h1>
                                    {g.description.map(|d| view! { <p class="lead" dir="auto">{d}</p> })}
                                    {count.map(|c| view! { <p class="count">{move || i18n.tn("group.count", c)}</p> })}
                                </header>
                                <ArticleListing listing/>
                            }
                            .into_any()
                        }
                        None => view! { <NotFoundPage group=slug/> }.into_any(),
                    },
                    Err(error) => view! { <ErrorView error on_retry=retry/> }.into_any(),
                }
            })}
        </Transition>
    }
}
