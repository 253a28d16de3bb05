//! A booked transaction and the filter of `GET /accounts/{id}/transactions`.

use std::borrow::Cow;

use digibank_api_types::{Amount, Currency, Transaction, TransactionType};

use crate::clock::Millis;
use crate::dates::rfc3339;

/// A booked movement; seed texts are borrowed, so resetting to the seed copies no strings.
#[derive(Debug, Clone)]
pub struct TransactionRecord {
    /// Position in the account's history (0 = oldest); the id is derived from it.
    pub number: u32,
    /// Booking time.
    pub booked_at: Millis,
    /// What it was.
    pub description: Cow<'static, str>,
    /// The other party.
    pub counterparty: Cow<'static, str>,
    /// Signed amount in cents.
    pub amount: i64,
    /// Kind.
    pub kind: TransactionType,
    /// Balance right after, in cents.
    pub balance_after: i64,
}

impl TransactionRecord {
    /// The wire form, on `account_id` in `currency`.
    pub fn to_wire(&self, account_id: &str, currency: Currency) -> Transaction {
        Transaction {
            id: format!("{account_id}-{:06}", self.number),
            account_id: account_id.to_owned(),
            booked_at: rfc3339(self.booked_at),
            description: self.description.to_string(),
            counterparty: self.counterparty.to_string(),
            amount: Amount::from_minor(self.amount),
            currency,
            transaction_type: self.kind,
            balance_after: Amount::from_minor(self.balance_after),
        }
    }
}

/// Which transactions a list request wants.
#[derive(Debug, Clone, Default)]
pub struct TransactionFilter {
    /// Lower-cased search text.
    pub text: Option<String>,
    /// Booked at or after (ms).
    pub from: Option<Millis>,
    /// Booked before (ms, exclusive).
    pub until: Option<Millis>,
    /// Only this kind.
    pub kind: Option<TransactionType>,
}

impl TransactionFilter {
    /// True when `record` passes every criterion.
    pub fn matches(&self, record: &TransactionRecord) -> bool {
        self.from.is_none_or(|from| record.booked_at >= from)
            && self.until.is_none_or(|until| record.booked_at < until)
            && self.kind.is_none_or(|kind| record.kind == kind)
            && self.text.as_deref().is_none_or(|text| {
                contains_folded(&record.description, text)
                    || contains_folded(&record.counterparty, text)
            })
    }
}

/// Case-insensitive `contains` for a lower-cased needle, without allocating for ASCII text.
fn contains_folded(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        true
    } else if haystack.is_ascii() && needle.is_ascii() {
        haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    } else {
        haystack.to_lowercase().contains(needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_in_search() {
        assert!(contains_folded("Whole Foods Market", "foods"));
        assert!(contains_folded("Café Olé", "olé"));
        assert!(!contains_folded("Shell", "shells"));
    }
}
