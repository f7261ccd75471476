//! The not-found page, for unknown paths, news codes and groups.

use crate::api::{ArticleQuery, Backend};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// Says that nothing is here, and why, with a way on.
#[component]
pub fn NotFoundPage(
    /// The unknown news code, when an article was asked for.
    #[prop(optional, into)]
    code: Option<String>,
    /// The unknown group slug, when a group was asked for.
    #[prop(optional, into)]
    group: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let detail = move || match (&code, &group) {
        (Some(c), _) => i18n.tf(
            "notfound.article",
            &[("code", &crate::i18n::digits(i18n.locale(), c))],
        ),
        (None, Some(g)) => i18n.tf("notfound.group", &[("slug", g)]),
        (None, None) => i18n.t("notfound.body"),
    };
    view! {
        <Title text=move || i18n.t("notfound.title")/>
        <section class="not-found">
            <h1>{move || i18n.t("notfound.title")}</h1>
            <p dir="auto">{detail}</p>
            <p><a href=crate::routes::home(1)>{move || i18n.t("notfound.home")}</a></p>
            <LatestFew/>
        </section>
    }
}

/// A few of the latest articles, as a way on from a dead end.
#[component]
fn LatestFew() -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Backend>();
    let latest = LocalResource::new(move || {
        let backend = backend.clone();
        let query = ArticleQuery {
            page: 1,
            per_page: 5,
            group: None,
            q: None,
        };
        async move { backend.articles(&query).await }
    });
    // Only a help here: if the latest cannot be loaded, the page says enough without them.
    move || {
        latest.get().and_then(Result::ok).filter(|p| !p.items.is_empty()).map(|p| {
            view! {
                <h2>{move || i18n.t("notfound.latest")}</h2>
                <ul class="latest-few">
                    {p.items.into_iter().map(|a| view! {
                        <li><a href=crate::routes::article(&a.code) dir="auto">{a.title}</a></li>
                    }).collect_view()}
                </ul>
            }
        })
    }
}
