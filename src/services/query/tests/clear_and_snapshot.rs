//! `clear()` for logout, and the `entries()` snapshot for a devtools page.

use super::support::*;
use crate::query_key;
use crate::services::query::{EntrySnapshot, FetchError, FetchStatus, QueryStatus};

#[test]
fn clear_cancels_fetches_removes_unobserved_entries_and_empties_observed_ones() {
    let (time, client) = client();
    let script = Script::new(&time, secs(5), vec![Ok(1u8)]);
    client.set_query_data(&query_key!["cached"], 1u8);
    let recorder = Recorder::new();
    let _observer = client.observe(
        &query_key!["seen"],
        script.fetcher(),
        client.query_defaults(),
        recorder.listener(),
    );
    let waiting = spawn_result(
        &time,
        client.fetch_query(&query_key!["seen"], script.fetcher()),
    );
    time.advance(secs(1));
    client.set_query_data(&query_key!["seen"], 5u8);
    client.clear();
    time.advance(secs(10));
    assert_eq!(script.dropped(), 1);
    assert_eq!(waiting.borrow().clone(), Some(Err(FetchError::Cancelled)));
    assert_eq!(client.get_query_data::<u8>(&query_key!["cached"]), None);
    let last = recorder.last().expect("seen");
    assert_eq!(
        (last.status, last.fetch_status, last.data),
        (QueryStatus::Pending, FetchStatus::Idle, None)
    );
    assert_eq!(client.entries().len(), 1);
}

#[test]
fn entries_lists_key_status_age_and_observers() {
    let (time, client) = client();
    client.set_query_data(&query_key!["b"], 1u8);
    time.advance(secs(400));
    let _observer = client.subscribe::<u8>(&query_key!["a"], |_| {});
    assert_eq!(
        client.entries(),
        [
            EntrySnapshot {
                key: query_key!["a"],
                type_name: "u8",
                status: QueryStatus::Pending,
                fetch_status: FetchStatus::Idle,
                age: None,
                is_stale: true,
                observers: 1,
                failure_count: 0,
            },
            EntrySnapshot {
                key: query_key!["b"],
                type_name: "u8",
                status: QueryStatus::Success,
                fetch_status: FetchStatus::Idle,
                age: Some(secs(400)),
                is_stale: true,
                observers: 0,
                failure_count: 0,
            },
        ]
    );
}
