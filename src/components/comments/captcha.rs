//! The CAPTCHA part of the comment form: the security image with its alt
//! text, a control for a new image, the audio alternative when offered, and
//! the required answer field.

use crate::api::ApiError;
use crate::i18n::{error_text, use_i18n};
use crate::model::comment::Captcha;
use leptos::prelude::*;

/// The security image and its answer field.
#[component]
pub fn CaptchaField(
    /// The current challenge (`None` while loading).
    captcha: RwSignal<Option<Result<Captcha, ApiError>>>,
    /// What the reader typed.
    answer: RwSignal<String>,
    /// The field's error message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Asks for a new challenge.
    on_new: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let image = move || {
        match captcha.get() {
        None => view! { <p class="captcha-status" role="status">{move || i18n.t("form.captcha_loading")}</p> }.into_any(),
        Some(Err(e)) => view! {
            <p class="captcha-status field-error" role="alert">
                {move || i18n.t("form.captcha_failed")}" "{move || error_text(i18n.locale(), &e)}
            </p>
        }
        .into_any(),
        Some(Ok(c)) => {
            let audio = c.audio.clone();
            view! {
                <img class="captcha-image" src=c.image alt=move || i18n.t("form.captcha_alt")
                    width=c.width.unwrap_or(180) height=c.height.unwrap_or(60)/>
                {audio.map(|a| view! {
                    <a class="captcha-audio" href=a>{move || i18n.t("form.captcha_audio")}</a>
                })}
            }
            .into_any()
        }
    }
    };
    let invalid = move || error.get().is_some().then_some("true");
    view! {
        <div class="field captcha">
            // The box keeps the image's space while it loads, so nothing shifts.
            <div class="captcha-box">{image}</div>
            <button type="button" class="link-button" on:click=move |_| on_new.run(())>
                {move || i18n.t("form.captcha_new")}
            </button>
            <label for="comment-captcha">
                {move || i18n.t("form.captcha_label")}
                <span class="required" aria-hidden="true">" *"</span>
            </label>
            <input id="comment-captcha" name="captcha_answer" type="text" required
                autocomplete="off" autocapitalize="characters" spellcheck="false" dir="ltr"
                aria-invalid=invalid
                aria-describedby=move || error.get().map(|_| "comment-captcha-error")
                prop:value=move || answer.get()
                on:input=move |ev| answer.set(event_target_value(&ev))/>
            {move || error.get().map(|m| view! { <p class="field-error" id="comment-captcha-error">{m}</p> })}
        </div>
    }
}
