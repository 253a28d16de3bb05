//! Where things are: the workspace, its build outputs, and the tool folders put first on PATH.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The workspace root (xtask's parent folder). Read from `CARGO_MANIFEST_DIR` as `cargo run` sets it, so a
/// checkout that shares its target folder with another (git worktrees) never acts on the other's files through
/// a binary built there; the compile-time value is the fallback when xtask runs outside cargo.
pub fn workspace_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
        manifest_dir
            .parent()
            .map_or_else(|| manifest_dir.clone(), Path::to_path_buf)
    })
}

/// trunk's output folder (see Trunk.toml).
pub fn dist_dir() -> PathBuf {
    workspace_root().join("dist")
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>, crate::error::XtaskError> {
    use crate::error::XtaskError;
    let mut files = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(XtaskError::io(format!("listing {}", dir.display())))?;
    for entry in entries {
        let path = entry
            .map_err(XtaskError::io(format!("listing {}", dir.display())))?
            .path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

/// Where xtask keeps its own files (server logs, the test bundle).
pub fn log_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from);
    target
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("xtask")
}

/// The release bundle `cargo xtask test` builds for the e2e suite: one per run and apart from dist/, so neither a
/// `trunk serve` nor another test run in the same checkout can swap files under the tests.
pub fn test_dist_dir() -> PathBuf {
    log_dir().join(format!("dist-{}", std::process::id()))
}

/// The npm packages' executables (wasm-opt from `binaryen`).
pub fn node_bin_dir() -> PathBuf {
    workspace_root().join("node_modules").join(".bin")
}

/// Where `cargo install` puts binaries.
fn cargo_bin_dir() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from);
    let home = home.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    home.map(|h| h.join("bin"))
}

/// Makes the workspace root the current folder and puts `node_modules/.bin`, then cargo's bin folder, first on
/// PATH, so every child (trunk looking for wasm-opt, wasm-pack looking for wasm-bindgen) finds the tools setup
/// installed. Called first thing in `main`, while xtask is still single-threaded.
pub fn enter_workspace() {
    let mut dirs = vec![node_bin_dir()];
    dirs.extend(cargo_bin_dir());
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path: OsString = std::env::join_paths(dirs).unwrap_or_default();
    // SAFETY: called at the very start of `main`, before any other thread exists.
    unsafe { std::env::set_var("PATH", path) };
    if let Err(error) = std::env::set_current_dir(workspace_root()) {
        eprintln!(
            "xtask: warning: cannot enter {}: {error}",
            workspace_root().display()
        );
    }
}
