//! Security headers of the served app (issue 16): on the page, a hashed asset and config.json, the policy
//! derived from the config.json being served, the same set in Trunk.toml for `trunk serve`, and the
//! violation-report endpoint.

mod common;

use std::collections::HashMap;

use common::{Harness, get, post, raw_http};
use digibank_mock::http::content_security_policy::AppOrigins;
use digibank_mock::http::security_headers::header_set;
use digibank_mock::{Config, serve};

/// A bundle folder holding the page, one hashed asset and `config`.
fn bundle(tag: &str, config: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "digibank-mock-security-{tag}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>digibank</title>",
    )
    .unwrap();
    std::fs::write(dir.join("digibank-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("config.json"), config).unwrap();
    dir
}

/// The lower-cased response head of `GET path` on a server for `dir` (public URL `public_url`, if given).
async fn heads(dir: &std::path::Path, public_url: Option<&str>, paths: &[&str]) -> Vec<String> {
    let server = serve(Config {
        static_dir: Some(dir.to_path_buf()),
        public_url: public_url.map(str::to_owned),
        transactions_per_account: 10,
        ..Config::default()
    })
    .await
    .unwrap();
    let mut heads = Vec::new();
    for path in paths {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        let (bytes, _) = raw_http(server.addr, request).await;
        let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        heads.push(text.split("\r\n\r\n").next().unwrap_or_default().to_owned());
    }
    server.stop().await;
    heads
}

const SAME_ORIGIN_CONFIG: &str =
    r#"{"apiBaseUrl":"/api","oidcAuthority":"/oidc","realtimeUrl":"/socket.io/"}"#;

#[tokio::test]
async fn the_page_an_asset_and_config_json_carry_every_security_header() {
    let dir = bundle("same-origin", SAME_ORIGIN_CONFIG);
    let paths = [
        "/",
        "/digibank-0123456789abcdef_bg.wasm",
        "/config.json",
        "/missing.js",
    ];
    for (path, head) in paths.iter().zip(heads(&dir, None, &paths).await) {
        for expected in [
            "content-security-policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'; object-src 'none'; report-uri /csp-reports\r\n",
            "x-content-type-options: nosniff\r\n",
            "referrer-policy: no-referrer\r\n",
            "cross-origin-opener-policy: same-origin\r\n",
            "cross-origin-resource-policy: same-origin\r\n",
            "x-frame-options: deny\r\n",
            "permissions-policy: accelerometer=(), bluetooth=(), camera=(),",
        ] {
            assert!(
                head.contains(expected),
                "{path}: `{expected}` missing in\n{head}"
            );
        }
        for https_only in ["strict-transport-security", "reporting-endpoints"] {
            assert!(
                !head.contains(https_only),
                "{path}: {https_only} over http: {head}"
            );
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn connect_src_follows_the_config_json_served_and_https_adds_hsts_and_report_to() {
    let config = r#"{"apiBaseUrl":"/api","oidcAuthority":"http://127.0.0.1:4011/oidc","realtimeUrl":"/socket.io/"}"#;
    let dir = bundle("foreign-provider", config);
    let head = heads(&dir, Some("https://bank.example"), &["/"])
        .await
        .remove(0);
    assert!(
        head.contains(
            "connect-src 'self' http://127.0.0.1:4011; form-action 'self' http://127.0.0.1:4011;"
        ),
        "{head}"
    );
    for expected in [
        "strict-transport-security: max-age=63072000; includesubdomains\r\n",
        "reporting-endpoints: csp=\"/csp-reports\"\r\n",
        "report-uri /csp-reports; report-to csp\r\n",
    ] {
        assert!(head.contains(expected), "{expected} missing: {head}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_bundle_built_for_another_policy_can_be_served_without_the_headers() {
    let dir = bundle("plain", SAME_ORIGIN_CONFIG);
    let server = serve(Config {
        static_dir: Some(dir.clone()),
        no_security_headers: true,
        transactions_per_account: 10,
        ..Config::default()
    })
    .await
    .unwrap();
    let request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".to_owned();
    let (bytes, _) = raw_http(server.addr, request).await;
    let head = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(
        !head.contains("content-security-policy") && !head.contains("x-frame-options"),
        "{head}"
    );
    server.stop().await;
    std::fs::remove_dir_all(dir).unwrap();
}

/// The workspace's Trunk.toml.
fn trunk_toml() -> toml::Table {
    toml::from_str(include_str!("../../Trunk.toml")).unwrap()
}

/// The `[serve.headers]` table of the workspace's Trunk.toml, names lower-cased.
fn trunk_serve_headers() -> HashMap<String, String> {
    trunk_toml()["serve"]["headers"]
        .as_table()
        .unwrap()
        .iter()
        .map(|(name, value)| {
            (
                name.to_ascii_lowercase(),
                value.as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn trunk_serve_sends_the_same_set_with_the_policy_report_only() {
    let config = include_str!("../../public/config.json");
    let mut expected: HashMap<String, String> =
        header_set(&AppOrigins::from_config_json(config), false)
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect();
    let policy = expected
        .remove("content-security-policy")
        .unwrap_or_default();
    expected.insert("content-security-policy-report-only".into(), policy);
    assert_eq!(trunk_serve_headers(), expected);
}

#[tokio::test]
async fn violation_reports_of_both_formats_are_recorded_and_listed_on_the_admin_listener() {
    let harness = Harness::new();
    let legacy = r#"{"csp-report":{"document-uri":"http://127.0.0.1/","blocked-uri":"inline",
        "effective-directive":"script-src-elem","disposition":"enforce","script-sample":""}}"#;
    let reporting = r#"[{"type":"csp-violation","url":"http://127.0.0.1/","body":{"documentURL":"http://127.0.0.1/",
        "blockedURL":"http://evil.example/x.js","effectiveDirective":"script-src-elem","disposition":"enforce"}}]"#;
    for (kind, body) in [
        ("application/csp-report", legacy),
        ("application/reports+json", reporting),
    ] {
        let reply = harness
            .send(
                post("/csp-reports")
                    .header("content-type", kind)
                    .raw_json(body),
            )
            .await;
        assert_eq!(reply.status, 204, "{kind}");
    }
    let refused = harness.send(post("/csp-reports").raw_json("[1")).await;
    assert_eq!(refused.status, 400);

    let listed = harness.send_admin(get("/admin/csp-reports").empty()).await;
    assert_eq!(listed.body["received"], 2, "{}", listed.body);
    assert_eq!(listed.body["reports"][0]["blockedUrl"], "inline");
    assert_eq!(
        listed.body["reports"][1]["blockedUrl"],
        "http://evil.example/x.js"
    );
    assert_eq!(listed.body["reports"][1]["directive"], "script-src-elem");
}

#[test]
fn trunk_serve_proxies_leave_redirects_to_the_browser() {
    // Followed by trunk, the provider's redirect to /callback came back as the page under the provider's URL:
    // silent sign-in looped and no sign-in completed in `cargo xtask dev`.
    let trunk = trunk_toml();
    let proxies = trunk["proxy"].as_array().unwrap();
    for proxy in proxies.iter().filter(|p| p.get("ws").is_none()) {
        assert_eq!(
            proxy.get("no_redirect").and_then(toml::Value::as_bool),
            Some(true),
            "{proxy}"
        );
    }
}
