//! The banner that says config.json was missing or had problems.

use crate::config::{Loaded, Source};
use crate::i18n::{problem_text, use_i18n};
use leptos::prelude::*;

/// Tells the reader (usually the deployer) what was wrong with config.json.
#[component]
pub fn ConfigNotice(
    /// The configuration as loaded.
    loaded: Loaded,
) -> impl IntoView {
    let i18n = use_i18n();
    let headline = match (&loaded.source, loaded.fell_back_to_demo()) {
        (Source::Missing, _) => Some("config.missing"),
        (Source::File, true) => Some("config.fallback"),
        (Source::File, false) if !loaded.problems.is_empty() => Some("config.problems"),
        _ => None,
    };
    let problems = loaded.problems;
    headline.map(|key| {
        view! {
            <div class="config-notice" role="status">
                <p><strong>{move || i18n.t(key)}</strong></p>
                {(!problems.is_empty()).then(|| {
                    let problems = problems.clone();
                    view! {
                        <ul dir="auto">
                            {move || problems
                                .iter()
                                .map(|p| view! { <li>{problem_text(i18n.locale(), p)}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            </div>
        }
    })
}
