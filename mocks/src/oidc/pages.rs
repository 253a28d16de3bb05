//! The provider's HTML pages: the login form, error pages and the signed-out page. Small, accessible,
//! no script, framing refused; a CSP without `'unsafe-inline'` (the one `<style>` is allowed by its hash) that
//! reports to the mock's `/csp-reports` like the app's.

use std::sync::LazyLock;

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use crate::http::content_security_policy::REPORT_PATH;
use crate::http::cors::origin_of;
use axum::response::{Html, IntoResponse, Response};

use crate::oidc::params::Params;

/// Form fields of the login form itself (everything else is the authorization request, carried along).
pub const FORM_FIELDS: [&str; 3] = ["username", "password", "decision"];

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f24}\
main{max-width:24rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 4px #0002}\
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}\
.actions{display:flex;gap:1rem;margin-top:1.5rem}button{padding:.5rem 1rem;font-size:1rem}\
.error{color:#a4001d;font-weight:600}:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}";

/// The CSP source allowing exactly [`STYLE`]: `'sha256-…'`.
static STYLE_SOURCE: LazyLock<String> =
    LazyLock::new(|| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(STYLE))));

/// The login form for an authorization request, with an error message after a failed attempt.
pub fn login_page(request: &Params, message: Option<&str>, username: &str) -> Response {
    let mut hidden: Vec<(&str, &str)> = request
        .iter()
        .filter(|(name, _)| !FORM_FIELDS.contains(name))
        .collect();
    hidden.sort_unstable();
    let hidden: String = hidden
        .into_iter()
        .map(|(name, value)| {
            format!(
                r#"<input type="hidden" name="{}" value="{}">"#,
                escape(name),
                escape(value)
            )
        })
        .collect();
    let (alert, invalid) = match message {
        Some(text) => (
            format!(
                r#"<p id="form-error" class="error" role="alert">{}</p>"#,
                escape(text)
            ),
            r#" aria-invalid="true" aria-describedby="form-error""#,
        ),
        None => (String::new(), ""),
    };
    let body = format!(
        r#"<h1>Sign in to digibank</h1>
<p>Development identity provider. Demo users: <strong>alice</strong> and <strong>bob</strong>, password <strong>demo</strong>.</p>
{alert}<form method="post" action="authorize">{hidden}
<label for="username">User name</label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" required autofocus value="{user}"{invalid}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required{invalid}>
<div class="actions"><button type="submit" name="decision" value="allow">Sign in</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button></div>
</form>"#,
        user = escape(username),
    );
    // The form posts here, and the answer redirects to the client: both must be allowed form targets.
    let form_action = match request.get("redirect_uri").and_then(origin_of) {
        Some(client) => format!("'self' {client}"),
        None => "'self'".to_owned(),
    };
    page(StatusCode::OK, "Sign in · digibank", &body, &form_action)
}

/// An error page for requests that cannot be answered by a redirect (unknown client or redirect URI).
pub fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let body = format!(
        r#"<h1>{}</h1><p role="alert">{}</p>"#,
        escape(title),
        escape(message)
    );
    page(status, title, &body, "'none'")
}

/// The page shown after logout when there is no registered place to return to.
pub fn signed_out_page(note: Option<&str>) -> Response {
    let note = note.map_or_else(String::new, |n| format!("<p>{}</p>", escape(n)));
    let body = format!("<h1>You are signed out</h1><p>You can close this window.</p>{note}");
    page(StatusCode::OK, "Signed out · digibank", &body, "'none'")
}

/// The page's `Content-Security-Policy`, its forms allowed to go to `form_action` (a source list).
pub fn page_policy(form_action: &str) -> String {
    format!(
        "default-src 'none'; style-src {}; form-action {form_action}; frame-ancestors 'none'; \
         base-uri 'none'; report-uri {REPORT_PATH}",
        *STYLE_SOURCE
    )
}

fn page(status: StatusCode, title: &str, body: &str, form_action: &str) -> Response {
    let html = format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{}</title><style>{STYLE}</style></head>
<body><main>{body}</main></body></html>"#,
        escape(title)
    );
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&page_policy(form_action)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("referrer-policy"),
        // `same-origin`, not `no-referrer`: under `no-referrer` browsers post the form with `Origin: null`,
        // which the login form's same-origin check must refuse; nothing leaks to other sites either way.
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_page_style_by_hash_and_no_inline_code() {
        let policy = page_policy("'self'");
        let expected = format!("'sha256-{}'", STANDARD.encode(Sha256::digest(STYLE)));
        assert!(
            policy.contains(&format!("style-src {expected};")),
            "{policy}"
        );
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(
            policy.contains("form-action 'self';") && policy.contains("report-uri /csp-reports")
        );
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
