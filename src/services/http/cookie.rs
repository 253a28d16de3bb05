//! Reading cookies (for the CSRF double-submit token), behind a trait so native tests need no browser.

/// Reads a cookie visible to the page.
pub trait CookieReader: Send + Sync {
    /// The value of cookie `name`, if set.
    fn cookie(&self, name: &str) -> Option<String>;
}

/// The value of `name` in a `document.cookie` string such as `a=1; XSRF-TOKEN=abc`.
pub fn find_cookie(cookies: &str, name: &str) -> Option<String> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
}

/// The browser's `document.cookie`.
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Clone, Copy, Default)]
pub struct DocumentCookies;

#[cfg(target_arch = "wasm32")]
impl CookieReader for DocumentCookies {
    fn cookie(&self, name: &str) -> Option<String> {
        use wasm_bindgen::JsCast;
        let document = web_sys::window()?
            .document()?
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()?;
        find_cookie(&document.cookie().ok()?, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exact_names_only() {
        let jar = "theme=dark; XSRF-TOKEN=abc=def; X-XSRF-TOKEN-OLD=no";
        assert_eq!(find_cookie(jar, "XSRF-TOKEN").as_deref(), Some("abc=def"));
        assert_eq!(find_cookie(jar, "theme").as_deref(), Some("dark"));
        assert_eq!(find_cookie(jar, "xsrf-token"), None);
        assert_eq!(find_cookie("", "XSRF-TOKEN"), None);
    }
}
