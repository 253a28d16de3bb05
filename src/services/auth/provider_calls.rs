//! Every way into the provider code (openidconnect's types, discovery, token requests, ID-token checks). In the
//! split build (cargo feature `split`) each call is a `wasm_split` point of one chunk, `sign_in_provider`: a
//! returning customer whose token is valid never downloads that code; the first renewal, sign-in, profile load or
//! sign-out does (docs/code-splitting.md). A chunk that cannot be downloaded is a network error
//! ([`AuthError::ProviderUnreachable`]), like a provider that cannot be reached.

use std::rc::Rc;

use futures::future::LocalBoxFuture;

use super::{
    AuthError, AuthUser, AuthorizationParams, AuthorizationRequest, DiscoveryParts, Provider,
    ProviderSignOut, RenewParts, SignOutParams, TokenGrant,
};

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for AuthError {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        AuthError::ProviderUnreachable("the sign-in code could not be downloaded".into())
    }
}

/// Declares `$name`, which runs `$body` (a future) from the `sign_in_provider` chunk of the split build.
macro_rules! provider_call {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty = $body:expr;) => {
        $(#[$doc])*
        #[cfg_attr(
            feature = "split",
            wasm_split_helpers::wasm_split(
                sign_in_provider,
                fallible,
                return_wrapper(let future = _ ; { future.await } -> Result<$out, AuthError>)
            )
        )]
        pub(super) fn $name($($arg: $ty),*) -> LocalBoxFuture<'static, Result<$out, AuthError>> {
            Box::pin($body)
        }
    };
}

provider_call! {
    /// Discovers the provider: its document, then its keys.
    fn discover_provider(parts: DiscoveryParts) -> Rc<Provider> = super::provider::discover(parts);
}

provider_call! {
    /// Renews the session at the token endpoint with its refresh token.
    fn renew_at_provider(parts: RenewParts) -> TokenGrant = super::oidc_refresher::renew(parts);
}

provider_call! {
    /// The authorization URL of a new sign-in and the secrets its callback needs.
    fn authorization_request(params: AuthorizationParams) -> AuthorizationRequest =
        super::authorization_request::authorization_request(params);
}

provider_call! {
    /// Revokes the refresh token and builds the provider's end-session URL.
    fn sign_out_at_provider(params: SignOutParams) -> ProviderSignOut =
        super::provider_sign_out::sign_out_at_provider(params);
}

provider_call! {
    /// The user from the userinfo endpoint (`None` when the provider has none or refuses).
    fn profile_from_provider(cache: Rc<super::ProviderCache>, http: Rc<dyn super::AuthHttp>, access_token: String)
        -> Option<AuthUser> = super::profile::profile(cache, http, access_token);
}
