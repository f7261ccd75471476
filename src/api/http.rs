//! GET requests with a timeout, cancellation on navigation, and typed errors
//! for every way a backend can fail.

use super::carried::{self, Answer};
use super::ApiError;
use gloo_net::http::{Headers, Request, RequestBuilder, Response};
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Aborts the request when dropped, and after the timeout fires.
struct Deadline {
    controller: web_sys::AbortController,
    timer: Option<i32>,
    timed_out: Rc<Cell<bool>>,
    _on_timeout: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(timeout_ms: u32) -> Result<Self, ApiError> {
        let controller = web_sys::AbortController::new()
            .map_err(|_| ApiError::Network("AbortController unavailable".into()))?;
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                i32::try_from(timeout_ms).unwrap_or(i32::MAX),
            )
            .ok()
        });
        // When the page that asked is torn down (the reader navigated away),
        // stop the download instead of letting it finish unseen.
        let on_leave = SendWrapper::new(controller.clone());
        on_cleanup(move || on_leave.abort());
        Ok(Self {
            controller,
            timer,
            timed_out,
            _on_timeout: on_timeout,
        })
    }

    fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }

    /// Classifies a transport failure: our timeout, a cancellation, the
    /// browser offline (with nothing saved: the service worker gives saved
    /// answers), or the network.
    fn failure(&self, timeout_ms: u32, e: impl std::fmt::Display) -> ApiError {
        if self.timed_out.get() {
            ApiError::Timeout(timeout_ms)
        } else if self.controller.signal().aborted() {
            ApiError::Aborted
        } else if crate::offline::is_offline() {
            ApiError::Offline
        } else {
            ApiError::Network(e.to_string())
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(w), Some(t)) = (web_sys::window(), self.timer) {
            w.clear_timeout_with_handle(t);
        }
    }
}

/// GETs `url` and decodes its JSON body as `T`; `what` names the response in errors.
///
/// # Errors
/// Every failure becomes an [`ApiError`]: timeout, network, an error status
/// (with the contract's error code when present), a non-JSON body, or a body
/// whose shape does not match `T` (with the line and column where it failed).
pub async fn get_json<T: DeserializeOwned>(
    url: &str,
    timeout_ms: u32,
    what: &str,
) -> Result<T, ApiError> {
    send_json(Request::get(url), None, &[], timeout_ms, what, Some(url))
        .await
        .map(|(v, _)| v)
}

/// [`get_json`] for an answer that must always be fresh (a single-use
/// CAPTCHA, a file the browser caches itself): never carried in a
/// prerendered page, never replayed from one.
///
/// # Errors
/// As [`get_json`].
pub async fn get_fresh_json<T: DeserializeOwned>(
    url: &str,
    timeout_ms: u32,
    what: &str,
) -> Result<T, ApiError> {
    send_json(Request::get(url), None, &[], timeout_ms, what, None)
        .await
        .map(|(v, _)| v)
}

/// [`get_json`], also giving the answer's headers (for paging totals).
///
/// # Errors
/// As [`get_json`].
pub async fn get_json_with_headers<T: DeserializeOwned>(
    url: &str,
    timeout_ms: u32,
    what: &str,
) -> Result<(T, Headers), ApiError> {
    send_json(Request::get(url), None, &[], timeout_ms, what, Some(url)).await
}

/// [`get_json_with_headers`], sending `headers` with the request (a mapped
/// API's version or key header).
///
/// # Errors
/// As [`get_json`].
pub async fn get_json_sending<T: DeserializeOwned>(
    url: &str,
    headers: &[(&str, &str)],
    timeout_ms: u32,
    what: &str,
) -> Result<(T, Headers), ApiError> {
    send_json(
        Request::get(url),
        None,
        headers,
        timeout_ms,
        what,
        Some(url),
    )
    .await
}

/// [`get_fresh_json`] sending `headers` (a mapped API's CAPTCHA).
///
/// # Errors
/// As [`get_json`].
pub async fn get_fresh_json_sending<T: DeserializeOwned>(
    url: &str,
    headers: &[(&str, &str)],
    timeout_ms: u32,
    what: &str,
) -> Result<(T, Headers), ApiError> {
    send_json(Request::get(url), None, headers, timeout_ms, what, None).await
}

/// POSTs the JSON `body` to `url` and decodes the JSON answer as `T`.
///
/// # Errors
/// As [`get_json`].
pub async fn post_json<T: DeserializeOwned>(
    url: &str,
    body: &str,
    headers: &[(&str, &str)],
    timeout_ms: u32,
    what: &str,
) -> Result<T, ApiError> {
    send_json(
        Request::post(url),
        Some(body),
        headers,
        timeout_ms,
        what,
        None,
    )
    .await
    .map(|(v, _)| v)
}

/// GETs `url` as text (config.json), with the same deadline, cancellation
/// and status handling as the backend's JSON requests.
///
/// # Errors
/// [`ApiError::Timeout`], [`ApiError::Network`], [`ApiError::NotFound`] for a
/// 404 or 410, and [`ApiError::Status`] for any other error status.
pub async fn get_text(url: &str, timeout_ms: u32) -> Result<String, ApiError> {
    // Not carried in a prerendered page, but kept for reading offline.
    send(Request::get(url), None, &[], timeout_ms, None, true)
        .await
        .map(|(_, text)| text)
}

async fn send_json<T: DeserializeOwned>(
    builder: RequestBuilder,
    body: Option<&str>,
    headers: &[(&str, &str)],
    timeout_ms: u32,
    what: &str,
    carry: Option<&str>,
) -> Result<(T, Headers), ApiError> {
    let mut all = vec![("Accept", "application/json")];
    all.extend_from_slice(headers);
    let (response, text) = send(builder, body, &all, timeout_ms, carry, carry.is_some()).await?;
    let content_type = response.headers().get("content-type").unwrap_or_default();
    decode(&content_type, &text, what).map(|v| (v, response.headers()))
}

/// Sends the request and reads the whole body before the deadline; an error
/// status becomes an [`ApiError`]. `carry` is the URL of a GET whose answer
/// may travel in a prerendered page: replayed from the page when it carries
/// it, recorded while the page is being prerendered. `keep` says a GET's
/// answer is handed to the offline reader (crate::offline).
async fn send(
    builder: RequestBuilder,
    body: Option<&str>,
    headers: &[(&str, &str)],
    timeout_ms: u32,
    carry: Option<&str>,
    keep: bool,
) -> Result<(Response, String), ApiError> {
    let carry = carry.map(absolute);
    if let Some(answer) = carry.as_deref().and_then(carried::replay) {
        return replayed(answer);
    }
    let (response, text) = transfer(builder, body, headers, timeout_ms, carry.as_deref()).await?;
    if !response.ok() {
        return Err(status_error(&response, &text));
    }
    if let Some(saved) = response.headers().get(crate::offline::SAVED_HEADER) {
        crate::offline::note_saved(saved);
    } else if keep && crate::offline::keeping() {
        // For reading offline, under the address the request went to, as
        // the worker will see it.
        crate::offline::keep(&response.url(), &response, &text);
    }
    if let Some(url) = carry.filter(|_| carried::is_recording()) {
        let kept = carried::CARRIED_HEADERS
            .iter()
            .filter_map(|h| Some((h.to_string(), response.headers().get(h)?)))
            .collect();
        carried::record(Answer {
            url,
            status: response.status(),
            headers: kept,
            body: text.clone(),
        });
    }
    Ok((response, text))
}

/// Sends `body` to `url` with `method` (`POST`, `PUT` or `PATCH`) and gives
/// the answer whatever its status, for a caller that reads an API's own
/// refusals (a mapped API's comment posting).
///
/// # Errors
/// [`ApiError::Timeout`], [`ApiError::Network`] and the like: no answer.
pub async fn exchange(
    method: &str,
    url: &str,
    body: &str,
    headers: &[(&str, &str)],
    timeout_ms: u32,
) -> Result<(Response, String), ApiError> {
    let builder = match method {
        "PUT" => Request::put(url),
        "PATCH" => Request::patch(url),
        _ => Request::post(url),
    };
    let mut all = vec![("Accept", "application/json")];
    all.extend_from_slice(headers);
    transfer(builder, Some(body), &all, timeout_ms, None).await
}

/// Sends the request and reads the whole body before the deadline. A GET
/// of `carry` may take over the request index.html's loader sent early.
async fn transfer(
    builder: RequestBuilder,
    body: Option<&str>,
    headers: &[(&str, &str)],
    timeout_ms: u32,
    carry: Option<&str>,
) -> Result<(Response, String), ApiError> {
    let deadline = Deadline::start(timeout_ms)?;
    let signal = deadline.signal();
    // A GET the loader in index.html may have sent already (super::early).
    let early = match (carry, body) {
        (Some(url), None) if !carried::is_recording() => {
            let planned = super::early::headers_key(headers);
            super::early::note(url, &planned);
            super::early::claim(url, &planned, &signal)
        }
        _ => None,
    };
    let response = match early {
        Some(promise) => wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|r| Response::from(r.unchecked_into::<web_sys::Response>()))
            .map_err(|e| {
                let detail = e
                    .dyn_ref::<js_sys::Error>()
                    .map_or_else(|| "fetch failed".to_owned(), |e| e.message().into());
                deadline.failure(timeout_ms, detail)
            })?,
        None => {
            let mut builder = builder.abort_signal(Some(&signal));
            for (k, v) in headers {
                builder = builder.header(k, v);
            }
            match body {
                Some(b) => builder.header("Content-Type", "application/json").body(b),
                None => builder.build(),
            }
            .map_err(|e| ApiError::Network(e.to_string()))?
            .send()
            .await
            .map_err(|e| deadline.failure(timeout_ms, e))?
        }
    };
    let text = response
        .text()
        .await
        .map_err(|e| deadline.failure(timeout_ms, e))?;
    drop(deadline);
    Ok((response, text))
}

/// `url` made absolute against the document's base, as the browser resolves it.
fn absolute(url: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    base.and_then(|b| web_sys::Url::new_with_base(url, &b).ok())
        .map_or_else(|| url.to_owned(), |u| u.href())
}

/// A carried answer as the response the network would have given.
fn replayed(answer: Answer) -> Result<(Response, String), ApiError> {
    let broken = |_| ApiError::Network("the page's carried answer could not be read".into());
    let headers = web_sys::Headers::new().map_err(broken)?;
    for (k, v) in &answer.headers {
        headers.set(k, v).map_err(broken)?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(answer.status);
    init.set_headers(&headers);
    let raw =
        web_sys::Response::new_with_opt_str_and_init(Some(&answer.body), &init).map_err(broken)?;
    Ok((Response::from(raw), answer.body))
}

/// Turns a non-2xx answer into an error, reading the contract's error body if any.
pub fn status_error(response: &Response, body: &str) -> ApiError {
    let status = response.status();
    let (code, fields) =
        super::wire::error_body(body).map_or((None, Vec::new()), |(c, f)| (Some(c), f));
    if status == 404 || status == 410 {
        return ApiError::NotFound;
    }
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.trim().parse::<u32>().ok());
    ApiError::Status {
        status,
        code,
        retry_after,
        fields,
    }
}

/// Decodes a successful body, telling an HTML page from broken JSON.
pub fn decode<T: DeserializeOwned>(
    content_type: &str,
    text: &str,
    what: &str,
) -> Result<T, ApiError> {
    let ct = content_type.to_ascii_lowercase();
    let looks_html = text.trim_start().starts_with('<');
    if ct.contains("html") || (!ct.contains("json") && looks_html) {
        return Err(ApiError::NotJson {
            content_type: if content_type.is_empty() {
                "no content type".into()
            } else {
                content_type.into()
            },
        });
    }
    serde_json::from_str(text).map_err(|e| ApiError::Decode {
        what: what.into(),
        detail: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Group;

    #[test]
    fn html_is_not_json() {
        let r = decode::<Vec<Group>>("text/html; charset=utf-8", "<!doctype html><p>hi", "groups");
        assert_eq!(
            r,
            Err(ApiError::NotJson {
                content_type: "text/html; charset=utf-8".into()
            })
        );
    }

    #[test]
    fn wrong_type_names_the_field() {
        let r = decode::<Vec<Group>>(
            "application/json",
            r#"[{"slug": "a", "name": ["x"]}]"#,
            "groups",
        );
        match r {
            Err(ApiError::Decode { what, detail }) => {
                assert_eq!(what, "groups");
                // serde_json's own words, with where in the body it went wrong.
                assert!(detail.contains("invalid type"), "{detail}");
                assert!(detail.contains("line 1 column"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn truncated_json_is_a_decode_error() {
        let r = decode::<Vec<Group>>("application/json", r#"[{"slug": "a", "na"#, "groups");
        assert!(matches!(r, Err(ApiError::Decode { detail, .. }) if detail.contains("EOF")));
    }

    #[test]
    fn garbage_is_a_decode_error() {
        let r = decode::<Vec<Group>>("application/json", "\u{0}\u{ff}<<<", "groups");
        assert!(matches!(r, Err(ApiError::Decode { .. })));
    }
}
