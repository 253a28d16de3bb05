//! Content-hashed names for the split bundle, so every file but the page and the service worker can be served
//! `immutable` (the mock's `static_files`, docs/deploy.md) and the worker's precache of one build never mixes with
//! another's. A wasm file is named after its own bytes, so a chunk unchanged by a release keeps its URL; the main
//! JS and the chunk loader import each other, so they share one hash over both texts and the wasm names they load.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::XtaskError;
use crate::split_build::SplitBundle;

/// Hex digits of a content hash in a file name: what the mock's cache policy and the worker recognise.
const HASH_DIGITS: usize = 16;

/// The entry points of a hashed bundle, as file names inside its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The main module's JS glue (`digibank-<hash>.js`).
    pub main_js: String,
    /// The chunk loader (`__wasm_split-<hash>.js`).
    pub loader: String,
    /// The main module (`digibank-<hash>_bg.wasm`).
    pub main_wasm: String,
}

/// Renames every file of `bundle` to its content-hashed name and rewrites the references between them.
pub fn apply(bundle: &SplitBundle) -> Result<Entry, XtaskError> {
    let mut wasm_renames = Vec::new();
    for wasm in std::iter::once(&bundle.main_wasm).chain(&bundle.chunks) {
        wasm_renames.push((file_name(wasm), rename_to_hash(wasm)?));
    }
    let main_js = read_text(&bundle.main_js)?;
    let loader = read_text(&bundle.loader)?;
    let shared = hex_digest(
        [main_js.as_bytes(), loader.as_bytes()]
            .into_iter()
            .chain(wasm_renames.iter().map(|(_, new)| new.as_bytes())),
    );
    let entry = Entry {
        main_js: format!("digibank-{shared}.js"),
        loader: format!("__wasm_split-{shared}.js"),
        main_wasm: wasm_renames[0].1.clone(),
    };
    let main_js = patch(&main_js, &main_js_references(&entry))?;
    let loader = patch(&loader, &loader_references(&entry, &wasm_renames[1..]))?;
    replace_file(&bundle.main_js, &entry.main_js, &main_js)?;
    replace_file(&bundle.loader, &entry.loader, &loader)?;
    Ok(entry)
}

/// `name` with `-<hash of bytes>` before its extension (and before wasm-bindgen's `_bg`).
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = hex_digest([bytes]);
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    match stem.strip_suffix("_bg") {
        Some(base) => format!("{base}-{hash}_bg.{extension}"),
        None => format!("{stem}-{hash}.{extension}"),
    }
}

/// `text` with every `(from, to)` replaced; fails when a `from` is missing, since then the splitter's or
/// wasm-bindgen's output changed shape and the page would load a file that does not exist.
pub fn patch(text: &str, references: &[(String, String)]) -> Result<String, XtaskError> {
    let mut out = text.to_owned();
    for (from, to) in references {
        if !out.contains(from.as_str()) {
            return Err(XtaskError::Bundle(format!(
                "`{from}` not found in the split bundle's JS"
            )));
        }
        out = out.replace(from.as_str(), to);
    }
    Ok(out)
}

/// What the main JS names: the loader (its imports, not the wasm's import-module keys, which must stay) and the
/// main module's default URL.
fn main_js_references(entry: &Entry) -> Vec<(String, String)> {
    vec![
        (
            "from \"./__wasm_split.js\"".into(),
            format!("from \"./{}\"", entry.loader),
        ),
        (
            "'digibank_bg.wasm'".into(),
            format!("'{}'", entry.main_wasm),
        ),
    ]
}

/// What the loader names: the main JS and every chunk (quoted, so `chunk_1` never matches inside `chunk_10`).
fn loader_references(entry: &Entry, chunks: &[(String, String)]) -> Vec<(String, String)> {
    let mut references = vec![(
        "from \"./digibank.js\"".to_owned(),
        format!("from \"./{}\"", entry.main_js),
    )];
    references.extend(
        chunks
            .iter()
            .map(|(old, new)| (format!("\"./{old}\""), format!("\"./{new}\""))),
    );
    references
}

fn hex_digest<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    let digest = hasher.finalize();
    digest
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect::<String>()[..HASH_DIGITS]
        .to_owned()
}

fn rename_to_hash(path: &Path) -> Result<String, XtaskError> {
    let bytes =
        std::fs::read(path).map_err(XtaskError::io(format!("reading {}", path.display())))?;
    let name = hashed_name(&file_name(path), &bytes);
    std::fs::rename(path, sibling(path, &name))
        .map_err(XtaskError::io(format!("renaming {}", path.display())))?;
    Ok(name)
}

fn replace_file(old: &Path, name: &str, text: &str) -> Result<(), XtaskError> {
    let new = sibling(old, name);
    std::fs::write(&new, text).map_err(XtaskError::io(format!("writing {}", new.display())))?;
    std::fs::remove_file(old).map_err(XtaskError::io(format!("removing {}", old.display())))
}

fn read_text(path: &Path) -> Result<String, XtaskError> {
    std::fs::read_to_string(path).map_err(XtaskError::io(format!("reading {}", path.display())))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn sibling(path: &Path, name: &str) -> PathBuf {
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_hash_where_the_server_and_the_worker_look_for_it() {
        let main = hashed_name("digibank_bg.wasm", b"main");
        assert!(
            main.starts_with("digibank-") && main.ends_with("_bg.wasm"),
            "{main}"
        );
        assert_eq!(main.len(), "digibank-_bg.wasm".len() + HASH_DIGITS);
        let chunk = hashed_name("chunk_8.wasm", b"chunk");
        assert!(
            chunk.starts_with("chunk_8-") && chunk.ends_with(".wasm"),
            "{chunk}"
        );
        assert_ne!(hashed_name("chunk_8.wasm", b"other"), chunk);
        assert_eq!(hashed_name("chunk_8.wasm", b"chunk"), chunk);
    }

    #[test]
    fn patching_renames_imports_and_chunk_urls_but_not_wasm_import_keys() {
        let entry = Entry {
            main_js: "digibank-aa.js".into(),
            loader: "__wasm_split-aa.js".into(),
            main_wasm: "digibank-bb_bg.wasm".into(),
        };
        let js = "import * as import1 from \"./__wasm_split.js\"\n\"./__wasm_split.js\": import1,\n\
                  module_or_path = new URL('digibank_bg.wasm', import.meta.url);";
        let patched = patch(js, &main_js_references(&entry)).unwrap_or_default();
        assert!(patched.contains("from \"./__wasm_split-aa.js\""));
        assert!(patched.contains("\"./__wasm_split.js\": import1"));
        assert!(patched.contains("new URL('digibank-bb_bg.wasm'"));

        let chunks = [
            ("chunk_1.wasm".to_owned(), "chunk_1-c1.wasm".to_owned()),
            ("chunk_10.wasm".to_owned(), "chunk_10-c10.wasm".to_owned()),
        ];
        let loader = "import { initSync } from \"./digibank.js\";\nfetch(new URL(\"./chunk_10.wasm\", u));\n\
                      fetch(new URL(\"./chunk_1.wasm\", u));";
        let patched = patch(loader, &loader_references(&entry, &chunks)).unwrap_or_default();
        assert!(patched.contains("from \"./digibank-aa.js\""));
        assert!(
            patched.contains("\"./chunk_10-c10.wasm\"")
                && patched.contains("\"./chunk_1-c1.wasm\"")
        );
    }

    #[test]
    fn a_reference_the_output_no_longer_has_fails_the_build() {
        let references = [("\"./chunk_9.wasm\"".to_owned(), "x".to_owned())];
        assert!(matches!(
            patch("no chunks here", &references),
            Err(XtaskError::Bundle(_))
        ));
    }
}
