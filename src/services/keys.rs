//! The cache keys of the bank's server state, typed: `["accounts"]`, `["accounts", id, "balance"]`,
//! `["accounts", id, "transactions", page, pageSize, q, from, to, type]`, `["transfers", "history", …]`,
//! `["transfers", id, "status"]`. Invalidating a prefix (e.g. `accounts_root()`) reaches every key below it.

use digibank_api_types::{TransactionQuery, TransferHistoryQuery};

use crate::query_key;
use crate::services::query::{QueryKey, ToQueryKey};

/// `["accounts"]`: the account list, and the prefix of every account key.
pub fn accounts_root() -> QueryKey {
    query_key!["accounts"]
}

/// `["accounts", id]`: the prefix of everything about one account.
pub fn account_root(id: &str) -> QueryKey {
    query_key!["accounts", id]
}

/// `["transfers"]`: the prefix of every transfer key.
pub fn transfers_root() -> QueryKey {
    query_key!["transfers"]
}

/// The account list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountsKey;

impl ToQueryKey for AccountsKey {
    fn to_query_key(&self) -> QueryKey {
        accounts_root()
    }
}

/// One account's balance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BalanceKey(pub String);

impl ToQueryKey for BalanceKey {
    fn to_query_key(&self) -> QueryKey {
        account_root(&self.0).child("balance")
    }
}

/// One page of one account's transactions under a filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransactionsKey {
    /// The account.
    pub account_id: String,
    /// Page and filter.
    pub query: TransactionQuery,
}

impl ToQueryKey for TransactionsKey {
    fn to_query_key(&self) -> QueryKey {
        let q = &self.query;
        let kind = q.transaction_type.map(|t| t.as_str());
        let key = account_root(&self.account_id).child("transactions");
        [
            q.page.into(),
            q.page_size.into(),
            q.q.clone().into(),
            q.from.clone().into(),
            q.to.clone().into(),
            kind.into(),
        ]
        .into_iter()
        .fold(key, |key, segment: crate::services::query::KeySegment| {
            key.child(segment)
        })
    }
}

/// One page of the transfer history under a filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferHistoryKey(pub TransferHistoryQuery);

impl ToQueryKey for TransferHistoryKey {
    fn to_query_key(&self) -> QueryKey {
        let q = &self.0;
        let status = q.status.map(|s| s.as_str());
        let key = transfers_root().child("history");
        [
            q.page.into(),
            q.page_size.into(),
            status.into(),
            q.from.clone().into(),
            q.to.clone().into(),
        ]
        .into_iter()
        .fold(key, |key, segment: crate::services::query::KeySegment| {
            key.child(segment)
        })
    }
}

/// One transfer's details, `["transfers", id, "details"]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferKey(pub String);

impl ToQueryKey for TransferKey {
    fn to_query_key(&self) -> QueryKey {
        transfers_root().child(self.0.as_str()).child("details")
    }
}

/// One transfer's status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferStatusKey(pub String);

impl ToQueryKey for TransferStatusKey {
    fn to_query_key(&self) -> QueryKey {
        transfers_root().child(self.0.as_str()).child("status")
    }
}

#[cfg(test)]
mod tests {
    use digibank_api_types::TransactionType;

    use super::*;

    #[test]
    fn account_keys_sit_under_their_prefixes() {
        let balance = BalanceKey("chk-1".into()).to_query_key();
        let transactions = TransactionsKey {
            account_id: "chk-1".into(),
            query: TransactionQuery {
                page: Some(2),
                transaction_type: Some(TransactionType::Card),
                ..Default::default()
            },
        }
        .to_query_key();
        for key in [&balance, &transactions] {
            assert!(key.starts_with(&accounts_root()));
            assert!(key.starts_with(&account_root("chk-1")));
            assert!(!key.starts_with(&account_root("sav-1")));
        }
        assert!(transactions.starts_with(&account_root("chk-1").child("transactions")));
        assert!(
            !AccountsKey
                .to_query_key()
                .starts_with(&account_root("chk-1"))
        );
    }

    #[test]
    fn different_filters_make_different_keys() {
        let key = |q: Option<&str>, page| {
            TransactionsKey {
                account_id: "a".into(),
                query: TransactionQuery {
                    q: q.map(Into::into),
                    page,
                    ..Default::default()
                },
            }
            .to_query_key()
        };
        assert_ne!(key(Some("rent"), Some(1)), key(Some("rent"), Some(2)));
        assert_ne!(key(Some("rent"), Some(1)), key(None, Some(1)));
        assert_eq!(key(Some("rent"), Some(1)), key(Some("rent"), Some(1)));
        let history = TransferHistoryKey(TransferHistoryQuery::default()).to_query_key();
        assert!(history.starts_with(&transfers_root()));
        assert!(
            TransferStatusKey("t-1".into())
                .to_query_key()
                .starts_with(&transfers_root())
        );
    }
}
