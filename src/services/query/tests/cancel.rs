//! Cancellation: explicit, and when the last observer of a fetch goes away.

use super::support::*;
use crate::query_key;
use crate::services::query::{FetchError, FetchStatus, QueryStatus};

#[test]
fn cancel_queries_drops_the_fetch_and_restores_the_state_before_it() {
    let (time, client) = client();
    let script = Script::new(&time, secs(5), vec![Ok(2u8)]);
    client.set_query_data(&query_key!["accounts", "a"], 1u8);
    client.invalidate_queries(&query_key!["accounts"]);
    let waiting = spawn_result(
        &time,
        client.fetch_query(&query_key!["accounts", "a"], script.fetcher()),
    );
    time.advance(secs(1));
    assert_eq!(client.cancel_queries(&query_key!["accounts"]), 1);
    time.advance(secs(10));
    assert_eq!((script.calls(), script.dropped()), (1, 1));
    assert_eq!(waiting.borrow().clone(), Some(Err(FetchError::Cancelled)));
    let state = client
        .get_query_state::<u8>(&query_key!["accounts", "a"])
        .expect("entry");
    assert_eq!(
        (state.status, state.fetch_status, state.data),
        (QueryStatus::Success, FetchStatus::Idle, Some(1))
    );
}

#[test]
fn the_last_observer_leaving_cancels_the_fetch_it_started() {
    let (time, client) = client();
    let script = Script::new(&time, secs(5), vec![Ok(1u8)]);
    let first = client.observe(
        &query_key!["k"],
        script.fetcher(),
        client.query_defaults(),
        |_| {},
    );
    let second = client.observe(
        &query_key!["k"],
        script.fetcher(),
        client.query_defaults(),
        |_| {},
    );
    time.advance(secs(1));
    drop(first);
    time.run();
    assert_eq!(script.dropped(), 0, "one observer is left");
    drop(second);
    time.run();
    assert_eq!(script.dropped(), 1);
    let state = client
        .get_query_state::<u8>(&query_key!["k"])
        .expect("entry kept until gc");
    assert_eq!(
        (state.status, state.fetch_status),
        (QueryStatus::Pending, FetchStatus::Idle)
    );
}

#[test]
fn prefetches_and_awaited_fetches_survive_observers_leaving() {
    let (time, client) = client();
    let prefetched = Script::new(&time, secs(5), vec![Ok(1u8)]);
    client.prefetch_query(
        &query_key!["p"],
        prefetched.fetcher(),
        client.query_defaults(),
    );
    drop(client.observe(
        &query_key!["p"],
        prefetched.fetcher(),
        client.query_defaults(),
        |_| {},
    ));
    let awaited = Script::new(&time, secs(5), vec![Ok(2u8)]);
    let observer = client.observe(
        &query_key!["w"],
        awaited.fetcher(),
        client.query_defaults(),
        |_| {},
    );
    let result = spawn_result(
        &time,
        client.fetch_query(&query_key!["w"], awaited.fetcher()),
    );
    drop(observer);
    time.advance(secs(5));
    assert_eq!((prefetched.dropped(), awaited.dropped()), (0, 0));
    assert_eq!(client.get_query_data::<u8>(&query_key!["p"]), Some(1));
    assert_eq!(result.borrow().clone(), Some(Ok(2)));
}
