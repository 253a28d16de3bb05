//! The binary and `serve`: the listening line, `--help`, static files behind the same middleware.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::raw_http;
use digibank_mock::{Config, serve};

#[test]
fn the_binary_prints_one_parseable_listening_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_digibank-mock"))
        .args([
            "--port",
            "0",
            "--admin-port",
            "0",
            "--transactions-per-account",
            "10",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let rest = line
        .trim()
        .strip_prefix("digibank-mock listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("{line}"));
    let (port, admin) = rest.split_once(" admin http://127.0.0.1:").unwrap();
    assert!(
        port.parse::<u16>().is_ok() && admin.parse::<u16>().is_ok(),
        "{line}"
    );
}

#[test]
fn help_documents_every_flag() {
    let output = Command::new(env!("CARGO_BIN_EXE_digibank-mock"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    let flags = [
        "--port",
        "--admin-port",
        "--public-url",
        "--static",
        "--no-security-headers",
        "--access-token-ttl",
        "--settle-delay-ms",
        "--seed",
        "--seed-date",
        "--transactions-per-account",
        "--reset-interval",
        "--fault-latency-ms",
        "--fault-jitter-ms",
        "--fault-500-rate",
        "--fault-503-rate",
        "--fault-429-rate",
        "--fault-retry-after",
        "--fault-retry-after-format",
        "--fault-drop-after-commit-rate",
        "--fault-slow-body-ms",
        "--fault-processing-delay-ms",
        "--fault-path-prefix",
        "--idp-session-max-age",
    ];
    for flag in flags {
        assert!(
            help.contains(&format!("{flag} ")) || help.contains(&format!("{flag}\n")),
            "{flag} missing from --help"
        );
    }
}

/// A release bundle as `cargo xtask` writes it: hashed code with `.br` / `.gz` variants beside it.
fn fake_bundle() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("digibank-mock-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files: [(&str, &[u8]); 8] = [
        ("index.html", b"<!doctype html><title>digibank</title>"),
        ("index.html.br", b"BR-INDEX"),
        ("digibank-0123456789abcdef_bg.wasm", b"\0asm-identity"),
        ("digibank-0123456789abcdef_bg.wasm.br", b"BR-WASM"),
        ("digibank-0123456789abcdef_bg.wasm.gz", b"GZ-WASM"),
        ("main-0123456789abcdef.css", b"body{}"),
        ("config.json", b"{}"),
        ("sw.js", b"// worker"),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    dir
}

/// The answer to `GET path` with `Accept-Encoding: accept`: status line, lowercased headers, and the body.
async fn fetch(addr: std::net::SocketAddr, path: &str, accept: &str) -> (String, String) {
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: {accept}\r\nConnection: close\r\n\r\n"
    );
    let (bytes, _) = raw_http(addr, request).await;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (head.to_ascii_lowercase(), body.to_owned())
}

#[tokio::test]
async fn static_files_are_served_precompressed_with_cache_headers_per_kind() {
    let dir = fake_bundle();
    let server = serve(Config {
        static_dir: Some(dir.clone()),
        transactions_per_account: 10,
        ..Config::default()
    })
    .await
    .unwrap();
    let wasm = "/digibank-0123456789abcdef_bg.wasm";
    let immutable = "cache-control: public, max-age=31536000, immutable";

    let (head, body) = fetch(server.addr, wasm, "gzip, deflate, br").await;
    assert!(
        head.starts_with("http/1.1 200") && body == "BR-WASM",
        "{head}"
    );
    for expected in [
        "content-encoding: br",
        "content-type: application/wasm",
        "vary: accept-encoding",
        immutable,
        "x-request-id: ",
    ] {
        assert!(head.contains(expected), "{expected} missing: {head}");
    }
    assert!(
        !head.contains("vary: origin") && !head.contains(", origin"),
        "no CORS Vary on static files: {head}"
    );
    let (head, body) = fetch(server.addr, wasm, "gzip").await;
    assert!(
        head.contains("content-encoding: gzip") && body == "GZ-WASM",
        "{head}"
    );
    let (head, body) = fetch(server.addr, wasm, "identity").await;
    assert!(
        !head.contains("content-encoding") && body == "\0asm-identity",
        "{head}"
    );

    let (head, _) = fetch(server.addr, "/main-0123456789abcdef.css", "br").await;
    assert!(
        head.contains(immutable) && head.contains("content-type: text/css"),
        "{head}"
    );
    for path in ["/config.json", "/sw.js", "/index.html"] {
        let (head, _) = fetch(server.addr, path, "identity").await;
        assert!(
            head.starts_with("http/1.1 200") && head.contains("cache-control: no-cache\r\n"),
            "{path}: {head}"
        );
    }
    // Routes of the app get index.html (precompressed too), never cached without revalidation.
    for path in ["/", "/callback", "/accounts/acc_1"] {
        let (head, body) = fetch(server.addr, path, "br").await;
        assert!(
            head.starts_with("http/1.1 200") && body == "BR-INDEX",
            "{path}: {head}"
        );
        assert!(
            head.contains("content-type: text/html") && head.contains("cache-control: no-cache"),
            "{path}: {head}"
        );
        let (_, body) = fetch(server.addr, path, "identity").await;
        assert!(body.contains("<title>digibank</title>"), "{path}: {body}");
    }
    // A missing file is a 404, not the app's page.
    for path in [
        "/favicon.ico",
        "/digibank-ffffffffffffffff_bg.wasm",
        "/api/missing",
    ] {
        let (head, body) = fetch(server.addr, path, "br").await;
        assert!(
            head.starts_with("http/1.1 404") && !body.contains("<title>"),
            "{path}: {head}"
        );
        assert!(!head.contains("immutable"), "{path}: {head}");
    }
    server.stop().await;
    std::fs::remove_dir_all(dir).unwrap();
}
