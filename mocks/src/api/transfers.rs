//! `/api/transfers`: validate, create (idempotent), schedule, status, history, cancel.

use std::time::Duration;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use digibank_api_types::{
    Amount, CancelTransferRequest, ErrorBody, Page, ScheduleTransferRequest, Transfer,
    TransferHistoryQuery, TransferRequest, TransferStatusInfo, TransferValidation,
};
use serde::Serialize;

use super::idempotency_key::IdempotencyKey;
use crate::auth::Caller;
use crate::bank::{Bank, BankError, HistoryFilter, PageRequest};
use crate::clock::Millis;
use crate::dates::{parse_date, rfc3339};
use crate::faults::Committed;
use crate::http::{ApiJson, ApiQuery, LenientJson, RequestId};
use crate::idempotency::{Claim, StoredResponse};
use crate::{ApiError, AppState};

/// Checks a transfer without doing it: `{valid, errors[], fee, estimatedArrival}`; field problems such as an
/// amount with three decimals are reported as `valid: false`, only a body that is not JSON is a 400.
#[utoipa::path(post, path = "/transfers/validate", tag = "transfers", request_body = TransferRequest, security(("bearer" = [])),
    responses((status = 200, body = TransferValidation), (status = 400, description = "Not JSON", body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn validate_transfer(
    State(state): State<AppState>,
    caller: Caller,
    LenientJson(request): LenientJson<TransferRequest>,
) -> Json<TransferValidation> {
    Json(state.with_bank(|bank, now| match request {
        Ok(request) => bank.validate_transfer(&caller.sub, &request, now),
        Err(errors) => TransferValidation {
            valid: false,
            errors,
            fee: Amount::ZERO,
            estimated_arrival: rfc3339(now),
        },
    }))
}

/// Creates a transfer (status `pending`, settles after the settle delay). Requires `Idempotency-Key`:
/// the same key and body replay the stored response, a different body is 422, a concurrent one 409.
#[utoipa::path(post, path = "/transfers", tag = "transfers", request_body = TransferRequest, security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "One key per transfer intent, reused on every retry")),
    responses(
        (status = 201, description = "Created (or replayed: header Idempotent-Replayed: true)", body = Transfer),
        (status = 400, description = "Missing key, malformed body or broken rule (e.g. Amount exceeds maximum limit)", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 409, description = "Same key still in flight", body = ErrorBody),
        (status = 422, description = "Same key, different body", body = ErrorBody)))]
pub async fn create_transfer(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    key: IdempotencyKey,
    ApiJson(request): ApiJson<TransferRequest>,
) -> Result<Response, ApiError> {
    run_idempotent(
        &state,
        &caller,
        &request_id,
        Some(key),
        &request,
        |bank, now| bank.create_transfer(&caller.sub, &request, now),
    )
    .await
}

/// Schedules a transfer for a future time, optionally recurring; `Idempotency-Key` is honoured when sent.
#[utoipa::path(post, path = "/transfers/schedule", tag = "transfers", request_body = ScheduleTransferRequest, security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Optional; same semantics as for POST /transfers")),
    responses((status = 201, body = Transfer), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn schedule_transfer(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    key: Option<IdempotencyKey>,
    ApiJson(request): ApiJson<ScheduleTransferRequest>,
) -> Result<Response, ApiError> {
    run_idempotent(&state, &caller, &request_id, key, &request, |bank, now| {
        bank.schedule_transfer(&caller.sub, &request, now)
    })
    .await
}

/// Status of one of the caller's transfers (for polling).
#[utoipa::path(get, path = "/transfers/{id}/status", tag = "transfers", params(("id" = String, Path, description = "Transfer id")), security(("bearer" = [])),
    responses((status = 200, body = TransferStatusInfo), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn transfer_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<TransferStatusInfo>, ApiError> {
    Ok(Json(state.with_bank(|bank, _| {
        bank.transfer_status(&caller.sub, &id)
    })?))
}

/// The caller's transfers, newest first, filtered by status and creation date.
#[utoipa::path(get, path = "/transfers/history", tag = "transfers", params(TransferHistoryQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<Transfer>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn transfer_history(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<TransferHistoryQuery>,
) -> Result<Json<Page<Transfer>>, ApiError> {
    let page = PageRequest::new(query.page, query.page_size)?;
    let day = |field: &str, text: &Option<String>| match text.as_deref() {
        None => Ok(None),
        Some(text) => parse_date(text.trim()).map(Some).ok_or_else(|| {
            BankError::field(
                field,
                "invalid",
                format!("{field} must be a date like 2026-11-01"),
            )
        }),
    };
    let filter = HistoryFilter {
        status: query.status,
        from: day("from", &query.from)?,
        to: day("to", &query.to)?,
    };
    Ok(Json(state.with_bank(|bank, _| {
        bank.transfer_history(&caller.sub, filter, page)
    })))
}

/// Cancels a pending or scheduled transfer (409 otherwise).
#[utoipa::path(post, path = "/transfers/{id}/cancel", tag = "transfers", params(("id" = String, Path, description = "Transfer id")), request_body = CancelTransferRequest, security(("bearer" = [])),
    responses((status = 200, body = Transfer), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "No longer cancellable", body = ErrorBody)))]
pub async fn cancel_transfer(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CancelTransferRequest>,
) -> Result<Json<Transfer>, ApiError> {
    Ok(Json(state.with_bank(|bank, now| {
        bank.cancel_transfer(&caller.sub, &id, &body.reason, now)
    })?))
}

/// Runs a money-moving operation at most once per idempotency key.
async fn run_idempotent<B: Serialize>(
    state: &AppState,
    caller: &Caller,
    request_id: &RequestId,
    key: Option<IdempotencyKey>,
    body: &B,
    operation: impl FnOnce(&mut Bank, Millis) -> Result<Transfer, BankError>,
) -> Result<Response, ApiError> {
    let Some(IdempotencyKey(key)) = key else {
        let transfer = state.with_bank(operation)?;
        return Ok(created(
            StoredResponse {
                status: StatusCode::CREATED,
                body: to_json(&transfer),
            },
            false,
        ));
    };
    let fingerprint = serde_json::to_vec(body).unwrap_or_default();
    let guard =
        match state.idempotency().claim(&caller.sub, &key, fingerprint) {
            Claim::Proceed(guard) => guard,
            Claim::Replay(stored) => return Ok(created(stored, true)),
            Claim::InFlight => return Err(ApiError::Conflict {
                slug: "request-in-flight",
                message:
                    "A request with this Idempotency-Key is still being processed; retry shortly"
                        .into(),
            }),
            Claim::Mismatch => {
                return Err(ApiError::Unprocessable {
                    slug: "idempotency-key-reused",
                    message: "This Idempotency-Key was already used with a different request body"
                        .into(),
                });
            }
        };
    let delay = state.faults().profile().processing_delay_ms;
    if delay > 0 {
        tracing::warn!(request_id = %request_id.0, fault = "processing-delay", delay_ms = delay, "injected fault");
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let transfer = state.with_bank(operation)?;
    let stored = StoredResponse {
        status: StatusCode::CREATED,
        body: to_json(&transfer),
    };
    guard.complete(stored.clone());
    Ok(created(stored, false))
}

fn to_json(transfer: &Transfer) -> axum::body::Bytes {
    serde_json::to_vec(transfer).unwrap_or_default().into()
}

/// The 201 response; a fresh commit is marked for the drop-after-commit fault, a replay is labelled.
fn created(stored: StoredResponse, replayed: bool) -> Response {
    let mut response = (
        stored.status,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(stored.body),
    )
        .into_response();
    if replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    } else {
        response.extensions_mut().insert(Committed);
    }
    response
}
