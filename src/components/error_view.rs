//! A failed load in a reader's words, with a retry; the loading notice; and
//! the page status that lets one outage show one message.

use crate::api::{ApiError, SettingsError};
use crate::i18n::{error_text, settings_error_text, use_i18n, Locale};
use crate::Groups;
use leptos::prelude::*;
use leptos_meta::Title;
use std::sync::atomic::{AtomicU32, Ordering};

/// Where one part of the page is: loading, showing an error, or showing
/// what it loaded (a not-found page included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartState {
    /// Its data is on the way.
    Loading,
    /// It shows an error with a retry.
    Failed,
    /// It shows its content.
    Ready,
}

impl PartState {
    /// The state of a part showing `value`, a resource's answer (`None`
    /// while the first one is on its way).
    pub fn of<T, E>(value: Option<&Result<T, E>>) -> Self {
        match value {
            None => Self::Loading,
            Some(Err(_)) => Self::Failed,
            Some(Ok(_)) => Self::Ready,
        }
    }
}

/// The parts of the page that load data, each with its state.
///
/// When the backend is down, the page's own request and the group menu fail
/// together. The menu keeps its failure quiet while any part of the page is
/// loading or failed, and every error view's retry also retries the menu:
/// one outage, one message, one way back. With no part loading the page has
/// settled, which is when a prerendered page is taken over
/// (`crate::prerender`). Parts register from the component that owns their
/// data and leave when it is disposed (a loading notice cannot do it: a
/// transition's fallback is never disposed when its content replaces it).
#[derive(Clone, Copy)]
pub struct PageStatus {
    parts: RwSignal<Vec<(u32, Signal<PartState>)>>,
}

impl PageStatus {
    /// Provides the context (once, for the site).
    pub fn provide() -> Self {
        let status = Self {
            parts: RwSignal::new(Vec::new()),
        };
        provide_context(status);
        status
    }

    /// Registers a part of the page, whose state `state` tells, until the
    /// calling component is disposed.
    pub fn watch(state: impl Fn() -> PartState + Send + Sync + 'static) {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let Some(status) = use_context::<Self>() else {
            return;
        };
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        status.parts.update(|p| p.push((id, Signal::derive(state))));
        on_cleanup(move || {
            // The whole site may be going away, and the list with it.
            status.parts.try_update(|p| p.retain(|(i, _)| *i != id));
        });
    }

    fn any(self, is: impl Fn(PartState) -> bool) -> bool {
        self.parts.with(|p| {
            p.iter()
                .any(|(_, s)| is(s.try_get().unwrap_or(PartState::Ready)))
        })
    }

    /// Whether some part of the page is loading or shows an error.
    pub fn is_unsettled(self) -> bool {
        self.any(|s| s != PartState::Ready)
    }

    /// Whether nothing on the page is loading (what it shows is final, an
    /// error included).
    pub fn is_settled(self) -> bool {
        !self.any(|s| s == PartState::Loading)
    }

    /// [`Self::is_settled`], outside a reactive context.
    pub fn is_settled_untracked(self) -> bool {
        untrack(move || self.is_settled())
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
    view! {
        <p class="loading" role="status">{move || i18n.t("app.loading")}</p>
    }
}
