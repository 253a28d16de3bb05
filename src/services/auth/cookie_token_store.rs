//! `cookie` mode: the access token in memory; the refresh token only in the backend's HttpOnly cookie.

use super::{AuthError, MemoryTokenStore, TokenSet, TokenStore};

/// Like [`MemoryTokenStore`], but a refresh token handed to it is dropped: page script never keeps one.
#[derive(Debug, Default)]
pub struct CookieTokenStore {
    memory: MemoryTokenStore,
}

impl CookieTokenStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl TokenStore for CookieTokenStore {
    fn load(&self) -> Option<TokenSet> {
        self.memory.load()
    }

    fn save(&self, tokens: &TokenSet) -> Result<(), AuthError> {
        self.memory.save(&TokenSet {
            refresh_token: None,
            ..tokens.clone()
        })
    }

    fn clear(&self) {
        self.memory.clear();
    }
}
