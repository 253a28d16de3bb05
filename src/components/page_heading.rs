//! A page's one `<h1>`: sets the document title and takes focus after navigation, so screen readers announce it.

use leptos::html;
use leptos::prelude::*;

/// The page heading; `title` also becomes the document title ("title — digibank"). The title may change
/// (e.g. an account's name once it loaded): the text and document title follow, focus is taken once.
#[component]
pub fn PageHeading(#[prop(into)] title: Signal<String>) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            let _ = h1.focus();
        }
    });
    Effect::new(move |_| set_document_title(&format!("{} — digibank", title.get())));
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
