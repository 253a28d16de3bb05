//! What each token family issued by the provider was granted: client, scope and login session.
//! The token store knows only the subject; refresh-token grants need the rest to mint ID tokens.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use crate::oidc::scope::Scope;
use crate::oidc::sessions::LoginSession;

/// The grant behind a token family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenGrant {
    /// Client the tokens were issued to.
    pub client_id: String,
    /// Granted scope.
    pub scope: Scope,
    /// The login behind them.
    pub session: LoginSession,
}

/// Grants by token family.
#[derive(Debug, Default)]
pub struct GrantStore {
    by_family: Mutex<HashMap<u64, TokenGrant>>,
}

impl GrantStore {
    /// Records the grant of a new family.
    pub fn record(&self, family: u64, grant: TokenGrant) {
        self.lock().insert(family, grant);
    }

    /// The grant of a family, if the provider issued it.
    pub fn get(&self, family: u64) -> Option<TokenGrant> {
        self.lock().get(&family).cloned()
    }

    /// Every family issued under the login session `sid` (one per tab in memory mode).
    pub fn families_of_session(&self, sid: &str) -> Vec<u64> {
        self.lock()
            .iter()
            .filter(|(_, grant)| grant.session.sid == sid)
            .map(|(family, _)| *family)
            .collect()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<u64, TokenGrant>> {
        self.by_family
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
