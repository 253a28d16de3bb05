//! The identity provider as discovered: its endpoints, advertised algorithms and signing keys, fetched once per
//! page (through the HTTP cache when the provider allows), and the ID-token check against those keys.

use std::cell::RefCell;
use std::rc::Rc;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreClaimName, CoreClaimType, CoreClientAuthMethod,
    CoreErrorResponseType, CoreGenderClaim, CoreGrantType, CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm, CoreJwsSigningAlgorithm, CoreResponseMode, CoreResponseType,
    CoreRevocableToken, CoreRevocationErrorResponse, CoreSubjectIdentifierType,
    CoreTokenIntrospectionResponse, CoreTokenResponse,
};
use openidconnect::{
    AdditionalProviderMetadata, Client, ClientId, EmptyAdditionalClaims, EndSessionUrl,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, JsonWebKeySet, ProviderMetadata,
    RedirectUrl, RevocationUrl, StandardErrorResponse,
};
use serde::{Deserialize, Serialize};

use super::{
    AuthConfig, AuthError, AuthHttp, AuthUser, HttpCache, IdTokenContext, IdTokenRejection,
    ProviderKey, SignatureVerifier, fetch_document, verify_id_token,
};

/// Discovery fields openidconnect's core metadata lacks: sign-out (RP-initiated logout) and revocation (RFC 7009).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraProviderMetadata {
    /// `end_session_endpoint`, if the provider supports RP-initiated logout.
    pub end_session_endpoint: Option<EndSessionUrl>,
    /// `revocation_endpoint`, if the provider supports token revocation.
    pub revocation_endpoint: Option<RevocationUrl>,
}

impl AdditionalProviderMetadata for ExtraProviderMetadata {}

/// The discovery document with the extra fields; keys are [`ProviderKey`]s (verified through WebCrypto).
pub type DiscoveredMetadata = ProviderMetadata<
    ExtraProviderMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    ProviderKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// openidconnect's core client with our key type, so its own RSA/ECDSA/EdDSA code is never reached
/// (authorization endpoint known; token and userinfo maybe).
pub type OidcClient = Client<
    EmptyAdditionalClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    ProviderKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    CoreTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A discovered provider.
#[derive(Clone)]
pub struct Provider {
    /// The configured openidconnect client (URLs and protocol types).
    pub client: OidcClient,
    /// The issuer every ID token must name.
    pub issuer: IssuerUrl,
    /// `id_token_signing_alg_values_supported`.
    pub signing_algs: Vec<CoreJwsSigningAlgorithm>,
    /// The signing keys from `jwks_uri`.
    pub keys: Vec<ProviderKey>,
    /// Where the keys come from.
    pub jwks_uri: String,
    /// Where codes and refresh tokens are exchanged, if the provider has such an endpoint.
    pub token_endpoint: Option<String>,
    /// Where the user's profile is read, if the provider publishes it.
    pub userinfo_endpoint: Option<String>,
    /// Where to send the user to sign out at the provider.
    pub end_session: Option<EndSessionUrl>,
    /// Where to revoke refresh tokens.
    pub revocation: Option<RevocationUrl>,
}

type Discovery = Shared<LocalBoxFuture<'static, Result<Rc<Provider>, AuthError>>>;

/// Discovers the provider on first use (one request in flight however many ask) and keeps it for the page.
pub struct ProviderCache {
    http: Rc<dyn AuthHttp>,
    signatures: Rc<dyn SignatureVerifier>,
    identity: ClientIdentity,
    discovery: RefCell<Option<Discovery>>,
}

/// The configured issuer, client and redirect URI, as text: they are parsed into openidconnect's URL types in
/// the provider code's chunk (`url` stays out of the main module, docs/size.md).
#[derive(Clone)]
struct ClientIdentity {
    authority: String,
    client_id: String,
    redirect_uri: String,
}

impl ProviderCache {
    /// A cache for the provider `config` names. Nothing is fetched yet; unusable URLs fail the first discovery.
    pub fn new(
        config: &AuthConfig,
        http: Rc<dyn AuthHttp>,
        signatures: Rc<dyn SignatureVerifier>,
    ) -> Self {
        Self {
            http,
            signatures,
            identity: ClientIdentity {
                authority: config.authority.clone(),
                client_id: config.client_id.clone(),
                redirect_uri: config.redirect_uri.clone(),
            },
            discovery: RefCell::new(None),
        }
    }

    /// The provider, discovering it (document and JWKS) if needed; a failure is forgotten so the next call retries.
    pub async fn get(&self) -> Result<Rc<Provider>, AuthError> {
        let discovery = self.discovery.borrow().clone();
        let discovery = match discovery {
            Some(discovery) => discovery,
            None => {
                self.start(super::provider_calls::discover_provider(self.parts()).boxed_local())
            }
        };
        let result = discovery.await;
        if result.is_err() {
            self.discovery.borrow_mut().take();
        }
        result
    }

    /// Verifies an ID token against the provider's keys; a token signed by a key we do not know reloads the
    /// keys once (the provider may have rotated them) before it is refused.
    pub async fn verify_id_token(
        &self,
        id_token: &str,
        context: IdTokenContext<'_>,
    ) -> Result<AuthUser, AuthError> {
        let provider = self.get().await?;
        let signatures = &*self.signatures;
        match verify_id_token(&provider, signatures, id_token, context).await {
            Err(AuthError::InvalidIdToken(IdTokenRejection::UnknownKey)) => {
                let provider = self.reload_keys(&provider).await?;
                verify_id_token(&provider, signatures, id_token, context).await
            }
            verified => verified,
        }
    }

    async fn reload_keys(&self, stale: &Provider) -> Result<Rc<Provider>, AuthError> {
        let jwks: JsonWebKeySet<ProviderKey> = fetch_document(
            &*self.http,
            &stale.jwks_uri,
            HttpCache::Revalidate,
            "key set",
        )
        .await?;
        let provider = Rc::new(Provider {
            keys: jwks.keys().clone(),
            ..stale.clone()
        });
        let reloaded = futures::future::ready(Ok(provider.clone())).boxed_local();
        *self.discovery.borrow_mut() = Some(reloaded.shared());
        Ok(provider)
    }

    fn start(
        &self,
        discovery: LocalBoxFuture<'static, Result<Rc<Provider>, AuthError>>,
    ) -> Discovery {
        let shared = discovery.shared();
        *self.discovery.borrow_mut() = Some(shared.clone());
        shared
    }

    fn parts(&self) -> DiscoveryParts {
        DiscoveryParts {
            http: self.http.clone(),
            identity: self.identity.clone(),
        }
    }
}

/// What discovery needs: how to fetch, and the client's identity.
pub struct DiscoveryParts {
    http: Rc<dyn AuthHttp>,
    identity: ClientIdentity,
}

/// The discovery document (its issuer must be the configured one), then the keys it points to.
pub(super) async fn discover(parts: DiscoveryParts) -> Result<Rc<Provider>, AuthError> {
    let ClientIdentity {
        authority,
        client_id,
        redirect_uri,
    } = parts.identity;
    let issuer =
        IssuerUrl::new(authority).map_err(|e| AuthError::Config(format!("authority: {e}")))?;
    let redirect_uri = RedirectUrl::new(redirect_uri)
        .map_err(|e| AuthError::Config(format!("redirect URI: {e}")))?;
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.as_str().trim_end_matches('/')
    );
    let http = &*parts.http;
    let metadata: DiscoveredMetadata =
        fetch_document(http, &url, HttpCache::Allowed, "discovery document").await?;
    if *metadata.issuer() != issuer {
        return Err(AuthError::Discovery(format!(
            "the discovery document names another issuer ({})",
            metadata.issuer().as_str()
        )));
    }
    let jwks_uri = metadata.jwks_uri().to_string();
    let jwks: JsonWebKeySet<ProviderKey> =
        fetch_document(http, &jwks_uri, HttpCache::Allowed, "key set").await?;
    let extra = metadata.additional_metadata().clone();
    let signing_algs = metadata.id_token_signing_alg_values_supported().clone();
    let token_endpoint = metadata.token_endpoint().map(|url| url.to_string());
    let userinfo_endpoint = metadata.userinfo_endpoint().map(|url| url.to_string());
    let client = OidcClient::from_provider_metadata(metadata, ClientId::new(client_id), None)
        .set_redirect_uri(redirect_uri);
    Ok(Rc::new(Provider {
        client,
        issuer,
        signing_algs,
        keys: jwks.keys().clone(),
        jwks_uri,
        token_endpoint,
        userinfo_endpoint,
        end_session: extra.end_session_endpoint,
        revocation: extra.revocation_endpoint,
    }))
}
