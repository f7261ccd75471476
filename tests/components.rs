//! Component tests in headless Chromium: mount a view, wait (bounded) until
//! what a reader would see is there, and check the DOM. A check that
//! something is absent runs only after the content it belongs to has been
//! seen, so a view that has not rendered yet cannot pass it.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use newsfront::api::{ApiError, Backend, DemoBackend};
use newsfront::components::{ConfigNotice, ErrorView, Pager};
use newsfront::config::{Config, Loaded, Problem, Source};
use newsfront::i18n::{I18n, Locale};
use newsfront::model::{Article, ArticleSummary, GroupRef, GroupSlug, NewsCode};
use newsfront::pages::ArticleView;
use newsfront::routes::Listing;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the document, so tests don't see each other's DOM.
fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("div").expect("div");
    doc.body().expect("body").append_child(&el).expect("append");
    el.unchecked_into()
}

/// Mounts `f` with the app's contexts into a fresh container.
fn mount<F, N>(f: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    let el = container();
    // The bundle serves the demo content as a file; here there is no bundle.
    newsfront::api::preload_demo_content(include_str!("../src/api/demo/content.json"))
        .expect("demo content");
    let handle = leptos::mount::mount_to(el.clone(), move || {
        leptos_meta::provide_meta_context();
        I18n::provide(Locale::En);
        provide_context(Config::default());
        provide_context(Backend::Demo(DemoBackend::new()));
        f()
    });
    handle.forget();
    el
}

/// How long `wait_for` polls before it fails the test.
const WAIT_MS: f64 = 5_000.0;

/// Waits until `cond` holds, checking it every 10 ms and yielding to the
/// browser between checks; fails the test, naming `what`, if it still does
/// not hold after `WAIT_MS`.
async fn wait_for(what: &str, cond: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + WAIT_MS;
    loop {
        if cond() {
            return;
        }
        assert!(
            js_sys::Date::now() < deadline,
            "timed out after {WAIT_MS} ms waiting for {what}"
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

/// Whether `selector` matches anything inside `el`.
fn has(el: &web_sys::Element, selector: &str) -> bool {
    el.query_selector(selector).expect("selector").is_some()
}

/// The text a reader would see in `el` (its text content).
fn text(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default()
}

fn article(body_html: &str) -> Article {
    Article {
        summary: ArticleSummary {
            code: NewsCode::new("50844"),
            title: "Same words".into(),
            lead: Some("Same words".into()),
            published_at: chrono::DateTime::parse_from_rfc3339("2020-05-06T14:30:00+04:30")
                .expect("date"),
            updated_at: None,
            groups: vec![
                GroupRef {
                    slug: GroupSlug::new("news"),
                    name: "NEWS".into(),
                },
                GroupRef {
                    slug: GroupSlug::new("deputies"),
                    name: "اخبار معاونت ها و مراکز".into(),
                },
            ],
            views: None,
            reading_minutes: None,
            comment_count: Some(0),
            image: None,
            language: Some("en".into()),
        },
        body_html: body_html.into(),
        author: None,
        source: None,
        comments_open: true,
        password_protected: false,
    }
}

#[wasm_bindgen_test]
async fn error_view_says_what_failed_and_retries() {
    let retries = Arc::new(AtomicU32::new(0));
    let counter = retries.clone();
    let el = mount(move || {
        let on_retry = Callback::new(move |()| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let error = ApiError::Status {
            status: 503,
            code: None,
            retry_after: None,
            fields: vec![],
        };
        view! { <ErrorView error on_retry/> }
    });
    wait_for("the retry button", || has(&el, "[role=alert] button")).await;
    let alert = el
        .query_selector("[role=alert]")
        .expect("query")
        .expect("alert");
    let text = alert.text_content().unwrap_or_default();
    assert!(
        text.contains("The news server ran into a problem (error 503)."),
        "{text}"
    );
    let button: web_sys::HtmlElement = el
        .query_selector("button")
        .expect("query")
        .expect("retry button")
        .unchecked_into();
    assert_eq!(
        button.text_content().as_deref().map(str::trim),
        Some("Try again")
    );
    button.click();
    assert_eq!(retries.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
async fn error_view_offers_no_retry_where_it_cannot_help() {
    let el = mount(|| {
        // 400: the request itself is wrong, so the same request cannot succeed.
        let error = ApiError::Status {
            status: 400,
            code: None,
            retry_after: None,
            fields: vec![],
        };
        view! { <ErrorView error on_retry=Callback::new(|()| {})/> }
    });
    // The message first: without it, no button only means nothing rendered yet.
    wait_for("the error message", || {
        text(&el).contains("The news server refused this request (error 400).")
    })
    .await;
    assert!(
        !has(&el, "button"),
        "a retry that cannot help is offered: {}",
        el.inner_html()
    );
}

#[wasm_bindgen_test]
async fn article_body_keeps_markup_and_drops_everything_active() {
    let hostile = r#"<p id="kept">Kept <strong>bold</strong></p>
        <script>window.__pwned = 1</script>
        <img src="x" onerror="window.__pwned = 2" alt="pic">
        <a id="js" href=" javascript:window.__pwned=3">bad link</a>
        <a id="ext" href="https://example.org/x">outside</a>
        <svg><script>window.__pwned = 4</script></svg>
        <iframe src="https://example.org"></iframe>
        <p style="position:fixed" onclick="window.__pwned=5">styled</p>
        <form action="https://evil.example"><input name="q"></form>"#;
    let el = mount(move || view! { <ArticleView article=article(hostile)/> });
    // The whole body, up to its last kept element, before looking for what was dropped.
    wait_for("the sanitised body", || {
        has(&el, ".article-body p strong") && has(&el, ".article-body a[href^='https:']")
    })
    .await;
    let body = el
        .query_selector(".article-body")
        .expect("q")
        .expect("body");
    let html = body.inner_html();
    assert!(html.contains("<strong>bold</strong>"), "{html}");
    for banned in [
        "<script",
        "onerror",
        "javascript:",
        "<svg",
        "<iframe",
        "style=",
        "onclick",
        "<form",
        "<input",
    ] {
        assert!(!html.contains(banned), "{banned} survived: {html}");
    }
    assert!(
        !html.contains("id="),
        "ids could clobber the page's globals: {html}"
    );
    let ext = body
        .query_selector("a[href^='https:']")
        .expect("q")
        .expect("external link");
    assert_eq!(
        ext.get_attribute("rel").as_deref(),
        Some("noopener noreferrer external")
    );
    let links = body.query_selector_all("a").expect("q");
    assert_eq!(links.length(), 2, "both links keep their text");
    let js: web_sys::Element = links.item(0).expect("first link").unchecked_into();
    assert_eq!(js.text_content().as_deref(), Some("bad link"));
    assert_eq!(js.get_attribute("href"), None);
    let img = body.query_selector("img").expect("q").expect("image kept");
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    let pwned = js_sys::Reflect::get(&window(), &"__pwned".into()).expect("get");
    assert!(pwned.is_undefined(), "a payload ran");
}

#[wasm_bindgen_test]
async fn article_meta_hides_missing_views_and_repeated_lead() {
    let el = mount(|| view! { <ArticleView article=article("<p>One two three.</p>")/> });
    // The meta line and the title are there, so missing views or lead are really left out.
    wait_for("the article's meta line and title", || {
        text(&el).contains("1 minute to read") && has(&el, "h1.article-title")
    })
    .await;
    let shown = text(&el);
    assert!(
        !shown.contains("views"),
        "views shown though the backend doesn't count: {shown}"
    );
    assert!(shown.contains("No comments yet"), "{shown}");
    assert_eq!(
        el.query_selector_all(".article-lead").expect("q").length(),
        0
    );
    let time = el.query_selector("time").expect("q").expect("time");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2020-05-06T14:30:00+04:30")
    );
    // 14:30 at +04:30 is 10:00 UTC, shown in the configured zone (Asia/Tehran, +04:30 then).
    assert!(time.text_content().unwrap_or_default().contains("14:30"));
    let groups = el
        .query_selector("ul.group-links")
        .expect("q")
        .expect("group list");
    assert_eq!(
        groups.get_attribute("aria-label").as_deref(),
        Some("News groups")
    );
    assert_eq!(groups.query_selector_all("li a").expect("q").length(), 2);
}

#[wasm_bindgen_test]
async fn article_meta_shows_views_when_counted() {
    let mut a = article("<p>x</p>");
    a.summary.views = Some(73);
    a.summary.comment_count = Some(1);
    let el = mount(move || view! { <ArticleView article=a/> });
    wait_for("the view count", || text(&el).contains("73 views")).await;
    let shown = text(&el);
    assert!(shown.contains("1 comment"), "{shown}");
}

#[wasm_bindgen_test]
async fn config_notice_lists_each_problem() {
    let loaded = Loaded {
        config: Config::default(),
        source: Source::File,
        problems: vec![
            Problem::Syntax {
                detail: "EOF while parsing an object at line 1 column 20".into(),
            },
            Problem::UnknownKey {
                path: "site.colour".into(),
            },
        ],
    };
    let el = mount(move || view! { <ConfigNotice loaded/> });
    wait_for("the notice", || {
        text(&el).contains("config.json could not be used")
    })
    .await;
    let shown = text(&el);
    assert!(
        shown.contains("It is not valid JSON: EOF while parsing"),
        "{shown}"
    );
    assert!(
        shown.contains("The setting “site.colour” is unknown and was ignored."),
        "{shown}"
    );
}

#[wasm_bindgen_test]
async fn pager_links_carry_the_page_in_the_url() {
    let el = mount(
        || view! { <Pager listing=Listing::Group(GroupSlug::new("news")) page=2 total=35 per_page=10/> },
    );
    wait_for("the pager", || has(&el, "nav a[rel=next]")).await;
    let current = el
        .query_selector("a[aria-current=page]")
        .expect("q")
        .expect("current page");
    assert_eq!(
        current.get_attribute("href").as_deref(),
        Some("/group/news?page=2")
    );
    let prev = el.query_selector("a[rel=prev]").expect("q").expect("prev");
    assert_eq!(prev.get_attribute("href").as_deref(), Some("/group/news"));
    let next = el.query_selector("a[rel=next]").expect("q").expect("next");
    assert_eq!(
        next.get_attribute("href").as_deref(),
        Some("/group/news?page=3")
    );
    assert!(el
        .text_content()
        .unwrap_or_default()
        .contains("Page 2 of 4"));
}

#[wasm_bindgen_test]
async fn pager_is_absent_when_one_page_holds_everything() {
    // A pager that must show, mounted beside it in the same tick: once it
    // has rendered, the single page's pager has had every chance to.
    let el = mount(|| {
        view! {
            <div class="paged"><Pager listing=Listing::Home page=1 total=17 per_page=10/></div>
            <div class="single"><Pager listing=Listing::Home page=1 total=7 per_page=10/></div>
        }
    });
    wait_for("the pager of two pages", || has(&el, ".paged nav")).await;
    assert!(
        !has(&el, ".single *"),
        "one page has a pager: {}",
        el.inner_html()
    );
}

#[wasm_bindgen_test]
async fn comments_render_as_text_with_replies_under_parents() {
    use newsfront::components::CommentsSection;
    let el = mount(|| view! { <CommentsSection code=NewsCode::new("50855") open=true/> });
    wait_for("the thread and the form", || {
        el.query_selector_all(".comment-list li.comment")
            .map_or(0, |l| l.length())
            >= 20
            && has(&el, "form label[for=comment-captcha]")
    })
    .await;
    let list = el
        .query_selector(".comment-list")
        .expect("q")
        .expect("list");
    assert!(list.query_selector_all("li.comment").expect("q").length() >= 20);
    assert!(
        list.query_selector("li[data-depth='1']")
            .expect("q")
            .is_some(),
        "a reply is nested under its parent"
    );
    assert!(list.query_selector("script").expect("q").is_none());
    let text = list.text_content().unwrap_or_default();
    assert!(
        text.contains("<script>"),
        "a comment's markup is shown as text"
    );
    let form = el.query_selector("form").expect("q").expect("the form");
    assert!(form
        .query_selector("label[for=comment-captcha]")
        .expect("q")
        .is_some());
}

#[wasm_bindgen_test]
async fn closed_comments_replace_the_form_with_a_notice() {
    use newsfront::components::CommentsSection;
    let el = mount(|| view! { <CommentsSection code=NewsCode::new("50846") open=false/> });
    // The thread and the notice that stands where the form would be.
    wait_for("the thread and the closed notice", || {
        has(&el, ".comment") && text(&el).contains("Comments are closed for this article.")
    })
    .await;
    assert!(
        !has(&el, "form"),
        "a form under a closed thread: {}",
        el.inner_html()
    );
}

// What touches the browser, tested where it runs (no native stand-ins).

#[wasm_bindgen_test]
fn storage_keeps_values_per_store() {
    use newsfront::storage::{local_get, local_set, session_get, session_set};
    local_set("newsfront.test.local", "kept");
    session_set("newsfront.test.session", "for this tab");
    assert_eq!(local_get("newsfront.test.local").as_deref(), Some("kept"));
    assert_eq!(
        session_get("newsfront.test.session").as_deref(),
        Some("for this tab")
    );
    // Each store is its own.
    assert_eq!(local_get("newsfront.test.session"), None);
    assert_eq!(session_get("newsfront.test.local"), None);
}

#[wasm_bindgen_test]
fn the_browser_languages_are_read_from_the_navigator() {
    let navigator: Vec<String> = web_sys::window()
        .expect("window")
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    assert!(!navigator.is_empty(), "headless Chromium names a language");
    assert_eq!(newsfront::i18n::prefs::browser(), navigator);
    newsfront::i18n::prefs::save("fa");
    assert_eq!(newsfront::i18n::prefs::saved().as_deref(), Some("fa"));
}
