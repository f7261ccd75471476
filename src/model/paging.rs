//! Paging arithmetic and the `?page=` query parameter.

/// How many articles a listing shows per page.
pub const ARTICLES_PER_PAGE: u32 = 10;

/// The most entries a page may ask the backend for (the contract's limit).
pub const MAX_PER_PAGE: u32 = 100;

/// What the `page` query parameter asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageParam {
    /// A valid 1-based page number (absent means 1).
    Valid(u32),
    /// Present but not a positive whole number; the listing shows page 1 and says so.
    Invalid,
}

impl PageParam {
    /// Parses the raw query value.
    pub fn parse(raw: Option<&str>) -> Self {
        match raw.map(str::trim) {
            None | Some("") => Self::Valid(1),
            Some(s) => match s.parse::<u32>() {
                Ok(n) if n >= 1 => Self::Valid(n),
                _ => Self::Invalid,
            },
        }
    }

    /// The page to fetch.
    pub fn number(self) -> u32 {
        match self {
            Self::Valid(n) => n,
            Self::Invalid => 1,
        }
    }
}

/// How many pages `total` entries fill at `per_page` a page (at least 1).
pub fn page_count(total: u64, per_page: u32) -> u32 {
    if per_page == 0 {
        return 1;
    }
    let pages = total.div_ceil(u64::from(per_page)).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

/// The page numbers a pager shows around `current`, with `None` for a gap.
///
/// Always shows the first and last page and up to two neighbours each side.
pub fn pager_window(current: u32, count: u32) -> Vec<Option<u32>> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=count {
        let near = n.abs_diff(current) <= 2;
        if n == 1 || n == count || near {
            if last != 0 && n > last + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last = n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_param_parses_table() {
        let cases = [
            (None, PageParam::Valid(1)),
            (Some(""), PageParam::Valid(1)),
            (Some("1"), PageParam::Valid(1)),
            (Some(" 7 "), PageParam::Valid(7)),
            (Some("0"), PageParam::Invalid),
            (Some("-2"), PageParam::Invalid),
            (Some("two"), PageParam::Invalid),
            (Some("1.5"), PageParam::Invalid),
            (Some("99999999999"), PageParam::Invalid),
        ];
        for (raw, want) in cases {
            assert_eq!(PageParam::parse(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn page_count_rounds_up_and_is_never_zero() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_count(10_000, 10), 1000);
        assert_eq!(page_count(5, 0), 1);
    }

    #[test]
    fn pager_window_marks_gaps() {
        assert_eq!(pager_window(1, 1), vec![Some(1)]);
        assert_eq!(pager_window(1, 4), vec![Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(
            pager_window(10, 20),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
    }
}
