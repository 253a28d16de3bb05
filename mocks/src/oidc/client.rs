//! The one registered client: the SPA, a public client (no secret) with exact-match redirect URIs.

use crate::oidc::OidcFlags;

/// Client id of the SPA.
pub const CLIENT_ID: &str = "digibank-spa";

/// The registered client and its URIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    redirect_uris: Vec<String>,
    post_logout_redirect_uris: Vec<String>,
}

impl Client {
    /// The SPA at `origin`: `<origin>/callback` and `<origin>/`, plus the URIs given by flags.
    pub fn spa(origin: &str, flags: &OidcFlags) -> Client {
        let redirect_uris = std::iter::once(format!("{origin}/callback"))
            .chain(flags.redirect_uris.iter().cloned())
            .collect();
        let post_logout_redirect_uris = std::iter::once(format!("{origin}/"))
            .chain(flags.post_logout_redirect_uris.iter().cloned())
            .collect();
        Client {
            redirect_uris,
            post_logout_redirect_uris,
        }
    }

    /// True when `client_id` names this client.
    pub fn is(&self, client_id: &str) -> bool {
        client_id == CLIENT_ID
    }

    /// True when `uri` is exactly a registered redirect URI (no prefix, case or trailing-slash leniency).
    pub fn allows_redirect(&self, uri: &str) -> bool {
        self.redirect_uris.iter().any(|r| r == uri)
    }

    /// True when `uri` is exactly a registered post-logout redirect URI.
    pub fn allows_post_logout(&self, uri: &str) -> bool {
        self.post_logout_redirect_uris.iter().any(|r| r == uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_redirect_uris_exactly() {
        let flags = OidcFlags {
            redirect_uris: vec!["http://127.0.0.1:9/cb".into()],
            ..OidcFlags::default()
        };
        let client = Client::spa("http://127.0.0.1:8080", &flags);
        assert!(client.is("digibank-spa") && !client.is("other"));
        assert!(client.allows_redirect("http://127.0.0.1:8080/callback"));
        assert!(client.allows_redirect("http://127.0.0.1:9/cb"));
        for near in [
            "http://127.0.0.1:8080/callback/",
            "http://127.0.0.1:8080/callback?x=1",
            "http://127.0.0.1:8080/Callback",
            "http://127.0.0.1:8080/callback/../evil",
            "http://127.0.0.1:8081/callback",
        ] {
            assert!(!client.allows_redirect(near), "{near}");
        }
        assert!(client.allows_post_logout("http://127.0.0.1:8080/"));
        assert!(!client.allows_post_logout("http://127.0.0.1:8080"));
    }
}
