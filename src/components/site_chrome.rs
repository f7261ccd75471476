//! The header with the group navigation, and the footer.

use crate::config::Config;
use crate::i18n::use_i18n;
use crate::routes;
use crate::Groups;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Site name and the navigation across all news groups.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<Config>();
    let Groups(groups) = expect_context::<Groups>();
    let location = use_location();
    let current = move || location.pathname.get();
    view! {
        <header class="site-header">
            <a class="site-name" href=routes::home(1)>{config.site_name.clone()}</a>
            <nav class="group-nav" aria-label=move || i18n.t("nav.label")>
                <ul>
                    <Transition fallback=|| ()>
                        {move || {
                            groups
                                .get()
                                .and_then(Result::ok)
                                .unwrap_or_default()
                                .into_iter()
                                .map(|g| {
                                    let href = routes::group(&g.slug, 1);
                                    let is_current = {
                                        let href = href.clone();
                                        move || (current() == href).then_some("page")
                                    };
                                    view! {
                                        <li><a href=href dir="auto" aria-current=is_current>{g.name}</a></li>
                                    }
                                })
                                .collect_view()
                        }}
                    </Transition>
                </ul>
            </nav>
        </header>
    }
}

/// The footer line.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    let site = expect_context::<Config>().site_name;
    view! {
        <footer class="site-footer">
            <p>{move || i18n.tf("app.footer", &[("site", &site)])}</p>
        </footer>
    }
}
