//! Where the session's tokens live, chosen by `tokenStorage` in config.json.

use std::rc::Rc;

use crate::config::TokenStorageMode;

use super::{
    AuthError, CookieTokenStore, KeyValueStorage, MemoryTokenStore, TokenSet, WebTokenStore,
};

/// Keeps the current [`TokenSet`]; every mode implements it (see docs/auth.md for the trade-offs).
pub trait TokenStore {
    /// The stored tokens, if any (unreadable data counts as none).
    fn load(&self) -> Option<TokenSet>;
    /// Replaces the stored tokens.
    fn save(&self, tokens: &TokenSet) -> Result<(), AuthError>;
    /// Forgets the tokens.
    fn clear(&self);
}

/// The store for `mode`: memory, sessionStorage, localStorage, or memory plus an HttpOnly cookie.
pub fn token_store_for(
    mode: TokenStorageMode,
    session_storage: Rc<dyn KeyValueStorage>,
    local_storage: Rc<dyn KeyValueStorage>,
) -> Rc<dyn TokenStore> {
    match mode {
        TokenStorageMode::Memory => Rc::new(MemoryTokenStore::new()),
        TokenStorageMode::Session => Rc::new(WebTokenStore::new(session_storage)),
        TokenStorageMode::Local => Rc::new(WebTokenStore::new(local_storage)),
        TokenStorageMode::Cookie => Rc::new(CookieTokenStore::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::auth::{MemoryStorage, Secret};

    struct Browser {
        session: MemoryStorage,
        local: MemoryStorage,
    }

    impl Browser {
        fn new() -> Self {
            Self {
                session: MemoryStorage::new(),
                local: MemoryStorage::new(),
            }
        }

        /// A store as a freshly loaded page of this browser would build it.
        fn page(&self, mode: TokenStorageMode) -> Rc<dyn TokenStore> {
            token_store_for(
                mode,
                Rc::new(self.session.clone()),
                Rc::new(self.local.clone()),
            )
        }
    }

    fn tokens() -> TokenSet {
        TokenSet {
            access_token: Secret::new("access-1"),
            refresh_token: Some(Secret::new("refresh-1")),
            id_token: Some(Secret::new("id-1")),
            expires_at_ms: 60_000,
            lifetime_ms: 60_000,
            user: None,
        }
    }

    #[test]
    fn memory_mode_writes_nothing_and_forgets_on_reload() {
        let browser = Browser::new();
        let store = browser.page(TokenStorageMode::Memory);
        store.save(&tokens()).unwrap();
        assert_eq!(store.load(), Some(tokens()));
        assert!(browser.session.keys().is_empty() && browser.local.keys().is_empty());
        assert_eq!(browser.page(TokenStorageMode::Memory).load(), None);
        store.clear();
        assert_eq!(store.load(), None);
    }

    #[test]
    fn session_mode_survives_a_reload_in_session_storage_only() {
        let browser = Browser::new();
        browser
            .page(TokenStorageMode::Session)
            .save(&tokens())
            .unwrap();
        assert!(browser.local.keys().is_empty());
        assert!(browser.session.dump().contains("refresh-1"));
        let reloaded = browser.page(TokenStorageMode::Session);
        assert_eq!(reloaded.load(), Some(tokens()));
        reloaded.clear();
        assert!(browser.session.keys().is_empty());
    }

    #[test]
    fn local_mode_is_shared_through_local_storage() {
        let browser = Browser::new();
        browser
            .page(TokenStorageMode::Local)
            .save(&tokens())
            .unwrap();
        assert!(browser.session.keys().is_empty());
        assert_eq!(browser.page(TokenStorageMode::Local).load(), Some(tokens()));
        browser.page(TokenStorageMode::Local).clear();
        assert!(browser.local.keys().is_empty());
    }

    #[test]
    fn cookie_mode_never_holds_the_refresh_token() {
        let browser = Browser::new();
        let store = browser.page(TokenStorageMode::Cookie);
        store.save(&tokens()).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.access_token, Secret::new("access-1"));
        assert_eq!(loaded.refresh_token, None);
        assert!(browser.session.keys().is_empty() && browser.local.keys().is_empty());
        assert_eq!(
            browser.page(TokenStorageMode::Cookie).load(),
            None,
            "a reload re-establishes the session through the cookie"
        );
    }
}
