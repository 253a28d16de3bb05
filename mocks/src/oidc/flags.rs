//! Command-line flags of the development OpenID provider and of the external issuer the API may trust.

use clap::Args;

/// OpenID flags: extra registered URIs, and an external issuer whose JWT access tokens `/api` accepts.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "OpenID provider (/oidc) and external issuer")]
pub struct OidcFlags {
    /// Another redirect URI registered for the client `digibank-spa` (repeatable); `<public origin>/callback` always is.
    #[arg(long = "redirect-uri", value_name = "URL")]
    pub redirect_uris: Vec<String>,
    /// Another post-logout redirect URI (repeatable); `<public origin>/` always is.
    #[arg(long = "post-logout-redirect-uri", value_name = "URL")]
    pub post_logout_redirect_uris: Vec<String>,
    /// Also accept RS256 JWT access tokens from this issuer on /api (plain http only: no TLS is built in).
    #[arg(long, value_name = "URL", requires = "trust_audience")]
    pub trust_issuer: Option<String>,
    /// Audience those JWT access tokens must carry (`aud`, string or array).
    #[arg(long, value_name = "AUD", requires = "trust_issuer")]
    pub trust_audience: Option<String>,
    /// Keep the sign-in at the provider across browser restarts for this long ("remember me"); by default its
    /// `digibank_idp` cookie ends with the browser session (and the session after 8 h at most).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=2_592_000))]
    pub idp_session_max_age: Option<u64>,
}

/// Why the OpenID flags cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OidcFlagsError {
    /// The external issuer is not an absolute `http://` URL.
    #[error(
        "--trust-issuer must be an http:// URL (got '{0}'); this build has no TLS client, so https issuers are not supported"
    )]
    UnsupportedIssuer(String),
    /// A registered URI is not an absolute http(s) URL without a fragment.
    #[error("'{0}' is not an absolute http(s) URL without a #fragment")]
    BadUri(String),
}

impl OidcFlags {
    /// Checks the flags before the server starts.
    pub fn validate(&self) -> Result<(), OidcFlagsError> {
        if let Some(issuer) = &self.trust_issuer
            && !(issuer.starts_with("http://") && issuer.len() > "http://".len())
        {
            return Err(OidcFlagsError::UnsupportedIssuer(issuer.clone()));
        }
        let uris = self.redirect_uris.iter();
        match uris
            .chain(&self.post_logout_redirect_uris)
            .find(|uri| !is_absolute_http(uri))
        {
            Some(bad) => Err(OidcFlagsError::BadUri(bad.clone())),
            None => Ok(()),
        }
    }
}

/// True for `http(s)://host…` without a fragment.
fn is_absolute_http(uri: &str) -> bool {
    let rest = uri
        .strip_prefix("http://")
        .or_else(|| uri.strip_prefix("https://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/')) && !uri.contains('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_https_issuers_and_bad_uris() {
        let https = OidcFlags {
            trust_issuer: Some("https://idp.example".into()),
            trust_audience: Some("api".into()),
            ..OidcFlags::default()
        };
        assert!(matches!(
            https.validate(),
            Err(OidcFlagsError::UnsupportedIssuer(_))
        ));
        let fragment = OidcFlags {
            redirect_uris: vec!["http://127.0.0.1:1/cb#x".into()],
            ..OidcFlags::default()
        };
        assert!(matches!(
            fragment.validate(),
            Err(OidcFlagsError::BadUri(_))
        ));
        let fine = OidcFlags {
            redirect_uris: vec!["http://127.0.0.1:9/cb?x=1".into()],
            trust_issuer: Some("http://127.0.0.1:3000".into()),
            trust_audience: Some("api".into()),
            ..OidcFlags::default()
        };
        assert_eq!(fine.validate(), Ok(()));
    }
}
