//! The one-time record of a sign-in in progress, kept in sessionStorage across the provider round trip.

use serde::{Deserialize, Serialize};

use super::{AuthError, KeyValueStorage, Secret};

/// sessionStorage key of the pending sign-in.
pub const LOGIN_TRANSACTION_KEY: &str = "digibank.auth.login";

/// A pending sign-in older than this is refused (15 minutes).
pub const LOGIN_TRANSACTION_MAX_AGE_MS: u64 = 15 * 60 * 1000;

/// What the callback needs to finish a sign-in this tab started; deleted when the callback uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginTransaction {
    /// The `state` sent to the provider.
    pub state: Secret,
    /// The `nonce` the ID token must carry.
    pub nonce: Secret,
    /// The PKCE code verifier.
    pub pkce_verifier: Secret,
    /// The same-origin path to show after sign-in.
    pub return_to: String,
    /// True for a `prompt=none` attempt (failure means "show the sign-in page", not an error).
    pub silent: bool,
    /// When the sign-in started (ms since epoch).
    pub created_at_ms: u64,
}

impl LoginTransaction {
    /// Saves this as the tab's pending sign-in, replacing any earlier one.
    pub fn save(&self, storage: &dyn KeyValueStorage) -> Result<(), AuthError> {
        let json = serde_json::to_string(self).map_err(|e| AuthError::Storage(e.to_string()))?;
        storage.set(LOGIN_TRANSACTION_KEY, &json)
    }

    /// Where the pending sign-in will return to, without consuming it (the page shown if it fails).
    pub fn peek_return_to(storage: &dyn KeyValueStorage) -> Option<String> {
        let transaction: Self = serde_json::from_str(&storage.get(LOGIN_TRANSACTION_KEY)?).ok()?;
        Some(transaction.return_to)
    }

    /// Removes and returns the pending sign-in if one exists and is younger than the maximum age.
    pub fn take(storage: &dyn KeyValueStorage, now_ms: u64) -> Option<Self> {
        let json = storage.get(LOGIN_TRANSACTION_KEY)?;
        storage.remove(LOGIN_TRANSACTION_KEY);
        let transaction: Self = serde_json::from_str(&json).ok()?;
        let age = now_ms.saturating_sub(transaction.created_at_ms);
        (age <= LOGIN_TRANSACTION_MAX_AGE_MS).then_some(transaction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::auth::MemoryStorage;

    #[test]
    fn peeking_the_return_path_leaves_the_transaction_in_place() {
        let storage = MemoryStorage::default();
        assert_eq!(LoginTransaction::peek_return_to(&storage), None);
        transaction(1_000).save(&storage).unwrap();
        assert_eq!(
            LoginTransaction::peek_return_to(&storage).as_deref(),
            Some("/accounts/1")
        );
        assert!(LoginTransaction::take(&storage, 2_000).is_some());
    }

    fn transaction(created_at_ms: u64) -> LoginTransaction {
        LoginTransaction {
            state: Secret::new("s"),
            nonce: Secret::new("n"),
            pkce_verifier: Secret::new("v"),
            return_to: "/accounts/1".into(),
            silent: false,
            created_at_ms,
        }
    }

    #[test]
    fn is_used_once() {
        let storage = MemoryStorage::new();
        transaction(1_000).save(&storage).unwrap();
        assert_eq!(
            LoginTransaction::take(&storage, 2_000),
            Some(transaction(1_000))
        );
        assert_eq!(LoginTransaction::take(&storage, 2_000), None);
        assert!(storage.keys().is_empty());
    }

    #[test]
    fn an_old_or_corrupt_transaction_is_refused_and_removed() {
        let storage = MemoryStorage::new();
        transaction(0).save(&storage).unwrap();
        assert_eq!(
            LoginTransaction::take(&storage, LOGIN_TRANSACTION_MAX_AGE_MS + 1),
            None
        );
        storage.set(LOGIN_TRANSACTION_KEY, "{not json").unwrap();
        assert_eq!(LoginTransaction::take(&storage, 0), None);
        assert!(storage.keys().is_empty());
    }
}
