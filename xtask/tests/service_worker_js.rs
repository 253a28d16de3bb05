//! The service worker is plain JavaScript (docs/offline.md): its node tests (`tests-js/*.test.mjs`) run
//! here, so `cargo test --workspace` (the native stage of `cargo xtask test`) covers them.

use std::path::Path;
use std::process::Command;

#[test]
fn service_worker_node_tests_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED: `node` is not on PATH, so the service-worker tests in tests-js/ did not run \
             (`cargo xtask setup` installs it)"
        );
        return;
    }
    let output = Command::new("node")
        .args(["--test", "tests-js/"])
        .current_dir(&root)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "node --test tests-js/ failed:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains("# fail 0") && !report.contains("# pass 0"),
        "node ran no service-worker tests:\n{report}"
    );
}
