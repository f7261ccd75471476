//! What the comment form keeps in the browser: the draft of each article and
//! the comments held for moderation, which the backend does not list.

use crate::model::comment::Draft;
use crate::model::{Comment, NewsCode};
use crate::storage;

fn draft_key(code: &NewsCode) -> String {
    format!("newsfront.draft.{code}")
}

fn pending_key(code: &NewsCode) -> String {
    format!("newsfront.pending.{code}")
}

/// The saved draft for `code`.
pub fn draft(code: &NewsCode) -> Draft {
    storage::local_get(&draft_key(code))
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Saves (or, when empty, clears) the draft for `code`.
pub fn save_draft(code: &NewsCode, draft: &Draft) {
    let json = if draft.is_empty() && draft.parent_id.is_none() {
        String::new()
    } else {
        serde_json::to_string(draft).unwrap_or_default()
    };
    storage::local_set(&draft_key(code), &json);
}

/// This reader's comments on `code` awaiting moderation.
pub fn pending(code: &NewsCode) -> Vec<Comment> {
    storage::local_get(&pending_key(code))
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

fn save_pending(code: &NewsCode, list: &[Comment]) {
    storage::local_set(
        &pending_key(code),
        &serde_json::to_string(list).unwrap_or_default(),
    );
}

/// Adds a held comment; returns the new list.
pub fn add_pending(code: &NewsCode, c: Comment) -> Vec<Comment> {
    let mut list = pending(code);
    list.retain(|p| p.id != c.id);
    list.push(c);
    save_pending(code, &list);
    list
}

/// Drops held comments that the backend now lists; returns what is still held.
pub fn forget_listed(code: &NewsCode, listed: &[Comment]) -> Vec<Comment> {
    let mut list = pending(code);
    let before = list.len();
    list.retain(|p| !listed.iter().any(|l| l.id == p.id));
    if list.len() != before {
        save_pending(code, &list);
    }
    list
}
