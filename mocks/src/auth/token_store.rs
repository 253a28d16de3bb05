//! The token store — **development token source**: opaque random access tokens with an expiry, and
//! refresh tokens in families with rotation and reuse detection (a reused refresh token revokes its
//! whole family, access tokens included).

use std::collections::HashMap;
use std::sync::Mutex;

use crate::auth::random_token;
use crate::clock::Millis;

/// Lifetime of a refresh token.
const REFRESH_TTL: Millis = 8 * 3_600_000;
/// Expired entries are swept after this many issues.
const SWEEP_EVERY: u64 = 4096;

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Never issued (or swept long ago).
    #[error("The token is not valid")]
    Unknown,
    /// Past its lifetime.
    #[error("The token has expired")]
    Expired,
    /// Its family was revoked (logout or reuse).
    #[error("The token has been revoked")]
    Revoked,
    /// A refresh token used a second time: the family is now revoked.
    #[error("The refresh token was already used; the session has been revoked")]
    Reused,
}

/// A freshly issued token pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedTokens {
    /// Subject (customer).
    pub sub: String,
    /// Bearer access token.
    pub access_token: String,
    /// Refresh token (single use).
    pub refresh_token: String,
    /// Access-token lifetime in seconds.
    pub expires_in: u64,
}

#[derive(Debug)]
struct AccessGrant {
    family: u64,
    expires_at: Millis,
}

#[derive(Debug)]
struct RefreshGrant {
    family: u64,
    expires_at: Millis,
    used: bool,
}

#[derive(Debug)]
struct Family {
    sub: String,
    access_ttl: Millis,
    revoked: bool,
}

#[derive(Debug, Default)]
struct Tokens {
    access: HashMap<String, AccessGrant>,
    refresh: HashMap<String, RefreshGrant>,
    families: HashMap<u64, Family>,
    next_family: u64,
    issued: u64,
}

/// Issues, checks, rotates and revokes tokens.
#[derive(Debug)]
pub struct TokenStore {
    tokens: Mutex<Tokens>,
    access_ttl: Millis,
}

impl TokenStore {
    /// A store whose access tokens live `access_ttl_secs` seconds unless a mint says otherwise.
    pub fn new(access_ttl_secs: u64) -> Self {
        TokenStore {
            tokens: Mutex::default(),
            access_ttl: secs_to_ms(access_ttl_secs),
        }
    }

    /// Starts a session (a new refresh family) for `sub`; `ttl_secs` overrides the access-token lifetime.
    pub fn issue(&self, sub: &str, now: Millis, ttl_secs: Option<u64>) -> IssuedTokens {
        let mut tokens = self.lock();
        let family = tokens.next_family;
        tokens.next_family += 1;
        let access_ttl = ttl_secs.map_or(self.access_ttl, secs_to_ms);
        tokens.families.insert(
            family,
            Family {
                sub: sub.to_owned(),
                access_ttl,
                revoked: false,
            },
        );
        mint(&mut tokens, family, now)
    }

    /// The subject of a valid access token.
    pub fn authenticate(&self, access_token: &str, now: Millis) -> Result<String, TokenError> {
        let tokens = self.lock();
        let grant = tokens.access.get(access_token).ok_or(TokenError::Unknown)?;
        let family = tokens
            .families
            .get(&grant.family)
            .ok_or(TokenError::Unknown)?;
        if family.revoked {
            return Err(TokenError::Revoked);
        }
        if now >= grant.expires_at {
            return Err(TokenError::Expired);
        }
        Ok(family.sub.clone())
    }

    /// Rotates a refresh token: the old one is spent, a new pair is issued in the same family.
    /// A spent token presented again revokes the family.
    pub fn refresh(&self, refresh_token: &str, now: Millis) -> Result<IssuedTokens, TokenError> {
        let mut tokens = self.lock();
        let grant = tokens
            .refresh
            .get_mut(refresh_token)
            .ok_or(TokenError::Unknown)?;
        let (family, was_used, expires_at) = (grant.family, grant.used, grant.expires_at);
        grant.used = true;
        let revoked = tokens.families.get(&family).is_none_or(|f| f.revoked);
        if revoked {
            return Err(TokenError::Revoked);
        }
        if was_used {
            revoke_family(&mut tokens, family);
            return Err(TokenError::Reused);
        }
        if now >= expires_at {
            return Err(TokenError::Expired);
        }
        Ok(mint(&mut tokens, family, now))
    }

    /// Ends the session a refresh token belongs to (logout); unknown tokens are ignored.
    pub fn revoke(&self, refresh_token: &str) {
        let mut tokens = self.lock();
        if let Some(family) = tokens.refresh.get(refresh_token).map(|g| g.family) {
            revoke_family(&mut tokens, family);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tokens> {
        self.tokens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Issues a new access and refresh token in `family`.
fn mint(tokens: &mut Tokens, family: u64, now: Millis) -> IssuedTokens {
    tokens.issued += 1;
    if tokens.issued.is_multiple_of(SWEEP_EVERY) {
        sweep(tokens, now);
    }
    let (sub, access_ttl) = tokens
        .families
        .get(&family)
        .map_or((String::new(), 0), |f| (f.sub.clone(), f.access_ttl));
    let access_token = random_token("at_");
    let refresh_token = random_token("rt_");
    tokens.access.insert(
        access_token.clone(),
        AccessGrant {
            family,
            expires_at: now + access_ttl,
        },
    );
    tokens.refresh.insert(
        refresh_token.clone(),
        RefreshGrant {
            family,
            expires_at: now + REFRESH_TTL,
            used: false,
        },
    );
    IssuedTokens {
        sub,
        access_token,
        refresh_token,
        expires_in: (access_ttl / 1000) as u64,
    }
}

fn revoke_family(tokens: &mut Tokens, family: u64) {
    if let Some(f) = tokens.families.get_mut(&family) {
        f.revoked = true;
    }
}

/// Drops expired access tokens and refresh tokens past their lifetime.
fn sweep(tokens: &mut Tokens, now: Millis) {
    tokens.access.retain(|_, g| g.expires_at > now);
    tokens.refresh.retain(|_, g| g.expires_at > now);
}

fn secs_to_ms(secs: u64) -> Millis {
    Millis::try_from(secs.saturating_mul(1000)).unwrap_or(Millis::MAX / 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_tokens_expire() {
        let store = TokenStore::new(300);
        let pair = store.issue("alice", 0, None);
        assert_eq!(pair.expires_in, 300);
        assert_eq!(
            store.authenticate(&pair.access_token, 299_999),
            Ok("alice".into())
        );
        assert_eq!(
            store.authenticate(&pair.access_token, 300_000),
            Err(TokenError::Expired)
        );
        assert_eq!(store.authenticate("at_nope", 0), Err(TokenError::Unknown));
    }

    #[test]
    fn refresh_rotates_and_reuse_revokes_the_family() {
        let store = TokenStore::new(60);
        let first = store.issue("bob", 0, Some(5));
        let second = store.refresh(&first.refresh_token, 1000).unwrap();
        assert_eq!((second.sub.as_str(), second.expires_in), ("bob", 5));
        assert_ne!(second.refresh_token, first.refresh_token);
        assert_eq!(
            store.refresh(&first.refresh_token, 2000),
            Err(TokenError::Reused)
        );
        assert_eq!(
            store.refresh(&second.refresh_token, 2000),
            Err(TokenError::Revoked)
        );
        assert_eq!(
            store.authenticate(&second.access_token, 2000),
            Err(TokenError::Revoked)
        );
    }

    #[test]
    fn revoke_ends_the_session_only_for_its_family() {
        let store = TokenStore::new(60);
        let (a, b) = (store.issue("alice", 0, None), store.issue("alice", 0, None));
        store.revoke(&a.refresh_token);
        assert_eq!(
            store.authenticate(&a.access_token, 1),
            Err(TokenError::Revoked)
        );
        assert!(store.authenticate(&b.access_token, 1).is_ok());
    }
}
