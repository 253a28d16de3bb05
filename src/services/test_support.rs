//! Fixtures for the services' native tests: a client on the mock transport in fake time.

use std::sync::Arc;

use crate::services::http::{
    ApiClient, ApiClientBuilder, FakeClock, FixedRandom, MockReply, MockTransport,
};

/// A client with the standard chain on base URL `/api`, a mock transport and a fake clock.
pub struct Fixture {
    /// The client under test.
    pub client: ApiClient,
    /// Its transport: register handlers, read recorded calls.
    pub mock: MockTransport,
    /// Fake time.
    pub clock: FakeClock,
}

impl Fixture {
    /// Runs `future` to completion in fake time.
    pub fn run<F: Future>(&self, future: F) -> F::Output {
        self.clock
            .block_on(future)
            .expect("the test future must not stall")
    }
}

/// A fresh fixture.
pub fn fixture() -> Fixture {
    let clock = FakeClock::new();
    let mock = MockTransport::new(Arc::new(clock.clone()));
    let client = ApiClientBuilder::new("/api", Arc::new(mock.clone()), Arc::new(clock.clone()))
        .random(Arc::new(FixedRandom(1.0)))
        .build();
    Fixture {
        client,
        mock,
        clock,
    }
}

/// A 200 reply whose body is `json` as written (amounts may be numbers or strings).
pub fn json_reply(status: u16, json: &str) -> MockReply {
    MockReply::status(status)
        .header("content-type", "application/json")
        .body(json.as_bytes().to_vec())
}

/// A one-page list body holding `items` (comma-separated JSON objects).
pub fn page_json(items: &str) -> String {
    let total = if items.is_empty() {
        0
    } else {
        items.matches("\"id\"").count()
    };
    format!(r#"{{"items":[{items}],"page":1,"pageSize":20,"total":{total}}}"#)
}
