//! The tokens of one session and their expiry arithmetic.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{AuthUser, Secret};

/// Assumed access-token lifetime when the provider omits `expires_in` (5 minutes).
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(300);

/// What a token endpoint returned: the raw material of a [`TokenSet`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenGrant {
    /// The bearer token for the API.
    pub access_token: Secret,
    /// The refresh token, if the provider issued (or rotated) one.
    pub refresh_token: Option<Secret>,
    /// The ID token, if one came with this reply.
    pub id_token: Option<Secret>,
    /// The access token's lifetime.
    pub expires_in: Option<Duration>,
    /// The user named by this reply's ID token, once that token has been verified.
    pub user: Option<AuthUser>,
}

/// The current session's tokens with an absolute expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenSet {
    /// The bearer token for the API.
    pub access_token: Secret,
    /// The refresh token (never held by the page in cookie mode).
    pub refresh_token: Option<Secret>,
    /// The ID token, kept as the `id_token_hint` for sign-out.
    pub id_token: Option<Secret>,
    /// When the access token expires (ms since epoch, by this browser's clock).
    pub expires_at_ms: u64,
    /// The access token's lifetime as granted (ms).
    pub lifetime_ms: u64,
    /// The user from the ID token verified when it arrived (not verified again on later page loads).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<AuthUser>,
}

impl TokenSet {
    /// The session started by `grant`, received at `now_ms`.
    pub fn from_grant(grant: TokenGrant, now_ms: u64) -> Self {
        let lifetime_ms = duration_ms(grant.expires_in.unwrap_or(DEFAULT_LIFETIME));
        Self {
            access_token: grant.access_token,
            refresh_token: grant.refresh_token,
            id_token: grant.id_token,
            expires_at_ms: now_ms.saturating_add(lifetime_ms),
            lifetime_ms,
            user: grant.user,
        }
    }

    /// This session renewed by `grant`: tokens the reply omits (refresh, ID, and the user their ID token named)
    /// are kept.
    pub fn renewed(&self, grant: TokenGrant, now_ms: u64) -> Self {
        let refresh_token = grant
            .refresh_token
            .clone()
            .or_else(|| self.refresh_token.clone());
        let id_token = grant.id_token.clone().or_else(|| self.id_token.clone());
        let user = grant.user.clone().or_else(|| self.user.clone());
        Self {
            refresh_token,
            id_token,
            user,
            ..Self::from_grant(grant, now_ms)
        }
    }

    /// True when `grant`'s verified ID token names another subject than this session's (OpenID Connect Core
    /// §12.2: a refresh must not change the user).
    pub fn changes_subject(&self, grant: &TokenGrant) -> bool {
        match (&self.user, &grant.user) {
            (Some(current), Some(renewed)) => current.sub != renewed.sub,
            _ => false,
        }
    }

    /// True when the access token is expired or will be within the skew (capped at a tenth of its
    /// lifetime, so short-lived tokens are not considered expired on arrival).
    pub fn is_expired(&self, now_ms: u64, skew: Duration) -> bool {
        let skew_ms = duration_ms(skew).min(self.lifetime_ms / 10);
        now_ms.saturating_add(skew_ms) >= self.expires_at_ms
    }

    /// Time left before expiry (zero once expired).
    pub fn expires_in(&self, now_ms: u64) -> Duration {
        Duration::from_millis(self.expires_at_ms.saturating_sub(now_ms))
    }
}

/// A duration in whole milliseconds, saturating.
fn duration_ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(sub: &str) -> AuthUser {
        AuthUser {
            sub: sub.into(),
            name: None,
            email: None,
        }
    }

    fn grant(expires_in: Option<u64>) -> TokenGrant {
        TokenGrant {
            access_token: Secret::new("at"),
            refresh_token: Some(Secret::new("rt")),
            id_token: Some(Secret::new("idt")),
            expires_in: expires_in.map(Duration::from_secs),
            user: Some(user("alice")),
        }
    }

    #[test]
    fn expiry_honours_the_skew_under_fake_time() {
        let tokens = TokenSet::from_grant(grant(Some(300)), 1_000_000);
        let skew = Duration::from_secs(10);
        assert!(!tokens.is_expired(1_000_000, skew));
        assert!(!tokens.is_expired(1_000_000 + 289_999, skew));
        assert!(
            tokens.is_expired(1_000_000 + 290_000, skew),
            "within the skew counts as expired"
        );
        assert!(tokens.is_expired(1_000_000 + 400_000, skew));
        assert_eq!(
            tokens.expires_in(1_000_000 + 100_000),
            Duration::from_secs(200)
        );
        assert_eq!(tokens.expires_in(u64::MAX), Duration::ZERO);
    }

    #[test]
    fn the_skew_is_capped_for_short_lifetimes() {
        let tokens = TokenSet::from_grant(grant(Some(5)), 0);
        let skew = Duration::from_secs(30);
        assert!(
            !tokens.is_expired(0, skew),
            "a 5 s token is usable on arrival"
        );
        assert!(!tokens.is_expired(4_499, skew));
        assert!(tokens.is_expired(4_500, skew));
    }

    #[test]
    fn missing_lifetime_defaults_and_renewal_keeps_omitted_tokens() {
        let tokens = TokenSet::from_grant(grant(None), 0);
        assert_eq!(tokens.expires_at_ms, 300_000);
        let reply = TokenGrant {
            access_token: Secret::new("at2"),
            refresh_token: None,
            id_token: None,
            expires_in: Some(Duration::from_secs(60)),
            user: None,
        };
        let renewed = tokens.renewed(reply, 10_000);
        assert_eq!(renewed.access_token.expose(), "at2");
        assert_eq!(renewed.refresh_token, Some(Secret::new("rt")));
        assert_eq!(renewed.id_token, Some(Secret::new("idt")));
        assert_eq!(
            renewed.user,
            Some(user("alice")),
            "the verified user stays with the session"
        );
        assert_eq!(renewed.expires_at_ms, 70_000);
        assert!(!tokens.changes_subject(&grant(Some(60))), "same user");
        let other_user = TokenGrant {
            user: Some(user("mallory")),
            ..grant(Some(60))
        };
        assert!(tokens.changes_subject(&other_user));
        let rotation = TokenGrant {
            refresh_token: Some(Secret::new("rt2")),
            ..grant(Some(60))
        };
        assert_eq!(
            tokens.renewed(rotation, 0).refresh_token,
            Some(Secret::new("rt2"))
        );
    }
}
