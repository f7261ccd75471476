//! The current time, from the browser's clock (or the system's off the browser).

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }
}

/// Goes on in a new task (a zero-delay timer): the tasks spawned so far
/// run first, so requests they start are under way before what follows, and
/// a long piece of work is cut in two. Off the browser it returns at once.
pub async fn next_task() {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let queued =
                web_sys::window().is_some_and(|w| w.set_timeout_with_callback(&resolve).is_ok());
            if !queued {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}
