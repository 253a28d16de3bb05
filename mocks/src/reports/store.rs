//! The reports received so far, bounded.

use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

/// Reports kept; later ones are counted but not stored.
pub const MAX_KEPT: usize = 100;

/// One violation, in the fields both report formats share.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CspReport {
    /// The page on which it happened.
    pub document_url: String,
    /// What was blocked: a URL, or `inline` / `eval`.
    pub blocked_url: String,
    /// The directive that blocked it, e.g. `script-src-elem`.
    pub directive: String,
    /// `enforce` or `report`.
    pub disposition: String,
    /// The first characters of the blocked inline code, when the policy asks for a sample.
    pub sample: String,
}

/// Every report received, in arrival order.
#[derive(Debug, Default, Serialize)]
pub struct ReportList {
    /// How many arrived (more than `reports.len()` once [`MAX_KEPT`] is passed).
    pub received: usize,
    /// The first [`MAX_KEPT`] of them.
    pub reports: Vec<CspReport>,
}

/// The shared, bounded store.
#[derive(Debug, Default)]
pub struct CspReports {
    list: Mutex<ReportList>,
}

impl CspReports {
    /// Records `report`.
    pub fn record(&self, report: CspReport) {
        let mut list = self.lock();
        list.received += 1;
        if list.reports.len() < MAX_KEPT {
            list.reports.push(report);
        }
    }

    /// A copy of what was received.
    pub fn snapshot(&self) -> ReportList {
        let list = self.lock();
        ReportList {
            received: list.received,
            reports: list.reports.clone(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, ReportList> {
        self.list
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_everything_and_keeps_the_first_hundred() {
        let store = CspReports::default();
        for _ in 0..MAX_KEPT + 5 {
            store.record(CspReport::default());
        }
        let list = store.snapshot();
        assert_eq!(
            (list.received, list.reports.len()),
            (MAX_KEPT + 5, MAX_KEPT)
        );
    }
}
