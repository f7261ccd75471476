//! Browser storage (local and session), tolerant of browsers that block it:
//! reads give `None` and writes are skipped, never a failure. Off the browser
//! (native tests) nothing is stored.

#[cfg(target_arch = "wasm32")]
fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

#[cfg(target_arch = "wasm32")]
fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Reads `key` from local storage.
pub fn local_get(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        local()?.get_item(key).ok()?
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        None
    }
}

/// Writes `key` to local storage.
pub fn local_set(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key, value);
}

/// Reads `key` from session storage (this tab, until it closes).
pub fn session_get(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        session()?.get_item(key).ok()?
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        None
    }
}

/// Writes `key` to session storage.
pub fn session_set(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key, value);
}
