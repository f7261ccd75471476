//! Search results, `/search?q=…&page=N`.

use super::listing::ArticleListing;
use crate::i18n::use_i18n;
use crate::routes::Listing;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Articles matching the `q` of the URL, paged like any listing.
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default().trim().to_owned());
    move || {
        let q = q.get();
        if q.is_empty() {
            view! {
                <Title text=move || i18n.t("search.title")/>
                <h1>{move || i18n.t("search.title")}</h1>
                <p>{move || i18n.t("search.prompt")}</p>
            }
            .into_any()
        } else {
            let heading = {
                let q = q.clone();
                move || i18n.tf("search.results", &[("q", &q)])
            };
            view! {
                <Title text=heading.clone()/>
                <h1 dir="auto">{heading}</h1>
                <ArticleListing listing=Listing::Search(q)/>
            }
            .into_any()
        }
    }
}
