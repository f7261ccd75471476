//! Data before the wasm. A page's requests can leave only once the wasm has
//! arrived, compiled and read config.json: on a phone, most of a first view.
//! So the app remembers, for each address, the GETs it sent before that page
//! first settled, and index.html's loader sends them again the next time the
//! address is opened, while the wasm downloads, with the images that were in
//! the window (the page's largest paint is usually one) as preloads. When
//! the app asks for the
//! same URL with the same headers it takes that request over (its deadline
//! and cancellation included); whatever it does not ask for is cancelled once
//! the page has settled.
//!
//! The loader knows no routes and no backends, only what this app asked for
//! last time, so it can never fall out of step with the app: a plan that has
//! gone stale costs one unused request, and the visit replaces it. A page
//! with its data carried in it (a prerendered page) learns nothing.

use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// The local-storage key of the plans (read by index.html's loader).
const KEY: &str = "newsfront.early";
/// Addresses remembered; the least recently opened is forgotten first.
const ADDRESSES: usize = 30;
/// Requests remembered for one address.
const REQUESTS: usize = 8;
/// Longer URLs (a long search) are not remembered.
const MAX_URL: usize = 2000;

/// One request to send early: its absolute URL and its headers as the JSON
/// array of pairs the app sends (compared as text by the loader), or an
/// image to preload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Planned {
    /// The absolute URL.
    pub u: String,
    /// The headers, `[["Accept","application/json"], …]` (empty for an image).
    pub h: String,
    /// An image, preloaded rather than fetched.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub i: bool,
}

/// Images preloaded for one address, at most.
const IMAGES: usize = 2;

thread_local! {
    /// The GETs sent so far, until the page first settles; `None` once it
    /// has, or when this load learns nothing.
    static SENT: RefCell<Option<Vec<Planned>>> = const { RefCell::new(Some(Vec::new())) };
}

/// The headers of a request as the plans hold them.
pub fn headers_key(headers: &[(&str, &str)]) -> String {
    serde_json::to_string(headers).unwrap_or_default()
}

/// Notes a GET sent to the network while the page is still loading.
pub fn note(url: &str, headers: &str) {
    if url.len() > MAX_URL {
        return;
    }
    SENT.with(|s| {
        if let Some(sent) = s.borrow_mut().as_mut() {
            let planned = Planned {
                u: url.to_owned(),
                h: headers.to_owned(),
                i: false,
            };
            if sent.len() < REQUESTS && !sent.contains(&planned) {
                sent.push(planned);
            }
        }
    });
}

/// This load learns no plan (its data came with the page).
pub fn stop() {
    SENT.with(|s| s.borrow_mut().take());
}

/// The plans in `stored` with `address`'s replaced by `sent` (removed when
/// nothing was sent) and moved to the most recent end, bounded. Unreadable
/// plans are started afresh.
pub fn replan(stored: Option<&str>, address: &str, sent: Vec<Planned>) -> String {
    let mut plans: Vec<(String, Vec<Planned>)> = stored
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    plans.retain(|(a, _)| a != address);
    if !sent.is_empty() {
        plans.push((address.to_owned(), sent));
    }
    let extra = plans.len().saturating_sub(ADDRESSES);
    plans.drain(..extra);
    serde_json::to_string(&plans).unwrap_or_default()
}

/// The page has settled: remembers what it sent for the next visit to this
/// address, and cancels the early requests it did not take over.
pub fn learn() {
    let Some(mut sent) = SENT.with(|s| s.borrow_mut().take()) else {
        return;
    };
    let Some(w) = web_sys::window() else {
        return;
    };
    if let Some(end) = js_sys::Reflect::get(&w, &"newsfrontEarlyEnd".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = end.call0(&w);
    }
    if !sent.is_empty() {
        sent.extend(images_in_view(&w).into_iter().map(|u| Planned {
            u,
            h: String::new(),
            i: true,
        }));
    }
    let l = w.location();
    let address = format!(
        "{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    );
    let stored = crate::storage::local_get(KEY);
    crate::storage::local_set(KEY, &replan(stored.as_deref(), &address, sent));
}

/// The http(s) images of the page that are in the window now, at most
/// [`IMAGES`]: the page's largest paint is usually one of them.
fn images_in_view(w: &web_sys::Window) -> Vec<String> {
    let height = w
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let Some(list) = w
        .document()
        .and_then(|d| d.query_selector_all("main img").ok())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for k in 0..list.length() {
        let Some(img) = list
            .item(k)
            .and_then(|n| n.dyn_into::<web_sys::HtmlImageElement>().ok())
        else {
            continue;
        };
        let r = img.get_bounding_client_rect();
        let src = img.current_src();
        let web = src.starts_with("https://") || src.starts_with("http://");
        let seen = r.top() < height && r.bottom() > 0.0 && r.width() > 0.0;
        if web && seen && src.len() <= MAX_URL && !out.contains(&src) {
            out.push(src);
            if out.len() == IMAGES {
                break;
            }
        }
    }
    out
}

/// The loader's request for `url` with `headers`, if it sent one: taken over,
/// so `signal` (the app's deadline and cancellation) now aborts it.
pub fn claim(url: &str, headers: &str, signal: &web_sys::AbortSignal) -> Option<js_sys::Promise> {
    let w = web_sys::window()?;
    let take: js_sys::Function = js_sys::Reflect::get(&w, &"newsfrontEarly".into())
        .ok()?
        .dyn_into()
        .ok()?;
    take.call3(&w, &url.into(), &headers.into(), signal)
        .ok()?
        .dyn_into()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(url: &str) -> Planned {
        Planned {
            u: url.into(),
            h: headers_key(&[("Accept", "application/json")]),
            i: false,
        }
    }

    #[test]
    fn an_image_is_marked_and_a_request_is_not() {
        let image = Planned {
            u: "https://cdn/a.jpg".into(),
            h: String::new(),
            i: true,
        };
        let text = replan(None, "/", vec![get("https://api/a"), image]);
        assert_eq!(
            text,
            r#"[["/",[{"u":"https://api/a","h":"[[\"Accept\",\"application/json\"]]"},{"u":"https://cdn/a.jpg","h":"","i":true}]]]"#
        );
    }

    #[test]
    fn headers_are_kept_as_the_loader_reads_them() {
        assert_eq!(
            headers_key(&[("Accept", "application/json"), ("X-Key", "a\"b")]),
            r#"[["Accept","application/json"],["X-Key","a\"b"]]"#
        );
    }

    #[test]
    fn an_address_is_replaced_and_moved_to_the_end() {
        let one = replan(None, "/news/1", vec![get("https://api/a/1")]);
        let two = replan(Some(&one), "/", vec![get("https://api/list")]);
        let again = replan(Some(&two), "/news/1", vec![get("https://api/a/1?v=2")]);
        let plans: Vec<(String, Vec<Planned>)> = serde_json::from_str(&again).unwrap();
        assert_eq!(
            plans,
            vec![
                ("/".into(), vec![get("https://api/list")]),
                ("/news/1".into(), vec![get("https://api/a/1?v=2")]),
            ]
        );
    }

    #[test]
    fn nothing_sent_forgets_the_address() {
        let one = replan(None, "/news/1", vec![get("https://api/a/1")]);
        assert_eq!(replan(Some(&one), "/news/1", Vec::new()), "[]");
    }

    #[test]
    fn the_oldest_address_is_forgotten_first() {
        let mut stored = String::new();
        for i in 0..=ADDRESSES {
            stored = replan(Some(&stored), &format!("/news/{i}"), vec![get("u")]);
        }
        let plans: Vec<(String, Vec<Planned>)> = serde_json::from_str(&stored).unwrap();
        assert_eq!(plans.len(), ADDRESSES);
        assert_eq!(plans[0].0, "/news/1");
        assert_eq!(plans[ADDRESSES - 1].0, format!("/news/{ADDRESSES}"));
    }

    #[test]
    fn unreadable_plans_start_afresh() {
        let fresh = replan(Some("{garbage"), "/", vec![get("u")]);
        assert_eq!(fresh, replan(None, "/", vec![get("u")]));
    }
}
