//! The account screen's transaction filters and their place in the URL (`?q=&from=&to=&type=&page=`), so a
//! reload or a shared link shows the same list. Reading a URL never fails: values that make no sense are ignored.

use chrono::NaiveDate;
use digibank_api_types::{TransactionQuery, TransactionType};

use crate::pages::calendar_day::{format_day, parse_day};
use crate::services::http::Query;

/// Longest search text (the bank's limit).
pub const MAX_SEARCH_LEN: usize = 100;
/// Highest page number taken from a URL.
pub const MAX_PAGE: u32 = 100_000;

/// Search, date range, kind and page of the transaction list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransactionFilters {
    /// Text searched in description and counterparty (trimmed, never empty).
    pub q: Option<String>,
    /// Earliest booking day, inclusive.
    pub from: Option<NaiveDate>,
    /// Latest booking day, inclusive (never before `from`).
    pub to: Option<NaiveDate>,
    /// Only this kind.
    pub kind: Option<TransactionType>,
    /// Page number from 1.
    pub page: u32,
}

impl TransactionFilters {
    /// The filters in a URL query, looked up by name; missing or invalid values are left out, an inverted
    /// date range is dropped as a whole, and the page defaults to 1.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let (from, to) = match (
            get("from").as_deref().and_then(parse_day),
            get("to").as_deref().and_then(parse_day),
        ) {
            (Some(from), Some(to)) if from > to => (None, None),
            range => range,
        };
        TransactionFilters {
            q: get("q").as_deref().and_then(search_text),
            from,
            to,
            kind: get("type").as_deref().and_then(parse_kind),
            page: get("page").as_deref().and_then(parse_page).unwrap_or(1),
        }
    }

    /// `?q=…&from=…&to=…&type=…&page=…` with only the set values (page only above 1), or `""`.
    pub fn to_query_string(&self) -> String {
        let mut query = Query::new();
        if let Some(q) = &self.q {
            query.push("q", q.as_str());
        }
        if let Some(from) = self.from {
            query.push("from", format_day(from));
        }
        if let Some(to) = self.to {
            query.push("to", format_day(to));
        }
        if let Some(kind) = self.kind {
            query.push("type", kind.as_str());
        }
        if self.page > 1 {
            query.push("page", self.page.to_string());
        }
        if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.encode())
        }
    }

    /// The request for the bank (its default page size).
    pub fn to_request(&self) -> TransactionQuery {
        TransactionQuery {
            page: Some(self.page.max(1)),
            page_size: None,
            q: self.q.clone(),
            from: self.from.map(format_day),
            to: self.to.map(format_day),
            transaction_type: self.kind,
        }
    }

    /// The same filters on another page.
    pub fn on_page(&self, page: u32) -> Self {
        TransactionFilters {
            page: page.clamp(1, MAX_PAGE),
            ..self.clone()
        }
    }

    /// The same filters searching `text` instead, from page 1.
    pub fn searching(&self, text: &str) -> Self {
        TransactionFilters {
            q: search_text(text),
            page: 1,
            ..self.clone()
        }
    }

    /// True when anything narrows the list (search, dates or kind).
    pub fn is_narrowed(&self) -> bool {
        self.q.is_some() || self.from.is_some() || self.to.is_some() || self.kind.is_some()
    }
}

/// Search text as the bank takes it: trimmed, not empty, at most [`MAX_SEARCH_LEN`] characters.
fn search_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && text.chars().count() <= MAX_SEARCH_LEN).then(|| text.to_owned())
}

/// A transaction kind by its wire name.
fn parse_kind(text: &str) -> Option<TransactionType> {
    TransactionType::ALL
        .into_iter()
        .find(|kind| kind.as_str() == text.trim())
}

/// A page number from 1 to [`MAX_PAGE`], digits only.
fn parse_page(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse()
        .ok()
        .filter(|page| (1..=MAX_PAGE).contains(page))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// Parses a query string the way the router does (split on `&`, `+` is a space, percent-decoded).
    fn parse(query: &str) -> TransactionFilters {
        let pairs: HashMap<String, String> = query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (decode(k), decode(v)))
            .collect();
        TransactionFilters::from_query(|name| pairs.get(name).cloned())
    }

    fn decode(text: &str) -> String {
        let bytes = text.replace('+', " ").into_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%'
                && let Some(byte) = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                out.push(byte);
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        parse_day(text).unwrap()
    }

    #[test]
    fn every_filter_survives_the_round_trip_through_the_url() {
        let filters = TransactionFilters {
            q: Some("Café & Co = 100% #1?".into()),
            from: Some(day("2026-02-01")),
            to: Some(day("2026-02-28")),
            kind: Some(TransactionType::Card),
            page: 3,
        };
        let url = filters.to_query_string();
        assert!(url.starts_with("?q="), "{url}");
        assert!(!url.contains(' ') && !url.contains('#'), "encoded: {url}");
        assert_eq!(parse(&url), filters);
        for kind in TransactionType::ALL {
            let filters = TransactionFilters {
                kind: Some(kind),
                page: 1,
                ..Default::default()
            };
            assert_eq!(parse(&filters.to_query_string()), filters);
        }
    }

    #[test]
    fn defaults_make_an_empty_query_and_an_empty_query_makes_defaults() {
        let defaults = TransactionFilters {
            page: 1,
            ..Default::default()
        };
        assert_eq!(defaults.to_query_string(), "");
        assert_eq!(parse(""), defaults);
        assert!(!defaults.is_narrowed());
        assert_eq!(
            parse("?page=2&type=fee").to_query_string(),
            "?type=fee&page=2",
            "written in one canonical order"
        );
    }

    #[test]
    fn garbage_in_the_url_is_ignored_never_a_panic() {
        let garbage = [
            "?page=0",
            "?page=-1",
            "?page=abc",
            "?page=1e3",
            "?page=99999999999999999999",
            "?page=",
            "?page=100001",
            "?from=2026-02-30",
            "?from=2026-13-01",
            "?from=26-1-1",
            "?from=2026-1-01",
            "?to=yesterday",
            "?from=２０２６-01-01",
            "?type=CARD",
            "?type=cash",
            "?q=",
            "?q=%20%20",
            "?q=%ZZ",
            "?&&=&q",
            "?from=2026-03-01&to=2026-02-01",
            "?%F0%9F%92%A5=%F0%9F%92%A5",
        ];
        for query in garbage {
            let filters = parse(query);
            assert_eq!(filters.page, 1, "{query}");
            assert!(
                filters.from.is_none() && filters.to.is_none() && filters.kind.is_none(),
                "{query}"
            );
            assert!(
                filters.q.is_none() || query == "?q=%ZZ",
                "{query}: {filters:?}"
            );
        }
        let too_long = format!("?q={}", "x".repeat(MAX_SEARCH_LEN + 1));
        assert_eq!(parse(&too_long).q, None);
        let longest = format!("?q={}", "é".repeat(MAX_SEARCH_LEN));
        assert_eq!(
            parse(&longest).q.map(|q| q.chars().count()),
            Some(MAX_SEARCH_LEN)
        );
    }

    #[test]
    fn valid_values_are_tidied_and_kept_next_to_invalid_ones() {
        let filters = parse("?q=+rent+&from=2024-02-29&to=nonsense&type=deposit&page=007");
        assert_eq!(filters.q.as_deref(), Some("rent"));
        assert_eq!(
            filters.from,
            Some(day("2024-02-29")),
            "a leap day is a real day"
        );
        assert_eq!(filters.to, None);
        assert_eq!(filters.kind, Some(TransactionType::Deposit));
        assert_eq!(filters.page, 7);
        let same_day = parse("?from=2026-05-05&to=2026-05-05");
        assert_eq!(
            (same_day.from, same_day.to),
            (Some(day("2026-05-05")), Some(day("2026-05-05")))
        );
    }

    #[test]
    fn searching_and_paging_reset_or_keep_what_they_should() {
        let filters = parse("?q=rent&type=transfer&page=4");
        let searched = filters.searching("  coffee ");
        assert_eq!((searched.q.as_deref(), searched.page), (Some("coffee"), 1));
        assert_eq!(searched.kind, Some(TransactionType::Transfer));
        assert_eq!(filters.searching("   ").q, None);
        assert_eq!(filters.on_page(0).page, 1);
        assert_eq!(filters.on_page(5).q.as_deref(), Some("rent"));
        let request = filters.on_page(2).to_request();
        assert_eq!(
            (
                request.page,
                request.q.as_deref(),
                request.transaction_type,
                request.page_size
            ),
            (Some(2), Some("rent"), Some(TransactionType::Transfer), None)
        );
        let dated = parse("?from=2026-01-02&to=2026-01-31").to_request();
        assert_eq!(
            (dated.from.as_deref(), dated.to.as_deref()),
            (Some("2026-01-02"), Some("2026-01-31"))
        );
    }
}
