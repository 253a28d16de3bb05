//! Validation of an authorization request. Client and redirect URI come first: until both are known
//! good, nothing may be sent to the redirect URI (RFC 6749 §4.1.2.1), so those failures become a page.

use crate::oidc::client::Client;
use crate::oidc::oauth_error::OAuthError;
use crate::oidc::params::Params;
use crate::oidc::pkce::{S256, is_s256_challenge};
use crate::oidc::scope::Scope;

/// A valid authorization request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationRequest {
    /// The client.
    pub client_id: String,
    /// Registered redirect URI (exact match).
    pub redirect_uri: String,
    /// Opaque value echoed back.
    pub state: Option<String>,
    /// Value to bind into the ID token.
    pub nonce: Option<String>,
    /// Requested scope.
    pub scope: Scope,
    /// PKCE S256 challenge.
    pub code_challenge: String,
    /// `prompt=none`: answer without any user interaction.
    pub prompt_none: bool,
    /// `prompt=login`: ask for the password even with a session.
    pub prompt_login: bool,
}

/// How a request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Client or redirect URI unusable: show this message, never redirect.
    Page(String),
    /// Anything else: redirect the error to the (registered) redirect URI.
    Redirect {
        /// Where to send the error.
        redirect_uri: String,
        /// The request's `state`.
        state: Option<String>,
        /// The error.
        error: OAuthError,
    },
}

/// Checks an authorization request against the registered client.
pub fn validate(params: &Params, client: &Client) -> Result<AuthorizationRequest, Refusal> {
    let client_id = params.get("client_id").ok_or_else(|| {
        Refusal::Page("The request names no client (client_id is missing).".into())
    })?;
    if !client.is(client_id) {
        return Err(Refusal::Page(format!(
            "Unknown client '{client_id}'. This provider knows only digibank-spa."
        )));
    }
    let redirect_uri = params.get("redirect_uri").ok_or_else(|| {
        Refusal::Page("The request has no redirect_uri, so there is nowhere to return to.".into())
    })?;
    if !client.allows_redirect(redirect_uri) {
        return Err(Refusal::Page(format!(
            "The redirect URI '{redirect_uri}' is not registered for {client_id}; it must match a registered URI exactly."
        )));
    }
    let state = params.get("state").map(str::to_owned);
    let refuse = |error: OAuthError| Refusal::Redirect {
        redirect_uri: redirect_uri.to_owned(),
        state: state.clone(),
        error,
    };
    check_request(params).map_err(refuse)?;
    let (prompt_none, prompt_login) = prompt(params).map_err(refuse)?;
    let scope = Scope::parse(params.get("scope").unwrap_or_default())
        .map_err(|e| refuse(OAuthError::InvalidScope(e.to_string())))?;
    let code_challenge = code_challenge(params).map_err(refuse)?;
    Ok(AuthorizationRequest {
        client_id: client_id.to_owned(),
        redirect_uri: redirect_uri.to_owned(),
        state: state.clone(),
        nonce: params.get("nonce").map(str::to_owned),
        scope,
        code_challenge,
        prompt_none,
        prompt_login,
    })
}

/// Response type, response mode and request objects.
fn check_request(params: &Params) -> Result<(), OAuthError> {
    if params.get("request").is_some() {
        return Err(OAuthError::RequestNotSupported(
            "Request objects are not supported".into(),
        ));
    }
    if params.get("request_uri").is_some() {
        return Err(OAuthError::RequestUriNotSupported(
            "request_uri is not supported".into(),
        ));
    }
    match params.get("response_type") {
        Some("code") => {}
        Some(other) => {
            return Err(OAuthError::UnsupportedResponseType(format!(
                "response_type '{other}' is not supported; use code"
            )));
        }
        None => {
            return Err(OAuthError::InvalidRequest(
                "response_type is required (code)".into(),
            ));
        }
    }
    match params.get("response_mode") {
        None | Some("query") => Ok(()),
        Some(other) => Err(OAuthError::InvalidRequest(format!(
            "response_mode '{other}' is not supported; use query"
        ))),
    }
}

/// `(none, login)` from the space-separated `prompt`.
fn prompt(params: &Params) -> Result<(bool, bool), OAuthError> {
    let values: Vec<&str> = params
        .get("prompt")
        .unwrap_or_default()
        .split(' ')
        .filter(|v| !v.is_empty())
        .collect();
    if let Some(unknown) = values
        .iter()
        .find(|v| !matches!(**v, "none" | "login" | "consent" | "select_account"))
    {
        return Err(OAuthError::InvalidRequest(format!(
            "prompt value '{unknown}' is not supported"
        )));
    }
    let none = values.contains(&"none");
    if none && values.len() > 1 {
        return Err(OAuthError::InvalidRequest(
            "prompt=none cannot be combined with other prompt values".into(),
        ));
    }
    Ok((none, values.contains(&"login")))
}

/// The PKCE challenge: required, S256 only.
fn code_challenge(params: &Params) -> Result<String, OAuthError> {
    let challenge = params.get("code_challenge").ok_or_else(|| {
        OAuthError::InvalidRequest(
            "code_challenge is required: this provider requires PKCE with S256".into(),
        )
    })?;
    match params.get("code_challenge_method") {
        Some(S256) => {}
        Some(other) => {
            return Err(OAuthError::InvalidRequest(format!(
                "code_challenge_method '{other}' is not supported; only S256 is accepted"
            )));
        }
        None => {
            return Err(OAuthError::InvalidRequest(
                "code_challenge_method is required and must be S256 (plain is not accepted)".into(),
            ));
        }
    }
    if !is_s256_challenge(challenge) {
        return Err(OAuthError::InvalidRequest(
            "code_challenge must be 43 base64url characters (BASE64URL(SHA-256(code_verifier)))"
                .into(),
        ));
    }
    Ok(challenge.to_owned())
}
