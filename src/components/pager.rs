//! Numbered pages with previous and next, the page number kept in the URL.

use crate::i18n::use_i18n;
use crate::model::paging::{page_count, pager_window};
use crate::routes::Listing;
use leptos::prelude::*;

/// The pager under a listing. Shows nothing when everything fits on one page.
#[component]
pub fn Pager(
    /// Which listing is paged.
    listing: Listing,
    /// The page shown (1-based).
    page: u32,
    /// How many entries there are in all.
    total: u64,
    /// Entries per page.
    per_page: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let pages = page_count(total, per_page);
    let href = move |n: u32| listing.href(n);
    // Beyond the last page the listing shows its own notice with a way back.
    (pages > 1 && page <= pages).then(|| {
        let prev = (page > 1).then(|| href(page - 1));
        let next = (page < pages).then(|| href(page + 1));
        let numbers = pager_window(page, pages)
            .into_iter()
            .map(|slot| match slot {
                Some(n) if n == page => view! {
                    <li><a href=href(n) aria-current="page"
                        aria-label=move || i18n.tf("pager.page_label", &[("n", &crate::format::number(n.into(), i18n.locale()))])>
                        {move || crate::format::number(n.into(), i18n.locale())}
                    </a></li>
                }
                .into_any(),
                Some(n) => view! {
                    <li><a href=href(n)
                        aria-label=move || i18n.tf("pager.page_label", &[("n", &crate::format::number(n.into(), i18n.locale()))])>
                        {move || crate::format::number(n.into(), i18n.locale())}
                    </a></li>
                }
                .into_any(),
                None => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
            })
            .collect_view();
        view! {
            <nav class="pager" aria-label=move || i18n.t("pager.label")>
                <p class="pager-position">
                    {move || {
                        let l = i18n.locale();
                        i18n.tf("pager.position", &[
                            ("page", &crate::format::number(page.into(), l)),
                            ("pages", &crate::format::number(pages.into(), l)),
                        ])
                    }}
                </p>
                <ul>
                    {prev.map(|h| view! {
                        <li><a href=h rel="prev" aria-label=move || i18n.t("pager.previous_label")>
                            {move || i18n.t("pager.previous")}
                        </a></li>
                    })}
                    {numbers}
                    {next.map(|h| view! {
                        <li><a href=h rel="next" aria-label=move || i18n.t("pager.next_label")>
                            {move || i18n.t("pager.next")}
                        </a></li>
                    })}
                </ul>
            </nav>
        }
    })
}
