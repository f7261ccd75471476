//! The comment form: checks before sending, errors tied to their fields and
//! announced, one submission however often Send is pressed, an idempotency
//! key reused when a failed send is retried, and nothing the reader typed
//! lost to any failure (a draft per article survives reloads).
//!
//! Sending is a task, not a Leptos `Action`: measured, an `Action` here adds
//! 4,275 B of brotli to the wasm (331,021 against 326,746 B), 1.3 % of it
//! for what `sending` and one `spawn_local` do.

use super::fields::{field_text, FormOutcome, Input, TextField};
use super::{store, CaptchaField, ReplyTo};
use crate::api::{ApiError, Backend, ErrorCode};
use crate::clock::now_ms;
use crate::config::Config;
use crate::i18n::use_i18n;
use crate::model::comment::{
    submission, validate, AcceptStatus, Captcha, Draft, Field, Issue, NewComment, BODY_MAX,
    NAME_MAX,
};
use crate::model::{Comment, NewsCode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// Why a field is marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// Found before sending.
    Local(Issue),
    /// The backend's own words.
    Server(String),
    /// The CAPTCHA answer was refused, or its challenge had expired.
    Captcha {
        /// Expired (or spent) rather than wrong.
        expired: bool,
    },
}

/// Why a submission did not go through (the text stays in the form).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The same comment was posted already.
    Duplicate,
    /// The site takes comments from signed-in readers only.
    LoginRequired,
    /// Too many submissions: Send works again after this many seconds.
    RateLimited(u32),
    /// It may not have arrived: a retry with the same text reuses its key.
    NotDelivered(ApiError),
}

/// Where the form is, as it tells the reader (while sending, the button says so).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormState {
    /// Being written.
    Editing,
    /// Checks or the backend found fields to correct; they say what.
    Fix,
    /// Published: it is in the thread.
    Published,
    /// Held for moderation: its author sees it, marked.
    Pending,
    /// Stored, but the site's spam filter or comment rules turned it away.
    NotPublished(AcceptStatus),
    /// Not accepted, for this reason.
    Failed(Failure),
}

/// One submission: what is sent, its idempotency key, and a fingerprint of
/// the text, so a retry of the same text reuses the key.
#[derive(Clone, Debug, PartialEq)]
struct Job {
    payload: NewComment,
    key: String,
    fingerprint: String,
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
    let r = || (js_sys::Math::random() * 4_294_967_296.0) as u32;
    format!(
        "{:08x}{:08x}{:08x}{:x}",
        r(),
        r(),
        r(),
        js_sys::Date::now() as u64
    )
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
    let captcha = RwSignal::new(None::<Result<Captcha, ApiError>>);
    let answer = RwSignal::new(String::new());
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
    let form = Form {
        draft,
        reply_to,
        answer,
        captcha,
        errors: RwSignal::new(HashMap::new()),
        state: RwSignal::new(FormState::Editing),
        sending: RwSignal::new(false),
        wait_until: RwSignal::new(0),
        unsure: RwSignal::new(None),
        load_captcha,
    };
    let Form {
        errors,
        state,
        sending,
        ..
    } = form;

    // Keep the draft (including who is answered) on every keystroke.
    {
        let code = code.clone();
        Effect::new(move |_| {
            let mut d = draft.get();
            d.parent_id = reply_to.get().map(|r| r.id);
            store::save_draft(&code, &d);
        });
    }
    // A prerendered page is read by no one yet: a challenge drawn for it
    // would be a single-use one wasted, and a file that changes on every run.
    if !crate::prerender::is_recording() {
        load_captcha.run(());
    }

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(job) = form.prepare(with_captcha, require_email) else {
            return;
        };
        let (backend, code) = (backend.clone(), code.clone());
        form.sending.set(true);
        spawn_local(async move {
            let answer = backend.post_comment(&code, &job.payload, &job.key).await;
            form.sending.set(false);
            match answer {
                Ok(a) => {
                    form.accepted(a.status);
                    match a.status {
                        AcceptStatus::Spam | AcceptStatus::Trash => {}
                        AcceptStatus::Published => on_published.run(a.comment),
                        _ => on_pending.run(a.comment),
                    }
                }
                Err(e) if e.code() == Some(ErrorCode::CommentsClosed) => on_closed.run(()),
                Err(e) => form.refused(e, job),
            }
        });
    };

    let error_of = move |f: Field| {
        Signal::derive(move || errors.with(|m| m.get(&f).map(|e| field_text(i18n, e))))
    };
    let bind = move |get: fn(&Draft) -> &String, set: fn(&mut Draft, String)| {
        (
            Signal::derive(move || draft.with(|d| get(d).clone())),
            Callback::new(move |v| draft.update(|d| set(d, v))),
        )
    };
    let (name, on_name) = bind(|d| &d.name, |d, v| d.name = v);
    let (email, on_email) = bind(|d| &d.email, |d, v| d.email = v);
    let (body, on_body) = bind(|d| &d.body, |d, v| d.body = v);
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
            <TextField id="comment-name" name="author_name" label="form.name" input=Input::Line("text", "name", "auto")
                max=NAME_MAX required=true value=name on_input=on_name error=error_of(Field::Name)/>
            <TextField id="comment-email" name="author_email" label="form.email" input=Input::Line("email", "email", "ltr")
                required=require_email hint=email_hint value=email on_input=on_email error=error_of(Field::Email)/>
            <TextField id="comment-body" name="body" label="form.body" input=Input::Text
                max=BODY_MAX required=true value=body on_input=on_body error=error_of(Field::Body)/>
            {if with_captcha {
                view! { <CaptchaField captcha answer error=error_of(Field::Captcha) on_new=load_captcha/> }.into_any()
            } else {
                view! { <p class="hint">{move || i18n.t("form.moderated")}</p> }.into_any()
            }}
            <FormOutcome state/>
            <button type="submit" class="button" aria-disabled=move || sending.get().then_some("true")>
                {move || if sending.get() { i18n.t("form.sending") } else { i18n.t("form.send") }}
            </button>
        </form>
    }
}

/// The form's state, and what each step does to it; the text the reader
/// typed stays through every failure.
#[derive(Clone, Copy)]
struct Form {
    draft: RwSignal<Draft>,
    reply_to: RwSignal<Option<ReplyTo>>,
    answer: RwSignal<String>,
    captcha: RwSignal<Option<Result<Captcha, ApiError>>>,
    errors: RwSignal<HashMap<Field, FieldError>>,
    state: RwSignal<FormState>,
    sending: RwSignal<bool>,
    /// Send works again from this time (after a 429).
    wait_until: RwSignal<i64>,
    /// The last submission that may not have arrived, to resend under its key.
    unsure: RwSignal<Option<Job>>,
    load_captcha: Callback<()>,
}

impl Form {
    /// Checks the fields and the CAPTCHA and makes the submission; `None`
    /// (with the reasons shown) when it cannot go, or while one is on its way.
    fn prepare(self, with_captcha: bool, require_email: bool) -> Option<Job> {
        // A second click or Enter while sending (or while told to wait) does nothing.
        if self.sending.get_untracked() || now_ms() < self.wait_until.get_untracked() {
            return None;
        }
        let mut d = self.draft.get_untracked();
        d.parent_id = self.reply_to.get_untracked().map(|r| r.id);
        let typed = self.answer.get_untracked();
        let issues = validate(&d, with_captcha.then_some(typed.as_str()), require_email);
        if !issues.is_empty() {
            self.errors.set(
                issues
                    .into_iter()
                    .map(|(f, i)| (f, FieldError::Local(i)))
                    .collect(),
            );
            self.state.set(FormState::Fix);
            return None;
        }
        let challenge = match with_captcha.then(|| self.captcha.get_untracked()) {
            None => String::new(),
            Some(Some(Ok(c)))
                if c.expires_at
                    .is_some_and(|t| t.timestamp_millis() <= now_ms()) =>
            {
                self.captcha_refused(true);
                return None;
            }
            Some(Some(Ok(c))) => c.id.to_string(),
            Some(_) => {
                self.load_captcha.run(());
                return None;
            }
        };
        let payload = submission(&d, &challenge, &typed);
        let fingerprint = serde_json::to_string(&payload).unwrap_or_default();
        let key = match self.unsure.get_untracked() {
            Some(job) if job.fingerprint == fingerprint => job.key,
            _ => new_key(),
        };
        self.errors.set(HashMap::new());
        self.state.set(FormState::Editing);
        Some(Job {
            payload,
            key,
            fingerprint,
        })
    }

    /// Stored: published, held, or turned away by the site's filters. Only
    /// the first two clear the comment's text.
    fn accepted(self, status: AcceptStatus) {
        self.unsure.set(None);
        self.load_captcha.run(());
        self.state.set(match status {
            AcceptStatus::Published => FormState::Published,
            AcceptStatus::Spam | AcceptStatus::Trash => FormState::NotPublished(status),
            _ => FormState::Pending,
        });
        if !matches!(status, AcceptStatus::Spam | AcceptStatus::Trash) {
            self.draft.update(|d| {
                d.body.clear();
                d.parent_id = None;
            });
            self.reply_to.set(None);
        }
    }

    /// The CAPTCHA answer was wrong, or its challenge expired: a new one.
    fn captcha_refused(self, expired: bool) {
        self.errors.set(HashMap::from([(
            Field::Captcha,
            FieldError::Captcha { expired },
        )]));
        self.load_captcha.run(());
    }

    /// Refused by the backend, or not delivered.
    fn refused(self, e: ApiError, job: Job) {
        match e.code() {
            Some(ErrorCode::CaptchaInvalid) => self.captcha_refused(false),
            Some(ErrorCode::CaptchaExpired) => self.captcha_refused(true),
            Some(ErrorCode::ValidationFailed) => {
                let ApiError::Status { fields, .. } = &e else {
                    return;
                };
                self.errors.set(
                    fields
                        .iter()
                        .map(|(name, message)| {
                            let field = Field::from_wire(name).unwrap_or(Field::Body);
                            // A backend that names the field but gives no
                            // reason (WordPress) is refusing it as missing.
                            if message.trim().is_empty() {
                                (field, FieldError::Local(Issue::Required))
                            } else {
                                (field, FieldError::Server(message.clone()))
                            }
                        })
                        .collect(),
                );
                self.state.set(FormState::Fix);
                self.load_captcha.run(());
            }
            Some(ErrorCode::LoginRequired) => {
                self.state.set(FormState::Failed(Failure::LoginRequired))
            }
            Some(ErrorCode::Duplicate) => {
                self.state.set(FormState::Failed(Failure::Duplicate));
                self.load_captcha.run(());
            }
            Some(ErrorCode::RateLimited) => {
                let ApiError::Status { retry_after, .. } = &e else {
                    return;
                };
                let secs = retry_after.unwrap_or(30);
                let wait_until = self.wait_until;
                wait_until.set(now_ms() + i64::from(secs) * 1000);
                self.state
                    .set(FormState::Failed(Failure::RateLimited(secs)));
                set_timeout(
                    move || wait_until.set(0),
                    std::time::Duration::from_secs(u64::from(secs)),
                );
                self.load_captcha.run(());
            }
            _ => {
                // The backend may have stored it before the answer was lost:
                // the next attempt with the same text reuses the key.
                self.unsure.set(Some(job));
                self.state.set(FormState::Failed(Failure::NotDelivered(e)));
            }
        }
    }
}
