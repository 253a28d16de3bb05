//! `session` and `local` modes: tokens as JSON in Web Storage.

use std::rc::Rc;

use super::{AuthError, KeyValueStorage, TokenSet, TokenStore};

/// Web Storage key of the token set.
pub const TOKENS_KEY: &str = "digibank.auth.tokens";

/// Tokens in sessionStorage (this tab) or localStorage (all tabs; unsafe for sensitive apps).
/// Reads go to storage every time, so a renewal made by another tab is seen at once.
pub struct WebTokenStore {
    storage: Rc<dyn KeyValueStorage>,
}

impl WebTokenStore {
    /// A store over `storage`.
    pub fn new(storage: Rc<dyn KeyValueStorage>) -> Self {
        Self { storage }
    }
}

impl TokenStore for WebTokenStore {
    fn load(&self) -> Option<TokenSet> {
        serde_json::from_str(&self.storage.get(TOKENS_KEY)?).ok()
    }

    fn save(&self, tokens: &TokenSet) -> Result<(), AuthError> {
        let json = serde_json::to_string(tokens).map_err(|e| AuthError::Storage(e.to_string()))?;
        self.storage.set(TOKENS_KEY, &json)
    }

    fn clear(&self) {
        self.storage.remove(TOKENS_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::auth::MemoryStorage;

    #[test]
    fn unreadable_data_counts_as_signed_out() {
        let storage = MemoryStorage::new();
        storage.set(TOKENS_KEY, "{\"accessToken\":").unwrap();
        assert_eq!(WebTokenStore::new(Rc::new(storage)).load(), None);
    }
}
