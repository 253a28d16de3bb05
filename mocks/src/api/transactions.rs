//! `GET /api/accounts/{id}/transactions`: paginated, searchable, filtered, newest first.

use axum::Json;
use axum::extract::{Path, State};
use digibank_api_types::{ErrorBody, Page, Transaction, TransactionQuery};

use crate::auth::Caller;
use crate::bank::{BankError, PageRequest, TransactionFilter};
use crate::dates::{parse_date, start_of_day};
use crate::http::ApiQuery;
use crate::{ApiError, AppState};

/// Longest search text.
const MAX_SEARCH_LEN: usize = 100;

/// A page of an account's transactions, newest first.
#[utoipa::path(get, path = "/accounts/{id}/transactions", tag = "accounts", params(("id" = String, Path, description = "Account id"), TransactionQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<Transaction>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_transactions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<TransactionQuery>,
) -> Result<Json<Page<Transaction>>, ApiError> {
    let page = PageRequest::new(query.page, query.page_size)?;
    let filter = filter_of(&query)?;
    Ok(Json(state.with_bank(|bank, _| {
        bank.transactions(&caller.sub, &id, &filter, page)
    })?))
}

/// Turns the query into a filter, checking dates and search text.
fn filter_of(query: &TransactionQuery) -> Result<TransactionFilter, BankError> {
    let day = |field: &str, text: &Option<String>| match text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        None => Ok(None),
        Some(text) => parse_date(text).map(Some).ok_or_else(|| {
            BankError::field(
                field,
                "invalid",
                format!("{field} must be a date like 2026-11-01"),
            )
        }),
    };
    let (from, to) = (day("from", &query.from)?, day("to", &query.to)?);
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(BankError::field(
            "from",
            "after_to",
            "from must not be after to",
        ));
    }
    let text = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    if text.is_some_and(|q| q.chars().count() > MAX_SEARCH_LEN) {
        return Err(BankError::field(
            "q",
            "too_long",
            format!("Search text must be at most {MAX_SEARCH_LEN} characters"),
        ));
    }
    Ok(TransactionFilter {
        text: text.map(str::to_lowercase),
        from: from.map(start_of_day),
        until: to.and_then(|d| d.next_day()).map(start_of_day),
        kind: query.transaction_type,
    })
}
