//! Wire-only shapes of the native contract (the error body) and URL building.

use serde::Deserialize;

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorInner,
}

#[derive(Deserialize)]
struct ErrorInner {
    code: String,
    #[serde(default)]
    fields: std::collections::BTreeMap<String, serde_json::Value>,
}

/// WordPress's error shape: `{code, message, data: {status, params}}`;
/// `data.params` (parameter name -> what is wrong) comes with
/// `rest_invalid_param`. `data` is whatever a plugin put there, so it is
/// read leniently.
#[derive(Deserialize)]
struct WordPressError {
    code: String,
    #[serde(default)]
    data: serde_json::Value,
}

/// A field message as text, whatever JSON it was.
fn message_text(v: &serde_json::Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

/// The error code and field messages from an error body: the contract's shape,
/// or WordPress's (whose codes the WordPress backend translates).
pub fn error_body(body: &str) -> Option<(String, Vec<(String, String)>)> {
    let Ok(b) = serde_json::from_str::<ErrorBody>(body) else {
        return serde_json::from_str::<WordPressError>(body).ok().map(|w| {
            let fields = match w.data.get("params") {
                Some(serde_json::Value::Object(params)) => params
                    .iter()
                    .map(|(k, v)| (k.clone(), message_text(v)))
                    .collect(),
                _ => Vec::new(),
            };
            (w.code, fields)
        });
    };
    let fields = b
        .error
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), message_text(v)))
        .collect();
    Some((b.error.code, fields))
}

/// The contract's error code from an error body, if the body is one.
pub fn error_code(body: &str) -> Option<String> {
    error_body(body).map(|(code, _)| code)
}

use crate::percent::encode;

/// Joins the backend's base URL and a path, with exactly one slash between.
pub fn join(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// Builds a query string from the pairs whose value is present.
pub fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_puts_one_slash() {
        assert_eq!(join("api/", "/groups"), "api/groups");
        assert_eq!(
            join("https://x.org/v1", "groups"),
            "https://x.org/v1/groups"
        );
    }

    #[test]
    fn query_skips_absent_values() {
        assert_eq!(
            query(&[
                ("page", Some("2".into())),
                ("q", None),
                ("group", Some("news".into()))
            ]),
            "?page=2&group=news"
        );
        assert_eq!(query(&[("q", None)]), "");
    }

    #[test]
    fn error_body_reads_field_messages() {
        let (code, fields) = error_body(
            r#"{"error": {"code": "validation_failed", "message": "m", "fields": {"body": "is required", "author_name": "too long"}}}"#,
        )
        .expect("contract error");
        assert_eq!(code, "validation_failed");
        assert_eq!(
            fields,
            vec![
                ("author_name".into(), "too long".into()),
                ("body".into(), "is required".into())
            ]
        );
    }

    #[test]
    fn error_body_reads_wordpress_errors() {
        assert_eq!(
            error_body(
                r#"{"code": "rest_comment_closed", "message": "Sorry", "data": {"status": 403}}"#
            ),
            Some(("rest_comment_closed".into(), vec![]))
        );
    }

    #[test]
    fn error_body_reads_the_parameters_wordpress_names() {
        let body = r#"{"code": "rest_invalid_param", "message": "Invalid parameter(s): author_email",
            "data": {"status": 400, "params": {"author_email": "Invalid email address."},
                     "details": {"author_email": {"code": "rest_invalid_email", "message": "Invalid email address.", "data": null}}}}"#;
        assert_eq!(
            error_body(body),
            Some((
                "rest_invalid_param".into(),
                vec![("author_email".into(), "Invalid email address.".into())]
            ))
        );
    }

    #[test]
    fn error_code_reads_the_contract_shape_only() {
        assert_eq!(
            error_code(r#"{"error": {"code": "rate_limited", "message": "slow down"}}"#),
            Some("rate_limited".into())
        );
        assert_eq!(error_code("<html>"), None);
    }
}
