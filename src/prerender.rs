//! Prerendered pages, the app's side. While scripts/prerender.mjs renders a
//! page in a browser, the app records the backend answers the page read
//! (`api::carried`) and says when the page has settled
//! ([`prerender_snapshot`]). A page written that way carries those answers;
//! on it the app replays them instead of asking the network (`api::carried`),
//! renders off-screen, and swaps its own view in for the prerendered one in
//! a single task once nothing is loading ([`settled`]), then asks for fresh
//! data once ([`refresh_after_takeover`]).

pub use crate::api::carried::is_recording;
use crate::api::carried::{self, Answer};
use crate::api::ApiError;
use leptos::prelude::*;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

/// The id of the `<script type="application/json">` that carries the answers.
pub const DATA_ID: &str = "newsfront-page";
/// The id of the element holding the prerendered view.
pub const VIEW_ID: &str = "prerendered";

thread_local! {
    static LISTED: RefCell<Vec<Listed>> = const { RefCell::new(Vec::new()) };
    static MORE: Cell<bool> = const { Cell::new(false) };
    static SETTLED: Cell<bool> = const { Cell::new(false) };
    /// The view rendered off-screen and the prerendered one it replaces.
    static TAKEOVER: RefCell<Option<(web_sys::Element, web_sys::Element)>> = const { RefCell::new(None) };
}

/// An article a listing being prerendered shows: its address and when it
/// last changed, for a run with `--since` to decide what to render again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Listed {
    /// The article's address in the app (`/news/50844`).
    pub path: String,
    /// When it last changed (RFC 3339): updated, else published.
    pub changed: String,
}

/// Notes the articles a listing shows, and whether pages follow it, while
/// the page is being prerendered.
pub fn note_listed(items: &[crate::model::ArticleSummary], more: bool) {
    if !is_recording() {
        return;
    }
    MORE.with(|m| m.set(more));
    LISTED.with(|l| {
        l.borrow_mut().extend(items.iter().map(|a| Listed {
            path: crate::routes::article(&a.code),
            changed: a.updated_at.unwrap_or(a.published_at).to_rfc3339(),
        }))
    });
}

/// Tells the prerenderer (and a pending takeover) whether the page has settled:
/// the site is built and nothing shows a loading state.
pub fn settled(now: bool) {
    SETTLED.with(|s| s.set(now));
    if now {
        try_swap();
    }
}

/// Swaps the app's view in once it shows no loading notice (its own
/// suspense may still be replacing one), else tries again a task later.
fn try_swap() {
    let Some((view, old)) = TAKEOVER.with(|t| t.borrow_mut().take()) else {
        return;
    };
    let loading = |view: &web_sys::Element| {
        view.query_selector(".boot, .loading")
            .ok()
            .flatten()
            .is_some()
    };
    let later = |view, old| {
        TAKEOVER.with(|t| *t.borrow_mut() = Some((view, old)));
        leptos::task::spawn_local(async {
            crate::clock::next_task().await;
            if SETTLED.with(Cell::get) {
                try_swap();
            }
        });
    };
    if loading(&view) {
        return later(view, old);
    }
    leptos::task::spawn_local(async move {
        images_ready(&view, &old).await;
        // The view may have started loading something meanwhile.
        if loading(&view) {
            return later(view, old);
        }
        swap(&view, &old);
        // What the page carried was true when it was written; ask once for
        // what is true now.
        crate::api::cache::clear();
        refresh_signal().update(|n| *n += 1);
    });
}

/// Resolves once the images of the app's `view` are decoded (or have failed,
/// or after half a second): moved onto the page, they paint in the same frame
/// as the rest, so no image of the prerendered view is blank for a frame. A
/// lazy image the prerendered view has already loaded is loaded now too
/// (from the cache); other lazy images wait for the reader as usual.
async fn images_ready(view: &web_sys::Element, old: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let images = |root: &web_sys::Element| {
        let list = root.query_selector_all("img").ok();
        (0..list.as_ref().map_or(0, web_sys::NodeList::length))
            .filter_map(|i| {
                list.as_ref()?
                    .item(i)?
                    .dyn_into::<web_sys::HtmlImageElement>()
                    .ok()
            })
            .collect::<Vec<_>>()
    };
    let shown: Vec<String> = images(old)
        .iter()
        .filter(|img| img.complete() && img.natural_width() > 0)
        .map(web_sys::HtmlImageElement::current_src)
        .collect();
    let waits = js_sys::Array::new();
    for img in images(view) {
        if img.get_attribute("loading").as_deref() == Some("lazy") {
            if !shown.contains(&img.src()) {
                continue;
            }
            let _ = img.remove_attribute("loading");
        }
        waits.push(&img.decode());
    }
    if waits.length() == 0 {
        return;
    }
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 500)
                .is_ok()
        });
        if !queued {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let all = js_sys::Promise::all_settled(&waits);
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(
        &all, &timer,
    )))
    .await;
}

/// What the prerenderer takes from a settled page: the answers it read and
/// the articles its listing shows.
#[derive(Serialize)]
struct Snapshot<'a> {
    answers: &'a [Answer],
    listed: &'a [Listed],
    /// Whether the listing has pages after this one.
    more: bool,
}

/// The page's recorded answers and listed articles, as JSON, for the
/// prerenderer; `None` until the page has settled.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = prerenderSnapshot)]
pub fn prerender_snapshot() -> Option<String> {
    if !SETTLED.with(Cell::get) {
        return None;
    }
    carried::with_recorded(|answers| {
        LISTED.with(|l| {
            serde_json::to_string(&Snapshot {
                answers,
                listed: &l.borrow(),
                more: MORE.with(Cell::get),
            })
            .ok()
        })
    })
}

fn refresh_signal() -> ArcRwSignal<u32> {
    static REFRESH: OnceLock<ArcRwSignal<u32>> = OnceLock::new();
    REFRESH.get_or_init(|| ArcRwSignal::new(0)).clone()
}

/// Subscribes the calling effect to the refreshes: the one after takeover,
/// and one each time the network comes back (0 before any).
pub fn track_refresh() -> u32 {
    refresh_signal().get()
}

/// Asks the page's parts to fetch their data again and show it if it
/// changed (the network is back: crate::offline).
pub fn refresh_now() {
    refresh_signal().update(|n| *n += 1);
}

/// After a takeover, asks `fetch` once more and puts its answer into
/// `resource` only if `same` says it differs from what the page shows:
/// unchanged data re-renders nothing, a changed article shows its new
/// content, a deleted one its not-found page.
pub fn refresh_after_takeover<T, F, Fut>(
    resource: LocalResource<Result<T, ApiError>>,
    fetch: F,
    same: fn(&T, &T) -> bool,
) where
    T: PartialEq + Clone + 'static,
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
{
    Effect::new(move |_| {
        if track_refresh() == 0 {
            return;
        }
        let answer = fetch();
        leptos::task::spawn_local(async move {
            let fresh = answer.await;
            // The reader moved on before it came.
            if fresh == Err(ApiError::Aborted) {
                return;
            }
            let unchanged = match (resource.try_get_untracked().flatten(), &fresh) {
                (Some(Ok(shown)), Ok(fresh)) => same(&shown, fresh),
                (shown, fresh) => shown.as_ref() == Some(fresh),
            };
            if !unchanged {
                resource.try_set(Some(fresh));
            }
        });
    });
}

/// The prerendered view of this address, if the document has one: its
/// carried answers are loaded for [`replay`]. A prerendered view of another
/// address (a static host's fallback serving a prerendered home page) is
/// removed; the style sheet has kept it hidden.
pub fn find_view() -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    let view = document.get_element_by_id(VIEW_ID)?;
    let root = document.document_element()?;
    if root.has_attribute("data-prerendered-elsewhere") {
        view.remove();
        return None;
    }
    let answers = document
        .get_element_by_id(DATA_ID)
        .and_then(|s| s.text_content())
        .and_then(|t| serde_json::from_str::<Vec<Answer>>(&t).ok())
        .unwrap_or_default();
    carried::carry(answers);
    Some(view)
}

/// Renders the app into a detached element; [`settled`] swaps it in for
/// `old`, the prerendered view.
pub fn take_over(old: web_sys::Element, mount: impl FnOnce(web_sys::HtmlElement)) {
    use wasm_bindgen::JsCast;
    let Some(view) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
    else {
        return;
    };
    TAKEOVER.with(|t| *t.borrow_mut() = Some((view.clone(), old)));
    mount(view.unchecked_into());
}

/// Moves the app's nodes into the body where the prerendered view was, and
/// drops the head tags the prerenderer wrote (the app has written its own):
/// one synchronous step, so no frame shows neither or both.
fn swap(view: &web_sys::Element, old: &web_sys::Element) {
    let Some(parent) = old.parent_node() else {
        return;
    };
    while let Some(child) = view.first_child() {
        if parent.insert_before(&child, Some(old)).is_err() {
            break;
        }
    }
    old.remove();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        while let Ok(Some(tag)) = document.query_selector("head [data-prerendered]") {
            tag.remove();
        }
    }
}
