//! The installable, offline reader from the page's side (docs/offline.md):
//! registers the service worker that scripts/offline.mjs writes (sw.js),
//! tells the reader when the page shows answers saved for reading offline
//! and when a new version is ready to load, and refreshes the page's data
//! when the network comes back.

use crate::config::Config;
use crate::i18n::{date_time, use_i18n};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

/// The header the service worker puts on an answer it kept, with when it
/// was saved (RFC 3339).
pub const SAVED_HEADER: &str = "x-newsfront-saved";

/// What the reader is told about the network and versions.
#[derive(Clone, Copy)]
pub struct Offline {
    /// When the latest answer given offline was saved.
    saved: RwSignal<Option<String>>,
    /// Whether the browser says it is online.
    online: RwSignal<bool>,
    /// Whether a new version waits for a reload.
    update: RwSignal<bool>,
}

/// Answers waiting for the worker to control the page, at most (a first
/// visit's own requests leave before the worker exists).
const MAX_WAITING: usize = 64;

/// An answer for the worker to keep: url, status, headers, body.
type Kept = (String, u16, Vec<(String, String)>, String);

thread_local! {
    static STATE: Cell<Option<Offline>> = const { Cell::new(None) };
    /// Whether the browser has service workers (`None` until asked).
    static SUPPORTED: Cell<Option<bool>> = const { Cell::new(None) };
    static WAITING: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
}

/// Whether answers are handed to the worker to keep: when the browser has
/// service workers.
pub fn keeping() -> bool {
    SUPPORTED.with(|s| {
        let now = s.get().unwrap_or_else(supported);
        s.set(Some(now));
        now
    })
}

fn supported() -> bool {
    worker::supported()
}

/// Hands a good answer to the worker to keep for reading offline (from the
/// HTTP layer): at once when it controls the page, else once it does.
pub fn keep(url: &str, response: &gloo_net::http::Response, body: &str) {
    let headers = crate::api::carried::CARRIED_HEADERS
        .iter()
        .filter_map(|h| Some((h.to_string(), response.headers().get(h)?)))
        .collect();
    WAITING.with(|k| {
        let mut k = k.borrow_mut();
        if k.len() < MAX_WAITING {
            k.push((url.to_owned(), response.status(), headers, body.to_owned()));
        }
    });
    worker::hand_over();
}

/// Whether the browser says it is offline.
pub fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Notes an answer the service worker kept (from the HTTP layer).
pub fn note_saved(at: String) {
    if let Some(state) = STATE.with(Cell::get) {
        state.saved.try_set(Some(at));
    }
}

impl Offline {
    /// Provides the state, follows the network, and registers the worker.
    pub fn start() {
        let state = Self {
            saved: RwSignal::new(None),
            online: RwSignal::new(!is_offline()),
            update: RwSignal::new(false),
        };
        STATE.with(|s| s.set(Some(state)));
        provide_context(state);
        let _ = window_event_listener(leptos::ev::offline, move |_| state.online.set(false));
        let _ = window_event_listener(leptos::ev::online, move |_| {
            state.online.set(true);
            state.saved.set(None);
            // What was kept may be old: ask again, and show what changed.
            crate::api::cache::clear();
            crate::prerender::refresh_now();
        });
    }

    /// Registers the worker, once, when the page has settled and the browser
    /// is idle: its install and its taking control of the page come after
    /// the reader's first view (and a prerendered page's takeover), not
    /// inside it.
    pub fn page_settled() {
        thread_local! {
            static ASKED: Cell<bool> = const { Cell::new(false) };
        }
        let Some(state) = STATE.with(Cell::get) else {
            return;
        };
        if ASKED.with(|a| a.replace(true)) {
            return;
        }
        leptos::task::spawn_local(async move {
            worker::idle().await;
            worker::register(move || state.update.set(true)).await;
        });
    }
}

/// The notices: offline (and since when what is shown was saved), and a new
/// version with its reload. One live region, there from the start, so a
/// screen reader hears each change.
#[component]
pub fn OfflineNotice() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<Offline>();
    let tz = expect_context::<Config>().time_zone;
    let offline = move || {
        (!state.online.get()).then(|| {
            let saved = state
                .saved
                .get()
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok());
            let text = match saved {
                Some(at) => i18n.tf(
                    "offline.saved",
                    &[("date", &date_time(i18n.locale(), &at, &tz))],
                ),
                None => i18n.t("offline.now"),
            };
            view! { <p class="notice offline-notice">{text}</p> }
        })
    };
    let update = move || {
        state.update.get().then(|| {
            view! {
                <p class="notice update-notice">
                    {i18n.t("offline.update")}" "
                    <button type="button" class="button" on:click=move |_| accept_update()>
                        {i18n.t("offline.reload")}
                    </button>
                </p>
            }
        })
    };
    view! { <div class="offline-status" role="status">{offline}{update}</div> }
}

/// Loads the waiting version: it takes over, then the page reloads.
fn accept_update() {
    leptos::task::spawn_local(worker::accept_update());
}

mod worker {
    use js_sys::{Array, Function, Promise, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    const UPDATE_READY: &str = "newsfront-update-ready";
    const SKIP_WAITING: &str = "newsfront-skip-waiting";
    const KEEP: &str = "newsfront-keep";

    fn get(target: &JsValue, name: &str) -> Option<JsValue> {
        Reflect::get(target, &name.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
        let f: Function = get(target, name)?.dyn_into().ok()?;
        f.apply(target, &args.iter().collect::<Array>()).ok()
    }

    async fn settle(promise: Option<JsValue>) -> Option<JsValue> {
        JsFuture::from(promise?.dyn_into::<Promise>().ok()?)
            .await
            .ok()
    }

    fn container() -> Option<JsValue> {
        get(&web_sys::window()?.navigator(), "serviceWorker")
    }

    /// Resolves when the browser is idle (at most two seconds on).
    pub async fn idle() {
        let Some(w) = web_sys::window() else {
            return;
        };
        let promise = Promise::new(&mut |resolve, _| {
            let options = js_sys::Object::new();
            let _ = Reflect::set(&options, &"timeout".into(), &2000.into());
            let asked = call(
                &w,
                "requestIdleCallback",
                &[resolve.clone().into(), options.into()],
            );
            if asked.is_none() {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        });
        let _ = JsFuture::from(promise).await;
    }

    /// The worker's address: sw.js at the bundle's root (the document's base).
    fn script() -> Option<String> {
        let base = web_sys::window()?.document()?.base_uri().ok()??;
        Some(web_sys::Url::new_with_base("sw.js", &base).ok()?.href())
    }

    /// Registers sw.js; `on_update` runs when a new version waits.
    pub async fn register(on_update: impl Fn() + Clone + 'static) {
        let (Some(c), Some(url)) = (container(), script()) else {
            return;
        };
        let Some(registration) = settle(call(&c, "register", &[url.into()])).await else {
            return;
        };
        // A version installed while this tab was closed, waiting still.
        if get(&registration, "waiting").is_some() && get(&c, "controller").is_some() {
            on_update();
        }
        let on_message = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            if get(&event, "data").and_then(|d| d.as_string()).as_deref() == Some(UPDATE_READY) {
                on_update();
            }
        });
        call(
            &c,
            "addEventListener",
            &["message".into(), on_message.as_ref().clone()],
        );
        on_message.forget();
        // A first visit: once the worker controls the page, it gets the
        // answers the page read before it existed.
        let on_control = Closure::<dyn Fn()>::new(hand_over);
        call(
            &c,
            "addEventListener",
            &["controllerchange".into(), on_control.as_ref().clone()],
        );
        on_control.forget();
    }

    /// Whether the browser has service workers.
    pub fn supported() -> bool {
        container().is_some()
    }

    /// Gives the worker the answers waiting for it, if it controls the page.
    pub fn hand_over() {
        let Some(controller) = container().and_then(|c| get(&c, "controller")) else {
            return;
        };
        let kept = super::WAITING.with(|k| std::mem::take(&mut *k.borrow_mut()));
        if kept.is_empty() {
            return;
        }
        let answers: Array = kept
            .into_iter()
            .map(|(url, status, headers, body)| {
                let headers: Array = headers
                    .into_iter()
                    .map(|(k, v)| {
                        [JsValue::from(k), JsValue::from(v)]
                            .iter()
                            .collect::<Array>()
                    })
                    .collect();
                [
                    JsValue::from(url),
                    JsValue::from(status),
                    headers.into(),
                    JsValue::from(body),
                ]
                .iter()
                .collect::<Array>()
            })
            .collect();
        let message = js_sys::Object::new();
        let _ = Reflect::set(&message, &"type".into(), &KEEP.into());
        let _ = Reflect::set(&message, &"answers".into(), &answers);
        call(&controller, "postMessage", &[message.into()]);
    }

    /// Tells the waiting version to take over and reloads once it has.
    pub async fn accept_update() {
        let Some(c) = container() else {
            return;
        };
        let on_change = Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        call(
            &c,
            "addEventListener",
            &["controllerchange".into(), on_change.as_ref().clone()],
        );
        on_change.forget();
        let waiting = settle(call(&c, "getRegistration", &[]))
            .await
            .and_then(|r| get(&r, "waiting"));
        match waiting {
            Some(w) => {
                call(&w, "postMessage", &[SKIP_WAITING.into()]);
            }
            // Nothing waits (another tab took it over already): reload.
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    }
}
