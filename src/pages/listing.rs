//! A paged list of article cards, shared by the home and group pages.

use crate::api::{ApiError, Backend};
use crate::components::listing_query;
use crate::components::{
    progress_setter, ArticleCard, ErrorView, Loading, PageStatus, Pager, PartState,
};
use crate::config::Config;
use crate::i18n::use_i18n;
use crate::model::paging::{page_count, PageParam};
use crate::model::Page;
use crate::pages::NotFoundPage;
use crate::routes::Listing;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The `?page=` of the current URL.
pub fn use_page_param() -> Memo<PageParam> {
    let query = use_query_map();
    Memo::new(move |_| PageParam::parse(query.read().get_str("page")))
}

/// Articles of `group` (or all), newest first, at the page the URL names.
#[component]
pub fn ArticleListing(
    /// Which articles: all, or one group's.
    listing: Listing,
    /// Set once the list has settled, shown or failed (for what the page
    /// shows below it, which would otherwise be pushed down when it arrives).
    #[prop(optional)]
    settled: Option<RwSignal<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Backend>();
    let page_param = use_page_param();
    let per_page = expect_context::<Config>().articles_per_page;
    let empty_key = match listing {
        Listing::Home => "home.empty",
        Listing::Group(_) => "group.empty",
        Listing::Search(_) => "search.none",
    };
    let articles = LocalResource::new({
        let (listing, backend) = (listing.clone(), backend.clone());
        move || {
            let backend = backend.clone();
            let query = listing_query(&listing, page_param.get().number(), per_page);
            async move { backend.articles(&query).await }
        }
    });
    crate::prerender::refresh_after_takeover(
        articles,
        {
            let listing = listing.clone();
            move || {
                let backend = backend.clone();
                let query = listing_query(&listing, page_param.get_untracked().number(), per_page);
                async move { backend.articles(&query).await }
            }
        },
        Page::same_apart_from_views,
    );
    PageStatus::watch(move || match articles.get() {
        Some(Err(ApiError::NotFound)) => PartState::Ready,
        other => PartState::of(other.as_ref()),
    });
    let retry = Callback::new(move |()| articles.refetch());
    view! {
        <Transition fallback=|| view! { <Loading/> } set_pending=progress_setter()>
            {move || {
                let listing = listing.clone();
                Suspend::new(async move {
                let result = articles.await;
                if let Some(settled) = settled {
                    settled.set(true);
                }
                match result {
                    Ok(page) => {
                        let pages = page_count(page.total, page.per_page);
                        crate::prerender::note_listed(&page.items, page.page < pages);
                        let invalid = match page_param.get_untracked() {
                            PageParam::Invalid => true,
                            PageParam::Valid(_) => false,
                        };
                        let beyond = page.items.is_empty() && page.total > 0;
                        let last_href = listing.href(pages);
                        let requested = page.page;
                        view! {
                            {invalid.then(|| view! {
                                <p class="notice" role="status">
                                    {move || {
                                        let raw = use_query_map().read_untracked().get("page").unwrap_or_default();
                                        i18n.tf("pager.invalid", &[("value", &raw)])
                                    }}
                                </p>
                            })}
                            {beyond.then(|| view! {
                                <p class="notice" role="status">
                                    {move || {
                                        let l = i18n.locale();
                                        i18n.tf("pager.beyond", &[
                                            ("page", &crate::format::number(requested.into(), l)),
                                            ("pages", &crate::format::number(pages.into(), l)),
                                        ])
                                    }}
                                    " "
                                    <a href=last_href.clone()>{move || i18n.t("pager.to_last")}</a>
                                </p>
                            })}
                            {(page.total == 0).then(|| view! {
                                <p class="empty">{move || i18n.t(empty_key)}</p>
                            })}
                            <ol class="card-list" aria-label=move || i18n.t("list.title")>
                                {page.items.into_iter().map(|a| view! { <li><ArticleCard article=a/></li> }).collect_view()}
                            </ol>
                            <Pager listing page=page.page total=page.total per_page=page.per_page/>
                        }
                        .into_any()
                    }
                    Err(ApiError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorView error on_retry=retry/> }.into_any(),
                }
            })}}
        </Transition>
    }
}
