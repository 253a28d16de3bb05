//! The enforcing Content-Security-Policy in the release build: the negative control that proves the harness
//! sees violations (every other test fails on a report it did not take, see `csp_reports.rs`).

mod support;

use digibank_e2e::{HarnessError, run_in_browser};
use support::expect;

#[tokio::test]
async fn an_injected_inline_script_is_blocked_and_reported_exactly_once() -> Result<(), HarnessError>
{
    run_in_browser("inline_script_reported", |browser| async move {
        browser.open("/login").await?;
        browser.wait_for_h1("Sign in").await?;
        // WebDriver's own script runs outside the page's policy; the element it adds does not.
        let ran = browser
            .run_script(
                "const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true;'; \
                 document.head.append(s); return window.__inlineRan === true;",
            )
            .await?;
        expect(ran == false, "the injected inline script ran")?;
        let reports = browser.take_csp_reports().await?;
        expect(
            reports.len() == 1,
            format!("expected exactly one report, got {reports:?}"),
        )?;
        let report = &reports[0];
        expect(
            report.directive == "script-src-elem"
                && report.blocked_url == "inline"
                && report.disposition == "enforce"
                && report.document_url.ends_with("/login"),
            format!("not the inline script's report: {report:?}"),
        )
    })
    .await
}

#[tokio::test]
async fn the_app_refuses_to_be_framed_and_reports_it() -> Result<(), HarnessError> {
    run_in_browser("framing_refused", |browser| async move {
        browser.open("/login").await?;
        browser.wait_for_h1("Sign in").await?;
        // Same-origin on purpose: an allowed frame would expose its document to the page.
        let framed = browser
            .run_script(
                "return new Promise(done => { const f = document.createElement('iframe'); \
                 f.onload = () => done(f.contentDocument !== null && f.contentDocument.querySelector('h1') !== null); \
                 f.src = '/login'; document.body.append(f); });",
            )
            .await?;
        expect(framed == false, "the app rendered inside a frame")?;
        let reports = browser.take_csp_reports().await?;
        expect(
            reports.len() == 1 && reports[0].directive == "frame-ancestors",
            format!("expected one frame-ancestors report, got {reports:?}"),
        )
    })
    .await
}

#[tokio::test]
async fn the_served_page_has_no_inline_script_and_no_unchecked_integrity()
-> Result<(), HarnessError> {
    run_in_browser("page_without_inline_script", |browser| async move {
        browser.open("/login").await?;
        browser.wait_for_h1("Sign in").await?;
        let page = browser
            .run_script(
                "return fetch('/').then(async r => ({ csp: r.headers.get('content-security-policy'), \
                 html: await r.text() }));",
            )
            .await?;
        let html = page["html"].as_str().unwrap_or_default();
        let csp = page["csp"].as_str().unwrap_or_default();
        expect(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';") && csp.contains("frame-ancestors 'none'"),
            format!("policy: {csp}"),
        )?;
        expect(!html.contains("integrity"), format!("an integrity attribute: {html}"))?;
        let scripts = browser
            .run_script(
                "return [...document.scripts].map(s => ({ src: s.getAttribute('src'), text: s.textContent.length }));",
            )
            .await?;
        let scripts = scripts.as_array().cloned().unwrap_or_default();
        expect(
            !scripts.is_empty()
                && scripts
                    .iter()
                    .all(|s| s["text"] == 0 && s["src"].as_str().is_some_and(|src| src.starts_with("/boot-"))),
            format!("scripts of the page: {scripts:?}"),
        )
    })
    .await
}
