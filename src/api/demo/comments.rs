//! The demo backend's comments: the content's comments plus those posted in
//! this browser (kept in local storage), a CAPTCHA checked here, moderation
//! of first-time names, idempotent retries and the contract's errors.

use super::captcha;
use crate::api::ApiError;
use crate::model::comment::{validate, AcceptStatus, Accepted, Draft, Field, Issue, NewComment};
use crate::model::{Comment, CommentId, NewsCode};
use crate::storage;
use std::cell::RefCell;
use std::collections::HashMap;

fn key(code: &NewsCode) -> String {
    format!("newsfront.demo.comments.{code}")
}

/// Comments published in this browser on the demo article `code`.
pub fn local(code: &NewsCode) -> Vec<Comment> {
    storage::local_get(&key(code))
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn save_local(code: &NewsCode, comments: &[Comment]) {
    if let Ok(json) = serde_json::to_string(comments) {
        storage::local_set(&key(code), &json);
    }
}

thread_local! {
    /// Answers already given, by idempotency key, so a retried submission
    /// gets the first answer instead of posting twice.
    static ANSWERED: RefCell<HashMap<String, Result<Accepted, ApiError>>> = RefCell::new(HashMap::new());
}

fn rejected(status: u16, code: &str, fields: Vec<(String, String)>) -> ApiError {
    ApiError::Status {
        status,
        code: Some(code.into()),
        retry_after: None,
        fields,
    }
}

fn wire_name(f: Field) -> &'static str {
    match f {
        Field::Name => "author_name",
        Field::Email => "author_email",
        Field::Body => "body",
        Field::Captcha => "captcha_answer",
    }
}

/// Checks and stores a submission as the native contract describes.
///
/// `known_authors` are the names that have published before: they are
/// published at once; anyone else is held for moderation.
pub fn post(
    code: &NewsCode,
    comments_open: bool,
    existing: &[Comment],
    known_authors: &[String],
    new: &NewComment,
    idempotency_key: &str,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Accepted, ApiError> {
    if let Some(earlier) = ANSWERED.with(|a| a.borrow().get(idempotency_key).cloned()) {
        return earlier;
    }
    let answer = check(code, comments_open, existing, known_authors, new, now);
    ANSWERED.with(|a| {
        a.borrow_mut()
            .insert(idempotency_key.to_owned(), answer.clone())
    });
    answer
}

fn check(
    code: &NewsCode,
    comments_open: bool,
    existing: &[Comment],
    known_authors: &[String],
    new: &NewComment,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Accepted, ApiError> {
    let draft = Draft {
        name: new.author_name.clone(),
        email: new.author_email.clone().unwrap_or_default(),
        body: new.body.clone(),
        parent_id: new.parent_id.clone(),
    };
    let issues: Vec<(String, String)> = validate(&draft, Some(&new.captcha_answer), false)
        .into_iter()
        .map(|(f, i)| {
            let what = match i {
                Issue::Required => "is required".to_owned(),
                Issue::TooLong(n) => format!("must be {n} characters or fewer"),
                Issue::BadEmail => "is not an email address".to_owned(),
            };
            (wire_name(f).to_owned(), what)
        })
        .collect();
    if !issues.is_empty() {
        return Err(rejected(400, "validation_failed", issues));
    }
    if !comments_open {
        return Err(rejected(403, "comments_closed", vec![]));
    }
    captcha::check(&new.captcha_id, &new.captcha_answer, now.timestamp_millis())
        .map_err(|code| rejected(400, code, vec![]))?;
    let name = new.author_name.trim();
    let body = new.body.trim();
    if existing
        .iter()
        .any(|c| c.author_name.trim().eq_ignore_ascii_case(name) && c.body.trim() == body)
    {
        return Err(rejected(409, "duplicate", vec![]));
    }
    let comment = Comment {
        id: CommentId::new(format!("local-{}", now.timestamp_millis())),
        parent_id: new.parent_id.clone().map(CommentId::new),
        author_name: name.to_owned(),
        body: body.to_owned(),
        created_at: now,
    };
    let known = known_authors
        .iter()
        .any(|a| a.trim().to_lowercase() == name.to_lowercase());
    let status = if known {
        let mut mine = local(code);
        mine.push(comment.clone());
        save_local(code, &mine);
        AcceptStatus::Published
    } else {
        AcceptStatus::Pending
    };
    Ok(Accepted { status, comment })
}
