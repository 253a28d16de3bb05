//! Invalidation by key prefix.

use super::support::*;
use crate::query_key;

#[test]
fn invalidating_a_prefix_refetches_active_queries_under_it_only() {
    let (time, client) = client();
    let accounts = Script::new(&time, millis(0), vec![Ok(1u8)]);
    let balance = Script::new(&time, millis(0), vec![Ok(2u8)]);
    let transfers = Script::new(&time, millis(0), vec![Ok(3u8)]);
    let defaults = client.query_defaults();
    let _a = client.observe(
        &query_key!["accounts"],
        accounts.fetcher(),
        defaults,
        |_| {},
    );
    let _b = client.observe(
        &query_key!["accounts", "a1", "balance"],
        balance.fetcher(),
        defaults,
        |_| {},
    );
    let _t = client.observe(
        &query_key!["transfers"],
        transfers.fetcher(),
        defaults,
        |_| {},
    );
    time.run();
    assert_eq!(client.invalidate_queries(&query_key!["accounts"]), 2);
    time.run();
    assert_eq!(
        (accounts.calls(), balance.calls(), transfers.calls()),
        (2, 2, 1)
    );
    client.invalidate_queries(&query_key!["accounts", "a1"]);
    time.run();
    assert_eq!((accounts.calls(), balance.calls()), (2, 3));
}

#[test]
fn inactive_invalidated_data_is_refetched_on_next_use_even_within_stale_time() {
    let (time, client) = client();
    let script = Script::new(&time, millis(0), vec![Ok(1u8), Ok(2u8)]);
    let first = spawn_result(
        &time,
        client.fetch_query(&query_key!["accounts", "x"], script.fetcher()),
    );
    time.run();
    assert_eq!(first.borrow().clone(), Some(Ok(1)));
    client.invalidate_queries(&query_key!["accounts"]);
    time.run();
    assert_eq!(script.calls(), 1, "nobody observes it: only marked stale");
    let second = spawn_result(
        &time,
        client.fetch_query(&query_key!["accounts", "x"], script.fetcher()),
    );
    time.run();
    assert_eq!(second.borrow().clone(), Some(Ok(2)));
}

#[test]
fn invalidating_during_a_fetch_restarts_it_and_waiters_get_the_new_result() {
    let (time, client) = client();
    let script = Script::new(&time, secs(1), vec![Ok(1u8), Ok(2u8)]);
    let _observer = client.observe(
        &query_key!["k"],
        script.fetcher(),
        client.query_defaults(),
        |_| {},
    );
    let waiting = spawn_result(
        &time,
        client.fetch_query(&query_key!["k"], script.fetcher()),
    );
    time.advance(millis(500));
    client.invalidate_queries(&query_key!["k"]);
    time.advance(secs(1));
    assert_eq!((script.calls(), script.dropped()), (2, 1));
    assert_eq!(
        waiting.borrow().clone(),
        Some(Ok(1)),
        "the restarted fetch used the script's first answer"
    );
}
