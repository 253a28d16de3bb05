//! The signed-in user as the UI shows it.

use openidconnect::core::CoreIdTokenClaims;
use serde::{Deserialize, Serialize};

/// The userinfo claims the UI uses (OpenID Connect Core §5.1; other claims are ignored).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UserInfo {
    /// `sub`.
    pub sub: String,
    /// `name`.
    #[serde(default)]
    pub name: Option<String>,
    /// `preferred_username`.
    #[serde(default)]
    pub preferred_username: Option<String>,
    /// `email`.
    #[serde(default)]
    pub email: Option<String>,
}

/// Who is signed in (from the verified ID token, or from the userinfo endpoint after a reload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthUser {
    /// The provider's stable subject identifier.
    pub sub: String,
    /// Display name, if the provider shared one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// E-mail address, if the provider shared one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl AuthUser {
    /// From verified ID-token claims.
    pub fn from_id_token(claims: &CoreIdTokenClaims) -> Self {
        let name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string());
        let username = claims.preferred_username().map(|n| n.to_string());
        Self {
            sub: claims.subject().to_string(),
            name: name.or(username),
            email: claims.email().map(|e| e.to_string()),
        }
    }

    /// From a userinfo reply.
    pub fn from_user_info(claims: UserInfo) -> Self {
        Self {
            sub: claims.sub,
            name: claims.name.or(claims.preferred_username),
            email: claims.email,
        }
    }

    /// The name to greet the user with: name, else e-mail, else subject.
    pub fn display_name(&self) -> &str {
        self.name
            .as_deref()
            .or(self.email.as_deref())
            .unwrap_or(&self.sub)
    }
}
