//! Safe rendering of a backend's article HTML.
//!
//! The browser's own parser reads the HTML into an inert document (scripts
//! don't run, images don't load there); an allow-list walk then keeps only
//! known-harmless elements and attributes, and the surviving nodes are moved
//! into the page as nodes, never re-serialised, so the markup cannot mutate
//! between checking and display. Using the parser the page itself uses costs
//! no parser in the wasm: measured on the release build (wasm-opt -Oz), the
//! whole sanitiser adds 4,863 bytes raw / 1,895 bytes brotli to the wasm and
//! 214 bytes brotli to the JS glue, against a build that shows the body as
//! plain text. Reproduce: replace the `sanitize_into` call in
//! components/article_body.rs with `set_text_content`, build with
//! `trunk build --release --dist /tmp/other`, and compare with
//! `node scripts/budget.mjs /tmp/other`.

/// Elements removed together with everything inside them.
const DROP: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "option",
    "base",
    "meta",
    "link",
    "title",
    "head",
    "svg",
    "math",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "audio",
    "video",
    "source",
    "track",
    "canvas",
    "dialog",
    "portal",
    "slot",
];

/// Elements kept (with their allowed attributes). Anything else is unwrapped:
/// its children stay, the element goes.
const KEEP: &[&str] = &[
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "small",
    "mark",
    "sub",
    "sup",
    "abbr",
    "cite",
    "q",
    "code",
    "pre",
    "kbd",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "time",
    "span",
    "div",
    "bdi",
    "bdo",
];

/// Whether an element survives, is unwrapped, or is dropped with its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Kept.
    Keep,
    /// Replaced by its children.
    Unwrap,
    /// Removed with its children.
    Drop,
}

/// What happens to an element with this (lower-case) tag name.
pub fn element_verdict(tag: &str) -> Verdict {
    if DROP.contains(&tag) {
        Verdict::Drop
    } else if KEEP.contains(&tag) {
        Verdict::Keep
    } else {
        Verdict::Unwrap
    }
}

/// Whether `attr` may stay on `tag` (URL attributes are checked separately).
pub fn attribute_allowed(tag: &str, attr: &str) -> bool {
    match attr {
        "lang" | "dir" | "title" => true,
        "href" => tag == "a",
        "hreflang" => tag == "a",
        "src" | "alt" | "width" | "height" => tag == "img",
        "colspan" | "rowspan" | "scope" => matches!(tag, "td" | "th"),
        "start" | "reversed" => tag == "ol",
        "datetime" => tag == "time",
        "cite" => matches!(tag, "q" | "blockquote"),
        _ => false,
    }
}

/// Whether `attr` holds a URL.
pub fn is_url_attribute(attr: &str) -> bool {
    matches!(attr, "href" | "src" | "cite")
}

/// A URL as a browser reads it for scheme and host: ASCII whitespace and
/// control characters dropped, lower case, and `\` read as `/` (browsers do
/// so in http(s) URLs).
fn normalised(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .map(|c| {
            if c == '\\' {
                '/'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The URL's scheme, if it has one (`None` for a relative URL).
fn scheme(normalised: &str) -> Option<&str> {
    let colon = normalised.find(':')?;
    let first_delim = normalised.find(['/', '?', '#']);
    first_delim
        .is_none_or(|d| colon < d)
        .then(|| &normalised[..colon])
}

/// Whether a URL may stay: http(s), mailto (links only) or relative; never
/// javascript:, vbscript:, data: or any other scheme, however disguised, and
/// never a protocol-relative URL to another host.
pub fn url_allowed(url: &str, is_link: bool) -> bool {
    let n = normalised(url);
    match scheme(&n) {
        Some(s) => s == "http" || s == "https" || (is_link && s == "mailto"),
        None => !n.starts_with("//"),
    }
}

/// Whether a URL leads away from this site (so the link is marked and sends
/// no referrer).
pub fn is_external(url: &str) -> bool {
    let n = normalised(url);
    matches!(scheme(&n), Some("http" | "https")) || n.starts_with("//")
}

pub use dom::sanitize_into;

mod dom {
    use super::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DomParser, Element, Node, SupportedType};

    /// Parses `html`, cleans it and puts the result into `target`, replacing its children.
    pub fn sanitize_into(target: &Element, html: &str) {
        target.set_text_content(None);
        let Ok(parser) = DomParser::new() else { return };
        let Ok(doc) = parser.parse_from_string(html, SupportedType::TextHtml) else {
            return;
        };
        let Some(body) = doc.body() else { return };
        clean_children(&body);
        let owner = target.owner_document();
        while let Some(child) = body.first_child() {
            let node = match &owner {
                Some(d) => d.adopt_node(&child).unwrap_or(child),
                None => child,
            };
            let _ = target.append_child(&node);
        }
    }

    fn clean_children(parent: &Node) {
        let mut child = parent.first_child();
        while let Some(node) = child {
            let next = node.next_sibling();
            match node.node_type() {
                Node::ELEMENT_NODE => {
                    if let Some(el) = node.dyn_ref::<Element>() {
                        clean_element(parent, el);
                    }
                }
                Node::TEXT_NODE => {}
                // Comments, processing instructions, CDATA: nothing a reader needs.
                _ => {
                    let _ = parent.remove_child(&node);
                }
            }
            child = next;
        }
    }

    fn clean_element(parent: &Node, el: &Element) {
        // Elements from foreign namespaces (SVG, MathML) are dropped whole.
        let html_ns = el.namespace_uri().as_deref() == Some("http://www.w3.org/1999/xhtml");
        let tag = el.local_name().to_ascii_lowercase();
        let verdict = if html_ns {
            element_verdict(&tag)
        } else {
            Verdict::Drop
        };
        match verdict {
            Verdict::Drop => {
                let _ = parent.remove_child(el);
            }
            Verdict::Unwrap => {
                clean_children(el);
                while let Some(c) = el.first_child() {
                    let _ = parent.insert_before(&c, Some(el));
                }
                let _ = parent.remove_child(el);
            }
            Verdict::Keep => {
                clean_attributes(el, &tag);
                clean_children(el);
            }
        }
    }

    fn clean_attributes(el: &Element, tag: &str) {
        let names = el.get_attribute_names();
        for name in names.iter().filter_map(|n| n.as_string()) {
            let lower = name.to_ascii_lowercase();
            let keep = attribute_allowed(tag, &lower)
                && (!is_url_attribute(&lower)
                    || el
                        .get_attribute(&name)
                        .is_some_and(|v| url_allowed(&v, tag == "a")));
            if !keep {
                let _ = el.remove_attribute(&name);
            }
        }
        match tag {
            "a" if el.get_attribute("href").is_some_and(|h| is_external(&h)) => {
                let _ = el.set_attribute("rel", "noopener noreferrer external");
                let _ = el.set_attribute("target", "_blank");
            }
            "img" => {
                let _ = el.set_attribute("loading", "lazy");
                let _ = el.set_attribute("decoding", "async");
                let _ = el.set_attribute("referrerpolicy", "no-referrer");
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_schemes_are_refused_in_any_disguise() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml;base64,PHN2Zz4=",
            "//evil.example/x",
            "\\\\evil.example/x",
            "/\\evil.example/x",
            "\\/evil.example/x",
            " /\t/evil.example",
            "file:///etc/passwd",
        ] {
            assert!(!url_allowed(url, true), "{url:?}");
        }
    }

    #[test]
    fn ordinary_urls_are_kept() {
        for url in [
            "https://example.org/a",
            "http://x.y",
            "/news/1",
            "../a?b=c:d",
            "#top",
        ] {
            assert!(url_allowed(url, false), "{url:?}");
        }
        assert!(url_allowed("mailto:desk@example.org", true));
        assert!(
            !url_allowed("mailto:desk@example.org", false),
            "mailto is for links only"
        );
    }

    #[test]
    fn links_to_other_sites_are_recognised_however_written() {
        for url in [
            "https://evil.example/x",
            "HTTP://evil.example",
            "https:evil.example/x",
            "ht\ttps://evil.example/x",
            " https://evil.example",
        ] {
            assert!(is_external(url), "{url:?}");
        }
        for url in [
            "/news/1",
            "page.html",
            "#top",
            "?q=1",
            "mailto:desk@example.org",
        ] {
            assert!(!is_external(url), "{url:?}");
        }
    }

    #[test]
    fn verdicts() {
        assert_eq!(element_verdict("script"), Verdict::Drop);
        assert_eq!(element_verdict("svg"), Verdict::Drop);
        assert_eq!(element_verdict("p"), Verdict::Keep);
        assert_eq!(element_verdict("font"), Verdict::Unwrap);
        assert_eq!(element_verdict("h1"), Verdict::Unwrap);
    }

    #[test]
    fn attributes() {
        assert!(attribute_allowed("a", "href"));
        assert!(!attribute_allowed("a", "onclick"));
        assert!(!attribute_allowed("p", "style"));
        assert!(!attribute_allowed("img", "srcset"));
        assert!(attribute_allowed("td", "colspan"));
    }
}
