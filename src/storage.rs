//! Browser storage (local and session), tolerant of browsers that block it:
//! reads give `None` and writes are skipped, never a failure. Browser only:
//! what uses it is tested where it runs (tests/components.rs).

/// Which of the browser's stores.
#[derive(Clone, Copy)]
enum Store {
    /// Kept across visits.
    Local,
    /// Kept for this tab until it closes.
    Session,
}

fn open(store: Store) -> Option<web_sys::Storage> {
    let w = web_sys::window()?;
    match store {
        Store::Local => w.local_storage(),
        Store::Session => w.session_storage(),
    }
    .ok()?
}

fn get(store: Store, key: &str) -> Option<String> {
    open(store)?.get_item(key).ok()?
}

fn set(store: Store, key: &str, value: &str) {
    if let Some(s) = open(store) {
        let _ = s.set_item(key, value);
    }
}

/// Reads `key` from local storage.
pub fn local_get(key: &str) -> Option<String> {
    get(Store::Local, key)
}

/// Writes `key` to local storage.
pub fn local_set(key: &str, value: &str) {
    set(Store::Local, key, value);
}

/// Reads `key` from session storage (this tab, until it closes).
pub fn session_get(key: &str) -> Option<String> {
    get(Store::Session, key)
}

/// Writes `key` to session storage.
pub fn session_set(key: &str, value: &str) {
    set(Store::Session, key, value);
}
