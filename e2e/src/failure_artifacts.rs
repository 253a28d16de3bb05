//! What a failed test leaves behind for a person: a screenshot and the page's HTML in `e2e/artifacts/`.

use std::path::PathBuf;

use fantoccini::Client;

/// Saves `<test>.png` and `<test>.html`; failures to save are reported on stderr, never hide the test's error.
pub async fn save(client: &Client, test: &str) {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts"));
    if let Err(error) = std::fs::create_dir_all(&dir) {
        eprintln!("e2e: cannot create {}: {error}", dir.display());
        return;
    }
    match client.screenshot().await {
        Ok(png) => write(dir.join(format!("{test}.png")), &png),
        Err(error) => eprintln!("e2e: no screenshot for {test}: {error}"),
    }
    match client.source().await {
        Ok(html) => write(dir.join(format!("{test}.html")), html.as_bytes()),
        Err(error) => eprintln!("e2e: no page source for {test}: {error}"),
    }
}

fn write(path: PathBuf, bytes: &[u8]) {
    match std::fs::write(&path, bytes) {
        Ok(()) => eprintln!("e2e: saved {}", path.display()),
        Err(error) => eprintln!("e2e: cannot write {}: {error}", path.display()),
    }
}
