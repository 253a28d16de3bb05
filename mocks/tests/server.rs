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
    ];
    for flag in flags {
        assert!(
            help.contains(&format!("{flag} ")),
            "{flag} missing from --help"
        );
    }
}

#[tokio::test]
async fn static_files_get_request_ids_and_unknown_routes_get_index_html() {
    let dir = std::env::temp_dir().join(format!("digibank-mock-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>digibank</title>",
    )
    .unwrap();
    let server = serve(Config {
        static_dir: Some(dir.clone()),
        transactions_per_account: 10,
        ..Config::default()
    })
    .await
    .unwrap();
    let get =
        |path: &str| format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    for path in ["/", "/accounts/1"] {
        let (bytes, _) = raw_http(server.addr, get(path)).await;
        let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        assert!(
            text.starts_with("http/1.1 200")
                && text.contains("<title>digibank</title>")
                && text.contains("x-request-id: "),
            "{text}"
        );
    }
    let (bytes, _) = raw_http(server.addr, get("/api/missing")).await;
    assert!(String::from_utf8_lossy(&bytes).starts_with("HTTP/1.1 404"));
    server.stop().await;
    std::fs::remove_dir_all(dir).unwrap();
}
