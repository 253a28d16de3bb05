//! The trusted issuer's signing keys: found through its discovery document, cached, and fetched again
//! when a token names an unknown key id — at most once per cooldown, so random `kid`s cannot make the
//! mock hammer the issuer.

use rsa::RsaPublicKey;
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::clock::Millis;
use crate::oidc::http_fetch::{FetchError, HttpFetcher};
use crate::oidc::jwk::JwkSet;

/// Shortest time between two fetches caused by unknown key ids.
pub const REFETCH_COOLDOWN: Millis = 30_000;

/// Why no key could be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyLookupError {
    /// Discovery or JWK set could not be fetched.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The discovery document names another issuer.
    #[error("the discovery document names issuer '{found}', not '{expected}'")]
    IssuerMismatch {
        /// Configured issuer.
        expected: String,
        /// Issuer in the document.
        found: String,
    },
    /// The JWK set has no RS256 signature key.
    #[error("the issuer publishes no RS256 signature key")]
    NoKeys,
    /// No key with this id, even after fetching the set again (or within the cooldown).
    #[error("the issuer has no key with id '{0}'")]
    UnknownKey(String),
    /// No key id in the token and several keys to choose from.
    #[error("the token names no key id and the issuer publishes several keys")]
    AmbiguousKey,
}

/// The parts of a discovery document used here.
#[derive(Debug, Deserialize)]
struct Discovery {
    issuer: String,
    jwks_uri: String,
}

#[derive(Debug, Default)]
struct Cached {
    jwks_uri: Option<String>,
    keys: Option<Vec<(Option<String>, RsaPublicKey)>>,
    last_refetch: Option<Millis>,
}

/// Cached keys of one issuer; one fetch at a time.
#[derive(Debug)]
pub struct JwksCache {
    issuer: String,
    fetcher: HttpFetcher,
    cached: Mutex<Cached>,
}

impl JwksCache {
    /// An empty cache for `issuer` (nothing is fetched before the first token arrives).
    pub fn new(issuer: &str) -> Self {
        JwksCache {
            issuer: issuer.trim_end_matches('/').to_owned(),
            fetcher: HttpFetcher::default(),
            cached: Mutex::default(),
        }
    }

    /// The key a token names by `kid` (without `kid`: the only key).
    pub async fn key_for(
        &self,
        kid: Option<&str>,
        now: Millis,
    ) -> Result<RsaPublicKey, KeyLookupError> {
        let mut cached = self.cached.lock().await;
        if cached.keys.is_none() {
            self.load(&mut cached).await?;
        }
        let Some(kid) = kid else {
            return match cached.keys.as_deref().unwrap_or_default() {
                [(_, only)] => Ok(only.clone()),
                _ => Err(KeyLookupError::AmbiguousKey),
            };
        };
        if let Some(key) = find(&cached, kid) {
            return Ok(key);
        }
        if cached
            .last_refetch
            .is_some_and(|at| now - at < REFETCH_COOLDOWN)
        {
            return Err(KeyLookupError::UnknownKey(kid.to_owned()));
        }
        cached.last_refetch = Some(now);
        self.load(&mut cached).await?;
        find(&cached, kid).ok_or_else(|| KeyLookupError::UnknownKey(kid.to_owned()))
    }

    /// Fetches the discovery document (once) and the JWK set.
    async fn load(&self, cached: &mut Cached) -> Result<(), KeyLookupError> {
        let jwks_uri = match &cached.jwks_uri {
            Some(uri) => uri.clone(),
            None => {
                let url = format!("{}/.well-known/openid-configuration", self.issuer);
                let discovery: Discovery = self.fetcher.get_json(&url).await?;
                if discovery.issuer.trim_end_matches('/') != self.issuer {
                    return Err(KeyLookupError::IssuerMismatch {
                        expected: self.issuer.clone(),
                        found: discovery.issuer,
                    });
                }
                cached.jwks_uri.insert(discovery.jwks_uri).clone()
            }
        };
        let set: JwkSet = self.fetcher.get_json(&jwks_uri).await?;
        let keys: Vec<_> = set
            .keys
            .iter()
            .filter_map(|jwk| Some((jwk.kid.clone(), jwk.rs256_public_key()?)))
            .collect();
        if keys.is_empty() {
            return Err(KeyLookupError::NoKeys);
        }
        cached.keys = Some(keys);
        Ok(())
    }
}

fn find(cached: &Cached, kid: &str) -> Option<RsaPublicKey> {
    let keys = cached.keys.as_deref().unwrap_or_default();
    keys.iter()
        .find(|(id, _)| id.as_deref() == Some(kid))
        .map(|(_, key)| key.clone())
}
