//! Dates, digits and plurals through the browser's Intl, pinned on known
//! instants: the source page's date, the year change at Nowruz, a Solar Hijri
//! leap year, a Gregorian leap day, and a time whose day depends on the zone.
#![cfg(target_arch = "wasm32")]

use newsfront::format::number;
use newsfront::i18n::{date_time, plural, Locale};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn at(iso: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(iso).expect("valid instant")
}

#[wasm_bindgen_test]
fn dates_in_both_calendars() {
    let cases = [
        // (instant, zone, English, Persian)
        (
            "2020-05-06T14:30:00+04:30",
            "Asia/Tehran",
            "May 6, 2020, 14:30",
            "۱۷ اردیبهشت ۱۳۹۹، ساعت ۱۴:۳۰",
        ),
        // The last day of 1398 and the first of 1399 (Nowruz).
        (
            "2020-03-19T12:00:00Z",
            "Asia/Tehran",
            "March 19, 2020, 15:30",
            "۲۹ اسفند ۱۳۹۸، ساعت ۱۵:۳۰",
        ),
        (
            "2020-03-20T12:00:00Z",
            "Asia/Tehran",
            "March 20, 2020, 15:30",
            "۱ فروردین ۱۳۹۹، ساعت ۱۵:۳۰",
        ),
        // 1399 is a leap year: Esfand has a 30th day, then 1400 begins.
        (
            "2021-03-20T08:00:00Z",
            "Asia/Tehran",
            "March 20, 2021, 11:30",
            "۳۰ اسفند ۱۳۹۹، ساعت ۱۱:۳۰",
        ),
        (
            "2021-03-21T08:00:00Z",
            "Asia/Tehran",
            "March 21, 2021, 11:30",
            "۱ فروردین ۱۴۰۰، ساعت ۱۱:۳۰",
        ),
        // A Gregorian leap day.
        (
            "2024-02-29T12:00:00Z",
            "Asia/Tehran",
            "February 29, 2024, 15:30",
            "۱۰ اسفند ۱۴۰۲، ساعت ۱۵:۳۰",
        ),
        // 20:00 UTC is already the next day in Tehran, not in UTC.
        (
            "2020-05-06T20:00:00Z",
            "Asia/Tehran",
            "May 7, 2020, 00:30",
            "۱۸ اردیبهشت ۱۳۹۹، ساعت ۰۰:۳۰",
        ),
        (
            "2020-05-06T20:00:00Z",
            "UTC",
            "May 6, 2020, 20:00",
            "۱۷ اردیبهشت ۱۳۹۹، ساعت ۲۰:۰۰",
        ),
    ];
    for (iso, zone, en, fa) in cases {
        assert_eq!(date_time(Locale::En, &at(iso), zone), en, "{iso} in {zone}");
        assert_eq!(date_time(Locale::Fa, &at(iso), zone), fa, "{iso} in {zone}");
    }
}

#[wasm_bindgen_test]
fn an_unknown_zone_falls_back_to_utc_instead_of_failing() {
    assert_eq!(
        date_time(Locale::En, &at("2020-05-06T20:00:00Z"), "Mars/Olympus"),
        "May 6, 2020, 20:00"
    );
    assert!(!newsfront::format::time_zone_ok("Mars/Olympus"));
    assert!(newsfront::format::time_zone_ok("Asia/Tehran"));
}

#[wasm_bindgen_test]
fn numbers_use_the_language_digits() {
    assert_eq!(number(73, Locale::En), "73");
    assert_eq!(number(1234, Locale::En), "1,234");
    assert_eq!(number(73, Locale::Fa), "۷۳");
    assert_eq!(number(1234, Locale::Fa), "۱٬۲۳۴");
}

#[wasm_bindgen_test]
fn plurals_follow_each_language() {
    let en = |n| plural(Locale::En, "article.comments", n, &[]);
    assert_eq!(en(0), "No comments yet");
    assert_eq!(en(1), "1 comment");
    assert_eq!(en(3), "3 comments");
    assert_eq!(
        plural(Locale::En, "article.views", 1234, &[]),
        "1,234 views"
    );
    let fa = |n| plural(Locale::Fa, "article.comments", n, &[]);
    assert_eq!(fa(3), "۳ نظر");
    assert_eq!(fa(1), "۱ نظر");
    assert_ne!(fa(0), fa(1), "zero has its own words");
}
