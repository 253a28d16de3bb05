//! The WebDriver capabilities: Chromium's flags from the workspace's webdriver.json (shared with `wasm-pack test`),
//! plus headless mode, a fixed window and a fresh profile folder.

use std::path::Path;

use fantoccini::wd::Capabilities;
use serde_json::{Value, json};

/// The flags `wasm-pack test` also uses (no sandbox as root, nothing that phones home on a closed network).
const WEBDRIVER_JSON: &str = include_str!("../../webdriver.json");

/// Capabilities for a headless Chromium with its profile in `profile_dir`.
pub fn chromium(profile_dir: &Path) -> Capabilities {
    let mut args: Vec<Value> = shared_args();
    args.push(json!("--headless=new"));
    // Reporting API reports (CSP `report-to`) are delivered within 100 ms instead of a minute.
    args.push(json!("--short-reporting-delay"));
    args.push(json!("--window-size=1280,900"));
    args.push(json!(format!("--user-data-dir={}", profile_dir.display())));
    let mut capabilities = Capabilities::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert("goog:chromeOptions".into(), json!({ "args": args }));
    capabilities
}

/// The `goog:chromeOptions.args` of webdriver.json (none if it cannot be read: the test will say what broke).
fn shared_args() -> Vec<Value> {
    let parsed: Value = serde_json::from_str(WEBDRIVER_JSON).unwrap_or_default();
    parsed["goog:chromeOptions"]["args"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_shared_flags_and_adds_headless_and_a_profile() {
        let capabilities = chromium(Path::new("/tmp/profile-1"));
        let args = capabilities["goog:chromeOptions"]["args"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for flag in [
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--headless=new",
            "--user-data-dir=/tmp/profile-1",
        ] {
            assert!(args.contains(&json!(flag)), "missing {flag} in {args:?}");
        }
    }
}
