//! The provider's issuer identifier and the absolute URLs of its endpoints.

/// Path under which the provider is served.
pub const OIDC_PATH: &str = "/oidc";

/// The issuer: `<origin>/oidc`, where origin is `--public-url`'s or the listener's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    origin: String,
    url: String,
}

impl Issuer {
    /// The issuer of a provider whose browsers see `origin`.
    pub fn at(origin: &str) -> Issuer {
        let origin = origin.trim_end_matches('/').to_owned();
        Issuer {
            url: format!("{origin}{OIDC_PATH}"),
            origin,
        }
    }

    /// The issuer identifier (`iss`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The origin browsers see.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Absolute URL of an endpoint, e.g. `endpoint("token")`.
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}/{path}", self.url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_live_under_the_issuer() {
        let issuer = Issuer::at("http://127.0.0.1:8080/");
        assert_eq!(issuer.url(), "http://127.0.0.1:8080/oidc");
        assert_eq!(issuer.origin(), "http://127.0.0.1:8080");
        assert_eq!(issuer.endpoint("token"), "http://127.0.0.1:8080/oidc/token");
    }
}
