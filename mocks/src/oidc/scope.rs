//! Scopes: the supported set, and a requested scope parsed from its space-separated form.

use std::fmt;

/// Every scope the provider grants.
pub const SUPPORTED_SCOPES: [&str; 5] = ["openid", "profile", "email", "offline_access", "api"];

/// Scope that asks for a refresh token.
pub const OFFLINE_ACCESS: &str = "offline_access";

/// Why a scope was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    /// `openid` is missing: this is an OpenID provider.
    #[error("scope must include openid")]
    NoOpenId,
    /// A scope the provider does not know.
    #[error("Unknown scope '{0}'; supported: openid profile email offline_access api")]
    Unknown(String),
}

/// A granted scope: known scope values, each once, in request order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope(Vec<String>);

impl Scope {
    /// Parses a requested scope; it must contain `openid` and only supported values.
    pub fn parse(text: &str) -> Result<Scope, ScopeError> {
        let mut values: Vec<String> = Vec::new();
        for value in text.split(' ').filter(|v| !v.is_empty()) {
            if !SUPPORTED_SCOPES.contains(&value) {
                return Err(ScopeError::Unknown(value.to_owned()));
            }
            if !values.iter().any(|v| v == value) {
                values.push(value.to_owned());
            }
        }
        if !values.iter().any(|v| v == "openid") {
            return Err(ScopeError::NoOpenId);
        }
        Ok(Scope(values))
    }

    /// True when the scope includes `value`.
    pub fn has(&self, value: &str) -> bool {
        self.0.iter().any(|v| v == value)
    }

    /// True when every value of `self` is in `other`.
    pub fn is_within(&self, other: &Scope) -> bool {
        self.0.iter().all(|v| other.has(v))
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_scopes_once_each() {
        let scope = Scope::parse("openid  profile openid offline_access").unwrap();
        assert_eq!(scope.to_string(), "openid profile offline_access");
        assert!(scope.has(OFFLINE_ACCESS) && !scope.has("api"));
        assert!(Scope::parse("openid").unwrap().is_within(&scope));
        assert!(!Scope::parse("openid api").unwrap().is_within(&scope));
        assert_eq!(Scope::parse("profile"), Err(ScopeError::NoOpenId));
        assert_eq!(
            Scope::parse("openid admin"),
            Err(ScopeError::Unknown("admin".into()))
        );
    }
}
