//! The interface languages: a leaf that the translation layer (i18n) and the
//! formatters (format) both use, so neither depends on the other for it.

/// An interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English, left to right.
    En,
    /// Persian, right to left.
    Fa,
}

impl Locale {
    /// Every interface language this build carries.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fa];

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fa => "fa",
        }
    }

    /// The writing direction, for the `dir` attribute.
    pub fn dir(self) -> &'static str {
        match self {
            Self::En => "ltr",
            Self::Fa => "rtl",
        }
    }

    /// The language for a code, if this build has it.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}
