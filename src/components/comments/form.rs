//! The comment form: checks before sending, errors tied to their fields and
//! announced, one submission however often Send is pressed, an idempotency
//! key reused when a failed send is retried, and nothing the reader typed
//! lost to any failure (a draft per article survives reloads).

use super::{store, CaptchaField, ReplyTo};
use crate::api::{ApiError, Backend};
use crate::clock::now_ms;
use crate::config::Config;
use crate::i18n::{error_text, use_i18n, I18n};
use crate::model::comment::{
    submission, validate, AcceptStatus, Captcha, Draft, Field, Issue, BODY_MAX, NAME_MAX,
};
use crate::model::{Comment, NewsCode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// Why a field is marked.
#[derive(Clone, Debug, PartialEq, Eq)]
enum FieldError {
    /// Found before sending.
    Local(Issue),
    /// The backend's own words.
    Server(String),
    /// The CAPTCHA answer was refused (`captcha_invalid` / `captcha_expired`).
    Captcha(&'static str),
}

/// What the form says above the Send button.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Published,
    Pending,
    /// Stored, but the site's spam filter or comment rules turned it away.
    NotPublished(AcceptStatus),
    Fix,
    Failed(ApiError),
    Duplicate,
    LoginRequired,
    RateLimited(u32),
}

fn field_text(i18n: I18n, e: &FieldError) -> String {
    match e {
        FieldError::Local(Issue::Required) => i18n.t("form.err_required"),
        FieldError::Local(Issue::TooLong(n)) => i18n.tf(
            "form.err_too_long",
            &[("n", &crate::format::number(*n as u64, i18n.locale()))],
        ),
        FieldError::Local(Issue::BadEmail) => i18n.t("form.err_email"),
        FieldError::Server(m) => i18n.tf("form.err_server", &[("message", m)]),
        FieldError::Captcha("captcha_expired") => i18n.t("form.err_captcha_expired"),
        FieldError::Captcha(_) => i18n.t("form.err_captcha_invalid"),
    }
}

/// Moves keyboard focus to the comment field (after choosing to reply).
pub fn focus_body() {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("comment-body"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
}

/// A fresh random key for one submission.
fn new_key() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let r = || (js_sys::Math::random() * 4_294_967_296.0) as u32;
        format!(
            "{:08x}{:08x}{:08x}{:x}",
            r(),
            r(),
            r(),
            js_sys::Date::now() as u64
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::from("native")
}

/// The form for a new comment on `code`.
#[component]
pub fn CommentForm(
    /// The article commented on.
    code: NewsCode,
    /// Who is being answered.
    reply_to: RwSignal<Option<ReplyTo>>,
    /// A comment was published.
    on_published: Callback<Comment>,
    /// A comment is held for moderation.
    on_pending: Callback<Comment>,
    /// The backend says comments are closed.
    on_closed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Backend>();
    // WordPress core has no CAPTCHA: there the form goes without one.
    let with_captcha = backend.has_captcha();
    let require_email = expect_context::<Config>().require_email;
    let saved = store::draft(&code);
    let draft = RwSignal::new(saved.clone());
    if let Some(parent) = saved.parent_id.clone() {
        reply_to.set(Some(ReplyTo {
            id: parent,
            name: String::new(),
        }));
    }
    let answer = RwSignal::new(String::new());
    let captcha = RwSignal::new(None::<Result<Captcha, ApiError>>);
    let errors = RwSignal::new(HashMap::<Field, FieldError>::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let sending = RwSignal::new(false);
    let wait_until = RwSignal::new(0_i64);
    // The key of the last submission that failed in transit, with what it sent:
    // resending the same text reuses it, so the backend stores it once.
    let in_flight_key = RwSignal::new(None::<(String, String)>);

    // Keep the draft (including who is answered) on every keystroke.
    {
        let code = code.clone();
        Effect::new(move |_| {
            let mut d = draft.get();
            d.parent_id = reply_to.get().map(|r| r.id);
            store::save_draft(&code, &d);
        });
    }

    let load_captcha = {
        let backend = backend.clone();
        Callback::new(move |()| {
            if !with_captcha {
                return;
            }
            captcha.set(None);
            answer.set(String::new());
            let backend = backend.clone();
            spawn_local(async move { captcha.set(Some(backend.captcha().await)) });
        })
    };
    // A prerendered page is read by no one yet: a challenge drawn for it
    // would be a single-use one wasted, and a file that changes on every run.
    if !crate::prerender::is_recording() {
        load_captcha.run(());
    }

    // What a refused or failed submission does to the form; the text stays.
    let failed = move |e: ApiError, fingerprint: String, key: String| {
        let code = match &e {
            ApiError::Status { code: Some(c), .. } => c.as_str(),
            _ => "",
        };
        match (code, &e) {
            ("captcha_invalid" | "captcha_expired", _) => {
                let which = if code == "captcha_expired" {
                    "captcha_expired"
                } else {
                    "captcha_invalid"
                };
                errors.set(HashMap::from([(
                    Field::Captcha,
                    FieldError::Captcha(which),
                )]));
                load_captcha.run(());
            }
            ("validation_failed", ApiError::Status { fields, .. }) => {
                let mut map = HashMap::new();
                for (name, message) in fields {
                    let field = Field::from_wire(name).unwrap_or(Field::Body);
                    // A backend that names the field but gives no reason
                    // (WordPress) is refusing it as missing.
                    let error = if message.trim().is_empty() {
                        FieldError::Local(Issue::Required)
                    } else {
                        FieldError::Server(message.clone())
                    };
                    map.insert(field, error);
                }
                errors.set(map);
                outcome.set(Some(Outcome::Fix));
                load_captcha.run(());
            }
            ("comments_closed", _) => on_closed.run(()),
            ("login_required", _) => outcome.set(Some(Outcome::LoginRequired)),
            ("duplicate", _) => {
                outcome.set(Some(Outcome::Duplicate));
                load_captcha.run(());
            }
            (
                _,
                ApiError::Status {
                    status: 429,
                    retry_after,
                    ..
                },
            ) => {
                let secs = retry_after.unwrap_or(30);
                wait_until.set(now_ms() + i64::from(secs) * 1000);
                outcome.set(Some(Outcome::RateLimited(secs)));
                set_timeout(
                    move || wait_until.set(0),
                    std::time::Duration::from_secs(u64::from(secs)),
                );
                load_captcha.run(());
            }
            _ => {
                // The backend may have stored it before the answer was lost:
                // the next attempt with the same text reuses the key.
                in_flight_key.set(Some((key, fingerprint)));
                outcome.set(Some(Outcome::Failed(e)));
            }
        }
    };

    let submit = {
        let backend = backend.clone();
        let code = code.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            // A second click or Enter while sending does nothing.
            if sending.get_untracked() || now_ms() < wait_until.get_untracked() {
                return;
            }
            let mut d = draft.get_untracked();
            d.parent_id = reply_to.get_untracked().map(|r| r.id);
            let typed = answer.get_untracked();
            let issues = validate(&d, with_captcha.then_some(typed.as_str()), require_email);
            if !issues.is_empty() {
                errors.set(
                    issues
                        .into_iter()
                        .map(|(f, i)| (f, FieldError::Local(i)))
                        .collect(),
                );
                outcome.set(Some(Outcome::Fix));
                return;
            }
            let challenge_id = if with_captcha {
                let Some(Ok(challenge)) = captcha.get_untracked() else {
                    load_captcha.run(());
                    return;
                };
                if challenge
                    .expires_at
                    .is_some_and(|t| t.timestamp_millis() <= now_ms())
                {
                    errors.set(HashMap::from([(
                        Field::Captcha,
                        FieldError::Captcha("captcha_expired"),
                    )]));
                    load_captcha.run(());
                    return;
                }
                challenge.id.to_string()
            } else {
                String::new()
            };
            let payload = submission(&d, &challenge_id, &typed);
            let fingerprint = serde_json::to_string(&payload).unwrap_or_default();
            let key = match in_flight_key.get_untracked() {
                Some((k, f)) if f == fingerprint => k,
                _ => new_key(),
            };
            errors.set(HashMap::new());
            outcome.set(None);
            sending.set(true);
            let backend = backend.clone();
            let code = code.clone();
            spawn_local(async move {
                let answer_back = backend.post_comment(&code, &payload, &key).await;
                sending.set(false);
                match answer_back {
                    Ok(accepted) => {
                        in_flight_key.set(None);
                        load_captcha.run(());
                        let status = accepted.status;
                        if matches!(status, AcceptStatus::Spam | AcceptStatus::Trash) {
                            // Stored but never shown: the reader keeps the text to rework it.
                            outcome.set(Some(Outcome::NotPublished(status)));
                            return;
                        }
                        draft.update(|d| {
                            d.body.clear();
                            d.parent_id = None;
                        });
                        reply_to.set(None);
                        if status == AcceptStatus::Published {
                            outcome.set(Some(Outcome::Published));
                            on_published.run(accepted.comment);
                        } else {
                            outcome.set(Some(Outcome::Pending));
                            on_pending.run(accepted.comment);
                        }
                    }
                    Err(e) => failed(e, fingerprint, key),
                }
            });
        }
    };

    let error_of = move |f: Field| {
        Signal::derive(move || errors.with(|m| m.get(&f).map(|e| field_text(i18n, e))))
    };
    let text_field = move |f: Field,
                           id: &'static str,
                           get: fn(&Draft) -> String,
                           set: fn(&mut Draft, String)| {
        let error = error_of(f);
        (
            move || error.get().is_some().then_some("true"),
            move || error.get().map(|_| format!("{id}-error")),
            move || draft.with(get),
            move |ev| draft.update(|d| set(d, event_target_value(&ev))),
            move || {
                error
                    .get()
                    .map(|m| view! { <p class="field-error" id=format!("{id}-error")>{m}</p> })
            },
        )
    };
    let (name_invalid, name_desc, name_value, name_input, name_error) = text_field(
        Field::Name,
        "comment-name",
        |d| d.name.clone(),
        |d, v| d.name = v,
    );
    let (email_invalid, email_desc, email_value, email_input, email_error) = text_field(
        Field::Email,
        "comment-email",
        |d| d.email.clone(),
        |d, v| d.email = v,
    );
    let (body_invalid, body_desc, body_value, body_input, body_error) = text_field(
        Field::Body,
        "comment-body",
        |d| d.body.clone(),
        |d, v| d.body = v,
    );
    let email_hint = if require_email {
        "form.email_required"
    } else {
        "form.email_optional"
    };

    view! {
        <form class="comment-form" novalidate on:submit=submit aria-labelledby="comment-form-title">
            <h3 id="comment-form-title">{move || i18n.t("form.title")}</h3>
            {move || reply_to.get().map(|r| view! {
                <p class="replying">
                    {move || if r.name.is_empty() { String::new() } else { i18n.tf("thread.replying", &[("name", &r.name)]) }}
                    " "
                    <button type="button" class="link-button" on:click=move |_| reply_to.set(None)>
                        {move || i18n.t("thread.cancel_reply")}
                    </button>
                </p>
            })}
            <div class="field">
                <label for="comment-name">{move || i18n.t("form.name")}<span class="required" aria-hidden="true">" *"</span></label>
                <input id="comment-name" name="author_name" type="text" required autocomplete="name"
                    maxlength=NAME_MAX.to_string() dir="auto"
                    aria-invalid=name_invalid aria-describedby=name_desc
                    prop:value=name_value on:input=name_input/>
                {name_error}
            </div>
            <div class="field">
                <label for="comment-email">
                    {move || i18n.t("form.email")}
                    {require_email.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
                </label>
                <input id="comment-email" name="author_email" type="email" autocomplete="email" dir="ltr"
                    required=require_email aria-invalid=email_invalid
                    aria-describedby=move || format!("comment-email-hint {}", email_desc().unwrap_or_default())
                    prop:value=email_value on:input=email_input/>
                <p class="hint" id="comment-email-hint">{move || i18n.t(email_hint)}</p>
                {email_error}
            </div>
            <div class="field">
                <label for="comment-body">{move || i18n.t("form.body")}<span class="required" aria-hidden="true">" *"</span></label>
                <textarea id="comment-body" name="body" rows="6" required dir="auto"
                    maxlength=BODY_MAX.to_string()
                    aria-invalid=body_invalid aria-describedby=body_desc
                    prop:value=body_value on:input=body_input></textarea>
                {body_error}
            </div>
            {if with_captcha {
                view! { <CaptchaField captcha answer error=error_of(Field::Captcha) on_new=load_captcha/> }.into_any()
            } else {
                view! { <p class="hint">{move || i18n.t("form.moderated")}</p> }.into_any()
            }}
            <div class="form-outcome" role="status" aria-live="polite">
                {move || outcome.get().map(|o| match o {
                    Outcome::Published => view! { <p class="ok">{move || i18n.t("form.published")}</p> }.into_any(),
                    Outcome::Pending => view! { <p class="ok">{move || i18n.t("form.pending")}</p> }.into_any(),
                    Outcome::NotPublished(status) => view! {
                        <p class="field-error">{move || i18n.t(if status == AcceptStatus::Spam { "form.not_published_spam" } else { "form.not_published_rules" })}</p>
                    }.into_any(),
                    Outcome::Fix => view! { <p class="field-error">{move || i18n.t("form.fix")}</p> }.into_any(),
                    Outcome::LoginRequired => view! { <p class="field-error">{move || i18n.t("form.err_login_required")}</p> }.into_any(),
                    Outcome::Duplicate => view! { <p class="field-error">{move || i18n.t("form.err_duplicate")}</p> }.into_any(),
                    Outcome::RateLimited(s) => view! {
                        <p class="field-error">{move || i18n.tf("form.err_rate_limited", &[("seconds", &crate::format::number(u64::from(s), i18n.locale()))])}</p>
                    }.into_any(),
                    Outcome::Failed(e) => view! {
                        <p class="field-error">{move || error_text(i18n.locale(), &e)}" "{move || i18n.t("form.kept")}</p>
                    }.into_any(),
                })}
            </div>
            <button type="submit" class="button" aria-disabled=move || sending.get().then_some("true")>
                {move || if sending.get() { i18n.t("form.sending") } else { i18n.t("form.send") }}
            </button>
        </form>
    }
}
