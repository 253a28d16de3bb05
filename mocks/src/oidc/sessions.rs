//! Login sessions at the provider: who signed in and when, behind the HttpOnly `digibank_idp` cookie.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use axum::http::HeaderValue;

use crate::auth::cookies::build as cookie;
use crate::auth::random_token;
use crate::clock::Millis;
use crate::oidc::issuer::OIDC_PATH;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "digibank_idp";
/// Lifetime of a login session.
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
}

impl SessionStore {
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
                expires_at: now + SESSION_TTL,
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

    /// Ends the session behind a cookie secret.
    pub fn end(&self, secret: &str) {
        self.lock().remove(secret);
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        self.sessions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// `Set-Cookie` for a session: HttpOnly, SameSite=Lax (it must ride top-level redirects back from the app).
pub fn session_cookie(secret: &str, secure: bool) -> HeaderValue {
    cookie(
        &format!(
            "{SESSION_COOKIE}={secret}; Path={OIDC_PATH}; Max-Age={}; HttpOnly; SameSite=Lax",
            SESSION_TTL / 1000
        ),
        secure,
    )
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
        assert_eq!(store.find(&secret, 6_000), Some(session));
        assert_eq!(store.find(&secret, 5_000 + SESSION_TTL), None);
        store.end(&secret);
        assert_eq!(store.find(&secret, 6_000), None);
    }

    #[test]
    fn cookie_is_http_only_lax_and_secure_on_https() {
        let text = session_cookie("s", true);
        let text = text.to_str().unwrap();
        assert!(text.starts_with("digibank_idp=s; Path=/oidc;"));
        assert!(text.contains("HttpOnly; SameSite=Lax") && text.ends_with("; Secure"));
        assert!(
            !session_cookie("s", false)
                .to_str()
                .unwrap()
                .contains("Secure")
        );
    }
}
