//! A page's one `<h1>`: sets the document title and takes focus after navigation, so screen readers announce it.

use leptos::html;
use leptos::prelude::*;

/// The page heading; `title` also becomes the document title ("title — digibank").
#[component]
pub fn PageHeading(#[prop(into)] title: String) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    let document_title = format!("{title} — digibank");
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            set_document_title(&document_title);
            let _ = h1.focus();
        }
    });
    view! { <h1 node_ref=heading tabindex="-1">{title}</h1> }
}

/// Sets `document.title` (nothing outside a browser).
fn set_document_title(title: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = title;
}
