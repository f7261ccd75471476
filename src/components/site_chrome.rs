//! The header with the group navigation, and the footer.

use crate::config::Config;
use crate::i18n::{text, use_i18n, Locale};
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
            <div class="masthead">
                <a class="site-name" href=routes::home(1)>{config.site_name.clone()}</a>
                <LanguageSwitch/>
            </div>
            <nav class="group-nav" aria-label=move || i18n.t("nav.label")>
                <ul>
                    <Transition fallback=|| ()>
                        {move || match groups.get() {
                            Some(Err(_)) => view! {
                                <li class="nav-failed">
                                    {move || i18n.t("nav.failed")}" "
                                    <button type="button" class="link-button" on:click=move |_| groups.refetch()>
                                        {move || i18n.t("error.retry")}
                                    </button>
                                </li>
                            }
                            .into_any(),
                            other => other
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
                                .into_any(),
                        }}
                    </Transition>
                </ul>
            </nav>
        </header>
    }
}

/// Buttons that switch the interface language, each named in its own language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let offered: Vec<Locale> = expect_context::<Config>()
        .locales
        .iter()
        .filter_map(|c| Locale::from_code(c))
        .collect();
    (offered.len() > 1).then(|| {
        view! {
            <div class="lang-switch" role="group" aria-label=move || i18n.t("lang.switch")>
                {offered
                    .into_iter()
                    .map(|l| {
                        let pressed = move || (i18n.locale() == l).to_string();
                        view! {
                            <button type="button" lang=l.code() dir=l.dir() aria-pressed=pressed
                                on:click=move |_| i18n.choose(l)>
                                {text(l, "lang.name", &[])}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        }
    })
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
