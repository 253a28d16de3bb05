//! `cargo xtask size`: builds the release bundle and prints raw, gzip (level 9) and brotli (quality 11) bytes of
//! every file in dist/, and the first load (wasm + js + css + html + config.json) against the budget.

use std::path::{Path, PathBuf};

use crate::error::XtaskError;
use crate::paths::{dist_dir, files_under};
use crate::process::probe;
use crate::{compress, release_build, setup};

/// Budget of the first load, brotli bytes (130 KB, 1 KB = 1000 bytes).
const BUDGET_BROTLI: u64 = 130_000;
/// Extensions of the files a first visit downloads (besides config.json).
const FIRST_LOAD_EXTENSIONS: [&str; 4] = ["wasm", "js", "css", "html"];

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

/// Builds, measures, prints; fails when the first load is over budget.
pub fn run() -> Result<(), XtaskError> {
    setup::run()?;
    let dist = dist_dir();
    release_build::build(&dist)?;
    let mut files = files_under(&dist)?;
    files.retain(|f| !release_build::is_variant(f));
    files.sort();
    println!("\n| file | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|");
    let mut first_load = Sizes::default();
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
        if is_first_load(file) {
            first_load = first_load.plus(sizes);
        }
    }
    let Sizes { raw, gzip, brotli } = first_load;
    println!(
        "| **first load** (wasm + js + css + html + config.json) | {raw} | {gzip} | {brotli} |"
    );
    println!(
        "\nbudget: {brotli} of {BUDGET_BROTLI} bytes brotli ({:.1} KB of {} KB)",
        kb(brotli),
        kb(BUDGET_BROTLI)
    );
    print_wasm_contributors(&files);
    if brotli > BUDGET_BROTLI {
        return Err(XtaskError::OverBudget {
            actual: brotli,
            budget: BUDGET_BROTLI,
        });
    }
    Ok(())
}

/// Whether a first visit downloads this file.
fn is_first_load(path: &Path) -> bool {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    FIRST_LOAD_EXTENSIONS.contains(&extension)
        || path.file_name().is_some_and(|n| n == "config.json")
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
    fn first_load_counts_code_styles_pages_and_config_only() {
        assert!(is_first_load(Path::new("dist/digibank-1a2b_bg.wasm")));
        assert!(is_first_load(Path::new("dist/digibank-1a2b.js")));
        assert!(is_first_load(Path::new("dist/index.html")));
        assert!(is_first_load(Path::new("dist/config.json")));
        assert!(!is_first_load(Path::new("dist/icons/logo.png")));
    }
}
