//! `POST /csp-reports`: `application/csp-report` (`{"csp-report": {...}}`, from `report-uri`) and
//! `application/reports+json` (`[{"type": "csp-violation", "body": {...}}]`, from `report-to`).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::Value;

use crate::AppState;
use crate::reports::CspReport;

/// Records every violation in the body; 400 when it is not a report at all.
pub async fn receive(State(state): State<AppState>, body: Bytes) -> StatusCode {
    let Some(reports) = parse_reports(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    for report in reports {
        tracing::warn!(
            directive = %report.directive,
            blocked = %report.blocked_url,
            page = %report.document_url,
            "Content-Security-Policy violation"
        );
        state.csp_reports().record(report);
    }
    StatusCode::NO_CONTENT
}

/// The violations of a report body in either format; `None` for anything else.
pub fn parse_reports(body: &[u8]) -> Option<Vec<CspReport>> {
    let value: Value = serde_json::from_slice(body).ok()?;
    match value {
        Value::Object(ref object) => object.get("csp-report").map(|r| vec![legacy(r)]),
        Value::Array(items) => Some(
            items
                .iter()
                .filter(|item| item["type"] == "csp-violation")
                .map(|item| reporting_api(&item["body"]))
                .collect(),
        ),
        _ => None,
    }
}

/// A `report-uri` report (hyphenated keys).
fn legacy(report: &Value) -> CspReport {
    CspReport {
        document_url: text(report, "document-uri"),
        blocked_url: text(report, "blocked-uri"),
        directive: text(report, "effective-directive"),
        disposition: text(report, "disposition"),
        sample: text(report, "script-sample"),
    }
}

/// The body of a Reporting API report (camelCase keys).
fn reporting_api(body: &Value) -> CspReport {
    CspReport {
        document_url: text(body, "documentURL"),
        blocked_url: text(body, "blockedURL"),
        directive: text(body, "effectiveDirective"),
        disposition: text(body, "disposition"),
        sample: text(body, "sample"),
    }
}

fn text(object: &Value, key: &str) -> String {
    object[key].as_str().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_formats_and_refuses_anything_else() {
        let legacy = br#"{"csp-report":{"document-uri":"http://h/","blocked-uri":"inline",
            "effective-directive":"script-src-elem","disposition":"enforce","script-sample":"alert(1)"}}"#;
        let parsed = parse_reports(legacy).unwrap_or_default();
        assert_eq!(parsed.len(), 1);
        assert_eq!(
            (parsed[0].blocked_url.as_str(), parsed[0].directive.as_str()),
            ("inline", "script-src-elem")
        );
        let api = br#"[{"type":"csp-violation","body":{"documentURL":"http://h/","blockedURL":"inline",
            "effectiveDirective":"style-src-attr","disposition":"report"}},{"type":"deprecation","body":{}}]"#;
        let parsed = parse_reports(api).unwrap_or_default();
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].disposition, "report");
        assert_eq!(parse_reports(b"{}"), None);
        assert_eq!(parse_reports(b"nope"), None);
    }
}
