//! Content-Security-Policy violation reports: `POST /csp-reports` on the public listener records what browsers
//! send (both the `report-uri` and the Reporting API formats); `GET /admin/csp-reports` lists them, so the e2e
//! harness can fail a test during which one arrived.

mod endpoint;
mod store;

pub use endpoint::receive;
pub use store::{CspReport, CspReports, MAX_KEPT, ReportList};
