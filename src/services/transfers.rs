//! `TransferService`: the guide's transfer calls, typed, over [`ApiClient`]. Money-moving calls take the
//! caller's idempotency key (one per user intent), so a retried or replayed transfer executes at most once.

use digibank_api_types::{
    CancelTransferRequest, MAX_PAGE_SIZE, Page, ScheduleTransferRequest, Transfer,
    TransferHistoryQuery, TransferRequest, TransferStatusInfo, TransferValidation,
};

use crate::services::http::{ApiClient, ApiError, IdempotencyKey, RequestOptions, percent_encode};

/// Most history pages [`TransferService::find_transfer`] reads (at 100 a page).
pub const FIND_MAX_PAGES: u32 = 20;

/// Transfer calls.
#[derive(Clone)]
pub struct TransferService {
    client: ApiClient,
}

impl TransferService {
    /// Transfer calls over `client`.
    pub fn new(client: ApiClient) -> Self {
        TransferService { client }
    }

    /// `POST /transfers/validate`: the server's verdict, fee and arrival, without moving money.
    pub async fn validate_transfer(
        &self,
        request: &TransferRequest,
    ) -> Result<TransferValidation, ApiError> {
        self.client
            .post_json("/transfers/validate", request, RequestOptions::new())
            .await
    }

    /// `POST /transfers` with the intent's idempotency key (reused on every retry and replay).
    pub async fn create_transfer(
        &self,
        request: &TransferRequest,
        key: IdempotencyKey,
    ) -> Result<Transfer, ApiError> {
        self.client
            .post_json(
                "/transfers",
                request,
                RequestOptions::new().idempotency_key(key),
            )
            .await
    }

    /// `POST /transfers/schedule` with the intent's idempotency key.
    pub async fn schedule_transfer(
        &self,
        request: &ScheduleTransferRequest,
        key: IdempotencyKey,
    ) -> Result<Transfer, ApiError> {
        self.client
            .post_json(
                "/transfers/schedule",
                request,
                RequestOptions::new().idempotency_key(key),
            )
            .await
    }

    /// `GET /transfers/{id}/status`.
    pub async fn get_transfer_status(
        &self,
        id: &str,
        options: RequestOptions,
    ) -> Result<TransferStatusInfo, ApiError> {
        self.client
            .get_json_with(&transfer_path(id, "/status"), &(), options)
            .await
    }

    /// `GET /transfers/history?page=&pageSize=&status=&from=&to=`.
    pub async fn get_transfer_history(
        &self,
        query: &TransferHistoryQuery,
        options: RequestOptions,
    ) -> Result<Page<Transfer>, ApiError> {
        self.client
            .get_json_with("/transfers/history", query, options)
            .await
    }

    /// One transfer's details, looked up in the history (the API has no `GET /transfers/{id}`): pages of
    /// [`MAX_PAGE_SIZE`], newest first, at most [`FIND_MAX_PAGES`]; `None` when it is not there.
    pub async fn find_transfer(
        &self,
        id: &str,
        options: RequestOptions,
    ) -> Result<Option<Transfer>, ApiError> {
        for page in 1..=FIND_MAX_PAGES {
            let query = TransferHistoryQuery {
                page: Some(page),
                page_size: Some(MAX_PAGE_SIZE),
                ..Default::default()
            };
            let found = self.get_transfer_history(&query, options.clone()).await?;
            if let Some(transfer) = found.items.iter().find(|t| t.id == id) {
                return Ok(Some(transfer.clone()));
            }
            if u64::from(page) >= found.page_count() {
                break;
            }
        }
        Ok(None)
    }

    /// `POST /transfers/{id}/cancel` (only pending or scheduled transfers). Cancelling twice is harmless,
    /// so the HTTP layer may retry it under a key derived from the transfer.
    pub async fn cancel_transfer(&self, id: &str, reason: &str) -> Result<Transfer, ApiError> {
        let body = CancelTransferRequest {
            reason: reason.to_owned(),
        };
        let key = IdempotencyKey::from(format!("cancel-{id}"));
        self.client
            .post_json(
                &transfer_path(id, "/cancel"),
                &body,
                RequestOptions::new().idempotency_key(key),
            )
            .await
    }
}

/// `/transfers/{id}{rest}` with the id percent-encoded.
fn transfer_path(id: &str, rest: &str) -> String {
    format!("/transfers/{}{rest}", percent_encode(id))
}

#[cfg(test)]
mod tests {
    use digibank_api_types::{Amount, Currency, TransferStatus};

    use super::*;
    use crate::services::http::MockReply;
    use crate::services::test_support::{fixture, json_reply, page_json};

    const TRANSFER: &str = r#"{"id":"t-1","fromAccountId":"chk-1","toAccountId":"sav-1","amount":"25.00","fee":"0.00","currency":"USD","description":"rent","status":"pending","createdAt":"2026-11-24T10:00:00Z","updatedAt":"2026-11-24T10:00:00Z","executeAt":null,"recurrence":null,"reason":null}"#;

    fn request() -> TransferRequest {
        TransferRequest {
            from_account_id: "chk-1".into(),
            to_account_id: "sav-1".into(),
            amount: Amount::parse("25.00").unwrap(),
            currency: Currency::USD,
            description: "rent".into(),
        }
    }

    #[test]
    fn a_retried_transfer_carries_one_key_and_request_id() {
        let f = fixture();
        f.mock.post("/api/transfers", |_| json_reply(201, TRANSFER));
        f.mock
            .post("/api/transfers", |_| MockReply::status(503))
            .once();
        let service = TransferService::new(f.client.clone());
        let transfer = f
            .run(service.create_transfer(&request(), IdempotencyKey::from("intent-1")))
            .unwrap();
        assert_eq!(transfer.status, TransferStatus::Pending);
        let calls = f.mock.calls();
        assert_eq!(calls.len(), 2, "a keyed POST may be retried");
        for call in &calls {
            assert_eq!(
                call.request.headers.get("idempotency-key"),
                Some("intent-1")
            );
            assert_eq!(
                call.request.body_json::<serde_json::Value>().unwrap()["amount"],
                "25.00"
            );
        }
        assert_eq!(
            calls[0].request.headers.get("x-request-id"),
            calls[1].request.headers.get("x-request-id")
        );
    }

    #[test]
    fn a_transfer_whose_connection_drops_after_commit_is_retried_under_its_key_and_replayed() {
        let f = fixture();
        f.mock.post("/api/transfers", |_| {
            json_reply(201, TRANSFER).header("idempotent-replayed", "true")
        });
        f.mock
            .post("/api/transfers", |_| {
                MockReply::network_error("connection dropped after commit")
            })
            .once();
        let service = TransferService::new(f.client.clone());
        let transfer = f
            .run(service.create_transfer(&request(), IdempotencyKey::from("intent-7")))
            .expect("the retry gets the stored 201");
        assert_eq!(transfer.id, "t-1");
        let calls = f.mock.calls();
        assert_eq!(calls.len(), 2, "retried once after the drop");
        for call in &calls {
            assert_eq!(
                call.request.headers.get("idempotency-key"),
                Some("intent-7")
            );
        }
        assert_eq!(
            calls[0].request.body, calls[1].request.body,
            "the same body"
        );
    }

    #[test]
    fn find_transfer_walks_the_history_until_it_finds_the_id() {
        let f = fixture();
        f.mock.get("/api/transfers/history", |request| {
            let body = match request.query.get("page") {
                Some("1") => r#"{"items":[],"page":1,"pageSize":100,"total":150}"#.to_owned(),
                _ => format!(r#"{{"items":[{TRANSFER}],"page":2,"pageSize":100,"total":150}}"#),
            };
            json_reply(200, &body)
        });
        let service = TransferService::new(f.client.clone());
        let found = f
            .run(service.find_transfer("t-1", RequestOptions::new()))
            .unwrap();
        assert_eq!(found.map(|t| t.amount), Some(Amount::from_minor(2500)));
        assert_eq!(f.mock.calls()[0].request.query.get("pageSize"), Some("100"));
        let missing = f
            .run(service.find_transfer("t-404", RequestOptions::new()))
            .unwrap();
        assert_eq!(missing, None);
        assert_eq!(f.mock.call_count(), 4, "two pages each, then it stops");
    }

    #[test]
    fn history_status_and_cancel_use_the_contract_paths() {
        let f = fixture();
        let history = page_json(TRANSFER);
        f.mock
            .get("/api/transfers/history", move |_| json_reply(200, &history));
        f.mock.get("/api/transfers/t-1/status", |_| {
            json_reply(200, r#"{"transferId":"t-1","status":"completed","updatedAt":"2026-11-24T10:00:02Z","reason":null}"#)
        });
        f.mock.post("/api/transfers/t-1/cancel", |_| {
            json_reply(
                409,
                r#"{"error":"Only pending or scheduled transfers can be cancelled"}"#,
            )
        });
        let service = TransferService::new(f.client.clone());
        let query = TransferHistoryQuery {
            status: Some(TransferStatus::Pending),
            page: Some(3),
            ..Default::default()
        };
        let page = f
            .run(service.get_transfer_history(&query, RequestOptions::new()))
            .unwrap();
        assert_eq!(page.items[0].amount, Amount::from_minor(2500));
        let call = f.mock.calls()[0].request.clone();
        assert_eq!(
            (call.query.get("status"), call.query.get("page")),
            (Some("pending"), Some("3"))
        );
        let status = f
            .run(service.get_transfer_status("t-1", RequestOptions::new()))
            .unwrap();
        assert_eq!(status.status, TransferStatus::Completed);
        let error = f
            .run(service.cancel_transfer("t-1", "changed my mind"))
            .unwrap_err();
        assert_eq!(
            error.server_message(),
            Some("Only pending or scheduled transfers can be cancelled")
        );
    }
}
