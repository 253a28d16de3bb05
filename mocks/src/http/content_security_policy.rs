//! The app's Content-Security-Policy, derived from the config.json it is served with (docs/security.md).
//!
//! Everything is `'self'` except what the app connects to: the origins of `apiBaseUrl`, `oidcAuthority` and
//! `realtimeUrl` when they are absolute (the socket's as `ws:`/`wss:` too), which also go into `form-action`
//! for the provider. No hashes and no `'unsafe-inline'`: the page loads only external scripts and styles, and
//! `'wasm-unsafe-eval'` is what compiling the wasm needs. Violations are reported to [`REPORT_PATH`]: by
//! `report-uri`, and over https by `report-to` too. Not over http: Chromium accepts only https reporting
//! endpoints, yet a `report-to` naming none still silences `report-uri`, so nothing would arrive
//! (measured with Chromium 156 on http://127.0.0.1, docs/security.md).

use serde_json::Value;

/// Where browsers send violation reports (`report-uri`, and `report-to` through `Reporting-Endpoints`).
pub const REPORT_PATH: &str = "/csp-reports";
/// The `report-to` group name, defined by the `Reporting-Endpoints` header.
pub const REPORT_GROUP: &str = "csp";

/// The config.json keys whose URLs the app connects to.
const CONNECTED_KEYS: [&str; 3] = ["apiBaseUrl", "oidcAuthority", "realtimeUrl"];

/// The origins other than the page's own that the app talks to, read from its config.json.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppOrigins {
    /// Origins for `connect-src`, in config order, without duplicates.
    pub connect: Vec<String>,
    /// The provider's origin for `form-action`, if it is not the page's own.
    pub provider: Option<String>,
}

impl AppOrigins {
    /// The origins named by a config.json text; a missing or unreadable file means "everything same-origin".
    pub fn from_config_json(text: &str) -> AppOrigins {
        let config: Value = serde_json::from_str(text).unwrap_or_default();
        let url_of = |key: &str| config.get(key).and_then(Value::as_str);
        let mut connect = Vec::new();
        for key in CONNECTED_KEYS {
            let Some(origin) = url_of(key).and_then(http_origin) else {
                continue;
            };
            if key == "realtimeUrl" {
                push_new(&mut connect, socket_origin(&origin));
            }
            push_new(&mut connect, origin);
        }
        let provider = url_of("oidcAuthority").and_then(http_origin);
        AppOrigins { connect, provider }
    }
}

/// The policy for `origins`, as one header value; `report-to` only when the app is served over `https`.
pub fn content_security_policy(origins: &AppOrigins, https: bool) -> String {
    let with_self = |extra: &mut dyn Iterator<Item = &String>| {
        std::iter::once("'self'")
            .chain(extra.map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let connect = with_self(&mut origins.connect.iter());
    let form = with_self(&mut origins.provider.iter());
    let mut directives = [
        "default-src 'self'".to_owned(),
        "script-src 'self' 'wasm-unsafe-eval'".to_owned(),
        "style-src 'self'".to_owned(),
        "img-src 'self'".to_owned(),
        format!("connect-src {connect}"),
        format!("form-action {form}"),
        "frame-ancestors 'none'".to_owned(),
        "base-uri 'none'".to_owned(),
        "object-src 'none'".to_owned(),
        format!("report-uri {REPORT_PATH}"),
    ]
    .to_vec();
    if https {
        directives.push(format!("report-to {REPORT_GROUP}"));
    }
    directives.join("; ")
}

/// The `Reporting-Endpoints` value naming [`REPORT_GROUP`].
pub fn reporting_endpoints() -> String {
    format!("{REPORT_GROUP}=\"{REPORT_PATH}\"")
}

/// `scheme://host[:port]` of an absolute http(s) URL, lower-cased; `None` for a relative one.
fn http_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    (!host.is_empty()).then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// The websocket origin the socket upgrades to: `ws://` for `http://`, `wss://` for `https://`.
fn socket_origin(http_origin: &str) -> String {
    format!("ws{}", http_origin.trim_start_matches("http"))
}

fn push_new(list: &mut Vec<String>, origin: String) {
    if !list.contains(&origin) {
        list.push(origin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_same_origin_config_allows_only_self() {
        let origins = AppOrigins::from_config_json(
            r#"{"apiBaseUrl":"/api","oidcAuthority":"/oidc","realtimeUrl":"/socket.io/"}"#,
        );
        assert_eq!(origins, AppOrigins::default());
        let policy = content_security_policy(&origins, false);
        assert!(policy.contains("connect-src 'self';"), "{policy}");
        assert!(policy.contains("form-action 'self';"), "{policy}");
        assert!(policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"));
        for directive in [
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
            "report-uri /csp-reports",
        ] {
            assert!(policy.contains(directive), "{directive} missing: {policy}");
        }
        assert!(!policy.contains("report-to"), "over http: {policy}");
        let secure = content_security_policy(&origins, true);
        assert!(
            secure.ends_with("report-uri /csp-reports; report-to csp"),
            "{secure}"
        );
        assert!(!policy.contains("unsafe-inline") && !policy.contains("sha256-"));
    }

    #[test]
    fn absolute_urls_add_their_origins_and_the_socket_its_websocket_origin() {
        let origins = AppOrigins::from_config_json(
            r#"{"apiBaseUrl":"https://API.bank.example/v1","oidcAuthority":"http://127.0.0.1:9000/oidc",
                "realtimeUrl":"https://api.bank.example/socket.io/"}"#,
        );
        assert_eq!(
            origins.connect,
            [
                "https://api.bank.example",
                "http://127.0.0.1:9000",
                "wss://api.bank.example"
            ]
        );
        assert_eq!(origins.provider.as_deref(), Some("http://127.0.0.1:9000"));
        let policy = content_security_policy(&origins, false);
        assert!(policy.contains(
            "connect-src 'self' https://api.bank.example http://127.0.0.1:9000 wss://api.bank.example;"
        ));
        assert!(policy.contains("form-action 'self' http://127.0.0.1:9000;"));
    }

    #[test]
    fn unreadable_configs_and_other_schemes_add_nothing() {
        assert_eq!(
            AppOrigins::from_config_json("not json"),
            AppOrigins::default()
        );
        let odd = AppOrigins::from_config_json(
            r#"{"apiBaseUrl":"javascript://x","oidcAuthority":"https://user@idp.example","realtimeUrl":42}"#,
        );
        assert_eq!(odd.connect, ["https://idp.example"]);
    }

    #[test]
    fn the_reporting_endpoint_names_the_group_the_policy_reports_to() {
        assert_eq!(reporting_endpoints(), "csp=\"/csp-reports\"");
    }
}
