//! The signed-in user read from the provider's userinfo endpoint (when the session holds no verified ID token).

use std::rc::Rc;

use super::{AuthError, AuthHttp, AuthUser, ProviderCache, request_user_info};

/// The user for `access_token`; `Ok(None)` when the provider has no userinfo endpoint or refuses.
pub(super) async fn profile(
    provider: Rc<ProviderCache>,
    http: Rc<dyn AuthHttp>,
    access_token: String,
) -> Result<Option<AuthUser>, AuthError> {
    let provider = provider.get().await?;
    let Some(url) = provider.userinfo_endpoint.as_deref() else {
        return Ok(None);
    };
    let claims = request_user_info(&*http, url, &access_token).await;
    Ok(claims.map(AuthUser::from_user_info))
}
