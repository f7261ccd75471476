//! One outage, one message, in headless Chromium: while the page shows an
//! error (or is still loading), the header's group menu keeps its own
//! failure quiet; the page's retry also brings the menu back; once the page
//! is settled without an error, the menu's failure shows with its own retry.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use newsfront::api::{ApiError, Backend, DemoBackend};
use newsfront::components::{ErrorView, Loading, PageStatus, PartState, SiteHeader};
use newsfront::config::Config;
use newsfront::i18n::{I18n, Locale};
use newsfront::model::{Group, GroupSlug};
use newsfront::Groups;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MENU_FAILED: &str = "The news groups could not be loaded.";

/// Mounts the header over a group list whose first request fails and whose
/// later ones succeed, with `page` below it; gives the container and the
/// number of group requests made.
fn mount_header(
    page: impl Fn() -> AnyView + Send + Sync + 'static,
) -> (web_sys::Element, Arc<AtomicU32>) {
    let doc = document();
    let el = doc.create_element("div").expect("div");
    doc.body().expect("body").append_child(&el).expect("append");
    let calls = Arc::new(AtomicU32::new(0));
    let counter = calls.clone();
    let handle = leptos::mount::mount_to(el.clone().unchecked_into(), move || {
        leptos_meta::provide_meta_context();
        I18n::provide(Locale::En);
        provide_context(Config::default());
        provide_context(Backend::Demo(DemoBackend::new()));
        PageStatus::provide();
        let groups = LocalResource::new(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                if n == 0 {
                    Err(ApiError::Network("refused".into()))
                } else {
                    Ok(vec![Group {
                        slug: GroupSlug::new("space"),
                        name: "Space & Astronomy".into(),
                        description: None,
                        parent: None,
                        article_count: None,
                    }])
                }
            }
        });
        provide_context(Groups(groups));
        view! {
            <Router>
                <SiteHeader/>
                <main>{page()}</main>
            </Router>
        }
    });
    handle.forget();
    (el, calls)
}

/// Waits (bounded: 5 s, polling every 10 ms) until `cond` holds.
async fn wait_for(what: &str, cond: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + 5_000.0;
    while !cond() {
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {what}"
        );
        let p = js_sys::Promise::new(&mut |resolve, _| {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .expect("timer");
        });
        wasm_bindgen_futures::JsFuture::from(p)
            .await
            .expect("timer");
    }
}

fn text(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default()
}

fn count(el: &web_sys::Element, selector: &str) -> u32 {
    el.query_selector_all(selector).expect("selector").length()
}

/// How many "Try again" buttons the reader sees.
fn retry_buttons(el: &web_sys::Element) -> u32 {
    let buttons = el.query_selector_all("button").expect("selector");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter(|b| b.text_content().unwrap_or_default().trim() == "Try again")
        .count() as u32
}

/// The menu's request has ended (it failed, or it listed the groups).
fn menu_settled(el: &web_sys::Element) -> bool {
    count(el, "nav[aria-busy=false]") == 1
}

#[wasm_bindgen_test]
async fn the_page_error_is_the_one_message_and_its_retry_brings_back_the_menu() {
    let (el, calls) = mount_header(|| {
        // A page whose own request failed, as the routed pages register it.
        PageStatus::watch(|| PartState::Failed);
        view! { <ErrorView error=ApiError::Network("refused".into()) on_retry=Callback::new(|()| {})/> }
            .into_any()
    });
    wait_for("the page's error and the failed menu", || {
        count(&el, "[role=alert]") == 1 && menu_settled(&el)
    })
    .await;
    assert!(!text(&el).contains(MENU_FAILED), "{}", text(&el));
    assert_eq!(retry_buttons(&el), 1, "one retry");
    let retry: web_sys::HtmlElement = el
        .query_selector("[role=alert] button")
        .expect("query")
        .expect("retry")
        .unchecked_into();
    retry.click();
    wait_for("the menu's link", || {
        text(&el).contains("Space & Astronomy")
    })
    .await;
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "the menu was asked again, once"
    );
    assert!(!text(&el).contains(MENU_FAILED));
}

#[wasm_bindgen_test]
async fn with_the_page_settled_the_menu_shows_its_own_failure_and_retry() {
    let (el, calls) = mount_header(|| view! { <h1>"An article"</h1> }.into_any());
    wait_for("the menu's failure", || text(&el).contains(MENU_FAILED)).await;
    let retry: web_sys::HtmlElement = el
        .query_selector("nav button")
        .expect("query")
        .expect("the menu's retry")
        .unchecked_into();
    retry.click();
    wait_for("the menu's link", || {
        text(&el).contains("Space & Astronomy")
    })
    .await;
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert!(!text(&el).contains(MENU_FAILED));
}

#[wasm_bindgen_test]
async fn the_menu_waits_while_the_page_loads_then_shows_its_own_failure() {
    let (el, _) = mount_header(|| {
        // A page whose data takes a moment, then arrives.
        let data = LocalResource::new(|| async {
            let p = js_sys::Promise::new(&mut |resolve, _| {
                window()
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 300)
                    .expect("timer");
            });
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
            Ok::<_, ApiError>("The article".to_string())
        });
        PageStatus::watch(move || PartState::of(data.get().as_ref()));
        view! {
            <Transition fallback=|| view! { <Loading/> }>
                {move || data.get().map(|r| view! { <h1>{r.unwrap_or_default()}</h1> })}
            </Transition>
        }
        .into_any()
    });
    wait_for("the loading page and the failed menu", || {
        text(&el).contains("Loading") && menu_settled(&el)
    })
    .await;
    assert!(
        !text(&el).contains(MENU_FAILED),
        "quiet while the page loads"
    );
    wait_for("the page's content", || text(&el).contains("The article")).await;
    wait_for("the menu's own failure", || text(&el).contains(MENU_FAILED)).await;
    assert_eq!(retry_buttons(&el), 1, "the menu's retry");
}
