//! The home page: the latest articles across all groups.

use super::listing::ArticleListing;
use crate::i18n::use_i18n;
use crate::routes::Listing;
use leptos::prelude::*;
use leptos_meta::Title;

/// Latest articles, paged.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || i18n.t("home.title")/>
        <h1>{move || i18n.t("home.title")}</h1>
        <ArticleListing listing=Listing::Home/>
    }
}
