//! Property tests of the decoders: random and mutated JSON for every response
//! type and for config.json never panics and always ends in a value or a
//! typed error that says what was wrong; for every response type some
//! mutations still decode and some are refused, so both paths ran.
//! A small deterministic generator keeps runs repeatable (seeded xorshift).
#![cfg(not(target_arch = "wasm32"))]

use newsfront::api::http::decode;
use newsfront::api::wordpress::wire::{Category, Post, WpComment};
use newsfront::api::ApiError;
use newsfront::model::comment::{Accepted, Captcha};
use newsfront::model::{Article, ArticleSummary, Comment, Group, Page};

/// Iterations per sample and per case: 400 mutations of each of 9 response
/// samples, 400 random inputs for 5 types, 400 WordPress mappings, 1,200
/// config files (7,200 inputs a run).
const ROUNDS: usize = 400;

mod common;

use common::fuzz::{mutate, Rng};

/// What one decode ended in; anything else is a failed test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Decoded,
    Rejected,
}

/// Decodes `text` as `T` and checks how it ended: a value, or a typed error
/// that says what it was (`Decode` naming the response and, in serde_json's
/// words, what was wrong and where; `NotJson` naming the content type). A
/// panic, or any other error kind, fails the test with the input that caused it.
fn decode_checked<T: serde::de::DeserializeOwned>(content_type: &str, text: &str) -> Outcome {
    const WHAT: &str = "fuzzed response";
    let result = std::panic::catch_unwind(|| decode::<T>(content_type, text, WHAT).map(|_| ()))
        .unwrap_or_else(|_| panic!("the decoder panicked on {text:?}"));
    match result {
        Ok(()) => Outcome::Decoded,
        Err(ApiError::Decode { what, detail }) => {
            assert_eq!(what, WHAT, "the error names another response");
            assert!(
                detail.contains(" line ") && detail.contains(" column "),
                "the error does not say where the body went wrong: {detail:?} for {text:?}"
            );
            Outcome::Rejected
        }
        Err(ApiError::NotJson { content_type: ct }) => {
            assert!(
                !ct.is_empty(),
                "NotJson without a content type for {text:?}"
            );
            Outcome::Rejected
        }
        Err(other) => panic!("unexpected error kind {other:?} for {text:?}"),
    }
}

/// How mutations of one sample ended.
#[derive(Debug, Default)]
struct Tally {
    /// Mutated texts (different from the sample) that still decoded.
    decoded: usize,
    /// Texts rejected with a typed error.
    rejected: usize,
}

/// Feeds `sample` and its mutations to the decoder of `T`.
fn hammer<T: serde::de::DeserializeOwned>(sample: &str, seed: u64) -> Tally {
    assert_eq!(
        decode_checked::<T>("application/json", sample),
        Outcome::Decoded,
        "the unmutated sample must decode, or its mutations prove nothing"
    );
    let mut rng = Rng(seed);
    let mut tally = Tally::default();
    let mut current = sample.to_owned();
    for round in 0..ROUNDS {
        // Mostly mutate the original, sometimes keep compounding.
        if round % 4 == 0 {
            current = sample.to_owned();
        }
        current = mutate(&mut rng, &current);
        match decode_checked::<T>("application/json", &current) {
            Outcome::Decoded if current != sample => tally.decoded += 1,
            Outcome::Decoded => {}
            Outcome::Rejected => tally.rejected += 1,
        }
    }
    tally
}

/// Random bytes, under a JSON and a missing content type, end in a value
/// only when they happen to be JSON of the right shape, and otherwise in a
/// typed error; returns how many were rejected.
fn random_bytes_never_panic<T: serde::de::DeserializeOwned>(seed: u64) -> usize {
    let mut rng = Rng(seed);
    let mut rejected = 0;
    for round in 0..ROUNDS {
        let len = rng.below(200);
        let mut bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        if round % 8 == 0 {
            // An HTML error page where JSON was expected.
            bytes.splice(0..0, b"<!doctype html>".iter().copied());
        }
        let text = String::from_utf8_lossy(&bytes);
        let content_type = if round % 2 == 0 {
            "application/json"
        } else {
            ""
        };
        match decode_checked::<T>(content_type, &text) {
            Outcome::Rejected => rejected += 1,
            Outcome::Decoded => assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "decoded though not JSON: {text:?}"
            ),
        }
    }
    rejected
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
    let tallies = [
        ("Article", hammer::<Article>(ARTICLE, 1)),
        (
            "Page<ArticleSummary>",
            hammer::<Page<ArticleSummary>>(PAGE, 2),
        ),
        ("Vec<Group>", hammer::<Vec<Group>>(GROUPS, 3)),
        ("Page<Comment>", hammer::<Page<Comment>>(COMMENTS, 4)),
        ("Captcha", hammer::<Captcha>(CAPTCHA, 5)),
        ("Accepted", hammer::<Accepted>(ACCEPTED, 6)),
        ("wordpress Post", hammer::<Post>(WP_POST, 7)),
        (
            "wordpress Vec<Category>",
            hammer::<Vec<Category>>(WP_CATEGORY, 8),
        ),
        (
            "wordpress Vec<WpComment>",
            hammer::<Vec<WpComment>>(WP_COMMENT, 9),
        ),
    ];
    for (name, tally) in &tallies {
        eprintln!("{name}: {tally:?}");
        // Both ends of the decoder ran: a mutation it must accept (an
        // optional field nulled, a value duplicated where it is allowed) and
        // one it must refuse.
        assert!(
            tally.decoded > 0,
            "{name}: no mutated sample decoded, so the decoder may refuse everything: {tally:?}"
        );
        assert!(
            tally.rejected > 0,
            "{name}: every mutation decoded, so nothing was refused: {tally:?}"
        );
    }
}

#[test]
fn random_bytes_are_rejected_with_a_typed_error() {
    for (name, rejected) in [
        ("Article", random_bytes_never_panic::<Article>(11)),
        (
            "Page<ArticleSummary>",
            random_bytes_never_panic::<Page<ArticleSummary>>(12),
        ),
        ("Vec<Group>", random_bytes_never_panic::<Vec<Group>>(13)),
        ("Captcha", random_bytes_never_panic::<Captcha>(14)),
        ("wordpress Post", random_bytes_never_panic::<Post>(15)),
    ] {
        assert!(
            rejected > ROUNDS / 2,
            "{name}: only {rejected} of {ROUNDS} random inputs refused"
        );
    }
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
