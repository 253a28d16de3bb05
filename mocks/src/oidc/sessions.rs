//! Login sessions at the provider: who signed in and when, behind the HttpOnly `digibank_idp` cookie. The cookie
//! ends with the browser session unless `--idp-session-max-age` asks for a lasting one: on a shared computer the
//! next person must not be signed in silently (`prompt=none`) after the customer closed the browser.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use axum::http::HeaderValue;

use crate::auth::cookies::build as cookie;
use crate::auth::random_token;
use crate::clock::Millis;
use crate::oidc::issuer::OIDC_PATH;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "digibank_idp";
/// Longest life of a login session in a browser that stays open, when no lasting lifetime is asked for.
const SESSION_TTL: Millis = 8 * 3_600_000;

/// A signed-in user at the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginSession {
    /// Subject.
    pub sub: String,
    /// Public session id (`sid` claim); not the cookie's secret.
    pub sid: String,
    /// When the user typed their password, in seconds since the epoch (`auth_time`).
    pub auth_time: i64,
}

#[derive(Debug)]
struct Entry {
    session: LoginSession,
    expires_at: Millis,
}

/// Live login sessions by cookie secret.
#[derive(Debug, Default)]
pub struct SessionStore {
    sessions: Mutex<HashMap<String, Entry>>,
    /// The lasting cookie lifetime asked for, in seconds (`None`: a browser-session cookie).
    remember_secs: Option<u64>,
}

impl SessionStore {
    /// A store whose cookies last `remember_secs` (`None`: until the browser closes).
    pub fn new(remember_secs: Option<u64>) -> SessionStore {
        SessionStore {
            sessions: Mutex::default(),
            remember_secs,
        }
    }

    /// Starts a session for `sub`; returns the cookie secret and the session.
    pub fn start(&self, sub: &str, now: Millis) -> (String, LoginSession) {
        let secret = random_token("idp_");
        let session = LoginSession {
            sub: sub.to_owned(),
            sid: random_token("sid_"),
            auth_time: now.div_euclid(1000),
        };
        let mut sessions = self.lock();
        sessions.retain(|_, e| e.expires_at > now);
        sessions.insert(
            secret.clone(),
            Entry {
                session: session.clone(),
                expires_at: now.saturating_add(self.ttl()),
            },
        );
        (secret, session)
    }

    /// The live session behind a cookie secret.
    pub fn find(&self, secret: &str, now: Millis) -> Option<LoginSession> {
        let sessions = self.lock();
        let entry = sessions.get(secret).filter(|e| e.expires_at > now)?;
        Some(entry.session.clone())
    }

    /// Ends the session behind a cookie secret; returns it, if there was one.
    pub fn end(&self, secret: &str) -> Option<LoginSession> {
        self.lock().remove(secret).map(|entry| entry.session)
    }

    /// `Set-Cookie` for the session behind `secret`: HttpOnly, SameSite=Lax (it must ride top-level redirects
    /// back from the app), with a `Max-Age` only when a lasting lifetime was asked for.
    pub fn cookie(&self, secret: &str, secure: bool) -> HeaderValue {
        let max_age = self
            .remember_secs
            .map_or_else(String::new, |secs| format!("; Max-Age={secs}"));
        cookie(
            &format!(
                "{SESSION_COOKIE}={secret}; Path={OIDC_PATH}{max_age}; HttpOnly; SameSite=Lax"
            ),
            secure,
        )
    }

    /// How long a session lives at the provider.
    fn ttl(&self) -> Millis {
        self.remember_secs.map_or(SESSION_TTL, |secs| {
            Millis::try_from(secs).map_or(Millis::MAX, |s| s.saturating_mul(1000))
        })
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        self.sessions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// `Set-Cookie` that deletes the session cookie.
pub fn clear_session_cookie(secure: bool) -> HeaderValue {
    cookie(
        &format!("{SESSION_COOKIE}=; Path={OIDC_PATH}; Max-Age=0; HttpOnly; SameSite=Lax"),
        secure,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_expire_and_end() {
        let store = SessionStore::default();
        let (secret, session) = store.start("alice", 5_000);
        assert_eq!(session.auth_time, 5);
        assert_ne!(secret, session.sid);
        assert_eq!(store.find(&secret, 6_000), Some(session.clone()));
        assert_eq!(store.find(&secret, 5_000 + SESSION_TTL), None);
        assert_eq!(store.end(&secret), Some(session));
        assert_eq!(store.find(&secret, 6_000), None);
    }

    #[test]
    fn the_cookie_ends_with_the_browser_unless_a_lasting_lifetime_is_asked_for() {
        let browser_session = SessionStore::default().cookie("s", true);
        let text = browser_session.to_str().unwrap_or_default();
        assert_eq!(
            text,
            "digibank_idp=s; Path=/oidc; HttpOnly; SameSite=Lax; Secure"
        );
        let remembered = SessionStore::new(Some(86_400)).cookie("s", false);
        assert_eq!(
            remembered.to_str().unwrap_or_default(),
            "digibank_idp=s; Path=/oidc; Max-Age=86400; HttpOnly; SameSite=Lax"
        );
    }

    #[test]
    fn a_remembered_session_lives_as_long_as_its_cookie() {
        let store = SessionStore::new(Some(30 * 86_400));
        let (secret, _) = store.start("alice", 0);
        assert!(store.find(&secret, SESSION_TTL + 1).is_some());
        assert!(store.find(&secret, 30 * 86_400_000).is_none());
    }
}
