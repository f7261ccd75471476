//! The backend answers a prerendered page carries. While scripts/prerender.mjs
//! renders a page, the HTTP layer records every answer the page read
//! ([`record`]); on a page written that way it replays each once instead of
//! asking the network ([`replay`]). The takeover itself is `crate::prerender`.

use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One backend answer, as a page carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The absolute URL asked for.
    pub url: String,
    /// The HTTP status.
    pub status: u16,
    /// The headers the app reads (content type, paging totals).
    pub headers: Vec<(String, String)>,
    /// The body, as text.
    pub body: String,
}

/// The headers worth carrying: the ones the app reads from an answer.
pub const CARRIED_HEADERS: [&str; 6] = [
    "content-type",
    "x-wp-total",
    "x-wp-totalpages",
    "link",
    "x-total-count",
    "x-total",
];

thread_local! {
    static RECORDED: RefCell<Vec<Answer>> = const { RefCell::new(Vec::new()) };
    static CARRIED: RefCell<HashMap<String, Answer>> = RefCell::new(HashMap::new());
}

/// Whether this page load is the prerenderer's (it sets
/// `window.__NEWSFRONT_PRERENDER` before the app starts). Then nothing is
/// counted and every carried answer is recorded.
pub fn is_recording() -> bool {
    static RECORDING: OnceLock<bool> = OnceLock::new();
    *RECORDING.get_or_init(|| {
        cfg!(target_arch = "wasm32")
            && web_sys::window().is_some_and(|w| {
                js_sys::Reflect::get(&w, &"__NEWSFRONT_PRERENDER".into())
                    .is_ok_and(|v| v.is_truthy())
            })
    })
}

/// Keeps `answer` for the page being prerendered.
pub fn record(answer: Answer) {
    RECORDED.with(|r| r.borrow_mut().push(answer));
}

/// The carried answer for `url`, once: a later request goes to the network.
pub fn replay(url: &str) -> Option<Answer> {
    CARRIED.with(|c| c.borrow_mut().remove(url))
}

/// Calls `f` with every answer recorded so far.
pub fn with_recorded<T>(f: impl FnOnce(&[Answer]) -> T) -> T {
    RECORDED.with(|r| f(&r.borrow()))
}

/// Loads the answers a prerendered page carries, for [`replay`].
pub fn carry(answers: Vec<Answer>) {
    CARRIED.with(|c| {
        c.borrow_mut()
            .extend(answers.into_iter().map(|a| (a.url.clone(), a)))
    });
}
