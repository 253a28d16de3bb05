//! `GET /api/health/redirect`: the test-only redirect that browser tests use to check that API requests
//! never follow one.

mod common;

use common::{Harness, get};

#[tokio::test]
async fn the_redirect_points_to_the_landing_page_which_counts_its_visits() {
    let h = Harness::new();
    let reply = h.send(get("/api/health/redirect").empty()).await;
    assert_eq!(reply.status, 302);
    assert_eq!(
        reply.header("location"),
        Some("/api/health/redirect/landing")
    );
    assert!(reply.header("x-request-id").is_some());
    let first = h.send(get("/api/health/redirect/landing").empty()).await;
    assert_eq!(first.status, 200);
    assert_eq!(
        first.body["landings"], 1,
        "the redirect itself lands nowhere"
    );
    let second = h.send(get("/api/health/redirect/landing").empty()).await;
    assert_eq!(second.body["landings"], 2);
    let other = Harness::new();
    let fresh = other
        .send(get("/api/health/redirect/landing").empty())
        .await;
    assert_eq!(fresh.body["landings"], 1, "one count per server");
}

#[tokio::test]
async fn the_redirect_is_not_part_of_the_api_document() {
    let doc = Harness::new()
        .send(get("/api/openapi.json").empty())
        .await
        .body;
    assert!(doc["paths"]["/health"]["get"].is_object());
    assert!(doc["paths"]["/health/redirect"].is_null());
    assert!(doc["paths"]["/health/redirect/landing"].is_null());
}
