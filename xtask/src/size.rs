//! `cargo xtask size`: builds the release bundle and prints raw, gzip (level 9) and brotli (quality 11) bytes of
//! every file in dist/, then two figures: what a signed-in customer downloads before the dashboard shows (the
//! page, its styles, the app's JS and wasm, config.json) and the whole app (every file, the service worker's
//! included). The first is checked against a budget set just above it, so it fails when it grows.

use std::path::{Path, PathBuf};

use crate::error::XtaskError;
use crate::paths::{dist_dir, files_under, log_dir};
use crate::process::probe;
use crate::{compress, release_build, setup, split_build};

/// Budget of the bytes before the dashboard, brotli (1 KB = 1000 bytes): just above today's figure
/// (556.1 KB, docs/size.md), lowered whenever a change brings it down.
const BUDGET_BROTLI: u64 = 557_000;
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

/// Builds, measures, prints; fails when the bytes before the dashboard are over budget. `--split` also builds
/// and measures the route-split wasm (not what ships yet).
pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let split = match args {
        [] => false,
        [flag] if flag == "--split" => true,
        _ => {
            return Err(XtaskError::Usage(
                "usage: cargo xtask size [--split]".into(),
            ));
        }
    };
    setup::run()?;
    let dist = dist_dir();
    release_build::build(&dist)?;
    let mut files = files_under(&dist)?;
    files.retain(|f| !release_build::is_variant(f));
    files.sort();
    println!("\n| file | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|");
    let (mut before_dashboard, mut whole_app) = (Sizes::default(), Sizes::default());
    let mut app_code = Sizes::default();
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
        if is_app_code(file) {
            app_code = app_code.plus(sizes);
        }
        whole_app = whole_app.plus(sizes);
    }
    let Sizes { raw, gzip, brotli } = before_dashboard;
    println!(
        "| **before the dashboard** (html + css + app js + wasm + config.json) | {raw} | {gzip} | {brotli} |"
    );
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
    if split {
        print_split(before_dashboard, app_code)?;
    }
    if brotli > BUDGET_BROTLI {
        return Err(XtaskError::OverBudget {
            actual: brotli,
            budget: BUDGET_BROTLI,
        });
    }
    Ok(())
}

/// Whether the page needs this file before the dashboard shows: not the service worker's scripts (registered
/// after start-up) nor images (the favicon).
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
    name == "config.json" || (BEFORE_DASHBOARD_EXTENSIONS.contains(&extension) && !service_worker)
}

/// The app's own JS glue and wasm (what the split build replaces).
fn is_app_code(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.starts_with("digibank-") && (name.ends_with(".js") || name.ends_with("_bg.wasm"))
}

/// Builds the split wasm and prints its modules and what the page would download before the dashboard with it:
/// the same page, styles and config, the main module's JS, the chunk loader and the main module (the dashboard
/// needs no chunk).
fn print_split(before_dashboard: Sizes, unsplit_code: Sizes) -> Result<(), XtaskError> {
    let bundle = split_build::build(&log_dir().join("split"))?;
    println!(
        "\n| split build (after wasm-opt -Oz) | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|"
    );
    let mut main = Sizes::default();
    for file in [&bundle.main_js, &bundle.loader, &bundle.main_wasm] {
        let sizes = measure_file(file)?;
        print_row(file, sizes);
        main = main.plus(sizes);
    }
    let mut chunks = Sizes::default();
    for chunk in &bundle.chunks {
        let sizes = measure_file(chunk)?;
        print_row(chunk, sizes);
        chunks = chunks.plus(sizes);
    }
    let Sizes { raw, gzip, brotli } = chunks;
    println!(
        "| all {} chunks | {raw} | {gzip} | {brotli} |",
        bundle.chunks.len()
    );
    let others = before_dashboard.brotli - unsplit_code.brotli;
    let split_before = others + main.brotli;
    println!(
        "\nbefore the dashboard with the split build: {split_before} bytes brotli ({:.1} KB; unsplit {:.1} KB)",
        kb(split_before),
        kb(before_dashboard.brotli)
    );
    Ok(())
}

fn measure_file(file: &Path) -> Result<Sizes, XtaskError> {
    let bytes =
        std::fs::read(file).map_err(XtaskError::io(format!("reading {}", file.display())))?;
    measure(&bytes)
}

fn print_row(file: &Path, sizes: Sizes) {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    println!(
        "| {name} | {} | {} | {} |",
        sizes.raw, sizes.gzip, sizes.brotli
    );
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

/// The biggest items of the wasm, when twiggy is installed (optional: `cargo install twiggy`).
fn print_wasm_contributors(files: &[PathBuf]) {
    let Some(wasm) = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "wasm"))
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
    }
}
