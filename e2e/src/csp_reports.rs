//! Content-Security-Policy reports during a test. The app's pages report violations to the mock bank
//! (`/csp-reports`); a test fails when one arrived that the test did not take itself with
//! [`crate::Browser::take_csp_reports`] (the negative control does, to prove the detection works). The
//! reports are read from the in-process bank's state, so a test that ends with the bank offline is checked too.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use digibank_mock::AppState;
use digibank_mock::reports::CspReport;

use crate::HarnessError;
use crate::browser::Deadline;

/// How long a violation may take to be reported: Chromium posts a `report-uri` report as it happens.
pub const REPORT_SETTLE: Duration = Duration::from_millis(300);

/// The reports of one session's bank, and how many of them its test has taken (shared by its browsers).
#[derive(Clone)]
pub struct CspReportWatch {
    state: AppState,
    taken: Arc<AtomicUsize>,
}

impl CspReportWatch {
    /// Watches the reports `state` receives.
    pub fn new(state: AppState) -> CspReportWatch {
        CspReportWatch {
            state,
            taken: Arc::default(),
        }
    }

    /// Waits until at least one report arrived (bounded), lets duplicates arrive, then takes and returns all.
    pub async fn take(&self) -> Result<Vec<CspReport>, HarnessError> {
        let deadline = Deadline::start("a Content-Security-Policy report".into());
        while self.state.csp_reports().snapshot().received == 0 {
            deadline.pause().await?;
        }
        tokio::time::sleep(REPORT_SETTLE).await;
        let list = self.state.csp_reports().snapshot();
        self.taken.store(list.received, Ordering::SeqCst);
        Ok(list.reports)
    }

    /// After the test: an error listing every report the test did not take.
    pub async fn check_none_left(&self) -> Result<(), HarnessError> {
        tokio::time::sleep(REPORT_SETTLE).await;
        let list = self.state.csp_reports().snapshot();
        let taken = self.taken.load(Ordering::SeqCst);
        if list.received <= taken {
            return Ok(());
        }
        let unexpected: Vec<String> = list.reports.iter().skip(taken).map(describe).collect();
        Err(HarnessError::Assertion(format!(
            "{} Content-Security-Policy violation(s) reported during the test:\n{}",
            list.received - taken,
            unexpected.join("\n")
        )))
    }
}

/// One line per report: directive, what was blocked, on which page.
fn describe(report: &CspReport) -> String {
    format!(
        "  {} blocked {} on {} ({})",
        report.directive, report.blocked_url, report.document_url, report.disposition
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_described_by_directive_target_and_page() {
        let report = CspReport {
            directive: "script-src-elem".into(),
            blocked_url: "inline".into(),
            document_url: "http://127.0.0.1:1/".into(),
            disposition: "enforce".into(),
            sample: String::new(),
        };
        assert_eq!(
            describe(&report),
            "  script-src-elem blocked inline on http://127.0.0.1:1/ (enforce)"
        );
    }
}
