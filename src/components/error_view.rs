//! A failed load in a reader's words, with a retry; the loading notice; and
//! the page status that lets one outage show one message.

use crate::api::{ApiError, SettingsError};
use crate::i18n::{error_text, settings_error_text, use_i18n, Locale};
use crate::Groups;
use leptos::prelude::*;
use leptos_meta::Title;

/// How many loading notices and error views the page shows right now.
///
/// When the backend is down, the page's own request and the group menu fail
/// together. The menu keeps its failure quiet while this count is above
/// zero, and every error view's retry also retries the menu: one outage, one
/// message, one way back.
#[derive(Clone, Copy)]
pub struct PageStatus(RwSignal<u32>);

impl PageStatus {
    /// Provides the context (once, for the site).
    pub fn provide() -> Self {
        let status = Self(RwSignal::new(0));
        provide_context(status);
        status
    }

    /// Whether the page is loading or shows an error of its own.
    pub fn is_unsettled(self) -> bool {
        self.0.get() > 0
    }

    /// Counts the calling view as unsettled until it is torn down.
    fn hold() {
        let Some(Self(count)) = use_context::<Self>() else {
            return;
        };
        count.update(|n| *n += 1);
        on_cleanup(move || {
            // The whole site may be going away, and the count with it.
            count.try_update(|n| *n = n.saturating_sub(1));
        });
    }
}

/// What failed: a backend request, or the site's own config.json.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// A request to the news backend.
    Backend(ApiError),
    /// Reading config.json, the site's settings.
    Settings(SettingsError),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Self::Backend(e)
    }
}

impl From<SettingsError> for Failure {
    fn from(e: SettingsError) -> Self {
        Self::Settings(e)
    }
}

impl Failure {
    fn is_retryable(&self) -> bool {
        match self {
            Self::Backend(e) => e.is_retryable(),
            // The site's own file: every way it fails can clear on its own.
            Self::Settings(_) => true,
        }
    }

    fn text(&self, locale: Locale) -> String {
        match self {
            Self::Backend(e) => error_text(locale, e),
            Self::Settings(e) => settings_error_text(locale, e),
        }
    }

    fn detail(&self) -> String {
        match self {
            Self::Backend(e) => e.to_string(),
            Self::Settings(e) => e.to_string(),
        }
    }
}

/// Shows why something could not be loaded and, where it can help, a retry
/// button. The retry also brings back the group menu if that failed too.
#[component]
pub fn ErrorView(
    /// What went wrong.
    #[prop(into)]
    error: Failure,
    /// Called when the reader asks to try again.
    on_retry: Callback<()>,
    /// Whether this is the page's main content (with its own heading and title),
    /// or a part of a page.
    #[prop(optional, default = true)]
    heading: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    PageStatus::hold();
    let menu = use_context::<Groups>();
    let retry = move |_| {
        // The menu's own error is hidden while this one shows; it comes back
        // with the same press (a group page's data is the menu's: the cache
        // joins the two requests into one).
        if let Some(Groups(groups)) = menu {
            if matches!(groups.get_untracked(), Some(Err(_))) {
                groups.refetch();
            }
        }
        on_retry.run(());
    };
    let retryable = error.is_retryable();
    let detail = error.detail();
    let message = move || error.text(i18n.locale());
    view! {
        {heading.then(|| view! { <Title text=move || i18n.t("error.title")/> })}
        <section class="error-view" role="alert" aria-labelledby=heading.then_some("error-title")>
            {heading.then(|| view! { <h1 id="error-title">{move || i18n.t("error.title")}</h1> })}
            <p class="error-message">{message}</p>
            <details class="error-detail">
                <summary>{move || i18n.t("error.detail")}</summary>
                <code dir="ltr" lang="en">{detail}</code>
            </details>
            <Show when=move || retryable>
                <button type="button" class="button" on:click=retry>
                    {move || i18n.t("error.retry")}
                </button>
            </Show>
        </section>
    }
}

/// A quiet notice while the first data of a page loads.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    PageStatus::hold();
    view! {
        <p class="loading" role="status">{move || i18n.t("app.loading")}</p>
    }
}
