//! The news groups of an article as a list of links, each name in its own direction.

use crate::model::GroupRef;
use leptos::prelude::*;

/// Links to the listing of each group; a list, so screen readers announce the count.
#[component]
pub fn GroupLinks(
    /// The groups to link.
    groups: Vec<GroupRef>,
    /// The accessible name of the list.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    view! {
        <ul class="group-links group-list" aria-label=label>
            {groups
                .into_iter()
                .map(|g| {
                    let href = crate::routes::group(&g.slug, 1);
                    view! {
                        <li>
                            <a href=href dir="auto">{g.name}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
