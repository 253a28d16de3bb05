//! The release bundle exactly as it is deployed: the route-split wasm (split_build), its files renamed after their
//! contents (content_hash), its two scripts minified, a page that loads them through an external boot script
//! (release_html) built by `trunk build --release` (which hashes the styles and icon, copies the public files and
//! stamps the service worker over the final file set), then a `.br` (brotli 11) and a `.gz` (gzip 9) next to every text and wasm file, which the mock
//! bank's `--static` mode serves by `Accept-Encoding` (docs/deploy.md).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::content_hash::Entry;
use crate::error::XtaskError;
use crate::paths::{files_under, log_dir, node_bin_dir, workspace_root};
use crate::process::run as run_command;
use crate::release_html::{boot_script, release_html};
use crate::{compress, content_hash, split_build};

/// Extensions of the files that get precompressed variants.
const COMPRESSIBLE: [&str; 7] = ["wasm", "js", "mjs", "css", "html", "json", "svg"];
/// The generated page trunk builds from (gitignored; next to index.html so its relative links resolve).
const RELEASE_PAGE: &str = "index.release.html";

/// Builds the release bundle into `dist` and precompresses it.
pub fn build(dist: &Path) -> Result<(), XtaskError> {
    let bundle_dir = log_dir().join("bundle");
    let bundle = split_build::build(&bundle_dir)?;
    let entry = content_hash::apply(&bundle)?;
    minify_scripts(&bundle_dir, &entry)?;
    let root = workspace_root();
    let index = std::fs::read_to_string(root.join("index.html"))
        .map_err(XtaskError::io("reading index.html"))?;
    let relative = bundle_dir.strip_prefix(root).unwrap_or(&bundle_dir);
    let (boot, boot_text) = boot_script(&entry);
    std::fs::write(bundle_dir.join(&boot), boot_text)
        .map_err(XtaskError::io(format!("writing {boot}")))?;
    let page = release_html(&index, &relative.to_string_lossy(), &entry, &boot)?;
    std::fs::write(root.join(RELEASE_PAGE), page)
        .map_err(XtaskError::io(format!("writing {RELEASE_PAGE}")))?;
    run_command(
        Command::new("trunk")
            .args(["build", RELEASE_PAGE, "--release", "--dist"])
            .arg(dist)
            .current_dir(root),
    )?;
    let written = precompress(dist)?;
    println!(
        "release build: {} chunks, {} precompressed files in {}",
        bundle.chunks.len(),
        written,
        dist.display()
    );
    Ok(())
}

/// Minifies wasm-bindgen's glue and the chunk loader in place with esbuild (from npm, installed by setup):
/// trunk's minifier cannot parse them. Their names keep the hash of the text before minification, which is as
/// deterministic as the minified text.
fn minify_scripts(bundle_dir: &Path, entry: &Entry) -> Result<(), XtaskError> {
    for script in [&entry.main_js, &entry.loader] {
        let path = bundle_dir.join(script);
        run_command(
            Command::new(node_bin_dir().join("esbuild"))
                .arg(&path)
                .args(["--minify", "--format=esm", "--log-level=error"])
                .arg(format!("--outfile={}", path.display()))
                .arg("--allow-overwrite"),
        )?;
    }
    Ok(())
}

/// The `CARGO_ENCODED_RUSTFLAGS` of every release wasm build (the split build's too, so they share dependencies).
pub fn release_rustflags() -> String {
    remap_flags(&build_paths())
}

/// The absolute paths a release build would otherwise embed in panic locations: the crate registry's sources,
/// cargo's git checkouts and this workspace.
fn build_paths() -> Vec<(PathBuf, &'static str)> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_default();
    let registries = std::fs::read_dir(cargo_home.join("registry/src"))
        .map(|dirs| dirs.flatten().map(|d| (d.path(), "crates")).collect())
        .unwrap_or_else(|_| Vec::new());
    let mut paths: Vec<(PathBuf, &'static str)> = registries;
    paths.push((cargo_home.join("git/checkouts"), "git"));
    paths.push((crate::paths::workspace_root().to_path_buf(), "digibank"));
    paths
}

/// `--remap-path-prefix FROM=TO` for each path, as `CARGO_ENCODED_RUSTFLAGS` (0x1f-separated): panic locations
/// then read `crates/leptos-0.8.23/src/…`, not `/home/<user>/.cargo/registry/src/index.crates.io-…/leptos-…`.
fn remap_flags(paths: &[(PathBuf, &str)]) -> String {
    paths
        .iter()
        .map(|(from, to)| format!("--remap-path-prefix={}={to}", from.display()))
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir`; returns how many were written.
pub fn precompress(dir: &Path) -> Result<usize, XtaskError> {
    let mut written = 0;
    for file in files_under(dir)?.into_iter().filter(|f| is_compressible(f)) {
        let bytes =
            std::fs::read(&file).map_err(XtaskError::io(format!("reading {}", file.display())))?;
        written += write_variants(&file, &bytes)?;
    }
    Ok(written)
}

/// Writes `<file>.br` and `<file>.gz` of `bytes` (the file's contents); returns how many were written.
pub fn write_variants(file: &Path, bytes: &[u8]) -> Result<usize, XtaskError> {
    let variants = [
        ("br", compress::brotli(bytes)?),
        ("gz", compress::gzip(bytes)?),
    ];
    for (suffix, encoded) in &variants {
        let target = with_suffix(file, suffix);
        std::fs::write(&target, encoded)
            .map_err(XtaskError::io(format!("writing {}", target.display())))?;
    }
    Ok(variants.len())
}

/// Whether `path` is a text or wasm file worth a compressed variant (never a variant itself).
pub fn is_compressible(path: &Path) -> bool {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    COMPRESSIBLE.contains(&extension)
}

/// Whether `path` is a precompressed variant written by [`precompress`].
pub fn is_variant(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "br" || e == "gz")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_pages_and_data_are_compressed_but_not_their_variants_or_images() {
        assert!(is_compressible(Path::new("dist/digibank-1a2b_bg.wasm")));
        assert!(is_compressible(Path::new("dist/index.html")));
        assert!(is_compressible(Path::new("dist/config.json")));
        assert!(!is_compressible(Path::new("dist/index.html.br")));
        assert!(!is_compressible(Path::new("dist/icon.png")));
        assert!(is_variant(Path::new("dist/index.html.gz")));
    }

    #[test]
    fn build_paths_are_remapped_to_short_relative_names() {
        let flags = remap_flags(&[
            (
                PathBuf::from("/home/me/.cargo/registry/src/index.crates.io-abc"),
                "crates",
            ),
            (PathBuf::from("/work/digibank"), "digibank"),
        ]);
        assert_eq!(
            flags,
            "--remap-path-prefix=/home/me/.cargo/registry/src/index.crates.io-abc=crates\u{1f}\
             --remap-path-prefix=/work/digibank=digibank"
        );
        assert!(build_paths().iter().any(|(_, to)| *to == "digibank"));
    }

    #[test]
    fn precompress_writes_both_variants_beside_each_file() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("snippets")).unwrap_or_default();
        std::fs::write(dir.join("app.js"), "let a = 1;".repeat(100)).unwrap_or_default();
        std::fs::write(dir.join("snippets/x.js"), "x").unwrap_or_default();
        std::fs::write(dir.join("logo.png"), [0u8; 10]).unwrap_or_default();
        assert_eq!(precompress(&dir).ok(), Some(4));
        assert!(dir.join("app.js.br").exists() && dir.join("snippets/x.js.gz").exists());
        assert!(!dir.join("logo.png.br").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
