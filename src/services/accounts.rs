//! `AccountService`: the guide's account calls, typed, over [`ApiClient`].

use digibank_api_types::{
    Account, Balance, CloseAccountRequest, Page, Transaction, TransactionQuery,
    UpdateAccountRequest,
};

use crate::services::http::{ApiClient, ApiError, RequestOptions, percent_encode};

/// Account calls. Reads take [`RequestOptions`] so the query cache can switch HTTP retries off and cancel.
#[derive(Clone)]
pub struct AccountService {
    client: ApiClient,
}

/// Query of `GET /accounts`: the first page holds every account a customer has (at most 100).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct AllAccounts {
    page_size: u32,
}

impl AccountService {
    /// Account calls over `client`.
    pub fn new(client: ApiClient) -> Self {
        AccountService { client }
    }

    /// `GET /accounts`: every account with its balances (one request for a dashboard).
    pub async fn get_accounts(&self, options: RequestOptions) -> Result<Vec<Account>, ApiError> {
        let query = AllAccounts {
            page_size: digibank_api_types::MAX_PAGE_SIZE,
        };
        let page: Page<Account> = self
            .client
            .get_json_with("/accounts", &query, options)
            .await?;
        Ok(page.items)
    }

    /// `GET /accounts/{id}`.
    pub async fn get_account_by_id(
        &self,
        id: &str,
        options: RequestOptions,
    ) -> Result<Account, ApiError> {
        self.client
            .get_json_with(&account_path(id, ""), &(), options)
            .await
    }

    /// `GET /accounts/{id}/balance`.
    pub async fn get_account_balance(
        &self,
        id: &str,
        options: RequestOptions,
    ) -> Result<Balance, ApiError> {
        self.client
            .get_json_with(&account_path(id, "/balance"), &(), options)
            .await
    }

    /// `GET /accounts/{id}/transactions?page=&pageSize=&q=&from=&to=&type=`.
    pub async fn get_account_transactions(
        &self,
        id: &str,
        query: &TransactionQuery,
        options: RequestOptions,
    ) -> Result<Page<Transaction>, ApiError> {
        self.client
            .get_json_with(&account_path(id, "/transactions"), query, options)
            .await
    }

    /// `PUT /accounts/{id}`: rename.
    pub async fn update_account(
        &self,
        id: &str,
        update: &UpdateAccountRequest,
    ) -> Result<Account, ApiError> {
        self.client
            .put_json(&account_path(id, ""), update, RequestOptions::new())
            .await
    }

    /// `POST /accounts/{id}/close` with the customer's reason (refused while the balance is not zero).
    pub async fn close_account(&self, id: &str, reason: &str) -> Result<Account, ApiError> {
        let body = CloseAccountRequest {
            reason: reason.to_owned(),
        };
        self.client
            .post_json(&account_path(id, "/close"), &body, RequestOptions::new())
            .await
    }
}

/// `/accounts/{id}{rest}` with the id percent-encoded.
fn account_path(id: &str, rest: &str) -> String {
    format!("/accounts/{}{rest}", percent_encode(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::http::{Method, MockReply, RetryMode};
    use crate::services::test_support::{fixture, json_reply, page_json};

    #[test]
    fn lists_accounts_in_one_request_and_decodes_exact_amounts() {
        let f = fixture();
        let account = r#"{"id":"chk-1","name":"Checking Account","type":"checking","maskedNumber":"••••4821","currency":"USD","balance":"125430.00","availableBalance":125430.1,"status":"open"}"#;
        let body = page_json(account);
        f.mock.get("/api/accounts", move |_| json_reply(200, &body));
        let service = AccountService::new(f.client.clone());
        let accounts = f
            .run(service.get_accounts(RequestOptions::new().retry(RetryMode::Off)))
            .unwrap();
        assert_eq!(accounts[0].name, "Checking Account");
        assert_eq!(accounts[0].balance.minor(), 12_543_000);
        assert_eq!(accounts[0].available_balance.minor(), 12_543_010);
        let calls = f.mock.calls();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].request.query.get("pageSize"), Some("100"));
    }

    #[test]
    fn builds_paths_queries_and_bodies() {
        let f = fixture();
        f.mock.get("/api/accounts/a%2Fb/transactions", |_| {
            json_reply(200, &page_json(""))
        });
        f.mock.put("/api/accounts/chk-1", |req| {
            assert_eq!(
                req.body_json::<serde_json::Value>().unwrap()["name"],
                "Bills"
            );
            MockReply::status(404)
        });
        f.mock.post("/api/accounts/chk-1/close", |req| {
            assert_eq!(
                req.body_json::<serde_json::Value>().unwrap()["reason"],
                "moving"
            );
            MockReply::status(409)
        });
        let service = AccountService::new(f.client.clone());
        let query = TransactionQuery {
            page: Some(2),
            q: Some("coffee shop".into()),
            transaction_type: Some(digibank_api_types::TransactionType::Card),
            ..Default::default()
        };
        let page = f
            .run(service.get_account_transactions("a/b", &query, RequestOptions::new()))
            .unwrap();
        assert!(page.items.is_empty());
        let call = f.mock.calls()[0].request.clone();
        assert_eq!(
            (
                call.query.get("page"),
                call.query.get("q"),
                call.query.get("type")
            ),
            (Some("2"), Some("coffee shop"), Some("card"))
        );
        assert_eq!(
            call.query.get("pageSize"),
            None,
            "unset filters are not sent"
        );
        let rename = UpdateAccountRequest {
            name: "Bills".into(),
        };
        assert!(matches!(
            f.run(service.update_account("chk-1", &rename)),
            Err(ApiError::NotFound { .. })
        ));
        assert!(matches!(
            f.run(service.close_account("chk-1", "moving")),
            Err(ApiError::Conflict { .. })
        ));
        let methods: Vec<Method> = f.mock.calls().iter().map(|c| c.request.method).collect();
        assert_eq!(methods, [Method::Get, Method::Put, Method::Post]);
    }
}
