//! Property tests of the mapping engine (docs/mapping.md): mutated and random
//! answers read through each preset and through the walk-through's mapping
//! never panic and always end in articles and groups or a typed error that
//! names the request; for every sample some mutations still read and some are
//! refused, so both paths ran. Mutated mappings end in a mapping or in
//! problems named by their paths, never a panic.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::fuzz::{mutate, Rng};
use newsfront::api::mapped::read::Answer;
use newsfront::api::ApiError;
use newsfront::mapping::{self, Mapping, Resource};
use newsfront::problem::Problem;
use serde_json::{json, Value};

/// Mutations per sample: 500 × 10 samples, plus 500 random trees for each of
/// 7 mappings, 10,000 random Markdown bodies and 500 mutated mappings
/// (19,000 inputs a run).
const ROUNDS: usize = 500;

/// The walk-through's mapping, exactly as docs/mapping.md prints it.
fn walk_through() -> Value {
    let doc = include_str!("../docs/mapping.md");
    let at = doc
        .find("<!-- walk-through mapping:")
        .expect("docs/mapping.md marks its walk-through mapping");
    let rest = &doc[at..];
    let start = rest.find("```json\n").expect("a json block") + 8;
    let end = rest[start..].find("\n```").expect("the block ends") + start;
    serde_json::from_str(&rest[start..end]).expect("the walk-through mapping is JSON")
}

fn mappings() -> Vec<(&'static str, Mapping)> {
    let key = ["key".to_owned()];
    let preset = |name| {
        mapping::build(Some(name), &Value::Null, &key)
            .unwrap_or_else(|p| panic!("{name}: {p:?}"))
            .0
    };
    let bespoke = mapping::build(None, &walk_through(), &[])
        .unwrap_or_else(|p| panic!("walk-through: {p:?}"))
        .0;
    let mut all: Vec<(&'static str, Mapping)> = mapping::PRESETS
        .iter()
        .map(|(name, _)| (*name, preset(name)))
        .collect();
    all.push(("bespoke", bespoke));
    all
}

/// A valid answer for each list and article request, in each API's shape.
fn samples() -> Vec<(&'static str, bool, Value)> {
    let ghost_post = json!({
        "id": "1", "slug": "grid-trial", "title": "Grid trial", "html": "<p>Body</p>",
        "custom_excerpt": null, "excerpt": "Body", "published_at": "2026-01-27T12:15:00.000+00:00",
        "updated_at": "2026-01-28T06:35:00.000+00:00", "reading_time": 2,
        "feature_image": "https://x.example/content/images/a.jpg", "feature_image_alt": "Alt",
        "tags": [{"slug": "news", "name": "News"}, {"slug": "tech", "name": "Tech"}],
        "primary_author": {"name": "A. Writer"}
    });
    let story = json!({
        "ref": "s1", "headline": "Grid trial", "summary": "Lead", "posted": 1_769_516_100,
        "edited": null, "topics": ["t-news"], "picture": {"src": "/media/a.svg", "text": "Alt"},
        "byline": null, "text": "One.\n\nTwo."
    });
    vec![
        (
            "ghost",
            true,
            json!({"posts": [ghost_post.clone(), ghost_post.clone()],
                   "meta": {"pagination": {"page": 1, "limit": 10, "pages": 1, "total": 2}}}),
        ),
        ("ghost", false, json!({"posts": [ghost_post]})),
        (
            "jsonfeed",
            true,
            json!({"version": "https://jsonfeed.org/version/1.1", "title": "F",
                   "next_url": "https://x.example/feed.json?page=2",
                   "items": [{"id": "1", "title": "Grid trial", "content_html": "<p>x</p>",
                              "date_published": "2026-01-27T15:45:00+03:30", "tags": ["News"],
                              "image": "https://x.example/a.jpg", "authors": [{"name": "A"}]},
                             {"id": "2", "content_text": "Just text", "date_published": "2026-01-26T10:00:00Z"}]}),
        ),
        (
            "bespoke",
            true,
            json!({"results": [story.clone()],
                   "topics": [{"id": "t-news", "key": "news", "label": "News"}]}),
        ),
        (
            "bespoke",
            false,
            json!({"story": story, "topics": [{"id": "t-news", "key": "news", "label": "News"}]}),
        ),
        (
            "strapi",
            true,
            json!({"data": [{"id": 3, "documentId": "d", "title": "T", "slug": "t", "description": "L",
                             "publishedAt": "2026-01-27T12:15:00.000Z", "updatedAt": "2026-01-27T12:15:00.000Z",
                             "cover": {"url": "/uploads/a.svg", "alternativeText": "A", "width": 1200, "height": 675},
                             "categories": [{"slug": "news", "name": "News"}], "author": null,
                             "content": [{"type": "paragraph", "children": [{"type": "text", "text": "x", "bold": true}]},
                                         {"type": "list", "format": "ordered", "children": [
                                             {"type": "list-item", "children": [{"type": "text", "text": "y"}]}]}]}],
                   "meta": {"pagination": {"page": 1, "pageSize": 10, "pageCount": 1, "total": 1}}}),
        ),
        (
            "directus",
            true,
            json!({"data": [{"id": 3, "slug": "t", "title": "T", "summary": null, "body": "<p>x</p>",
                             "date_published": "2026-01-27T12:15:00", "date_updated": null, "image": "5e1f",
                             "image_alt": "A", "categories": [{"id": 1, "categories_id": {"slug": "news", "name": "News"}}]}],
                   "meta": {"filter_count": 1}}),
        ),
        (
            "drupal",
            true,
            json!({"data": [{"type": "node--article", "id": "u1",
                             "attributes": {"title": "T", "created": "2026-01-27T12:15:00+00:00",
                                            "changed": "2026-01-27T12:15:00+00:00", "langcode": "en",
                                            "body": {"processed": "<p>x</p>", "summary": "L"}},
                             "relationships": {"field_tags": {"data": [{"type": "taxonomy_term--tags", "id": "t1"}]},
                                               "field_image": {"data": {"type": "file--file", "id": "f1", "meta": {"alt": "A"}}}}}],
                   "included": [{"type": "taxonomy_term--tags", "id": "t1", "attributes": {"name": "News", "drupal_internal__tid": 4}},
                                {"type": "file--file", "id": "f1", "attributes": {"uri": {"url": "/sites/default/files/a.svg"}}}]}),
        ),
        (
            "payload",
            true,
            json!({"docs": [{"id": 3, "title": "T", "slug": "t", "publishedAt": "2026-01-27T12:15:00.000Z",
                             "heroImage": {"url": "/api/media/file/a.svg", "alt": "A"},
                             "categories": [{"title": "News", "slug": "news"}], "meta": {"description": "L"},
                             "content": {"root": {"type": "root", "children": [
                                 {"type": "paragraph", "children": [{"type": "text", "text": "x", "format": 1}]},
                                 {"type": "heading", "tag": "h3", "children": [{"type": "text", "text": "h"}]}]}}}],
                   "totalDocs": 1, "page": 1, "totalPages": 1}),
        ),
        (
            "bespoke-comments",
            true,
            json!({"replies": [{"rid": 7, "by": "Ana", "said": "First.", "at": 1_769_517_000, "to": null},
                               {"rid": 8, "by": "Reza", "said": "Second.", "at": "1769517060", "to": 7}],
                   "count": 2}),
        ),
        (
            "bespoke-captcha",
            false,
            json!({"challenge": {"token": "c-81", "picture": "data:image/svg+xml;base64,PHN2Zy8+",
                                 "w": 160, "h": 50, "until": 1_769_517_600}}),
        ),
        (
            "ghost-tags",
            true,
            json!({"tags": [{"slug": "news", "name": "News", "count": {"posts": 3}},
                            {"slug": "tech", "name": "Tech", "description": "d"}]}),
        ),
    ]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Read,
    Refused,
}

const WHAT: &str = "GET https://api.example/fuzzed";

/// Reads `root` as `res` says (a list, one article, or groups) and checks how
/// it ended: values, or a typed error naming the request.
fn read_checked(res: &Resource, root: &Value, kind: &str) -> Outcome {
    let answer = Answer {
        root,
        what: WHAT,
        base: "https://api.example/v1/",
        api: "https://api.example/v1/",
    };
    let result = std::panic::catch_unwind(|| -> Result<usize, ApiError> {
        match kind {
            "list" => {
                let (items, at) = answer.items(&res.items)?;
                for (i, item) in items.iter().enumerate() {
                    answer.article(item, &format!("{at}/{i}"), res)?;
                }
                Ok(items.len())
            }
            "article" => {
                let (item, at) = answer.item(&res.items)?;
                answer.article(item, &at, res).map(|_| 1)
            }
            "comments" => {
                let (items, at) = answer.items(&res.items)?;
                for (i, c) in items.iter().enumerate() {
                    answer.comment(c, &format!("{at}/{i}"), res)?;
                }
                Ok(items.len())
            }
            "captcha" => {
                let (item, at) = answer.item(&res.items)?;
                answer.captcha(item, &at, res).map(|_| 1)
            }
            _ => {
                let (items, at) = answer.items(&res.items)?;
                for (i, g) in items.iter().enumerate() {
                    answer.group(g, &format!("{at}/{i}"), res)?;
                }
                Ok(items.len())
            }
        }
    })
    .unwrap_or_else(|_| panic!("the mapping engine panicked on {root}"));
    match result {
        Ok(_) => Outcome::Read,
        Err(ApiError::Decode { what, detail }) => {
            assert_eq!(what, WHAT, "the error names the request");
            assert!(
                detail.starts_with("no /") || detail.starts_with('/') || detail.starts_with("no "),
                "the error names a pointer: {detail}"
            );
            Outcome::Refused
        }
        Err(ApiError::NotFound) if kind == "article" || kind == "captcha" => Outcome::Refused,
        Err(other) => panic!("unexpected error kind {other:?} for {root}"),
    }
}

fn resource<'m>(m: &'m Mapping, name: &str, list: bool) -> (&'m Resource, &'static str) {
    if name == "ghost-tags" {
        return (m.groups.as_ref().expect("ghost lists tags"), "groups");
    }
    if name.ends_with("-comments") {
        return (m.comments.as_ref().expect("comments"), "comments");
    }
    if name.ends_with("-captcha") {
        return (m.captcha.as_ref().expect("a captcha"), "captcha");
    }
    if list {
        (&m.list, "list")
    } else {
        (m.article.as_ref().expect("an article request"), "article")
    }
}

#[test]
fn mutated_answers_read_or_fail_with_a_typed_error() {
    let maps = mappings();
    for (i, (name, list, sample)) in samples().into_iter().enumerate() {
        let api = name.split('-').next().unwrap_or(name);
        let m = &maps.iter().find(|(n, _)| *n == api).expect("mapping").1;
        let (res, kind) = resource(m, name, list);
        assert_eq!(
            read_checked(res, &sample, kind),
            Outcome::Read,
            "{name}: the unmutated sample must read, or its mutations prove nothing"
        );
        let text = sample.to_string();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64 + 1));
        let (mut read, mut refused) = (0, 0);
        let mut current = text.clone();
        for round in 0..ROUNDS {
            if round % 4 == 0 {
                current = text.clone();
            }
            current = mutate(&mut rng, &current);
            // Text that is no longer JSON is the decoder's (tests/decoders.rs).
            let Ok(value) = serde_json::from_str::<Value>(&current) else {
                continue;
            };
            match read_checked(res, &value, kind) {
                Outcome::Read => read += 1,
                Outcome::Refused => refused += 1,
            }
        }
        assert!(read > 0, "{name}: no mutation read: {read}/{refused}");
        assert!(refused > 0, "{name}: no mutation refused: {read}/{refused}");
    }
}

/// A random JSON tree, at most `depth` deep, with the keys mappings look for.
fn random_value(rng: &mut Rng, depth: u32) -> Value {
    const KEYS: &[&str] = &[
        "replies",
        "rid",
        "by",
        "said",
        "at",
        "challenge",
        "token",
        "picture",
        "until",
        "posts",
        "items",
        "results",
        "story",
        "slug",
        "title",
        "html",
        "id",
        "ref",
        "headline",
        "published_at",
        "posted",
        "date_published",
        "tags",
        "topics",
        "key",
        "label",
        "0",
        "",
        "feature_image",
        "picture",
        "src",
        "meta",
        "included",
        "text",
        "content_html",
        "name",
    ];
    match rng.below(if depth == 0 { 5 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64),
        3 => json!(["2026-01-27T12:15:00Z", "x", "", "<p>x</p>", "1769516100"][rng.below(5)]),
        4 => json!(rng.next() % 2_000_000_000),
        5 | 6 => {
            let mut map = serde_json::Map::new();
            for _ in 0..rng.below(6) {
                map.insert(
                    KEYS[rng.below(KEYS.len())].to_owned(),
                    random_value(rng, depth - 1),
                );
            }
            Value::Object(map)
        }
        _ => Value::Array(
            (0..rng.below(4))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
        ),
    }
}

#[test]
fn random_answers_never_panic() {
    for (name, m) in mappings() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d ^ name.len() as u64);
        for _ in 0..ROUNDS {
            let v = random_value(&mut rng, 5);
            read_checked(&m.list, &v, "list");
            if let Some(a) = &m.article {
                read_checked(a, &v, "article");
            }
            if let Some(g) = &m.groups {
                read_checked(g, &v, "groups");
            }
            if let Some(c) = &m.comments {
                read_checked(c, &v, "comments");
            }
            if let Some(c) = &m.captcha {
                read_checked(c, &v, "captcha");
            }
        }
    }
}

#[test]
fn random_markdown_bodies_never_panic() {
    let spec = json!({"list": {"request": {"url": "x"}, "items": "/data", "body_format": "markdown",
        "fields": {"code": "/id", "title": "/id", "published_at": "/d", "body": "/b"}}});
    let list = mapping::build(None, &spec, &[]).expect("valid").0.list;
    let alphabet: Vec<char> = "#*_`[]()!<>-+1.\\ \n\n\t=~سa:/h|".chars().collect();
    let mut rng = Rng(0x5eed_0f0d_a7c5);
    for _ in 0..ROUNDS * 20 {
        let body: String = (0..rng.below(60))
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        let root = json!({"data": [{"id": "1", "d": "2026-01-01", "b": body}]});
        assert_eq!(
            read_checked(&list, &root, "list"),
            Outcome::Read,
            "a Markdown body always reads: {body:?}"
        );
    }
}

#[test]
fn mutated_mappings_are_read_or_named_by_path() {
    let sources = [
        serde_json::from_str::<Value>(include_str!("../src/mapping/presets/ghost.json"))
            .expect("preset"),
        walk_through(),
    ];
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    let (mut ok, mut refused) = (0, 0);
    for round in 0..ROUNDS {
        let text = mutate(&mut rng, &sources[round % 2].to_string());
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let result = std::panic::catch_unwind(|| mapping::build(None, &v, &["key".into()]))
            .unwrap_or_else(|_| panic!("the mapping reader panicked on {text}"));
        match result {
            Ok(_) => ok += 1,
            Err(problems) => {
                refused += 1;
                assert!(!problems.is_empty(), "a refusal says why");
                for p in problems {
                    let path = match &p {
                        Problem::UnknownKey { path }
                        | Problem::WrongType { path, .. }
                        | Problem::BadValue { path, .. }
                        | Problem::Missing { path }
                        | Problem::UnknownHole { path, .. } => path,
                        Problem::Syntax { .. } => panic!("no syntax problem from a value: {p:?}"),
                    };
                    assert!(
                        path.starts_with("backend.mapping") || path.starts_with("backend.params"),
                        "{p:?}"
                    );
                }
            }
        }
    }
    assert!(
        ok > 0 && refused > 0,
        "both paths ran: {ok} read, {refused} refused"
    );
}
