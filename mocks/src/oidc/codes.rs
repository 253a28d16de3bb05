//! Authorization codes: random, single-use, valid 60 s, bound to everything the token request must repeat.
//! A spent code is remembered a while so that its reuse revokes the tokens it bought (RFC 6749 §4.1.2).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use crate::auth::random_token;
use crate::clock::Millis;
use crate::oidc::scope::Scope;
use crate::oidc::sessions::LoginSession;

/// Lifetime of an authorization code.
pub const CODE_TTL: Millis = 60_000;
/// How long a spent code is remembered.
const SPENT_MEMORY: Millis = 10 * 60_000;

/// What an authorization code stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeGrant {
    /// Client the code was issued to.
    pub client_id: String,
    /// Redirect URI of the authorization request.
    pub redirect_uri: String,
    /// PKCE S256 challenge.
    pub code_challenge: String,
    /// Nonce to put in the ID token.
    pub nonce: Option<String>,
    /// Granted scope.
    pub scope: Scope,
    /// The login behind it.
    pub session: LoginSession,
}

/// Why a code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Never issued, or forgotten.
    #[error("The authorization code is not valid")]
    Unknown,
    /// Older than 60 s.
    #[error("The authorization code has expired")]
    Expired,
    /// Already exchanged; the tokens it bought (`family`) must be revoked.
    #[error("The authorization code was already used; the tokens issued for it have been revoked")]
    Reused {
        /// Token family issued for the code, if it got that far.
        family: Option<u64>,
    },
}

#[derive(Debug)]
enum Entry {
    Pending {
        grant: CodeGrant,
        expires_at: Millis,
    },
    Spent {
        family: Option<u64>,
        forget_at: Millis,
    },
}

/// Issued codes.
#[derive(Debug, Default)]
pub struct CodeStore {
    entries: Mutex<HashMap<String, Entry>>,
}

impl CodeStore {
    /// Issues a code for `grant`.
    pub fn issue(&self, grant: CodeGrant, now: Millis) -> String {
        let code = random_token("code_");
        let mut entries = self.lock();
        entries.retain(|_, entry| match entry {
            Entry::Pending { expires_at, .. } => *expires_at + SPENT_MEMORY > now,
            Entry::Spent { forget_at, .. } => *forget_at > now,
        });
        entries.insert(
            code.clone(),
            Entry::Pending {
                grant,
                expires_at: now + CODE_TTL,
            },
        );
        code
    }

    /// Spends a code and returns its grant; every later attempt is [`CodeError::Reused`].
    pub fn redeem(&self, code: &str, now: Millis) -> Result<CodeGrant, CodeError> {
        let mut entries = self.lock();
        let spent = Entry::Spent {
            family: None,
            forget_at: now + SPENT_MEMORY,
        };
        match entries.insert(code.to_owned(), spent) {
            Some(Entry::Pending { grant, expires_at }) if now < expires_at => Ok(grant),
            Some(Entry::Pending { .. }) => Err(CodeError::Expired),
            Some(Entry::Spent { family, forget_at }) => {
                entries.insert(code.to_owned(), Entry::Spent { family, forget_at });
                Err(CodeError::Reused { family })
            }
            None => {
                entries.remove(code);
                Err(CodeError::Unknown)
            }
        }
    }

    /// Remembers which token family a spent code bought.
    pub fn record_family(&self, code: &str, family: u64) {
        if let Some(Entry::Spent { family: slot, .. }) = self.lock().get_mut(code) {
            *slot = Some(family);
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant() -> CodeGrant {
        CodeGrant {
            client_id: "digibank-spa".into(),
            redirect_uri: "http://127.0.0.1:8080/callback".into(),
            code_challenge: "c".into(),
            nonce: None,
            scope: Scope::parse("openid").unwrap(),
            session: LoginSession {
                sub: "alice".into(),
                sid: "sid".into(),
                auth_time: 0,
            },
        }
    }

    #[test]
    fn codes_are_single_use_and_reuse_names_the_family() {
        let store = CodeStore::default();
        let code = store.issue(grant(), 0);
        assert_eq!(store.redeem(&code, 59_999), Ok(grant()));
        assert_eq!(
            store.redeem(&code, 60_000),
            Err(CodeError::Reused { family: None })
        );
        store.record_family(&code, 7);
        assert_eq!(
            store.redeem(&code, 60_000),
            Err(CodeError::Reused { family: Some(7) })
        );
        assert_eq!(store.redeem("code_nope", 0), Err(CodeError::Unknown));
    }

    #[test]
    fn codes_expire_after_a_minute() {
        let store = CodeStore::default();
        let code = store.issue(grant(), 0);
        assert_eq!(store.redeem(&code, CODE_TTL), Err(CodeError::Expired));
    }
}
