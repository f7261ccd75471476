//! The site's own URLs, in one place. The bundle may be hosted at the root or
//! under a sub-path: the base comes from the page's `<base href>` (Trunk's
//! `--public-url`), so one build serves either.

use crate::model::{GroupSlug, NewsCode};
use crate::percent::{decode, encode};
use std::sync::OnceLock;

static BASE: OnceLock<String> = OnceLock::new();

/// The path prefix the site lives under, without a trailing slash ("" at the root).
pub fn base() -> &'static str {
    BASE.get_or_init(|| {
        #[cfg(target_arch = "wasm32")]
        {
            let uri = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.base_uri().ok().flatten())
                .unwrap_or_default();
            normalise_base(&uri)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            String::new()
        }
    })
}

/// The path part of a base URI, without its trailing slash.
pub fn normalise_base(uri: &str) -> String {
    let after_scheme = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/').to_owned()
}

fn with_page(path: String, page: u32) -> String {
    if page > 1 {
        format!("{path}?page={page}")
    } else {
        path
    }
}

/// The home page, at `page` of the latest articles.
pub fn home(page: u32) -> String {
    with_page(format!("{}/", base()), page)
}

/// An article's page.
pub fn article(code: &NewsCode) -> String {
    format!("{}/news/{}", base(), encode(code.as_str()))
}

/// A group's listing, at `page`.
pub fn group(slug: &GroupSlug, page: u32) -> String {
    with_page(format!("{}/group/{}", base(), encode(slug.as_str())), page)
}

/// The page's origin ("https://news.example.org"), empty off the browser.
fn origin() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

/// An absolute URL for `url`: kept if already absolute, else resolved against
/// the site (a path from the root, or relative to the bundle's base).
pub fn absolute(url: &str) -> String {
    resolve(&origin(), base(), url)
}

/// [`absolute`] with the origin and base given, for testing.
pub fn resolve(origin: &str, base: &str, url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        url.to_owned()
    } else if let Some(rest) = url.strip_prefix("//") {
        format!("https://{rest}")
    } else if url.starts_with('/') {
        format!("{origin}{url}")
    } else {
        format!("{origin}{base}/{url}")
    }
}

/// The search results for `q`, at `page`.
pub fn search(q: &str, page: u32) -> String {
    let path = format!("{}/search?q={}", base(), encode(q));
    if page > 1 {
        format!("{path}&page={page}")
    } else {
        path
    }
}

/// A paged listing of articles: the home page, a group, or search results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Listing {
    /// The latest articles across all groups.
    Home,
    /// One group's articles.
    Group(GroupSlug),
    /// Articles matching a search.
    Search(String),
}

impl Listing {
    /// The listing's URL at `page`.
    pub fn href(&self, page: u32) -> String {
        match self {
            Self::Home => home(page),
            Self::Group(slug) => group(slug, page),
            Self::Search(q) => search(q, page),
        }
    }

    /// The group filter for the backend.
    pub fn group(&self) -> Option<GroupSlug> {
        match self {
            Self::Group(slug) => Some(slug.clone()),
            _ => None,
        }
    }

    /// The search text for the backend.
    pub fn query(&self) -> Option<String> {
        match self {
            Self::Search(q) => Some(q.clone()),
            _ => None,
        }
    }
}

/// A page of this site that a link points to, for prefetching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An article.
    Article(NewsCode),
    /// A listing at a page.
    Listing(Listing, u32),
}

/// What a same-site link's path and query point to, if it is one of the
/// site's pages (`path` includes the base, as in an `href`).
pub fn parse(href: &str) -> Option<Target> {
    let rest = href.strip_prefix(base()).unwrap_or(href);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    // The last of a repeated parameter counts, as it does for the router.
    let param = |name: &str| {
        query
            .split('&')
            .rev()
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| decode(v))
    };
    let page = crate::model::paging::PageParam::parse(param("page").as_deref()).number();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] => Some(Target::Listing(Listing::Home, page)),
        ["news", code] if !code.is_empty() => Some(Target::Article(NewsCode::new(decode(code)))),
        ["group", slug] if !slug.is_empty() => Some(Target::Listing(
            Listing::Group(GroupSlug::new(decode(slug))),
            page,
        )),
        // Trimmed, as the search page trims it.
        ["search"] => param("q")
            .map(|q| q.trim().to_owned())
            .filter(|q| !q.is_empty())
            .map(|q| Target::Listing(Listing::Search(q), page)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_is_the_path_without_trailing_slash() {
        assert_eq!(normalise_base("http://x.org/"), "");
        assert_eq!(normalise_base("https://x.org/news/"), "/news");
        assert_eq!(
            normalise_base("https://x.org/a/b/index.html?x#y"),
            "/a/b/index.html"
        );
        assert_eq!(normalise_base(""), "");
    }

    #[test]
    fn links_parse_to_their_pages() {
        assert_eq!(parse("/"), Some(Target::Listing(Listing::Home, 1)));
        assert_eq!(parse("/?page=3"), Some(Target::Listing(Listing::Home, 3)));
        assert_eq!(
            parse("/news/50844"),
            Some(Target::Article(NewsCode::new("50844")))
        );
        assert_eq!(
            parse("/group/%D9%81%D9%86?page=2"),
            Some(Target::Listing(Listing::Group(GroupSlug::new("فن")), 2))
        );
        assert_eq!(
            parse("/search?q=solar+energy&page=2"),
            Some(Target::Listing(Listing::Search("solar energy".into()), 2))
        );
        assert_eq!(parse("/search?q="), None);
        assert_eq!(parse("/search?q=+"), None);
        // The page trims the query and reads the last of a repeated parameter:
        // a prefetch must ask for exactly what the page will.
        assert_eq!(
            parse("/search?q=+solar+"),
            Some(Target::Listing(Listing::Search("solar".into()), 1))
        );
        assert_eq!(
            parse("/?page=2&page=3"),
            Some(Target::Listing(Listing::Home, 3))
        );
        assert_eq!(parse("/about"), None);
        assert_eq!(parse("/news/"), None);
    }

    #[test]
    fn search_urls_round_trip() {
        let href = search("انرژی خورشیدی & more", 2);
        assert_eq!(
            parse(&href),
            Some(Target::Listing(
                Listing::Search("انرژی خورشیدی & more".into()),
                2
            ))
        );
    }

    #[test]
    fn absolute_urls() {
        let r = |u| resolve("https://x.org", "/news", u);
        assert_eq!(r("https://cdn.org/a.png"), "https://cdn.org/a.png");
        assert_eq!(r("/img/a.png"), "https://x.org/img/a.png");
        assert_eq!(r("demo/img/a.svg"), "https://x.org/news/demo/img/a.svg");
    }

    #[test]
    fn urls_encode_ids_and_omit_page_one() {
        assert_eq!(article(&NewsCode::new("50844")), "/news/50844");
        assert_eq!(group(&GroupSlug::new("news"), 1), "/group/news");
        assert_eq!(group(&GroupSlug::new("news"), 2), "/group/news?page=2");
        assert_eq!(group(&GroupSlug::new("فن"), 1), "/group/%D9%81%D9%86");
        assert_eq!(home(3), "/?page=3");
    }
}
