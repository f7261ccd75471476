//! The header with the group navigation, and the footer.

use crate::components::{PageStatus, PartState};
use crate::config::Config;
use crate::i18n::{text, use_i18n, Locale};
use crate::routes;
use crate::Groups;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

/// Site name and the navigation across all news groups.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<Config>();
    let Groups(groups) = expect_context::<Groups>();
    let page = expect_context::<PageStatus>();
    // The menu's own failure is not the page's: it counts only while loading.
    PageStatus::watch(move || match groups.get() {
        None => PartState::Loading,
        Some(_) => PartState::Ready,
    });
    let location = use_location();
    let current = move || location.pathname.get();
    // On a phone the group list folds behind a button; it closes again after
    // each navigation so the new page is in view.
    let menu_open = RwSignal::new(false);
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    view! {
        <header class="site-header">
            <div class="masthead">
                <a class="site-name" href=routes::home(1)>{config.site_name.clone()}</a>
                <SearchBox/>
                <LanguageSwitch/>
            </div>
            <button type="button" class="menu-button" aria-controls="group-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)>
                <span aria-hidden="true">"☰ "</span>{move || i18n.t("nav.menu")}
            </button>
            <nav class="group-nav" id="group-nav" aria-label=move || i18n.t("nav.label")
                aria-busy=move || groups.get().is_none().to_string()
                class:open=move || menu_open.get()>
                <ul>
                    <Transition fallback=|| ()>
                        {move || match groups.get() {
                            // While the page loads or shows its own error, that
                            // is the one message (its retry brings the menu back).
                            Some(Err(_)) if page.is_unsettled() => ().into_any(),
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

/// The search box: sends the reader to the results page for what they typed.
#[component]
pub fn SearchBox() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let text = RwSignal::new(String::new());
    // Show the current search in the box on the results page.
    Effect::new(move |_| {
        if let Some(q) = query.read().get("q") {
            text.set(q);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = text.get_untracked();
        if !q.trim().is_empty() {
            navigate(&routes::search(q.trim(), 1), Default::default());
        }
    };
    view! {
        <form class="search-box" role="search" on:submit=on_submit>
            <label for="site-search" class="visually-hidden">{move || i18n.t("search.label")}</label>
            <input id="site-search" type="search" name="q" dir="auto" autocomplete="off"
                placeholder=move || i18n.t("search.placeholder")
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))/>
            <button type="submit" class="button">{move || i18n.t("search.submit")}</button>
        </form>
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
