//! What can be wrong with config.json (and a backend mapping in it), each
//! problem named by the dotted path of its key: a leaf that the settings
//! and the mapping format both report with.

/// One thing wrong with config.json.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file is not JSON at all.
    Syntax {
        /// The parser's description, with line and column.
        detail: String,
    },
    /// A key the app does not know; it was ignored.
    UnknownKey {
        /// Dotted path of the key.
        path: String,
    },
    /// A value of the wrong JSON type; the default was used.
    WrongType {
        /// Dotted path of the key.
        path: String,
        /// What the key takes.
        expected: Expected,
    },
    /// A value of the right type that the app cannot use; the default was used.
    BadValue {
        /// Dotted path of the key.
        path: String,
        /// The value found.
        value: String,
    },
    /// A key that must be given is not there.
    Missing {
        /// Dotted path of the key.
        path: String,
    },
    /// A template names a value that neither the app nor `backend.params` gives.
    UnknownHole {
        /// Dotted path of the template.
        path: String,
        /// The name in braces.
        name: String,
    },
}

/// The kind of value a setting takes, for problem reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A JSON string.
    Text,
    /// A JSON boolean.
    Bool,
    /// A non-negative whole number.
    Number,
    /// A JSON object.
    Object,
    /// One of [`SUPPORTED_LOCALES`].
    Locale,
    /// A list of [`SUPPORTED_LOCALES`].
    Locales,
    /// A backend kind.
    Kind,
    /// A JSON array.
    List,
}
