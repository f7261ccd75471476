//! The one error type of the backend boundary.

/// Why a backend call failed. Each variant maps to words a reader understands
/// (see `i18n::error_text`) and says whether trying again can help.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The backend did not answer within the configured time.
    #[error("no answer within {0} ms")]
    Timeout(u32),
    /// No HTTP answer at all: connection refused, offline, DNS or CORS failure.
    #[error("could not connect: {0}")]
    Network(String),
    /// The article, group or page asked for does not exist.
    #[error("not found")]
    NotFound,
    /// The backend answered with an error status.
    #[error("HTTP status {status}")]
    Status {
        /// The HTTP status code.
        status: u16,
        /// The contract's error code, when the body carried one.
        code: Option<String>,
        /// Seconds to wait before retrying (from `Retry-After`).
        retry_after: Option<u32>,
        /// For `validation_failed`: field name and what is wrong with it.
        fields: Vec<(String, String)>,
    },
    /// The backend answered with something other than JSON (an HTML page, say).
    #[error("expected JSON but got {content_type}")]
    NotJson {
        /// The content type the backend declared.
        content_type: String,
    },
    /// The body was JSON-ish but malformed or of the wrong shape.
    #[error("unreadable {what}: {detail}")]
    Decode {
        /// Which response, e.g. "article 50844".
        what: String,
        /// What was wrong, and where in the body (line and column).
        detail: String,
    },
    /// The request was cancelled because the reader moved on.
    #[error("cancelled")]
    Aborted,
    /// The browser is offline and no answer was saved for reading offline.
    #[error("offline, and not saved for reading offline")]
    Offline,
}

/// The contract's error codes (docs/api.md, "Errors"), as the app acts on
/// them; a backend's own codes are mapped to these by its adapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// `not_found`: the article, group or page does not exist.
    NotFound,
    /// `validation_failed`: fields to correct (in `fields`).
    ValidationFailed,
    /// `comments_closed`: the article takes no more comments.
    CommentsClosed,
    /// `login_required`: the site takes comments from signed-in readers only.
    LoginRequired,
    /// `captcha_invalid`: the answer did not match the image.
    CaptchaInvalid,
    /// `captcha_expired`: the challenge is past its time, spent or unknown.
    CaptchaExpired,
    /// `duplicate`: the same comment was already posted.
    Duplicate,
    /// `rate_limited`: too many submissions for now.
    RateLimited,
}

impl ErrorCode {
    /// The code for its wire name; `None` for a code the contract does not name.
    pub fn from_wire(code: &str) -> Option<Self> {
        Some(match code {
            "not_found" => Self::NotFound,
            "validation_failed" => Self::ValidationFailed,
            "comments_closed" => Self::CommentsClosed,
            "login_required" => Self::LoginRequired,
            "captcha_invalid" => Self::CaptchaInvalid,
            "captcha_expired" => Self::CaptchaExpired,
            "duplicate" => Self::Duplicate,
            "rate_limited" => Self::RateLimited,
            _ => return None,
        })
    }
}

impl ApiError {
    /// The contract's error code this failure carries, if any; a 429 without
    /// one is still `RateLimited`.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Status { code, status, .. } => code
                .as_deref()
                .and_then(ErrorCode::from_wire)
                .or((*status == 429).then_some(ErrorCode::RateLimited)),
            _ => None,
        }
    }

    /// Whether trying the same request again can help. A 401 or 403 on a
    /// public read is most often a proxy, firewall or login wall in the way
    /// (a hotel network, an expired session at a gateway), which clears on its
    /// own, so those keep their retry; a 400 says the request itself is wrong.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::NotFound | Self::Aborted => false,
            Self::Status { status, .. } => !matches!(status, 400 | 404 | 410),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_and_transport_failures_are_retryable_but_not_found_is_not() {
        let status = |s| ApiError::Status {
            status: s,
            code: None,
            retry_after: None,
            fields: vec![],
        };
        assert!(ApiError::Timeout(5).is_retryable());
        assert!(ApiError::Network("refused".into()).is_retryable());
        assert!(status(500).is_retryable());
        assert!(status(503).is_retryable());
        assert!(status(429).is_retryable());
        assert!(status(401).is_retryable());
        assert!(status(403).is_retryable());
        assert!(!status(400).is_retryable());
        assert!(!ApiError::NotFound.is_retryable());
        assert!(!ApiError::Aborted.is_retryable());
    }

    #[test]
    fn codes_are_read_from_the_body_and_a_bare_429_is_rate_limited() {
        let with = |status, code: Option<&str>| ApiError::Status {
            status,
            code: code.map(String::from),
            retry_after: None,
            fields: vec![],
        };
        assert_eq!(
            with(400, Some("captcha_expired")).code(),
            Some(ErrorCode::CaptchaExpired)
        );
        assert_eq!(
            with(409, Some("duplicate")).code(),
            Some(ErrorCode::Duplicate)
        );
        assert_eq!(with(429, None).code(), Some(ErrorCode::RateLimited));
        assert_eq!(with(500, Some("something_new")).code(), None);
        assert_eq!(ApiError::Timeout(5).code(), None);
    }
}
