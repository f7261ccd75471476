//! The comment form's parts that only show state: a text field with its
//! label and error, and the line above the Send button saying where the
//! form is.

use super::form::{Failure, FieldError, FormState};
use crate::api::ApiError;
use crate::i18n::{error_text, use_i18n, I18n};
use crate::model::comment::{AcceptStatus, Issue};
use leptos::prelude::*;

/// The words for a field's error.
pub fn field_text(i18n: I18n, e: &FieldError) -> String {
    match e {
        FieldError::Local(Issue::Required) => i18n.t("form.err_required"),
        FieldError::Local(Issue::TooLong(n)) => i18n.tf(
            "form.err_too_long",
            &[("n", &crate::format::number(*n as u64, i18n.locale()))],
        ),
        FieldError::Local(Issue::BadEmail) => i18n.t("form.err_email"),
        FieldError::Server(m) => i18n.tf("form.err_server", &[("message", m)]),
        FieldError::Captcha { expired: true } => i18n.t("form.err_captcha_expired"),
        FieldError::Captcha { expired: false } => i18n.t("form.err_captcha_invalid"),
    }
}

/// How a text field is entered.
#[derive(Clone, Copy)]
pub enum Input {
    /// One line: its type and autocomplete token, and the text direction.
    Line(&'static str, &'static str, &'static str),
    /// The comment itself, several lines.
    Text,
}

/// A labelled text field bound to `value`, with its error (if any) tied to it.
#[component]
pub fn TextField(
    /// The element's id (its error is `{id}-error`).
    id: &'static str,
    /// The contract's field name, for the `name` attribute.
    name: &'static str,
    /// The translation key of the label.
    label: &'static str,
    /// A line or the comment's text.
    input: Input,
    /// The longest accepted value, in characters, if the form limits it.
    #[prop(optional)]
    max: Option<usize>,
    /// Whether the field must be filled in.
    required: bool,
    /// A hint under the field, by translation key, tied to it for screen readers.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The text.
    value: Signal<String>,
    /// Called with the new text on every keystroke.
    on_input: Callback<String>,
    /// The error, already in words.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let invalid = move || error.get().is_some().then_some("true");
    let hint_id = format!("{id}-hint");
    let described = {
        let hint_id = hint_id.clone();
        move || {
            let ids: Vec<String> = hint
                .map(|_| hint_id.clone())
                .into_iter()
                .chain(error.get().map(|_| format!("{id}-error")))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let typed = move |ev| on_input.run(event_target_value(&ev));
    let control = match input {
        Input::Line(kind, autocomplete, dir) => view! {
            <input id=id name=name type=kind autocomplete=autocomplete dir=dir required=required
                maxlength=max.map(|m| m.to_string()) aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=typed/>
        }
        .into_any(),
        Input::Text => view! {
            <textarea id=id name=name rows="6" dir="auto" required=required
                maxlength=max.map(|m| m.to_string()) aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=typed></textarea>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>
                {move || i18n.t(label)}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {control}
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || i18n.t(h)}</p> })}
            {move || error.get().map(|m| view! { <p class="field-error" id=format!("{id}-error")>{m}</p> })}
        </div>
    }
}

/// What the form says above the Send button, announced politely.
#[component]
pub fn FormOutcome(state: RwSignal<FormState>) -> impl IntoView {
    let i18n = use_i18n();
    let line =
        move |class: &'static str, text: String| view! { <p class=class>{text}</p> }.into_any();
    view! {
        <div class="form-outcome" role="status" aria-live="polite">
            {move || match state.get() {
                FormState::Editing => ().into_any(),
                FormState::Published => line("ok", i18n.t("form.published")),
                FormState::Pending => line("ok", i18n.t("form.pending")),
                FormState::NotPublished(status) => line("field-error", i18n.t(match status {
                    AcceptStatus::Spam => "form.not_published_spam",
                    _ => "form.not_published_rules",
                })),
                FormState::Fix => line("field-error", i18n.t("form.fix")),
                FormState::Failed(Failure::LoginRequired) => line("field-error", i18n.t("form.err_login_required")),
                FormState::Failed(Failure::Duplicate) => line("field-error", i18n.t("form.err_duplicate")),
                FormState::Failed(Failure::RateLimited(s)) => line("field-error", i18n.tf(
                    "form.err_rate_limited",
                    &[("seconds", &crate::format::number(u64::from(s), i18n.locale()))],
                )),
                FormState::Failed(Failure::NotDelivered(ApiError::Offline)) => line(
                    "field-error",
                    format!("{} {}", i18n.t("form.offline"), i18n.t("form.kept")),
                ),
                FormState::Failed(Failure::NotDelivered(e)) => line(
                    "field-error",
                    format!("{} {}", error_text(i18n.locale(), &e), i18n.t("form.kept")),
                ),
            }}
        </div>
    }
}
