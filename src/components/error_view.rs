//! A failed load in a reader's words, with a retry; and the loading notice.

use crate::api::ApiError;
use crate::i18n::{error_text, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// Shows why something could not be loaded and, where it can help, a retry button.
#[component]
pub fn ErrorView(
    /// What went wrong.
    error: ApiError,
    /// Called when the reader asks to try again.
    on_retry: Callback<()>,
    /// Whether this is the page's main content (with its own heading and title),
    /// or a part of a page.
    #[prop(optional, default = true)]
    heading: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let retryable = error.is_retryable();
    let detail = error.to_string();
    let message = {
        let error = error.clone();
        move || error_text(i18n.locale(), &error)
    };
    view! {
        {heading.then(|| view! { <Title text=move || i18n.t("error.title")/> })}
        <section class="error-view" role="alert" aria-labelledby=heading.then_some("error-title")>
            {heading.then(|| view! { <h1 id="error-title">{move || i18n.t("error.title")}</h1> })}
            <p class="error-message">{message}</p>
            <details class="error-detail">
                <summary>{move || i18n.t("error.detail")}</summary>
                <code dir="ltr" lang="en">{detail}</code>
            </details>
            <Show when=move || retryable>
                <button type="button" class="button" on:click=move |_| on_retry.run(())>
                    {move || i18n.t("error.retry")}
                </button>
            </Show>
        </section>
    }
}

/// A quiet notice while the first data of a page loads.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="loading" role="status">{move || i18n.t("app.loading")}</p>
    }
}
