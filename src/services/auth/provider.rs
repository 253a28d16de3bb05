//! The identity provider as discovered: its endpoints and signing keys, fetched once per page.

use std::cell::RefCell;
use std::rc::Rc;

use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClient, CoreClientAuthMethod, CoreGrantType,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
    CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalProviderMetadata, ClientId, DiscoveryError, EndSessionUrl, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, IssuerUrl, ProviderMetadata, RedirectUrl, RevocationUrl,
};
use serde::{Deserialize, Serialize};

use super::{AuthConfig, AuthError, AuthHttp, HttpError, OidcHttp};

/// Discovery fields openidconnect's core metadata lacks: sign-out (RP-initiated logout) and revocation (RFC 7009).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraProviderMetadata {
    /// `end_session_endpoint`, if the provider supports RP-initiated logout.
    pub end_session_endpoint: Option<EndSessionUrl>,
    /// `revocation_endpoint`, if the provider supports token revocation.
    pub revocation_endpoint: Option<RevocationUrl>,
}

impl AdditionalProviderMetadata for ExtraProviderMetadata {}

/// The discovery document with the extra fields.
pub type DiscoveredMetadata = ProviderMetadata<
    ExtraProviderMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// The openidconnect client built from discovery (authorization endpoint known; token and userinfo maybe).
pub type OidcClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A discovered provider.
pub struct Provider {
    /// The configured openidconnect client (holds the JWKS).
    pub client: OidcClient,
    /// Where to send the user to sign out at the provider.
    pub end_session: Option<EndSessionUrl>,
    /// Where to revoke refresh tokens.
    pub revocation: Option<RevocationUrl>,
}

/// Discovers the provider on first use and keeps it for the page's lifetime.
pub struct ProviderCache {
    http: Rc<dyn AuthHttp>,
    issuer: IssuerUrl,
    client_id: ClientId,
    redirect_uri: RedirectUrl,
    provider: RefCell<Option<Rc<Provider>>>,
}

impl ProviderCache {
    /// A cache for the provider `config` names; fails on unusable URLs.
    pub fn new(config: &AuthConfig, http: Rc<dyn AuthHttp>) -> Result<Self, AuthError> {
        let issuer = IssuerUrl::new(config.authority.clone())
            .map_err(|e| AuthError::Config(format!("authority: {e}")))?;
        let redirect_uri = RedirectUrl::new(config.redirect_uri.clone())
            .map_err(|e| AuthError::Config(format!("redirect URI: {e}")))?;
        Ok(Self {
            http,
            issuer,
            client_id: ClientId::new(config.client_id.clone()),
            redirect_uri,
            provider: RefCell::new(None),
        })
    }

    /// The provider, discovering it (document and JWKS) if needed.
    pub async fn get(&self) -> Result<Rc<Provider>, AuthError> {
        if let Some(provider) = self.provider.borrow().as_ref() {
            return Ok(provider.clone());
        }
        let http = OidcHttp(self.http.clone());
        let metadata = DiscoveredMetadata::discover_async(self.issuer.clone(), &http)
            .await
            .map_err(discovery_error)?;
        let extra = metadata.additional_metadata().clone();
        let client = CoreClient::from_provider_metadata(metadata, self.client_id.clone(), None)
            .set_redirect_uri(self.redirect_uri.clone());
        let provider = Rc::new(Provider {
            client,
            end_session: extra.end_session_endpoint,
            revocation: extra.revocation_endpoint,
        });
        *self.provider.borrow_mut() = Some(provider.clone());
        Ok(provider)
    }
}

/// A discovery failure as a typed error (never echoing response bodies).
fn discovery_error(error: DiscoveryError<HttpError>) -> AuthError {
    match error {
        DiscoveryError::Request(HttpError(reason)) => AuthError::ProviderUnreachable(reason),
        DiscoveryError::Response(status, _, _) => {
            AuthError::Discovery(format!("the provider answered {status}"))
        }
        DiscoveryError::Parse(_) => {
            AuthError::Discovery("the discovery document or key set is malformed".into())
        }
        DiscoveryError::Validation(reason) => AuthError::Discovery(reason),
        DiscoveryError::UrlParse(e) => AuthError::Config(format!("authority: {e}")),
        other => AuthError::Discovery(other.to_string()),
    }
}
