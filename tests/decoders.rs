//! Property tests of the decoders: random and mutated JSON for every response
//! type and for config.json never panics and always ends in a typed result.
//! A small deterministic generator keeps runs repeatable (seeded xorshift).
#![cfg(not(target_arch = "wasm32"))]

use newsfront::api::http::decode;
use newsfront::api::wordpress::wire::{Category, Post, WpComment};
use newsfront::api::ApiError;
use newsfront::model::comment::{Accepted, Captcha};
use newsfront::model::{Article, ArticleSummary, Comment, Group, Page};

/// Iterations per sample; 400 × 10 samples × several types ≈ 30,000 decodes.
const ROUNDS: usize = 400;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Replacement values of every JSON type, including hostile strings.
const VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "1e309",
    "18446744073709551616",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "\"2020-05-06T14:30:00\"",
    "\"yesterday\"",
    "\"\\u0000\"",
    "\"<script>\"",
    "[[[[[[[]]]]]]]",
];

/// One mutation of `json`: a byte flip, a cut, a value swap, an insertion or a duplication.
fn mutate(rng: &mut Rng, json: &str) -> String {
    let mut bytes = json.as_bytes().to_vec();
    match rng.below(5) {
        0 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            bytes[i] = (rng.next() & 0xff) as u8;
        }
        1 => bytes.truncate(rng.below(bytes.len() + 1)),
        2 => {
            // Swap the value after a random colon for another JSON value.
            let colons: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b':')
                .map(|(i, _)| i)
                .collect();
            if let Some(&c) = colons.get(rng.below(colons.len())) {
                let end = bytes[c + 1..]
                    .iter()
                    .position(|b| *b == b',' || *b == b'}')
                    .map_or(bytes.len(), |p| c + 1 + p);
                let v = VALUES[rng.below(VALUES.len())].as_bytes();
                bytes.splice(c + 1..end, v.iter().copied());
            }
        }
        3 => {
            let i = rng.below(bytes.len() + 1);
            let v = VALUES[rng.below(VALUES.len())].as_bytes();
            bytes.splice(i..i, v.iter().copied());
        }
        _ => {
            let a = rng.below(bytes.len() + 1);
            let b = (a + rng.below(64)).min(bytes.len());
            let chunk = bytes[a..b].to_vec();
            bytes.splice(a..a, chunk);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Feeds `samples` and their mutations to the decoder of `T`.
fn hammer<T: serde::de::DeserializeOwned>(samples: &[&str], seed: u64) -> (usize, usize) {
    let mut rng = Rng(seed);
    let (mut ok, mut err) = (0, 0);
    for s in samples {
        let mut current = (*s).to_owned();
        for round in 0..ROUNDS {
            // Mostly mutate the original, sometimes keep compounding.
            if round % 4 == 0 {
                current = (*s).to_owned();
            }
            current = mutate(&mut rng, &current);
            match decode::<T>("application/json", &current, "fuzz") {
                Ok(_) => ok += 1,
                Err(ApiError::Decode { what, detail }) => {
                    assert_eq!(what, "fuzz");
                    assert!(!detail.is_empty());
                    err += 1;
                }
                Err(ApiError::NotJson { .. }) => err += 1,
                Err(other) => panic!("unexpected error kind {other:?} for {current:?}"),
            }
        }
    }
    (ok, err)
}

fn random_bytes_never_panic<T: serde::de::DeserializeOwned>(seed: u64) {
    let mut rng = Rng(seed);
    for _ in 0..ROUNDS {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        // Random bytes decode only when they happen to be JSON of the right shape.
        if decode::<T>("application/json", &text, "random").is_ok() {
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "{text:?}"
            );
        }
    }
}

const ARTICLE: &str = r#"{"code": 50844, "title": "T", "lead": "L", "published_at": "2020-05-06T14:30:00+04:30",
  "updated_at": "2020-05-07T10:00:00Z", "groups": [{"slug": "news", "name": "NEWS"}], "views": 73,
  "reading_minutes": 2, "comment_count": 0, "language": "en", "author": "A", "source": "S",
  "image": {"url": "a.png", "alt": "x", "caption": "c", "width": 10, "height": 5},
  "body_html": "<p>x</p>", "comments_open": true}"#;
const PAGE: &str = r#"{"items": [{"code": "1", "title": "T", "published_at": "2020-05-06T14:30:00+04:30", "groups": []}], "page": 1, "per_page": 10, "total": 1}"#;
const GROUPS: &str =
    r#"[{"slug": "news", "name": "NEWS", "description": "d", "parent": "x", "article_count": 3}]"#;
const COMMENTS: &str = r#"{"items": [{"id": 1, "parent_id": 2, "author_name": "S", "body": "b", "created_at": "2020-05-06T14:30:00+04:30"}], "page": 1, "per_page": 50, "total": 1}"#;
const CAPTCHA: &str = r#"{"id": "c1", "image": "data:image/png;base64,AA==", "width": 180, "height": 60, "audio": "a.mp3", "expires_at": "2020-05-06T14:35:00+04:30"}"#;
const ACCEPTED: &str = r#"{"status": "pending", "comment": {"id": "s1", "author_name": "S", "body": "b", "created_at": "2020-05-06T14:30:00+04:30"}}"#;
const WP_POST: &str = r#"{"id": 5, "date_gmt": "2020-05-06T10:00:00", "title": {"rendered": "T &amp; U"}, "content": {"rendered": "<p>x</p>", "protected": false}, "_embedded": {"wp:term": [[{"name": "N", "slug": "n", "taxonomy": "category"}]], "wp:featuredmedia": [{"source_url": "a.jpg"}]}}"#;
const WP_CATEGORY: &str =
    r#"[{"id": 1, "name": "N", "slug": "%d9%81", "description": "", "parent": 0, "count": 3}]"#;
const WP_COMMENT: &str = r#"[{"id": 1, "post": 5, "parent": 0, "author_name": "S", "content": {"rendered": "<p>b</p>"}, "date_gmt": "2020-05-06T10:00:00", "status": "approved"}]"#;

#[test]
fn mutated_responses_decode_or_fail_with_a_typed_error() {
    let mut total = 0;
    for (i, (ok, err)) in [
        hammer::<Article>(&[ARTICLE], 1),
        hammer::<Page<ArticleSummary>>(&[PAGE], 2),
        hammer::<Vec<Group>>(&[GROUPS], 3),
        hammer::<Page<Comment>>(&[COMMENTS], 4),
        hammer::<Captcha>(&[CAPTCHA], 5),
        hammer::<Accepted>(&[ACCEPTED], 6),
        hammer::<Post>(&[WP_POST], 7),
        hammer::<Vec<Category>>(&[WP_CATEGORY], 8),
        hammer::<Vec<WpComment>>(&[WP_COMMENT], 9),
    ]
    .into_iter()
    .enumerate()
    {
        assert!(
            err > 0,
            "sample {i}: mutations never failed, so nothing was tested"
        );
        total += ok + err;
    }
    assert_eq!(total, 9 * ROUNDS);
}

#[test]
fn random_bytes_are_rejected_without_panicking() {
    random_bytes_never_panic::<Article>(11);
    random_bytes_never_panic::<Page<ArticleSummary>>(12);
    random_bytes_never_panic::<Vec<Group>>(13);
    random_bytes_never_panic::<Captcha>(14);
    random_bytes_never_panic::<Post>(15);
}

#[test]
fn mutated_wordpress_answers_map_without_panicking() {
    let mut rng = Rng(21);
    for _ in 0..ROUNDS {
        let text = mutate(&mut rng, WP_POST);
        if let Ok(post) = serde_json::from_str::<Post>(&text) {
            // Mapping may decline (an unreadable date) but never panics.
            let _ = newsfront::api::wordpress::wire::article(&post);
        }
    }
}

#[test]
fn mutated_config_files_always_give_a_usable_config() {
    let sample = r#"{"site": {"name": "N", "default_locale": "fa", "locales": ["en", "fa"], "time_zone": "Asia/Tehran"},
        "backend": {"kind": "native", "base_url": "https://x.org/api/", "timeout_ms": 3000},
        "comments": {"require_email": true, "per_page": 20}}"#;
    let mut rng = Rng(31);
    let mut with_problems = 0;
    for round in 0..ROUNDS * 3 {
        let text = if round % 3 == 0 {
            mutate(&mut rng, sample)
        } else {
            {
                let once = mutate(&mut rng, sample);
                mutate(&mut rng, &once)
            }
        };
        let (config, problems) = newsfront::config::parse(&text);
        assert!(!config.locales.is_empty());
        assert!(config.locales.contains(&config.default_locale), "{text}");
        assert!(config.timeout_ms >= 100 && config.comments_per_page >= 1);
        with_problems += usize::from(!problems.is_empty());
    }
    assert!(
        with_problems > ROUNDS,
        "the mutations should break most files"
    );
}
