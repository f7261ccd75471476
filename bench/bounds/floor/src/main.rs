//! The framework floor: what a Leptos csr app with a router, head tags, a
//! route parameter and a reactive counter costs before any of its own code.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;

#[component]
fn Listing() -> impl IntoView {
    view! {
        <Title text="Listing"/>
        <ul><li><A href="/news/1">"First"</A></li></ul>
    }
}

#[component]
fn Article() -> impl IntoView {
    let params = use_params_map();
    let (count, set_count) = signal(0);
    view! {
        <Title text="Article"/>
        <article>
            <h1>{move || params.read().get("code")}</h1>
            <button on:click=move |_| set_count.update(|n| *n += 1)>{count}</button>
        </article>
    }
}

fn main() {
    leptos::mount::mount_to_body(|| {
        provide_meta_context();
        view! {
            <Router>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=Listing/>
                    <Route path=path!("/news/:code") view=Article/>
                </Routes>
            </Router>
        }
    });
}
