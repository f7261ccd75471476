//! Sharing an article: the system share sheet where the browser has one,
//! otherwise a copy of the link to the clipboard, with a confirmation.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What happened the last time the reader shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Idle,
    Copied,
    Failed,
}

/// A button that shares `url` (titled `title`).
#[component]
pub fn ShareButton(
    /// The canonical URL to share.
    url: String,
    /// The article's title, for the share sheet.
    title: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = RwSignal::new(Outcome::Idle);
    let on_click = move |_| {
        let url = url.clone();
        let title = title.clone();
        spawn_local(async move {
            match share(&url, &title).await {
                Shared::Sheet => outcome.set(Outcome::Idle),
                Shared::Copied => outcome.set(Outcome::Copied),
                Shared::Cancelled => {}
                Shared::Failed => outcome.set(Outcome::Failed),
            }
        });
    };
    view! {
        <div class="share">
            <button type="button" class="button secondary" on:click=on_click>
                {move || i18n.t("article.share")}
            </button>
            <span class="share-status" role="status">
                {move || match outcome.get() {
                    Outcome::Idle => String::new(),
                    Outcome::Copied => i18n.t("article.share_copied"),
                    Outcome::Failed => i18n.t("article.share_failed"),
                }}
            </span>
        </div>
    }
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
enum Shared {
    Sheet,
    Copied,
    Cancelled,
    Failed,
}

async fn share(url: &str, title: &str) -> Shared {
    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Shared::Failed;
    };
    let nav: &JsValue = navigator.as_ref();
    // navigator.share and navigator.clipboard are looked up at run time: both
    // are missing in some browsers and contexts (plain http, old engines).
    if let Ok(f) = Reflect::get(nav, &"share".into()).and_then(|v| v.dyn_into::<Function>()) {
        let data = Object::new();
        let _ = Reflect::set(&data, &"url".into(), &url.into());
        let _ = Reflect::set(&data, &"title".into(), &title.into());
        if let Ok(p) = f.call1(nav, &data).and_then(|p| p.dyn_into::<Promise>()) {
            return match JsFuture::from(p).await {
                Ok(_) => Shared::Sheet,
                // The reader closed the sheet: nothing to report.
                Err(_) => Shared::Cancelled,
            };
        }
    }
    let clipboard = Reflect::get(nav, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    let write =
        Reflect::get(&clipboard, &"writeText".into()).and_then(|v| v.dyn_into::<Function>());
    match write.and_then(|f| f.call1(&clipboard, &url.into())) {
        Ok(p) => match JsFuture::from(Promise::from(p)).await {
            Ok(_) => Shared::Copied,
            Err(_) => Shared::Failed,
        },
        Err(_) => Shared::Failed,
    }
}
