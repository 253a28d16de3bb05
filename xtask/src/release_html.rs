//! The page of the release build: index.html with trunk's Rust pipeline replaced by the split bundle, which trunk
//! cannot build (the split happens before wasm-bindgen). Trunk still hashes the styles and the icon, copies the
//! public files, minifies the page and runs the service-worker stamp over the final file set.

use crate::content_hash::Entry;
use crate::error::XtaskError;

/// The element of index.html that asks trunk to build the wasm.
const RUST_LINK: &str = "<link data-trunk rel=\"rust\"";

/// `index` with its Rust link replaced by: a skipped Rust link (or trunk would build the crate next to the page),
/// a copy of `bundle_dir` (relative to the page) into the site root, preloads of both scripts and the main module,
/// and the module script that starts the app.
pub fn release_html(index: &str, bundle_dir: &str, entry: &Entry) -> Result<String, XtaskError> {
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
         <script type=\"module\">import init from \"/{main_js}\"; init({{ module_or_path: \"/{main_wasm}\" }});</script>"
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
        let html = release_html(index, "target/xtask/bundle", &entry()).unwrap_or_default();
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
        assert!(html.contains("import init from \"/digibank-aa.js\"; init({ module_or_path: \"/digibank-bb_bg.wasm\" });"));
        assert!(html.contains("rel=\"css\" href=\"style/main.css\""));
    }

    #[test]
    fn a_page_without_the_rust_link_is_refused() {
        assert!(matches!(
            release_html("<head></head>", "b", &entry()),
            Err(XtaskError::Bundle(_))
        ));
    }
}
