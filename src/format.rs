//! Numbers, plurals and dates in the reader's language, through the browser's
//! Intl (calendars, digits, time zones) so that no tables ship in the wasm.
//! Off the browser (native unit tests) a plain fallback is used.

use crate::locale::Locale;
use chrono::{DateTime, FixedOffset};

/// A count in the language's digits.
pub fn number(n: u64, locale: Locale) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        intl::number(n, locale)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = locale;
        n.to_string()
    }
}

/// The CLDR plural category of `n` ("one", "other", ...).
pub fn plural_category(n: u64, locale: Locale) -> &'static str {
    #[cfg(target_arch = "wasm32")]
    {
        intl::plural_category(n, locale)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // English and Persian both have just "one" and "other"; Persian also
        // says "one" for zero.
        match (locale, n) {
            (_, 1) | (Locale::Fa, 0) => "one",
            _ => "other",
        }
    }
}

/// The date and the time of day of an instant, each formatted for display in
/// the language's calendar (Solar Hijri for Persian) and digits, in `time_zone`.
pub fn date_and_time(
    dt: &DateTime<FixedOffset>,
    locale: Locale,
    time_zone: &str,
) -> (String, String) {
    #[cfg(target_arch = "wasm32")]
    {
        intl::date_and_time(dt.timestamp_millis() as f64, locale, time_zone)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (locale, time_zone);
        (
            dt.format("%Y-%m-%d").to_string(),
            dt.format("%H:%M").to_string(),
        )
    }
}

/// Whether the browser knows `time_zone`.
pub fn time_zone_ok(time_zone: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        intl::date_time_format("en", time_zone).is_some()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        !time_zone.is_empty()
    }
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use super::Locale;
    use js_sys::{Object, Reflect};
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
        #[derive(Clone)]
        pub type DateTimeFormat;
        #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
        fn new(locale: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;
        #[wasm_bindgen(method, js_class = "DateTimeFormat")]
        fn format(this: &DateTimeFormat, date: &js_sys::Date) -> String;

        #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
        #[derive(Clone)]
        type NumberFormat;
        #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "NumberFormat")]
        fn new_number(locale: &str) -> Result<NumberFormat, JsValue>;
        #[wasm_bindgen(method, js_class = "NumberFormat", js_name = format)]
        fn format_number(this: &NumberFormat, n: f64) -> String;

        #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
        #[derive(Clone)]
        type PluralRules;
        #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "PluralRules")]
        fn new_plural(locale: &str) -> Result<PluralRules, JsValue>;
        #[wasm_bindgen(method, js_class = "PluralRules")]
        fn select(this: &PluralRules, n: f64) -> String;
    }

    fn set(o: &Object, k: &str, v: &str) {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(o, &k.into(), &v.into());
    }

    fn formatter(locale: &str, time_zone: &str, fields: &[(&str, &str)]) -> Option<DateTimeFormat> {
        let o = Object::new();
        for (k, v) in fields {
            set(&o, k, v);
        }
        set(&o, "timeZone", time_zone);
        DateTimeFormat::new(locale, &o).ok()
    }

    // Making an Intl formatter costs far more than using one (it loads the
    // locale's data), and a listing formats dozens of dates and numbers: each
    // formatter is made once per locale, zone and kind, then reused. A failed
    // one (an unknown zone) is remembered too.
    type Cache<K, V> = RefCell<HashMap<K, Option<V>>>;
    thread_local! {
        static DATE_FORMATS: Cache<(String, String, bool), DateTimeFormat> = Cache::default();
        static NUMBER_FORMATS: Cache<&'static str, NumberFormat> = Cache::default();
        static PLURAL_RULES: Cache<&'static str, PluralRules> = Cache::default();
    }

    /// The formatter `cache` holds under `key`, made by `make` the first time.
    fn reuse<K: std::hash::Hash + Eq, V: Clone>(
        cache: &'static std::thread::LocalKey<Cache<K, V>>,
        key: K,
        make: impl FnOnce() -> Option<V>,
    ) -> Option<V> {
        cache.with(|c| c.borrow_mut().entry(key).or_insert_with(make).clone())
    }

    /// The date (`time` false) or time formatter for `locale` in `time_zone`.
    fn cached(locale: &str, time_zone: &str, time: bool) -> Option<DateTimeFormat> {
        reuse(
            &DATE_FORMATS,
            (locale.to_owned(), time_zone.to_owned(), time),
            || formatter(locale, time_zone, if time { TIME } else { DATE }),
        )
    }

    const DATE: &[(&str, &str)] = &[("year", "numeric"), ("month", "long"), ("day", "numeric")];
    const TIME: &[(&str, &str)] = &[
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ];

    pub fn date_time_format(locale: &str, time_zone: &str) -> Option<DateTimeFormat> {
        cached(locale, time_zone, false)
    }

    pub fn date_and_time(millis: f64, locale: Locale, time_zone: &str) -> (String, String) {
        let date = js_sys::Date::new(&JsValue::from_f64(millis));
        // An unknown zone was already reported at start-up (and its failed
        // formatter is cached like a good one); UTC keeps the page readable.
        let part = |time| {
            cached(locale.code(), time_zone, time)
                .or_else(|| cached(locale.code(), "UTC", time))
                .map(|f| f.format(&date))
                .unwrap_or_else(|| String::from(date.to_iso_string()))
        };
        (part(false), part(true))
    }

    pub fn number(n: u64, locale: Locale) -> String {
        match reuse(&NUMBER_FORMATS, locale.code(), || {
            NumberFormat::new_number(locale.code()).ok()
        }) {
            Some(f) => f.format_number(n as f64),
            None => n.to_string(),
        }
    }

    pub fn plural_category(n: u64, locale: Locale) -> &'static str {
        let rules = reuse(&PLURAL_RULES, locale.code(), || {
            PluralRules::new_plural(locale.code()).ok()
        });
        let category = rules.map(|r| r.select(n as f64)).unwrap_or_default();
        match category.as_str() {
            "zero" => "zero",
            "one" => "one",
            "two" => "two",
            "few" => "few",
            "many" => "many",
            _ => "other",
        }
    }
}
