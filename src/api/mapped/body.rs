//! Article bodies in the formats a mapping names, written out as HTML. The
//! HTML made here is sanitised like every body before it is shown
//! (crate::sanitize); text from the API is escaped on the way in.

use crate::mapping::BodyFormat;
use serde_json::Value;

/// The body `v` as HTML; `None` when it is not a body of that format.
pub fn html(v: &Value, format: BodyFormat) -> Option<String> {
    match format {
        BodyFormat::Html => v.as_str().map(str::to_owned),
        BodyFormat::Text => v.as_str().map(text),
        BodyFormat::Markdown => v.as_str().map(super::markdown::html),
        BodyFormat::StrapiBlocks => {
            let blocks = v.as_array()?;
            let mut out = String::new();
            for b in blocks {
                block(b, &mut out, 0);
            }
            Some(out)
        }
        BodyFormat::Lexical => {
            let root = v.get("root").unwrap_or(v);
            let nodes = root.get("children")?.as_array()?;
            let mut out = String::new();
            for n in nodes {
                lexical(n, &mut out, 0);
            }
            Some(out)
        }
    }
}

/// One node of Lexical's rich text (Payload 3): elements with `children`,
/// text with a `format` bit set (1 bold, 2 italic, 4 strikethrough,
/// 8 underline, 16 code, 32 subscript, 64 superscript).
fn lexical(n: &Value, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let inner = |out: &mut String| {
        for c in n
            .get("children")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            lexical(c, out, depth + 1);
        }
    };
    let wrap = |tag: &str, out: &mut String| {
        out.push_str(&format!("<{tag}>"));
        inner(out);
        out.push_str(&format!("</{tag}>"));
    };
    match n.get("type").and_then(Value::as_str) {
        Some("text") => {
            let format = n.get("format").and_then(Value::as_u64).unwrap_or(0);
            let marks = [
                (1, "strong"),
                (2, "em"),
                (4, "s"),
                (8, "u"),
                (16, "code"),
                (32, "sub"),
                (64, "sup"),
            ];
            let open: Vec<&str> = marks
                .iter()
                .filter(|(bit, _)| format & bit != 0)
                .map(|m| m.1)
                .collect();
            for tag in &open {
                out.push_str(&format!("<{tag}>"));
            }
            escape(n.get("text").and_then(Value::as_str).unwrap_or(""), out);
            for tag in open.iter().rev() {
                out.push_str(&format!("</{tag}>"));
            }
        }
        Some("linebreak") => out.push_str("<br>"),
        Some("paragraph") => wrap("p", out),
        Some("quote") => wrap("blockquote", out),
        Some("listitem") => wrap("li", out),
        Some("horizontalrule") => out.push_str("<hr>"),
        Some("heading") => {
            let level = n
                .get("tag")
                .and_then(Value::as_str)
                .and_then(|t| t.strip_prefix('h'))
                .and_then(|d| d.parse::<u8>().ok())
                .unwrap_or(2)
                .clamp(2, 6);
            wrap(&format!("h{level}"), out);
        }
        Some("list") => {
            let ordered = n.get("listType").and_then(Value::as_str) == Some("number");
            wrap(if ordered { "ol" } else { "ul" }, out);
        }
        Some("link" | "autolink") => {
            out.push_str("<a href=\"");
            let url = n
                .pointer("/fields/url")
                .or_else(|| n.get("url"))
                .and_then(Value::as_str);
            escape(url.unwrap_or(""), out);
            out.push_str("\">");
            inner(out);
            out.push_str("</a>");
        }
        Some("upload") => {
            let url = n
                .pointer("/value/url")
                .and_then(Value::as_str)
                .unwrap_or("");
            if !url.is_empty() {
                out.push_str("<figure><img src=\"");
                escape(url, out);
                out.push_str("\" alt=\"");
                escape(
                    n.pointer("/value/alt")
                        .and_then(Value::as_str)
                        .unwrap_or(""),
                    out,
                );
                out.push_str("\"></figure>");
            }
        }
        // An element this version does not know: its text is kept.
        _ => inner(out),
    }
}

/// Escapes text for HTML.
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Plain text as paragraphs: a blank line parts them, a line break stays one.
fn text(s: &str) -> String {
    let mut out = String::new();
    let normal = s.replace("\r\n", "\n");
    for para in normal
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        out.push_str("<p>");
        for (i, line) in para.lines().enumerate() {
            if i > 0 {
                out.push_str("<br>");
            }
            escape(line, &mut out);
        }
        out.push_str("</p>");
    }
    out
}

/// Deeper than this, Strapi blocks are not followed (a hostile answer
/// cannot exhaust the stack).
const MAX_DEPTH: usize = 16;

fn children(b: &Value, out: &mut String, depth: usize) {
    if let Some(list) = b.get("children").and_then(Value::as_array) {
        for c in list {
            inline(c, out, depth + 1);
        }
    }
}

fn inline(v: &Value, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v.get("type").and_then(Value::as_str) {
        Some("text") => {
            let t = v.get("text").and_then(Value::as_str).unwrap_or("");
            let on = |k| v.get(k).and_then(Value::as_bool).unwrap_or(false);
            let marks = [
                ("bold", "strong"),
                ("italic", "em"),
                ("underline", "u"),
                ("strikethrough", "s"),
                ("code", "code"),
            ];
            let open: Vec<&str> = marks.iter().filter(|(k, _)| on(k)).map(|m| m.1).collect();
            for tag in &open {
                out.push_str(&format!("<{tag}>"));
            }
            escape(t, out);
            for tag in open.iter().rev() {
                out.push_str(&format!("</{tag}>"));
            }
        }
        Some("link") => {
            out.push_str("<a href=\"");
            escape(v.get("url").and_then(Value::as_str).unwrap_or(""), out);
            out.push_str("\">");
            children(v, out, depth);
            out.push_str("</a>");
        }
        // A block where an inline should be: written as its text.
        _ => children(v, out, depth),
    }
}

fn block(b: &Value, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let wrap = |tag: &str, out: &mut String| {
        out.push_str(&format!("<{tag}>"));
        children(b, out, depth);
        out.push_str(&format!("</{tag}>"));
    };
    match b.get("type").and_then(Value::as_str) {
        Some("paragraph") => wrap("p", out),
        Some("quote") => wrap("blockquote", out),
        Some("heading") => {
            let level = b
                .get("level")
                .and_then(Value::as_u64)
                .unwrap_or(2)
                .clamp(2, 6);
            wrap(&format!("h{level}"), out);
        }
        Some("code") => {
            out.push_str("<pre><code>");
            children(b, out, depth);
            out.push_str("</code></pre>");
        }
        Some("list") => {
            let tag = match b.get("format").and_then(Value::as_str) {
                Some("ordered") => "ol",
                _ => "ul",
            };
            out.push_str(&format!("<{tag}>"));
            for item in b
                .get("children")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if item.get("type").and_then(Value::as_str) == Some("list") {
                    block(item, out, depth + 1);
                } else {
                    out.push_str("<li>");
                    children(item, out, depth + 1);
                    out.push_str("</li>");
                }
            }
            out.push_str(&format!("</{tag}>"));
        }
        Some("image") => {
            let img = b.get("image").unwrap_or(&Value::Null);
            let field = |k| img.get(k).and_then(Value::as_str).unwrap_or("");
            if !field("url").is_empty() {
                out.push_str("<figure><img src=\"");
                escape(field("url"), out);
                out.push_str("\" alt=\"");
                escape(field("alternativeText"), out);
                out.push_str("\">");
                if !field("caption").is_empty() {
                    out.push_str("<figcaption>");
                    escape(field("caption"), out);
                    out.push_str("</figcaption>");
                }
                out.push_str("</figure>");
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_text_is_escaped_into_paragraphs() {
        let v = json!("One <b>\nline two\r\n\r\n\n Two & three ");
        assert_eq!(
            html(&v, BodyFormat::Text).as_deref(),
            Some("<p>One &lt;b&gt;<br>line two</p><p>Two &amp; three</p>")
        );
        assert_eq!(html(&json!(5), BodyFormat::Text), None);
    }

    #[test]
    fn strapi_blocks_become_html() {
        let v = json!([
            {"type": "heading", "level": 1, "children": [{"type": "text", "text": "Top"}]},
            {"type": "paragraph", "children": [
                {"type": "text", "text": "a <i>", "bold": true, "italic": true},
                {"type": "link", "url": "https://x.org/?a=1&b=\"2\"", "children": [{"type": "text", "text": "x"}]}
            ]},
            {"type": "list", "format": "ordered", "children": [
                {"type": "list-item", "children": [{"type": "text", "text": "one"}]},
                {"type": "list", "format": "unordered", "children": [
                    {"type": "list-item", "children": [{"type": "text", "text": "deep"}]}]}
            ]},
            {"type": "image", "image": {"url": "/u/a.png", "alternativeText": "A", "caption": "C"}},
            {"type": "code", "children": [{"type": "text", "text": "let x = 1 < 2;"}]},
            {"type": "unknown-future-block"}
        ]);
        assert_eq!(
            html(&v, BodyFormat::StrapiBlocks).as_deref(),
            Some(concat!(
                "<h2>Top</h2>",
                "<p><strong><em>a &lt;i&gt;</em></strong><a href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\">x</a></p>",
                "<ol><li>one</li><ul><li>deep</li></ul></ol>",
                "<figure><img src=\"/u/a.png\" alt=\"A\"><figcaption>C</figcaption></figure>",
                "<pre><code>let x = 1 &lt; 2;</code></pre>"
            ))
        );
        assert_eq!(html(&json!("text"), BodyFormat::StrapiBlocks), None);
    }

    #[test]
    fn lexical_rich_text_becomes_html() {
        let v = json!({"root": {"type": "root", "children": [
            {"type": "heading", "tag": "h1", "children": [{"type": "text", "text": "Top", "format": 0}]},
            {"type": "paragraph", "children": [
                {"type": "text", "text": "a<b", "format": 3},
                {"type": "linebreak"},
                {"type": "link", "fields": {"url": "https://x.org/"}, "children": [{"type": "text", "text": "x"}]}
            ]},
            {"type": "list", "listType": "number", "children": [
                {"type": "listitem", "children": [{"type": "text", "text": "one"}]}]},
            {"type": "quote", "children": [{"type": "text", "text": "q", "format": 16}]},
            {"type": "upload", "value": {"url": "/media/a.png", "alt": "A"}},
            {"type": "block", "children": [{"type": "text", "text": "kept"}]}
        ]}});
        assert_eq!(
            html(&v, BodyFormat::Lexical).as_deref(),
            Some(concat!(
                "<h2>Top</h2>",
                "<p><strong><em>a&lt;b</em></strong><br><a href=\"https://x.org/\">x</a></p>",
                "<ol><li>one</li></ol>",
                "<blockquote><code>q</code></blockquote>",
                "<figure><img src=\"/media/a.png\" alt=\"A\"></figure>",
                "kept"
            ))
        );
        assert_eq!(html(&json!({"root": {}}), BodyFormat::Lexical), None);
    }

    #[test]
    fn deep_blocks_stop_at_the_limit() {
        let mut v = json!({"type": "text", "text": "x"});
        for _ in 0..200 {
            v = json!({"type": "link", "url": "u", "children": [v]});
        }
        let doc = json!([{"type": "paragraph", "children": [v]}]);
        // serde_json's own recursion limit keeps such a document from being
        // parsed from text; built in memory, the renderer still stops.
        let out = html(&doc, BodyFormat::StrapiBlocks).expect("body");
        assert!(out.len() < 1000, "{}", out.len());
    }
}
