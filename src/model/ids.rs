//! Newtypes for identifiers. Backends may send ids as JSON strings or numbers;
//! the app holds them as strings.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an identifier.
            pub fn new(s: impl Into<String>) -> Self {
                Self(s.into())
            }
            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                string_or_number(d).map(Self)
            }
        }
    };
}

string_id!(
    /// An article's public identifier ("News code").
    NewsCode
);
string_id!(
    /// A news group's URL identifier.
    GroupSlug
);
string_id!(
    /// A comment's identifier.
    CommentId
);

/// Reads a JSON string or integer as a string.
fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or an integer")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            if v.is_empty() {
                return Err(E::custom("an empty identifier"));
            }
            Ok(v.to_owned())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(V)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_accept_strings_and_integers() {
        for (json, want) in [(r#""50844""#, "50844"), ("50844", "50844"), ("-3", "-3")] {
            let code: NewsCode = serde_json::from_str(json).expect(json);
            assert_eq!(code.as_str(), want);
        }
    }

    #[test]
    fn ids_reject_floats_booleans_and_empty_strings() {
        for json in ["1.5", "true", "null", r#""""#, "[]"] {
            assert!(serde_json::from_str::<NewsCode>(json).is_err(), "{json}");
        }
    }
}
