//! The security headers of every file of the app (`--static`; Trunk.toml's `[serve.headers]` sends the same set
//! with the policy as `Content-Security-Policy-Report-Only`, checked by a test). docs/security.md says why each.

use std::path::Path;
use std::sync::Arc;

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::Response;

use crate::http::content_security_policy::{
    AppOrigins, content_security_policy, reporting_endpoints,
};

/// What a bank app never uses, turned off for the page and everything it could embed.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), bluetooth=(), camera=(), display-capture=(), \
geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()";
/// Two years, subdomains included: only ever sent over https.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

/// The headers by name and value, the policy under `Content-Security-Policy`; HSTS and the Reporting API's
/// endpoint only over `https`.
pub fn header_set(origins: &AppOrigins, https: bool) -> Vec<(&'static str, String)> {
    let mut set = vec![
        (
            "content-security-policy",
            content_security_policy(origins, https),
        ),
        ("x-content-type-options", "nosniff".to_owned()),
        ("referrer-policy", "no-referrer".to_owned()),
        ("cross-origin-opener-policy", "same-origin".to_owned()),
        ("cross-origin-resource-policy", "same-origin".to_owned()),
        ("x-frame-options", "DENY".to_owned()),
        ("permissions-policy", PERMISSIONS_POLICY.to_owned()),
    ];
    if https {
        set.push(("reporting-endpoints", reporting_endpoints()));
        set.push((
            "strict-transport-security",
            STRICT_TRANSPORT_SECURITY.to_owned(),
        ));
    }
    set
}

/// The header set of a site, ready to add to responses.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    headers: Arc<Vec<(HeaderName, HeaderValue)>>,
}

impl SecurityHeaders {
    /// The set for an app served with `config_json` (its config.json text), over https or not.
    pub fn for_app(config_json: &str, https: bool) -> SecurityHeaders {
        let origins = AppOrigins::from_config_json(config_json);
        let headers = header_set(&origins, https)
            .into_iter()
            .filter_map(|(name, value)| {
                Some((
                    HeaderName::from_static(name),
                    HeaderValue::from_str(&value).ok()?,
                ))
            })
            .collect();
        SecurityHeaders {
            headers: Arc::new(headers),
        }
    }

    /// Sets every header of the set on `headers`, replacing what was there.
    pub fn apply(&self, headers: &mut HeaderMap) {
        for (name, value) in self.headers.iter() {
            headers.insert(name.clone(), value.clone());
        }
    }

    /// The set for the app in `dir`, from its config.json (read now; none there means "all same-origin").
    pub fn for_site(dir: &Path, https: bool) -> SecurityHeaders {
        let config = std::fs::read_to_string(dir.join("config.json")).unwrap_or_default();
        SecurityHeaders::for_app(&config, https)
    }

    /// `response` with the set applied.
    pub fn on(&self, mut response: Response) -> Response {
        self.apply(response.headers_mut());
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsts_and_the_reporting_endpoint_are_sent_over_https_only() {
        let names = |https| {
            header_set(&AppOrigins::default(), https)
                .into_iter()
                .map(|(name, _)| name)
                .collect::<Vec<_>>()
        };
        for name in ["strict-transport-security", "reporting-endpoints"] {
            assert!(
                !names(false).contains(&name) && names(true).contains(&name),
                "{name}"
            );
        }
    }

    #[test]
    fn every_value_is_a_valid_header_and_is_applied() {
        let set = SecurityHeaders::for_app(r#"{"apiBaseUrl":"https://api.example"}"#, true);
        let mut headers = HeaderMap::new();
        set.apply(&mut headers);
        assert_eq!(
            headers.len(),
            header_set(&AppOrigins::default(), true).len()
        );
        assert_eq!(headers["x-frame-options"], "DENY");
    }
}
