//! The app: context providers and the route table.

pub mod api;
pub mod clock;
pub mod components;
pub mod config;
pub mod format;
pub mod i18n;
pub mod locale;
pub mod mapping;
pub mod model;
pub mod offline;
pub mod pages;
pub mod percent;
pub mod prerender;
pub mod problem;
pub mod routes;
pub mod sanitize;
pub mod storage;

use api::{ApiError, Backend};
use components::{
    Busy, ConfigNotice, ErrorView, NavigationHelpers, PageStatus, SiteFooter, SiteHeader,
};
use config::Loaded;
use i18n::{use_i18n, I18n, Locale};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use model::Group;
use pages::{ArticlePage, GroupPage, HomePage, NotFoundPage, SearchPage};

/// Starts the app: over the prerendered view of this address when the
/// document has one (swapped out once the app's own view has settled), or
/// into the empty body.
pub fn start() {
    match prerender::find_view() {
        Some(old) => prerender::take_over(old, |root| {
            // The page carries its data: nothing to send early next time.
            api::early::stop();
            leptos::mount::mount_to(root, App).forget();
        }),
        None => leptos::mount::mount_to_body(App),
    }
}

/// The news groups, fetched once for the whole site (navigation and group pages).
#[derive(Clone, Copy)]
pub struct Groups(pub LocalResource<Result<Vec<Group>, ApiError>>);

/// The site: reads config.json, then provides the backend and renders the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Until config.json arrives, the saved or browser language is the best guess.
    let guess = i18n::choose_locale(
        i18n::prefs::saved().as_deref(),
        &i18n::prefs::browser(),
        "en",
        &config::SUPPORTED_LOCALES.map(String::from),
    );
    let i18n = I18n::provide(guess);
    let loaded = LocalResource::new(|| async {
        let loaded = api::settings::load().await?;
        start_first_requests(&loaded);
        // Building the site is the longest piece of work on a first visit:
        // let those requests leave first.
        clock::next_task().await;
        Ok::<_, api::SettingsError>(loaded)
    });
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <Html attr:lang=move || i18n.locale().code() attr:dir=move || i18n.locale().dir()/>
        // Not a <Suspense>: every resource read under one outside a nearer
        // <Transition> (the page-status watchers, the menu's aria-busy)
        // would register with it and, on its next fetch, put the whole site
        // back to "Loading…" and build it anew. The site is built once its
        // settings are in; its parts show their own loading states.
        {move || match loaded.get() {
            None => view! { <p class="boot" role="status">{move || i18n.t("app.loading")}</p> }.into_any(),
            Some(Ok(loaded)) => view! { <Site loaded/> }.into_any(),
            // Nothing of the site can be built without its settings.
            Some(Err(error)) => view! { <main id="main"><ErrorView error on_retry=retry/></main> }.into_any(),
        }}
    }
}

/// Sends the requests the page at the address bar will make (the news groups
/// and the article or listing), as soon as config.json is read. Building the
/// site takes a while on a slow phone; the answers travel meanwhile, and the
/// page joins the requests still under way (or finds the answers cached)
/// instead of making its own.
fn start_first_requests(loaded: &Loaded) {
    use routes::{Listing, Target};
    let backend = Backend::for_loaded(loaded);
    let per_page = loaded.config.articles_per_page;
    let target = web_sys::window()
        .map(|w| w.location())
        .and_then(|l| routes::parse(&format!("{}{}", l.pathname().ok()?, l.search().ok()?)));
    // A group's listing waits for the groups, as the group page does: an
    // unknown group is "not found" without asking for its articles.
    let group = match target {
        Some(Target::Listing(Listing::Group(slug), page)) => Some((slug, page)),
        Some(target) => {
            let backend = backend.clone();
            leptos::task::spawn_local(async move {
                components::warm(&backend, &target, per_page).await
            });
            None
        }
        None => None,
    };
    leptos::task::spawn_local(async move {
        // A failure is not reported here: the header and the group page
        // show what the groups request ends with.
        let Ok(groups) = backend.groups().await else {
            return;
        };
        if let Some((slug, page)) = group.filter(|(s, _)| groups.iter().any(|g| g.slug == *s)) {
            let target = Target::Listing(Listing::Group(slug), page);
            components::warm(&backend, &target, per_page).await;
        }
    });
}

/// Everything below the configuration: context, header, routes, footer.
#[component]
pub fn Site(loaded: Loaded) -> impl IntoView {
    let i18n = use_i18n();
    let mut loaded = loaded;
    if !format::time_zone_ok(&loaded.config.time_zone) {
        loaded.problems.push(config::Problem::BadValue {
            path: "site.time_zone".into(),
            value: loaded.config.time_zone.clone(),
        });
        loaded.config.time_zone = config::Config::default().time_zone;
    }
    // Deployers look in the console first; the same words are on the page.
    for p in &loaded.problems {
        leptos::logging::warn!("config.json: {}", i18n::problem_text(Locale::En, p));
    }
    i18n.set_locale(i18n::choose_locale(
        i18n::prefs::saved().as_deref(),
        &i18n::prefs::browser(),
        &loaded.config.default_locale,
        &loaded.config.locales,
    ));
    let backend = Backend::for_loaded(&loaded);
    provide_context(backend.clone());
    provide_context(loaded.config.clone());
    let groups = LocalResource::new({
        let backend = backend.clone();
        move || {
            let backend = backend.clone();
            async move { backend.groups().await }
        }
    });
    prerender::refresh_after_takeover(
        groups,
        move || {
            let backend = backend.clone();
            async move { backend.groups().await }
        },
        |a, b| a == b,
    );
    provide_context(Groups(groups));
    offline::Offline::start();
    Busy::provide();
    let status = PageStatus::provide();
    // The page has settled when nothing loads, checked again a task later:
    // a part that starts loading only once another has finished (the home
    // page's highlights) is mounted by then.
    Effect::new(move |_| {
        if status.is_settled() {
            leptos::task::spawn_local(async move {
                clock::next_task().await;
                let settled = status.is_settled_untracked();
                prerender::settled(settled);
                if settled {
                    api::early::learn();
                    offline::Offline::page_settled();
                }
            });
        } else {
            prerender::settled(false);
        }
    });
    let site_name = loaded.config.site_name.clone();
    view! {
        <Title formatter=move |text: String| {
            if text.is_empty() { site_name.clone() } else { format!("{text} · {site_name}") }
        }/>
        // With set_is_routing the router keeps the current page on screen
        // until the resources the next one creates have resolved (its data
        // is in, or has failed), and the progress bar runs meanwhile.
        <Router base=routes::base() set_is_routing=components::progress_setter()>
            <NavigationHelpers/>
            <a class="skip-link" href="#main">{move || i18n.t("app.skip")}</a>
            <SiteHeader/>
            <ConfigNotice loaded/>
            <offline::OfflineNotice/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/news/:code") view=ArticlePage/>
                    <Route path=path!("/group/:slug") view=GroupPage/>
                    <Route path=path!("/search") view=SearchPage/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}
