//! `GET /api/openapi.json`: an OpenAPI 3.1 document generated from the handlers and wire types.

mod common;

use common::{Harness, get};
use serde_json::Value;

async fn document() -> Value {
    let reply = Harness::new().send(get("/api/openapi.json").empty()).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    reply.body
}

#[tokio::test]
async fn describes_every_endpoint_of_the_contract() {
    let doc = document().await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["servers"][0]["url"], "/api");
    let expected = [
        ("/accounts", "get"),
        ("/accounts/{id}", "get"),
        ("/accounts/{id}", "put"),
        ("/accounts/{id}/balance", "get"),
        ("/accounts/{id}/transactions", "get"),
        ("/accounts/{id}/close", "post"),
        ("/transfers/validate", "post"),
        ("/transfers", "post"),
        ("/transfers/{id}/status", "get"),
        ("/transfers/history", "get"),
        ("/transfers/{id}/cancel", "post"),
        ("/transfers/schedule", "post"),
        ("/auth/refresh", "post"),
        ("/auth/session", "post"),
        ("/auth/logout", "post"),
        ("/health", "get"),
    ];
    for (path, method) in expected {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} missing"
        );
    }
}

#[tokio::test]
async fn schemas_come_from_the_wire_types() {
    let doc = document().await;
    let schemas = &doc["components"]["schemas"];
    for name in [
        "Account",
        "Balance",
        "Transaction",
        "Transfer",
        "TransferRequest",
        "TransferValidation",
        "ErrorBody",
        "RefreshResponse",
        "Page_Account",
    ] {
        assert!(schemas[name].is_object(), "{name} missing");
    }
    assert_eq!(schemas["Amount"]["type"], "string");
    assert_eq!(
        schemas["Account"]["properties"]["availableBalance"]["$ref"],
        "#/components/schemas/Amount"
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

#[tokio::test]
async fn list_filters_are_optional_query_parameters() {
    let doc = document().await;
    let parameters = doc["paths"]["/accounts/{id}/transactions"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let query: Vec<_> = parameters
        .iter()
        .filter(|p| p["in"] == "query")
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(query, ["page", "pageSize", "q", "from", "to", "type"]);
    assert!(
        parameters
            .iter()
            .filter(|p| p["in"] == "query")
            .all(|p| p["required"] != true)
    );
    let create = &doc["paths"]["/transfers"]["post"];
    assert!(
        create["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header")
    );
    for status in ["201", "400", "409", "422"] {
        assert!(create["responses"][status].is_object(), "{status}");
    }
}
