//! Navigation feel: a progress bar while a page loads, scroll positions kept
//! across back/forward and reload, and links prefetched on hover or focus.
//! Keeping the current page until the next one's data is in is the router's
//! own: `<Router set_is_routing>` makes it wait for the resources the new
//! page creates before it swaps the view (src/lib.rs), and feeds the bar.

use crate::api::{ArticleQuery, Backend};
use crate::i18n::use_i18n;
use crate::routes::{self, Listing, Target};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, Ordering};

/// Which loads are under way (one id per waiting page part).
#[derive(Clone, Copy)]
pub struct Busy(RwSignal<HashSet<u32>>);

impl Busy {
    /// Provides the context.
    pub fn provide() -> Self {
        let b = Self(RwSignal::new(HashSet::new()));
        provide_context(b);
        b
    }
}

/// A setter for a `<Transition set_pending>`, or the router's
/// `set_is_routing`, that feeds the progress bar.
pub fn progress_setter() -> SignalSetter<bool> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    let Some(Busy(set)) = use_context::<Busy>() else {
        return SignalSetter::map(|_| {});
    };
    // A part torn down while loading must not leave the bar running.
    on_cleanup(move || {
        set.try_update(|s| s.remove(&id));
    });
    SignalSetter::map(move |pending: bool| {
        set.update(|s| {
            if pending {
                s.insert(id);
            } else {
                s.remove(&id);
            }
        })
    })
}

/// The thin bar at the top of the window while anything loads.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let i18n = use_i18n();
    let Busy(set) = expect_context::<Busy>();
    let active = move || set.with(|s| !s.is_empty());
    view! {
        <div class="progress" class:active=active role="progressbar"
            aria-label=move || i18n.t("app.progress") aria-hidden=move || (!active()).to_string()></div>
    }
}

/// The backend query a listing page makes (`per_page` from config.json).
pub fn listing_query(listing: &Listing, page: u32, per_page: u32) -> ArticleQuery {
    ArticleQuery {
        page,
        per_page,
        group: listing.group(),
        q: listing.query(),
    }
}

/// Loads what the page at `target` shows into the cache (or joins the request
/// already under way). A failure is not reported here: the page shows it, and
/// asks again if the request had already ended.
pub async fn warm(backend: &Backend, target: &Target, per_page: u32) {
    let _ = match target {
        Target::Article(code) => backend.article(code).await.map(|_| ()),
        Target::Listing(listing, page) => backend
            .articles(&listing_query(listing, *page, per_page))
            .await
            .map(|_| ()),
    };
}

/// Warms the cache for the page a link points to, when the reader hovers or focuses it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn prefetch(backend: &Backend, href: &str, per_page: u32) {
    let Some(target) = routes::parse(href) else {
        return;
    };
    let backend = backend.clone();
    leptos::task::spawn_local(async move { warm(&backend, &target, per_page).await });
}

/// Listens for hovers and focus on links, and keeps scroll positions.
#[component]
pub fn NavigationHelpers() -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    browser::install(
        expect_context::<Backend>(),
        expect_context::<crate::config::Config>().articles_per_page,
    );
    view! { <ProgressBar/> }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::prefetch;
    use crate::api::Backend;
    use crate::storage;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::JsCast;

    const KEY: &str = "newsfront.scroll";
    /// How long to wait for a page to grow tall enough to scroll back into place.
    const RESTORE_WITHIN_MS: f64 = 3000.0;

    thread_local! {
        static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(
            storage::session_get(KEY).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
        );
        /// The URL being scrolled back into place; scroll events then say
        /// nothing about where the reader was.
        static RESTORING: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    fn here() -> String {
        let l = window().location();
        format!(
            "{}{}",
            l.pathname().unwrap_or_default(),
            l.search().unwrap_or_default()
        )
    }

    /// Scrolls back to where the reader was on this URL, once the page is
    /// tall enough (or the wait is over).
    fn start_restore() {
        let url = here();
        if let Some(y) = POSITIONS.with(|p| p.borrow().get(&url).copied()) {
            RESTORING.with(|r| *r.borrow_mut() = Some(url.clone()));
            restore(y, js_sys::Date::now() + RESTORE_WITHIN_MS, url);
        } else {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    fn restore(target: f64, deadline: f64, url: String) {
        // The reader went on to another page meanwhile: leave it alone.
        if here() != url || RESTORING.with(|r| r.borrow().as_deref() != Some(url.as_str())) {
            return;
        }
        let w = window();
        let room = document()
            .document_element()
            .map_or(0.0, |e| f64::from(e.scroll_height()))
            - w.inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
        if room >= target || js_sys::Date::now() > deadline {
            w.scroll_to_with_x_and_y(0.0, target);
            RESTORING.with(|r| *r.borrow_mut() = None);
        } else {
            request_animation_frame(move || restore(target, deadline, url));
        }
    }

    pub fn install(backend: Backend, per_page: u32) {
        if let Ok(h) = window().history() {
            // The page is built after the URL changes, so the browser's own
            // restoration would scroll too early; this module does it instead.
            let _ = h.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
        let on_hover = {
            let backend = backend.clone();

            move |ev: web_sys::Event| {
                let link = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|e| e.closest("a[href]").ok().flatten());
                if let Some(href) = link.and_then(|a| a.get_attribute("href")) {
                    prefetch(&backend, &href, per_page);
                }
            }
        };
        let hover = window_event_listener(leptos::ev::mouseover, {
            let f = on_hover.clone();
            move |ev| f(ev.into())
        });
        let focus = window_event_listener(leptos::ev::focusin, move |ev| on_hover(ev.into()));
        let scroll = window_event_listener(leptos::ev::scroll, move |_| {
            if RESTORING.with(|r| r.borrow().is_some()) {
                return;
            }
            let y = window().scroll_y().unwrap_or(0.0);
            POSITIONS.with(|p| p.borrow_mut().insert(here(), y));
        });
        // Back and forward return to where the reader was; a new link starts
        // at the top (the router does that). The URL has already changed
        // when popstate fires, so the saved position is read here.
        let pop = window_event_listener(leptos::ev::popstate, move |_| start_restore());
        let hide = window_event_listener(leptos::ev::pagehide, move |_| {
            let json = POSITIONS.with(|p| serde_json::to_string(&*p.borrow()).unwrap_or_default());
            storage::session_set(KEY, &json);
        });
        // A reload (or a return to this tab's earlier page) lands where the reader was.
        start_restore();
        on_cleanup(move || {
            hover.remove();
            focus.remove();
            scroll.remove();
            pop.remove();
            hide.remove();
        });
    }
}
