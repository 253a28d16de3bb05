//! Observers see every observable change, in order, and nothing when nothing changed.

use std::cell::RefCell;
use std::rc::Rc;

use super::support::*;
use crate::query_key;
use crate::services::query::{FetchStatus, QueryStatus};

#[test]
fn an_identical_refetch_notifies_without_a_new_data_revision() {
    let (time, client) = client();
    let script = Script::new(&time, millis(0), vec![Ok(vec![1u32, 2])]);
    let recorder = Recorder::new();
    let _subscription = client.observe(
        &query_key!["k"],
        script.fetcher(),
        client.query_defaults(),
        recorder.listener(),
    );
    time.run();
    client.invalidate_queries(&query_key!["k"]);
    time.run();
    let revisions: Vec<(QueryStatus, FetchStatus, u64)> = recorder
        .seen()
        .iter()
        .map(|seen| (seen.status, seen.fetch_status, seen.data_revision))
        .collect();
    assert_eq!(
        revisions,
        [
            (QueryStatus::Pending, FetchStatus::Idle, 0),
            (QueryStatus::Pending, FetchStatus::Fetching, 0),
            (QueryStatus::Success, FetchStatus::Idle, 1),
            (QueryStatus::Success, FetchStatus::Idle, 1),
            (QueryStatus::Success, FetchStatus::Fetching, 1),
            (QueryStatus::Success, FetchStatus::Idle, 1),
        ]
    );
}

#[test]
fn no_notification_when_nothing_observable_changed() {
    let (_time, client) = client();
    let recorder = Recorder::new();
    let _subscription = client.subscribe::<u8>(&query_key!["k"], recorder.listener());
    client.invalidate_queries(&query_key!["k"]);
    let after_first = recorder.seen().len();
    client.invalidate_queries(&query_key!["k"]);
    client.cancel_queries(&query_key!["k"]);
    assert_eq!(recorder.seen().len(), after_first);
}

#[test]
fn a_listener_writing_to_the_cache_does_not_reorder_what_others_see() {
    let (_time, client) = client();
    let order = Rc::new(RefCell::new(Vec::new()));
    let writer_client = client.clone();
    let log = Rc::clone(&order);
    let _writer = client.subscribe::<u8>(&query_key!["k"], move |state| {
        log.borrow_mut().push(("writer", state.data));
        if state.data == Some(1) {
            writer_client.set_query_data(&query_key!["k"], 2u8);
        }
    });
    let log = Rc::clone(&order);
    let _reader = client.subscribe::<u8>(&query_key!["k"], move |state| {
        log.borrow_mut().push(("reader", state.data))
    });
    order.borrow_mut().clear();
    client.set_query_data(&query_key!["k"], 1u8);
    assert_eq!(
        *order.borrow(),
        [
            ("writer", Some(1)),
            ("reader", Some(1)),
            ("writer", Some(2)),
            ("reader", Some(2))
        ]
    );
}
