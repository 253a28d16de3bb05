//! The page of the release build: index.html with trunk's Rust pipeline replaced by the split bundle, which trunk
//! cannot build (the split happens before wasm-bindgen). Trunk still hashes the styles and the icon, copies the
//! public files, minifies the page and runs the service-worker stamp over the final file set.
//!
//! The page has no inline script: the start-up call is the content-hashed [`boot_script`], so the
//! Content-Security-Policy's `script-src 'self'` needs no hash that would change with every build.

use crate::content_hash::{Entry, hashed_name};
use crate::error::XtaskError;

/// The element of index.html that asks trunk to build the wasm.
const RUST_LINK: &str = "<link data-trunk rel=\"rust\"";

/// The script that starts the app, as (content-hashed file name, text): it loads the main JS and the main module.
pub fn boot_script(entry: &Entry) -> (String, String) {
    let text = format!(
        "import init from \"/{}\";\ninit({{ module_or_path: \"/{}\" }});\n",
        entry.main_js, entry.main_wasm
    );
    (hashed_name("boot.js", text.as_bytes()), text)
}

/// `index` with its Rust link replaced by: a skipped Rust link (or trunk would build the crate next to the page),
/// a copy of `bundle_dir` (relative to the page) into the site root, preloads of both scripts and the main module,
/// and the external module script `boot` (a [`boot_script`] in the bundle) that starts the app.
pub fn release_html(
    index: &str,
    bundle_dir: &str,
    entry: &Entry,
    boot: &str,
) -> Result<String, XtaskError> {
    let start = index
        .find(RUST_LINK)
        .ok_or_else(|| XtaskError::Bundle(format!("index.html has no `{RUST_LINK}` element")))?;
    let end = index[start..]
        .find('>')
        .map(|offset| start + offset + 1)
        .ok_or_else(|| XtaskError::Bundle("index.html: the Rust link is not closed".into()))?;
    let Entry {
        main_js,
        loader,
        main_wasm,
    } = entry;
    let replacement = format!(
        "<link data-trunk rel=\"rust\" data-trunk-skip />\n    \
         <link data-trunk rel=\"copy-dir\" href=\"{bundle_dir}\" data-target-path=\".\" />\n    \
         <link rel=\"modulepreload\" href=\"/{main_js}\" crossorigin />\n    \
         <link rel=\"modulepreload\" href=\"/{loader}\" crossorigin />\n    \
         <link rel=\"preload\" href=\"/{main_wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin />\n    \
         <script type=\"module\" src=\"/{boot}\"></script>"
    );
    Ok(format!("{}{replacement}{}", &index[..start], &index[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            main_js: "digibank-aa.js".into(),
            loader: "__wasm_split-aa.js".into(),
            main_wasm: "digibank-bb_bg.wasm".into(),
        }
    }

    #[test]
    fn the_rust_link_becomes_the_split_bundle_and_the_rest_is_kept() {
        let index = "<head>\n    <link data-trunk rel=\"rust\" data-bin=\"digibank\" data-wasm-opt=\"z\" />\n    \
                     <link data-trunk rel=\"css\" href=\"style/main.css\" />\n</head>";
        let html =
            release_html(index, "target/xtask/bundle", &entry(), "boot-cc.js").unwrap_or_default();
        assert!(!html.contains("data-bin"));
        assert!(html.contains("data-trunk-skip"));
        assert!(
            html.contains("rel=\"copy-dir\" href=\"target/xtask/bundle\" data-target-path=\".\"")
        );
        assert!(
            html.contains(
                "<link rel=\"modulepreload\" href=\"/__wasm_split-aa.js\" crossorigin />"
            )
        );
        assert!(html.contains("href=\"/digibank-bb_bg.wasm\" as=\"fetch\""));
        assert!(html.contains("<script type=\"module\" src=\"/boot-cc.js\"></script>"));
        assert!(
            !html.contains("<script type=\"module\">"),
            "no inline script: {html}"
        );
        assert!(html.contains("rel=\"css\" href=\"style/main.css\""));
    }

    #[test]
    fn the_boot_script_starts_the_main_module_and_is_named_after_its_text() {
        let (name, text) = boot_script(&entry());
        assert_eq!(
            text,
            "import init from \"/digibank-aa.js\";\ninit({ module_or_path: \"/digibank-bb_bg.wasm\" });\n"
        );
        assert!(name.starts_with("boot-") && name.ends_with(".js"), "{name}");
        assert_eq!(name, hashed_name("boot.js", text.as_bytes()));
    }

    #[test]
    fn a_page_without_the_rust_link_is_refused() {
        assert!(matches!(
            release_html("<head></head>", "b", &entry(), "boot-cc.js"),
            Err(XtaskError::Bundle(_))
        ));
    }
}
