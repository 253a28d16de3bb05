//! `cargo xtask dev`: the mock bank on 127.0.0.1:8081 behind `trunk serve` on http://127.0.0.1:8080 (Trunk.toml
//! proxies /api/, /oidc/ and /socket.io/ to it), until Ctrl-C stops both.

use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::Duration;

use crate::error::XtaskError;
use crate::mock_bank::{self, MockBank, MockLog};
use crate::service::{self, Service};
use crate::setup;

/// Where `trunk serve` listens (Trunk.toml's `[serve]`).
const APP_URL: &str = "http://127.0.0.1:8080";
const APP_ADDR: ([u8; 4], u16) = ([127, 0, 0, 1], 8080);

/// Runs the development servers.
pub fn run() -> Result<(), XtaskError> {
    setup::run()?;
    let binary = mock_bank::build()?;
    let args = [
        "--port",
        "8081",
        "--admin-port",
        "8082",
        "--public-url",
        APP_URL,
    ];
    let mut mock = MockBank::start(&binary, "mock", &args, MockLog::Terminal)?;
    let mut trunk = Service::spawn("trunk serve", Command::new("trunk").arg("serve"))?;
    println!("dev: waiting for trunk's first build…");
    let mut announced = false;
    service::supervise(&mut [mock.service(), &mut trunk], || {
        if !announced && app_answers() {
            announced = true;
            print_banner();
        }
    })
}

/// Whether something accepts connections on the app's port.
fn app_answers() -> bool {
    TcpStream::connect_timeout(&SocketAddr::from(APP_ADDR), Duration::from_millis(100)).is_ok()
}

fn print_banner() {
    println!();
    println!("  digibank is running at {APP_URL}");
    println!(
        "  mock bank API: {APP_URL}/api/ (direct: http://127.0.0.1:8081, admin: http://127.0.0.1:8082)"
    );
    println!("  demo users: alice and bob, password demo (sign in on the mock bank's login page)");
    println!(
        "  a token without the browser: curl -X POST -H 'content-type: application/json' http://127.0.0.1:8082/admin/tokens -d '{{\"sub\":\"alice\"}}'"
    );
    println!("  Ctrl-C stops both servers.");
    println!();
}
