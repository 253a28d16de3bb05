//! `GET /admin/csp-reports`: the Content-Security-Policy violations browsers reported so far.

use axum::Json;
use axum::extract::State;

use crate::AppState;
use crate::reports::ReportList;

/// How many reports arrived, and the first of them.
pub async fn list(State(state): State<AppState>) -> Json<ReportList> {
    Json(state.csp_reports().snapshot())
}
