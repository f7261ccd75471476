//! Comments: the CAPTCHA and submission shapes, the checks made before
//! sending, threading, and the reader's draft.

use super::{Comment, CommentId};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Longest author name, in characters after trimming.
pub const NAME_MAX: usize = 80;
/// Longest email address.
pub const EMAIL_MAX: usize = 254;
/// Longest comment, in characters after trimming.
pub const BODY_MAX: usize = 5000;

/// A CAPTCHA challenge from the backend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Captcha {
    /// Identifies the challenge; sent back with the answer.
    pub id: CommentId,
    /// The security image: an http(s) or data: URL.
    pub image: String,
    /// Image width in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Image height in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// An audio version of the challenge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<String>,
    /// After this the challenge is no longer accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<FixedOffset>>,
}

impl Captcha {
    /// Keeps a challenge only if its URLs are safe to put in the page: the
    /// image http(s), relative or a `data:image/` URL; the audio link http(s)
    /// or relative (anything else, `javascript:` say, is dropped, so a hostile
    /// backend cannot plant a link that runs code or leaves for a lookalike
    /// scheme). Returns the reason when the image itself is unusable.
    ///
    /// # Errors
    /// A short description of the rejected image URL.
    pub fn checked(mut self) -> Result<Self, String> {
        let image = self.image.trim_start().to_ascii_lowercase();
        let image_ok = if image.starts_with("data:") {
            image.starts_with("data:image/")
        } else {
            !image.is_empty() && crate::sanitize::url_allowed(&self.image, false)
        };
        if !image_ok {
            return Err("image: not an http(s), relative or data:image/ URL".into());
        }
        self.audio = self
            .audio
            .filter(|a| !a.trim().is_empty() && crate::sanitize::url_allowed(a, false));
        Ok(self)
    }
}

/// A comment as submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComment {
    /// The commenter's name.
    pub author_name: String,
    /// The commenter's email address; never published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_email: Option<String>,
    /// Plain text.
    pub body: String,
    /// The comment being answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// The challenge shown.
    pub captcha_id: String,
    /// What the reader typed.
    pub captcha_answer: String,
}

/// Whether a submitted comment is visible now, held for moderation, or
/// stored but turned away by the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AcceptStatus {
    /// Visible now.
    Published,
    /// Held until a moderator approves it.
    Pending,
    /// Marked as spam by the site's spam filter: it will not appear.
    Spam,
    /// Discarded under the site's comment rules (WordPress's disallowed
    /// words put it in the trash): it will not appear.
    Trash,
}

/// The backend's answer to a successful submission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accepted {
    /// Published or pending.
    pub status: AcceptStatus,
    /// The comment as stored.
    pub comment: Comment,
}

/// What the reader has typed into the comment form; saved as a draft.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Name field.
    #[serde(default)]
    pub name: String,
    /// Email field.
    #[serde(default)]
    pub email: String,
    /// Comment field.
    #[serde(default)]
    pub body: String,
    /// The comment being answered, if replying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
}

impl Draft {
    /// Whether nothing worth keeping has been typed.
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.email.trim().is_empty() && self.body.trim().is_empty()
    }
}

/// A form field, as the backend's `fields` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `author_name`.
    Name,
    /// `author_email`.
    Email,
    /// `body`.
    Body,
    /// `captcha_answer`.
    Captcha,
}

impl Field {
    /// The field for a contract field name.
    pub fn from_wire(name: &str) -> Option<Self> {
        match name {
            "author_name" => Some(Self::Name),
            "author_email" => Some(Self::Email),
            "body" => Some(Self::Body),
            "captcha_answer" | "captcha_id" | "captcha" => Some(Self::Captcha),
            _ => None,
        }
    }
}

/// What is wrong with a field, found before sending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issue {
    /// Required but empty.
    Required,
    /// Longer than the contract allows.
    TooLong(usize),
    /// Not an email address.
    BadEmail,
}

/// Checks the form before sending; an empty list means it may be sent.
/// `answer` is `None` where the site asks no CAPTCHA.
pub fn validate(draft: &Draft, answer: Option<&str>, require_email: bool) -> Vec<(Field, Issue)> {
    let mut out = Vec::new();
    let name = draft.name.trim();
    if name.is_empty() {
        out.push((Field::Name, Issue::Required));
    } else if name.chars().count() > NAME_MAX {
        out.push((Field::Name, Issue::TooLong(NAME_MAX)));
    }
    let email = draft.email.trim();
    if email.is_empty() {
        if require_email {
            out.push((Field::Email, Issue::Required));
        }
    } else if email.chars().count() > EMAIL_MAX {
        out.push((Field::Email, Issue::TooLong(EMAIL_MAX)));
    } else if !email_shaped(email) {
        out.push((Field::Email, Issue::BadEmail));
    }
    let body = draft.body.trim();
    if body.is_empty() {
        out.push((Field::Body, Issue::Required));
    } else if body.chars().count() > BODY_MAX {
        out.push((Field::Body, Issue::TooLong(BODY_MAX)));
    }
    if answer.is_some_and(|a| a.trim().is_empty()) {
        out.push((Field::Captcha, Issue::Required));
    }
    out
}

/// A plausible address: one @, something before it, a dotted domain after it, no spaces.
pub fn email_shaped(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// The submission for a checked draft.
pub fn submission(draft: &Draft, captcha_id: &str, answer: &str) -> NewComment {
    let email = draft.email.trim();
    NewComment {
        author_name: draft.name.trim().to_owned(),
        author_email: (!email.is_empty()).then(|| email.to_owned()),
        body: draft.body.trim().to_owned(),
        parent_id: draft.parent_id.clone(),
        captcha_id: captcha_id.to_owned(),
        captcha_answer: answer.trim().to_owned(),
    }
}

/// Orders comments as a thread: each reply right after its parent (and the
/// parent's earlier replies), with its depth; orphans stay at the top level.
pub fn thread(comments: &[Comment]) -> Vec<(Comment, usize)> {
    let known = |id: &CommentId| comments.iter().any(|c| &c.id == id);
    let mut out = Vec::with_capacity(comments.len());
    fn add(all: &[Comment], parent: &Comment, depth: usize, out: &mut Vec<(Comment, usize)>) {
        out.push((parent.clone(), depth));
        for reply in all
            .iter()
            .filter(|c| c.parent_id.as_ref() == Some(&parent.id))
        {
            // Depth is capped so a long chain stays readable on a phone.
            add(all, reply, (depth + 1).min(4), out);
        }
    }
    for root in comments
        .iter()
        .filter(|c| c.parent_id.as_ref().is_none_or(|p| !known(p) || p == &c.id))
    {
        add(comments, root, 0, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn captcha(image: &str, audio: Option<&str>) -> Captcha {
        Captcha {
            id: CommentId::new("c1"),
            image: image.into(),
            width: None,
            height: None,
            audio: audio.map(Into::into),
            expires_at: None,
        }
    }

    #[test]
    fn captcha_urls_are_checked_before_they_reach_the_page() {
        for ok in [
            "https://api.example/captcha/1.png",
            "http://api.example/c.png",
            "/captcha/1.png",
            "data:image/png;base64,iVBORw0KGgo=",
            " DATA:image/svg+xml;base64,PHN2Zz4=",
        ] {
            assert!(captcha(ok, None).checked().is_ok(), "{ok:?} refused");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/c.png",
            "vbscript:x",
            " java\tscript:alert(1)",
        ] {
            assert!(captcha(bad, None).checked().is_err(), "{bad:?} kept");
        }
        let keep = captcha("/c.png", Some("https://api.example/c.mp3")).checked();
        assert_eq!(
            keep.unwrap().audio.as_deref(),
            Some("https://api.example/c.mp3")
        );
        for bad in [
            "javascript:alert(1)",
            "data:audio/wav;base64,AAAA",
            "  ",
            "//evil.example/a",
        ] {
            let c = captcha("/c.png", Some(bad)).checked().unwrap();
            assert_eq!(c.audio, None, "{bad:?} kept as the audio link");
        }
    }

    fn draft(name: &str, email: &str, body: &str) -> Draft {
        Draft {
            name: name.into(),
            email: email.into(),
            body: body.into(),
            parent_id: None,
        }
    }

    fn comment(id: &str, parent: Option<&str>) -> Comment {
        Comment {
            id: CommentId::new(id),
            parent_id: parent.map(CommentId::new),
            author_name: "a".into(),
            body: "b".into(),
            created_at: DateTime::parse_from_rfc3339("2020-05-07T09:00:00+04:30").expect("t"),
        }
    }

    #[test]
    fn a_complete_form_passes() {
        assert!(validate(&draft("Sara", "", "Thanks"), Some("K3PX"), false).is_empty());
        assert!(validate(&draft("Sara", "s@x.org", "Thanks"), Some("K3PX"), true).is_empty());
    }

    #[test]
    fn each_missing_field_is_reported() {
        let issues = validate(&draft(" ", "", "\n"), Some(""), true);
        assert_eq!(
            issues,
            vec![
                (Field::Name, Issue::Required),
                (Field::Email, Issue::Required),
                (Field::Body, Issue::Required),
                (Field::Captcha, Issue::Required)
            ]
        );
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let persian_name = "س".repeat(NAME_MAX);
        assert!(validate(&draft(&persian_name, "", "x"), Some("a"), false).is_empty());
        let long = "س".repeat(NAME_MAX + 1);
        assert_eq!(
            validate(&draft(&long, "", "x"), Some("a"), false),
            vec![(Field::Name, Issue::TooLong(NAME_MAX))]
        );
        let body = "x".repeat(BODY_MAX + 1);
        assert_eq!(
            validate(&draft("a", "", &body), Some("a"), false),
            vec![(Field::Body, Issue::TooLong(BODY_MAX))]
        );
    }

    #[test]
    fn email_shape() {
        for ok in ["a@b.co", "first.last+tag@sub.example.org"] {
            assert!(email_shaped(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "a@",
            "@b.co",
            "a@b",
            "a@@b.co",
            "a b@c.org",
            "a@b..org",
            "a@.org",
        ] {
            assert!(!email_shaped(bad), "{bad}");
        }
    }

    #[test]
    fn submission_trims_and_drops_an_empty_email() {
        let s = submission(&draft("  Sara ", " ", " Hi \n"), "c1", " K3 ");
        assert_eq!(s.author_name, "Sara");
        assert_eq!(s.author_email, None);
        assert_eq!(s.body, "Hi");
        assert_eq!(s.captcha_answer, "K3");
        let json = serde_json::to_string(&s).expect("json");
        assert!(!json.contains("author_email"));
    }

    #[test]
    fn replies_follow_their_parents() {
        let list = [
            comment("1", None),
            comment("2", None),
            comment("3", Some("1")),
            comment("4", Some("3")),
            comment("5", Some("missing")),
        ];
        let t: Vec<(String, usize)> = thread(&list)
            .into_iter()
            .map(|(c, d)| (c.id.to_string(), d))
            .collect();
        let want =
            [("1", 0), ("3", 1), ("4", 2), ("2", 0), ("5", 0)].map(|(id, d)| (id.to_string(), d));
        assert_eq!(t, want);
    }

    #[test]
    fn accepted_reads_both_statuses() {
        let a: Accepted = serde_json::from_str(
            r#"{"status": "pending", "comment": {"id": 7, "author_name": "S", "body": "b", "created_at": "2024-02-10T09:03:41+03:30"}}"#,
        )
        .expect("accepted");
        assert_eq!(a.status, AcceptStatus::Pending);
        assert!(serde_json::from_str::<Accepted>(r#"{"status": "maybe", "comment": {}}"#).is_err());
    }
}
