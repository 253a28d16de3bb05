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
