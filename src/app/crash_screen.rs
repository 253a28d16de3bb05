//! The last line of defence: a panic replaces the page with a friendly screen instead of a dead app.

/// Markup of the crash screen; plain HTML because the app that would render it is gone, and a plain link
/// because after a panic (`panic = "abort"`) no listener can run and the CSP refuses inline handlers.
const CRASH_HTML: &str = r#"<main class="crash" role="alert" aria-live="assertive">
<h1>Something went wrong</h1>
<p>digibank hit an unexpected problem and stopped. Your money is safe: nothing was sent twice and nothing was lost.</p>
<p><a class="button primary" href="/">Reload digibank</a></p>
</main>"#;

/// Logs panics to the console and shows the crash screen.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_screen();
    }));
}

/// Replaces the whole page with the crash screen (does nothing outside a browser).
pub fn show_crash_screen() {
    #[cfg(target_arch = "wasm32")]
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        body.set_inner_html(CRASH_HTML);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = CRASH_HTML;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crash_screen_reloads_through_a_link_not_inline_code() {
        assert!(CRASH_HTML.contains(r#"<a class="button primary" href="/">Reload digibank</a>"#));
        assert!(!CRASH_HTML.contains("onclick") && !CRASH_HTML.contains("<script"));
    }
}
