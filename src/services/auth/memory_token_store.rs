//! `memory` mode: tokens live only in this page's memory.

use std::cell::RefCell;

use super::{AuthError, TokenSet, TokenStore};

/// Tokens in memory; a reload forgets them (the session comes back through `prompt=none`).
#[derive(Debug, Default)]
pub struct MemoryTokenStore {
    tokens: RefCell<Option<TokenSet>>,
}

impl MemoryTokenStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl TokenStore for MemoryTokenStore {
    fn load(&self) -> Option<TokenSet> {
        self.tokens.borrow().clone()
    }

    fn save(&self, tokens: &TokenSet) -> Result<(), AuthError> {
        *self.tokens.borrow_mut() = Some(tokens.clone());
        Ok(())
    }

    fn clear(&self) {
        self.tokens.borrow_mut().take();
    }
}
