//! The route-split wasm (cargo feature `split`, docs/code-splitting.md) of the release build (release_build),
//! which preview, size, the e2e stage and the load benchmark ship.
//!
//! Steps: `cargo rustc` with `--emit-relocs` (dependencies shared with the release build), the splitter
//! (`wasm_split_cli_support`'s CLI, installed by setup into target/xtask/tools), wasm-bindgen on the main
//! module, wasm-opt on the main module and on every chunk.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::XtaskError;
use crate::paths::{files_under, log_dir, node_bin_dir, workspace_root};
use crate::process::run as run_command;
use crate::release_build::release_rustflags;

/// The splitter, pinned to the release that moves `.rodata` into the chunks (docs/code-splitting.md).
pub const SPLITTER_VERSION: &str = "0.2.4";

/// What the split build wrote, after wasm-opt.
pub struct SplitBundle {
    /// The main module (`digibank_bg.wasm`).
    pub main_wasm: PathBuf,
    /// Its wasm-bindgen JS glue.
    pub main_js: PathBuf,
    /// The splitter's chunk loader.
    pub loader: PathBuf,
    /// Every chunk: the five screens and the code they share.
    pub chunks: Vec<PathBuf>,
}

/// Builds the split bundle into `out` (emptied first).
pub fn build(out: &Path) -> Result<SplitBundle, XtaskError> {
    let splitter = splitter();
    run_command(
        Command::new("cargo")
            .args(["rustc", "--release", "--target", "wasm32-unknown-unknown"])
            .args(["--bin", "digibank", "--features", "split", "--"])
            .arg("-Clink-arg=--emit-relocs")
            .env("CARGO_ENCODED_RUSTFLAGS", release_rustflags()),
    )?;
    let raw = workspace_root().join("target/wasm32-unknown-unknown/release/digibank.wasm");
    let _ = std::fs::remove_dir_all(out);
    let split = out.join("split");
    std::fs::create_dir_all(&split)
        .map_err(XtaskError::io(format!("creating {}", split.display())))?;
    run_command(
        Command::new(&splitter)
            .arg(&raw)
            .arg(&split)
            .args(["--out-name", "digibank"]),
    )?;
    run_command(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--keep-lld-exports",
                "--no-demangle",
            ])
            .args(["--out-name", "digibank", "--out-dir"])
            .arg(out)
            .arg(split.join("digibank.wasm")),
    )?;
    let loader = out.join("__wasm_split.js");
    std::fs::rename(split.join("__wasm_split.js"), &loader)
        .map_err(XtaskError::io("moving the chunk loader"))?;
    let main_wasm = out.join("digibank_bg.wasm");
    optimize(&main_wasm, &main_wasm)?;
    let mut chunks = Vec::new();
    for chunk in files_under(&split)?.into_iter().filter(|f| is_chunk(f)) {
        let target = out.join(chunk.file_name().unwrap_or_default());
        optimize(&chunk, &target)?;
        chunks.push(target);
    }
    chunks.sort();
    let _ = std::fs::remove_dir_all(&split);
    Ok(SplitBundle {
        main_js: out.join("digibank.js"),
        main_wasm,
        loader,
        chunks,
    })
}

/// A chunk the splitter wrote (`chunk_8.wasm`, `split_login_chunk.wasm`, also once content-hashed), not the main
/// module.
pub fn is_chunk(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.ends_with(".wasm") && (name.starts_with("split_") || name.starts_with("chunk_"))
}

/// `wasm-opt -Oz` with the features the chunks use (they carry no target-features section of their own).
fn optimize(input: &Path, output: &Path) -> Result<(), XtaskError> {
    run_command(
        Command::new(node_bin_dir().join("wasm-opt"))
            .arg("-Oz")
            .args(["--enable-bulk-memory", "--enable-nontrapping-float-to-int"])
            .args(["--enable-sign-ext", "--enable-mutable-globals"])
            .arg(input)
            .arg("-o")
            .arg(output),
    )
}

/// The splitter's CLI, pinned to [`SPLITTER_VERSION`], under target/xtask/tools (installed by setup).
pub fn splitter() -> PathBuf {
    log_dir().join(format!(
        "tools/wasm-split-{SPLITTER_VERSION}/bin/wasm-split-cli"
    ))
}

/// Installs the splitter's CLI where [`splitter`] looks for it.
pub fn install_splitter() -> Result<(), XtaskError> {
    run_command(
        Command::new("cargo")
            .args(["install", "--locked", "wasm_split_cli_support"])
            .args(["--version", &format!("={SPLITTER_VERSION}")])
            .args(["--features", "build-binary", "--root"])
            .arg(log_dir().join(format!("tools/wasm-split-{SPLITTER_VERSION}"))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_the_splitters_modules_only() {
        assert!(is_chunk(Path::new(
            "split/split___monitoring_route_view_1.wasm"
        )));
        assert!(is_chunk(Path::new("split/chunk_7.wasm")));
        assert!(!is_chunk(Path::new("split/digibank.wasm")));
        assert!(!is_chunk(Path::new("split/__wasm_split.js")));
    }
}
