//! config.json, the site's settings: fetched through the HTTP layer (a
//! deadline, typed errors), then validated by [`crate::config::parse`].

use super::{http, ApiError};
use crate::config::{self, Config, Loaded, MappingSource, Problem, Source};

/// How long config.json may take to arrive. It is a few hundred bytes that
/// the page preloads beside the wasm, so it is usually there already; the
/// deadline is for a server that accepts the request and never answers.
pub const TIMEOUT_MS: u32 = 10_000;

/// Why config.json could not be read. A missing file is not an error (the
/// demo runs, and says so); these are, because a deployed site must not
/// silently show demo content when its own settings are out of reach.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// The web server did not send config.json within [`TIMEOUT_MS`].
    #[error("config.json: no answer within {0} ms")]
    Timeout(u32),
    /// No HTTP answer at all: offline, refused, reset.
    #[error("config.json could not be downloaded: {0}")]
    Network(String),
    /// The web server answered config.json with an error status.
    #[error("config.json: HTTP status {0}")]
    Status(u16),
}

impl From<ApiError> for SettingsError {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Timeout(ms) => Self::Timeout(ms),
            ApiError::Status { status, .. } => Self::Status(status),
            ApiError::NotFound => Self::Status(404),
            // A text request is neither decoded nor checked for JSON, so
            // what is left is the transport.
            other => Self::Network(other.to_string()),
        }
    }
}

/// Fetches and validates config.json. A 404 (or 410) is the demo with a
/// notice; a file with problems is used as far as it goes, its problems
/// listed in [`Loaded`].
///
/// # Errors
/// A [`SettingsError`] when config.json could not be fetched at all.
pub async fn load() -> Result<Loaded, SettingsError> {
    match http::get_text("config.json", TIMEOUT_MS).await {
        Ok(text) => {
            let (mut config, mut problems) = config::parse(&text);
            if let Some(mapped) = config.mapped.as_mut() {
                if let MappingSource::Url(url) = mapped.source.clone() {
                    match mapping_file(&url).await {
                        Ok(over) => mapped.build(&over, &mut problems),
                        Err(why) => problems.push(Problem::BadValue {
                            path: "backend.mapping".into(),
                            value: format!("{url} ({why})"),
                        }),
                    }
                }
            }
            Ok(Loaded {
                config,
                source: Source::File,
                problems,
            })
        }
        Err(ApiError::NotFound) => Ok(Loaded {
            config: Config::default(),
            source: Source::Missing,
            problems: Vec::new(),
        }),
        Err(e) => Err(e.into()),
    }
}

/// A mapping file named by `backend.mapping`, relative to the page.
async fn mapping_file(url: &str) -> Result<serde_json::Value, String> {
    let text = http::get_text(url, TIMEOUT_MS)
        .await
        .map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_failures_keep_their_kind() {
        assert_eq!(
            SettingsError::from(ApiError::Timeout(10_000)),
            SettingsError::Timeout(10_000)
        );
        assert_eq!(
            SettingsError::from(ApiError::Status {
                status: 503,
                code: None,
                retry_after: None,
                fields: vec![],
            }),
            SettingsError::Status(503)
        );
        assert!(matches!(
            SettingsError::from(ApiError::Network("refused".into())),
            SettingsError::Network(d) if d.contains("refused")
        ));
    }
}
