//! `/api/accounts`: list, read, balance, rename, close.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use digibank_api_types::{
    Account, Balance, CloseAccountRequest, ErrorBody, Page, UpdateAccountRequest,
};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::Caller;
use crate::bank::PageRequest;
use crate::http::cache_control::PRIVATE_NO_CACHE;
use crate::http::{ApiJson, ApiQuery};
use crate::{ApiError, AppState};

/// Paging of `GET /accounts`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number from 1 (default 1).
    page: Option<u32>,
    /// Items per page (default 20, at most 100).
    page_size: Option<u32>,
}

/// The caller's accounts with their balances (one request for a dashboard).
#[utoipa::path(get, path = "/accounts", tag = "accounts", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<Account>), (status = 401, body = ErrorBody)))]
pub async fn list_accounts(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let page = PageRequest::new(query.page, query.page_size)?;
    let accounts = state.with_bank(|bank, _| bank.accounts_of(&caller.sub));
    Ok((
        [(header::CACHE_CONTROL, PRIVATE_NO_CACHE)],
        Json(page.slice(accounts.into_iter())),
    ))
}

/// One of the caller's accounts.
#[utoipa::path(get, path = "/accounts/{id}", tag = "accounts", params(("id" = String, Path, description = "Account id")), security(("bearer" = [])),
    responses((status = 200, body = Account), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_account(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let account = state.with_bank(|bank, _| bank.account(&caller.sub, &id))?;
    Ok(([(header::CACHE_CONTROL, PRIVATE_NO_CACHE)], Json(account)))
}

/// Balance of one of the caller's accounts.
#[utoipa::path(get, path = "/accounts/{id}/balance", tag = "accounts", params(("id" = String, Path, description = "Account id")), security(("bearer" = [])),
    responses((status = 200, body = Balance), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_balance(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let balance = state.with_bank(|bank, now| bank.balance(&caller.sub, &id, now))?;
    Ok(([(header::CACHE_CONTROL, PRIVATE_NO_CACHE)], Json(balance)))
}

/// Renames an account (1–40 letters, digits, spaces and `-'&.`).
#[utoipa::path(put, path = "/accounts/{id}", tag = "accounts", params(("id" = String, Path, description = "Account id")), request_body = UpdateAccountRequest, security(("bearer" = [])),
    responses((status = 200, body = Account), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "Account closed", body = ErrorBody)))]
pub async fn rename_account(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateAccountRequest>,
) -> Result<Json<Account>, ApiError> {
    Ok(Json(state.with_bank(|bank, _| {
        bank.rename(&caller.sub, &id, &body.name)
    })?))
}

/// Closes an account; refused with 409 while its balance is not zero or transfers are outstanding.
#[utoipa::path(post, path = "/accounts/{id}/close", tag = "accounts", params(("id" = String, Path, description = "Account id")), request_body = CloseAccountRequest, security(("bearer" = [])),
    responses((status = 200, body = Account), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "Balance not zero, transfers outstanding or already closed", body = ErrorBody)))]
pub async fn close_account(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CloseAccountRequest>,
) -> Result<Json<Account>, ApiError> {
    Ok(Json(state.with_bank(|bank, now| {
        bank.close(&caller.sub, &id, &body.reason, now)
    })?))
}
