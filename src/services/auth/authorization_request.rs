//! The authorization URL of a sign-in (authorization code flow, PKCE S256, fresh `state` and `nonce`).

use std::rc::Rc;

use openidconnect::core::{CoreAuthPrompt, CoreResponseType};
use openidconnect::{AuthenticationFlow, CsrfToken, Nonce, Scope};

use super::{AuthError, Pkce, ProviderCache, Secret, random_token};

/// What the authorization request asks the provider for.
pub struct AuthorizationParams {
    /// The discovered (or to be discovered) provider.
    pub provider: Rc<ProviderCache>,
    /// The scopes besides `openid`, which is always sent.
    pub scopes: Vec<String>,
    /// The `resource` indicator (RFC 8707), if configured.
    pub resource: Option<String>,
    /// True for `prompt=none` (restore a provider session without interaction).
    pub silent: bool,
}

/// The URL to navigate to and the one-time secrets its callback is checked against.
pub struct AuthorizationRequest {
    /// The provider's authorization URL with every parameter.
    pub url: String,
    /// The `state` sent.
    pub state: Secret,
    /// The `nonce` the ID token must carry.
    pub nonce: Secret,
    /// The PKCE code verifier.
    pub pkce_verifier: Secret,
}

/// Builds the authorization URL for `params` with new random `state`, `nonce` and PKCE verifier.
pub(super) async fn authorization_request(
    params: AuthorizationParams,
) -> Result<AuthorizationRequest, AuthError> {
    let provider = params.provider.get().await?;
    let (state, nonce, pkce) = (random_token()?, random_token()?, Pkce::generate()?);
    let (state_param, nonce_param) = (state.clone(), nonce.clone());
    let mut request = provider
        .client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            move || CsrfToken::new(state_param),
            move || Nonce::new(nonce_param),
        )
        .set_pkce_challenge(pkce.challenge());
    for scope in params.scopes.into_iter().filter(|scope| scope != "openid") {
        request = request.add_scope(Scope::new(scope));
    }
    if let Some(resource) = params.resource {
        request = request.add_extra_param("resource", resource);
    }
    if params.silent {
        request = request.add_prompt(CoreAuthPrompt::None);
    }
    let (url, _, _) = request.url();
    Ok(AuthorizationRequest {
        url: url.to_string(),
        state: Secret::new(state),
        nonce: Secret::new(nonce),
        pkce_verifier: pkce.verifier().clone(),
    })
}
