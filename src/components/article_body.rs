//! The article body: backend HTML, sanitised before it reaches the page.

use leptos::html::Div;
use leptos::prelude::*;

/// Renders `html` after the allow-list walk of [`crate::sanitize`].
#[component]
pub fn ArticleBody(
    /// The body as the backend sent it (untrusted). Language and direction
    /// come from the enclosing article.
    html: String,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            crate::sanitize::sanitize_into(&el, &html);
        }
    });
    view! { <div class="article-body" node_ref=node></div> }
}
