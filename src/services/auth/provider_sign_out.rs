//! Signing out at the provider: the refresh token revoked (RFC 7009) and the end-session URL (RP-initiated
//! logout) with `id_token_hint`, `client_id` and `post_logout_redirect_uri`.

use std::rc::Rc;
use std::str::FromStr;

use openidconnect::core::CoreIdToken;
use openidconnect::{ClientId, PostLogoutRedirectUrl};

use super::{AuthError, AuthHttp, Provider, ProviderCache, Secret, revoke_refresh_token};

/// What signing out at the provider needs.
pub struct SignOutParams {
    /// The provider.
    pub provider: Rc<ProviderCache>,
    /// HTTP to it.
    pub http: Rc<dyn AuthHttp>,
    /// This app's client id.
    pub client_id: String,
    /// Where the provider sends the browser back to.
    pub post_logout_redirect_uri: String,
    /// The refresh token to revoke (`None`: nothing to revoke here, e.g. cookie mode).
    pub refresh_token: Option<Secret>,
    /// The session's ID token, sent as `id_token_hint`.
    pub id_token: Option<Secret>,
}

/// What the provider did.
pub struct ProviderSignOut {
    /// True when there was no refresh token to revoke or the provider accepted the revocation.
    pub revoked: bool,
    /// The end-session URL to navigate to, if the provider has one.
    pub end_session_url: Option<String>,
}

/// Revokes the refresh token and builds the end-session URL; `Err` when the provider cannot be discovered.
pub(super) async fn sign_out_at_provider(
    params: SignOutParams,
) -> Result<ProviderSignOut, AuthError> {
    let provider = params.provider.get().await?;
    let revoked = revoke(
        &provider,
        &*params.http,
        &params.client_id,
        params.refresh_token,
    )
    .await;
    let end_session_url = end_session_url(
        &provider,
        &params.client_id,
        &params.post_logout_redirect_uri,
        params.id_token,
    );
    Ok(ProviderSignOut {
        revoked,
        end_session_url,
    })
}

/// Revokes the refresh token; true when there was none or the provider accepted.
async fn revoke(
    provider: &Provider,
    http: &dyn AuthHttp,
    client_id: &str,
    refresh_token: Option<Secret>,
) -> bool {
    let Some(refresh_token) = refresh_token else {
        return true;
    };
    let Some(url) = &provider.revocation else {
        return false;
    };
    revoke_refresh_token(http, url.as_str(), client_id, refresh_token.expose()).await
}

/// The provider's end-session URL, if it has one.
fn end_session_url(
    provider: &Provider,
    client_id: &str,
    post_logout_redirect_uri: &str,
    id_token: Option<Secret>,
) -> Option<String> {
    let mut request = openidconnect::LogoutRequest::from(provider.end_session.clone()?)
        .set_client_id(ClientId::new(client_id.to_owned()))
        .set_post_logout_redirect_uri(
            PostLogoutRedirectUrl::new(post_logout_redirect_uri.to_owned()).ok()?,
        );
    if let Some(id_token) = id_token.and_then(|token| CoreIdToken::from_str(token.expose()).ok()) {
        request = request.set_id_token_hint(&id_token);
    }
    Some(request.http_get_url().to_string())
}
