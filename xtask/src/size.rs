//! `cargo xtask size`: builds the release bundle (route-split, as preview ships it) and prints raw, gzip (level 9)
//! and brotli (quality 11) bytes of every file in dist/, then three figures: what a signed-in customer downloads
//! before the dashboard shows (the page, its styles, config.json, the main module, its JS, the boot script and
//! the chunk loader; the dashboard needs no chunk), the chunks, and the whole app (every file, the service
//! worker's included). The first is checked against a budget set just above it, so it fails when it grows.

use std::path::{Path, PathBuf};

use crate::error::XtaskError;
use crate::paths::{dist_dir, files_under};
use crate::process::probe;
use crate::split_build::is_chunk;
use crate::{compress, release_build, setup};

/// Budget of the bytes before the dashboard, brotli (1 KB = 1000 bytes): just above today's figure
/// (267.9 KB, docs/size.md), lowered whenever a change brings it down.
const BUDGET_BROTLI: u64 = 268_000;
/// The goal of issue 15 for the same figure, and the React stack it replaces (docs/performance.md).
const GOALS: [(&str, u64); 2] = [("issue 15's limit", 250_000), ("the React peer", 152_000)];
/// Extensions of the files the page needs before the dashboard (besides config.json).
const BEFORE_DASHBOARD_EXTENSIONS: [&str; 4] = ["wasm", "js", "css", "html"];

/// Sizes of one file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Sizes {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

impl Sizes {
    fn plus(self, other: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
            brotli: self.brotli + other.brotli,
        }
    }
}

/// Builds, measures, prints; fails when the bytes before the dashboard are over budget.
pub fn run(args: &[String]) -> Result<(), XtaskError> {
    if !args.is_empty() {
        return Err(XtaskError::Usage("usage: cargo xtask size".into()));
    }
    setup::run()?;
    let dist = dist_dir();
    release_build::build(&dist)?;
    let mut files = files_under(&dist)?;
    files.retain(|f| !release_build::is_variant(f));
    files.sort();
    println!("\n| file | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|");
    let (mut before_dashboard, mut whole_app) = (Sizes::default(), Sizes::default());
    let mut chunks = (0, Sizes::default());
    for file in &files {
        let bytes =
            std::fs::read(file).map_err(XtaskError::io(format!("reading {}", file.display())))?;
        let sizes = measure(&bytes)?;
        let name = file
            .strip_prefix(&dist)
            .unwrap_or(file)
            .display()
            .to_string();
        println!(
            "| {name} | {} | {} | {} |",
            sizes.raw, sizes.gzip, sizes.brotli
        );
        if is_before_dashboard(file) {
            before_dashboard = before_dashboard.plus(sizes);
        }
        if is_chunk(file) {
            chunks = (chunks.0 + 1, chunks.1.plus(sizes));
        }
        whole_app = whole_app.plus(sizes);
    }
    let Sizes { raw, gzip, brotli } = before_dashboard;
    println!(
        "| **before the dashboard** (html + css + config.json + main module, its js, boot script, chunk loader) | {raw} | {gzip} | {brotli} |"
    );
    let (
        count,
        Sizes {
            raw,
            gzip,
            brotli: chunk_bytes,
        },
    ) = chunks;
    println!("| **{count} chunks** (loaded on demand) | {raw} | {gzip} | {chunk_bytes} |");
    let Sizes {
        raw,
        gzip,
        brotli: all,
    } = whole_app;
    println!("| **whole app** (every file) | {raw} | {gzip} | {all} |");
    println!(
        "\nbudget: {brotli} of {BUDGET_BROTLI} bytes brotli before the dashboard ({:.1} KB of {:.1} KB)",
        kb(brotli),
        kb(BUDGET_BROTLI)
    );
    for (goal, bytes) in GOALS {
        println!(
            "  {goal}: {:.1} KB ({:.2}×)",
            kb(bytes),
            brotli as f64 / bytes as f64
        );
    }
    print_wasm_contributors(&files);
    if brotli > BUDGET_BROTLI {
        return Err(XtaskError::OverBudget {
            actual: brotli,
            budget: BUDGET_BROTLI,
        });
    }
    Ok(())
}

/// Whether the page needs this file before the dashboard shows: not the service worker's scripts (registered
/// after start-up), the chunks (other screens) nor images (the favicon).
fn is_before_dashboard(path: &Path) -> bool {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let service_worker = name == "sw.js" || name.starts_with("sw-");
    name == "config.json"
        || (BEFORE_DASHBOARD_EXTENSIONS.contains(&extension) && !service_worker && !is_chunk(path))
}

/// Raw, gzip level 9 and brotli quality 11 sizes of `bytes`.
fn measure(bytes: &[u8]) -> Result<Sizes, XtaskError> {
    Ok(Sizes {
        raw: bytes.len() as u64,
        gzip: compress::gzip(bytes)?.len() as u64,
        brotli: compress::brotli(bytes)?.len() as u64,
    })
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1000.0
}

/// The biggest items of the main module, when twiggy is installed (optional: `cargo install twiggy`).
fn print_wasm_contributors(files: &[PathBuf]) {
    let Some(wasm) = files
        .iter()
        .find(|f| f.to_string_lossy().ends_with("_bg.wasm"))
    else {
        return;
    };
    let wasm = wasm.to_string_lossy();
    match probe("twiggy", &["top", "-n", "15", &wasm]) {
        Some(top) => {
            println!("\ntop wasm size contributors (twiggy; names are gone after wasm-opt):\n{top}")
        }
        None => {
            println!("\n(install twiggy for the top wasm size contributors: cargo install twiggy)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_sizes_are_smaller_for_repetitive_input() {
        let sizes = measure(&b"digibank ".repeat(1000)).unwrap_or_default();
        assert_eq!(sizes.raw, 9000);
        assert!(sizes.gzip > 0 && sizes.gzip < 200, "gzip {}", sizes.gzip);
        assert!(
            sizes.brotli > 0 && sizes.brotli < 200,
            "brotli {}",
            sizes.brotli
        );
    }

    #[test]
    fn before_the_dashboard_counts_the_page_its_code_and_config_not_the_worker() {
        assert!(is_before_dashboard(Path::new("dist/digibank-1a2b_bg.wasm")));
        assert!(is_before_dashboard(Path::new("dist/digibank-1a2b.js")));
        assert!(is_before_dashboard(Path::new("dist/main-1a2b.css")));
        assert!(is_before_dashboard(Path::new("dist/index.html")));
        assert!(is_before_dashboard(Path::new("dist/config.json")));
        assert!(!is_before_dashboard(Path::new("dist/sw.js")));
        assert!(!is_before_dashboard(Path::new("dist/sw-policy.js")));
        assert!(!is_before_dashboard(Path::new("dist/favicon-1a2b.svg")));
        assert!(is_before_dashboard(Path::new("dist/__wasm_split-1a2b.js")));
        assert!(is_before_dashboard(Path::new("dist/boot-1a2b.js")));
        assert!(!is_before_dashboard(Path::new("dist/chunk_8-1a2b.wasm")));
        assert!(!is_before_dashboard(Path::new(
            "dist/split_login_chunk-1a2b.wasm"
        )));
    }
}
