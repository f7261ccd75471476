//! Safe rendering of a backend's article HTML.
//!
//! The browser's own parser reads the HTML into an inert document (scripts
//! don't run, images don't load there); an allow-list walk then keeps only
//! known-harmless elements and attributes, and the surviving nodes are moved
//! into the page as nodes, never re-serialised, so the markup cannot mutate
//! between checking and display. Using the parser the page itself uses costs
//! no parser in the wasm.

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

/// Whether a URL may stay: http(s), mailto (links only) or relative; never
/// javascript:, vbscript:, data: or any other scheme, however disguised.
pub fn url_allowed(url: &str, is_link: bool) -> bool {
    // Browsers ignore ASCII whitespace and control characters inside a scheme.
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = cleaned.find(':');
    let first_delim = cleaned.find(['/', '?', '#']);
    match scheme_end {
        Some(i) if first_delim.is_none_or(|d| i < d) => {
            let scheme = &cleaned[..i];
            scheme == "http" || scheme == "https" || (is_link && scheme == "mailto")
        }
        // No scheme: a relative URL (but not a protocol-relative one to another host).
        _ => !cleaned.starts_with("//") && !cleaned.starts_with("\\\\"),
    }
}

/// Whether a URL points away from the page's site (so the link is marked).
pub fn is_external(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("http://") || u.starts_with("https://")
}

#[cfg(target_arch = "wasm32")]
pub use dom::sanitize_into;

#[cfg(target_arch = "wasm32")]
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
