//! Reading the provider's redirect back to `/callback`.

use openidconnect::url::Url;

use super::{AuthError, Secret};

/// What the provider put in the callback URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackParams {
    /// Success: an authorization code to exchange.
    Code {
        /// The one-time authorization code.
        code: Secret,
        /// The `state` echoed back.
        state: String,
    },
    /// The provider refused (consent denied, no session for `prompt=none`, …).
    Error {
        /// The OAuth error code.
        error: String,
        /// The `state` echoed back, if any.
        state: Option<String>,
    },
}

impl CallbackParams {
    /// Parses an absolute callback URL such as `https://app/callback?code=…&state=…`.
    pub fn parse(url: &str) -> Result<Self, AuthError> {
        let url = Url::parse(url).map_err(|_| AuthError::MissingCode)?;
        let param = |name: &str| {
            url.query_pairs()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.into_owned())
        };
        let state = param("state");
        if let Some(error) = param("error") {
            return Ok(Self::Error { error, state });
        }
        match (param("code"), state) {
            (Some(code), Some(state)) => Ok(Self::Code {
                code: Secret::new(code),
                state,
            }),
            (Some(_), None) => Err(AuthError::StateMismatch),
            (None, _) => Err(AuthError::MissingCode),
        }
    }

    /// The `state` the provider echoed.
    pub fn state(&self) -> Option<&str> {
        match self {
            Self::Code { state, .. } => Some(state),
            Self::Error { state, .. } => state.as_deref(),
        }
    }
}

/// The typed error for an OAuth error code in the callback. `temporarily_unavailable` (RFC 6749 §4.1.2.1) is
/// also what the service worker answers when the provider cannot be reached (docs/offline.md): transient.
pub fn callback_error(code: &str) -> AuthError {
    match code {
        "access_denied" => AuthError::AccessDenied,
        "login_required"
        | "interaction_required"
        | "consent_required"
        | "account_selection_required" => AuthError::LoginRequired,
        "temporarily_unavailable" => AuthError::ProviderUnreachable(code.to_owned()),
        other => AuthError::ProviderError {
            code: other
                .chars()
                .filter(|c| c.is_ascii_graphic())
                .take(64)
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_code_and_state() {
        let params = CallbackParams::parse(
            "https://app.example/callback?code=abc&state=xyz&iss=https%3A%2F%2Fid",
        )
        .unwrap();
        assert_eq!(
            params,
            CallbackParams::Code {
                code: Secret::new("abc"),
                state: "xyz".into()
            }
        );
    }

    #[test]
    fn reads_errors_and_maps_them() {
        let params = CallbackParams::parse(
            "https://app/callback?error=access_denied&error_description=no&state=s",
        )
        .unwrap();
        assert_eq!(
            params,
            CallbackParams::Error {
                error: "access_denied".into(),
                state: Some("s".into())
            }
        );
        assert_eq!(callback_error("access_denied"), AuthError::AccessDenied);
        assert_eq!(callback_error("login_required"), AuthError::LoginRequired);
        assert!(callback_error("temporarily_unavailable").is_transient());
        assert_eq!(
            callback_error("server_error"),
            AuthError::ProviderError {
                code: "server_error".into()
            }
        );
        assert_eq!(
            callback_error("<script>\n"),
            AuthError::ProviderError {
                code: "<script>".into()
            }
        );
    }

    #[test]
    fn incomplete_callbacks_are_typed_errors() {
        assert_eq!(
            CallbackParams::parse("https://app/callback"),
            Err(AuthError::MissingCode)
        );
        assert_eq!(
            CallbackParams::parse("https://app/callback?code=abc"),
            Err(AuthError::StateMismatch)
        );
        assert_eq!(
            CallbackParams::parse("not a url"),
            Err(AuthError::MissingCode)
        );
    }
}
