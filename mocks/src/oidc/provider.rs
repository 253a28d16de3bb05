//! The provider's state: issuer, registered client, codes, login sessions, grants and the trusted external issuer.

use crate::Config;
use crate::oidc::client::Client;
use crate::oidc::codes::CodeStore;
use crate::oidc::grants::GrantStore;
use crate::oidc::issuer::Issuer;
use crate::oidc::sessions::SessionStore;
use crate::oidc::trusted_issuer::TrustedIssuer;

/// Everything the `/oidc` endpoints share (tokens themselves live in the API's token store).
#[derive(Debug)]
pub struct Provider {
    issuer: Issuer,
    client: Client,
    codes: CodeStore,
    sessions: SessionStore,
    grants: GrantStore,
    trusted: Option<TrustedIssuer>,
}

impl Provider {
    /// The provider for `config`; browsers see it at `public_origin`, else at the listener's origin.
    pub fn new(config: &Config, public_origin: Option<&str>) -> Provider {
        let origin = public_origin.map_or_else(
            || format!("http://127.0.0.1:{}", config.port),
            str::to_owned,
        );
        let flags = &config.oidc;
        let trusted = flags
            .trust_issuer
            .as_deref()
            .zip(flags.trust_audience.as_deref())
            .map(|(issuer, audience)| TrustedIssuer::new(issuer, audience));
        Provider {
            issuer: Issuer::at(&origin),
            client: Client::spa(&origin, flags),
            codes: CodeStore::default(),
            sessions: SessionStore::new(flags.idp_session_max_age),
            grants: GrantStore::default(),
            trusted,
        }
    }

    /// The issuer and endpoint URLs.
    pub fn issuer(&self) -> &Issuer {
        &self.issuer
    }

    /// The registered client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Authorization codes.
    pub(crate) fn codes(&self) -> &CodeStore {
        &self.codes
    }

    /// Login sessions.
    pub(crate) fn sessions(&self) -> &SessionStore {
        &self.sessions
    }

    /// Grants by token family.
    pub(crate) fn grants(&self) -> &GrantStore {
        &self.grants
    }

    /// The external issuer whose JWT access tokens `/api` accepts (`--trust-issuer`).
    pub fn trusted_issuer(&self) -> Option<&TrustedIssuer> {
        self.trusted.as_ref()
    }
}
