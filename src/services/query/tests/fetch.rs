//! Freshness, `enabled`, and reading and writing data by hand.

use super::support::*;
use crate::query_key;
use crate::services::query::{FetchError, QueryStatus, RetryHint};

#[test]
fn fresh_data_is_served_from_the_cache_until_stale_time_passes() {
    let (time, client) = client();
    let script = Script::ok(&time, 5i32);
    let options = client.query_defaults().stale_time(secs(60));
    let key = query_key!["accounts"];
    let first = spawn_result(
        &time,
        client.fetch_query_with_options(&key, script.fetcher(), options),
    );
    time.advance(secs(1));
    assert_eq!(first.borrow().clone(), Some(Ok(5)));
    time.advance(secs(59));
    let cached = spawn_result(
        &time,
        client.fetch_query_with_options(&key, script.fetcher(), options),
    );
    time.run();
    assert_eq!((cached.borrow().clone(), script.calls()), (Some(Ok(5)), 1));
    time.advance(secs(2));
    let _refetched = spawn_result(
        &time,
        client.fetch_query_with_options(&key, script.fetcher(), options),
    );
    time.run();
    assert_eq!(script.calls(), 2);
}

#[test]
fn the_default_stale_time_is_five_minutes() {
    let (time, client) = client();
    let script = Script::ok(&time, 1u8);
    let recorder = Recorder::new();
    let key = query_key!["accounts"];
    let _first = spawn_result(&time, client.fetch_query(&key, script.fetcher()));
    time.advance(secs(1));
    time.advance(secs(299));
    let _fresh = client.observe(
        &key,
        script.fetcher(),
        client.query_defaults(),
        recorder.listener(),
    );
    time.run();
    assert_eq!(script.calls(), 1);
    time.advance(secs(1));
    let _stale = client.observe(
        &key,
        script.fetcher(),
        client.query_defaults(),
        recorder.listener(),
    );
    time.run();
    assert_eq!(script.calls(), 2);
}

#[test]
fn a_disabled_observer_does_not_fetch_until_enabled() {
    let (time, client) = client();
    let script = Script::ok(&time, 7u64);
    let recorder = Recorder::new();
    let options = client.query_defaults().enabled(false);
    let subscription = client.observe(
        &query_key!["accounts", "a1", "balance"],
        script.fetcher(),
        options,
        recorder.listener(),
    );
    time.advance(secs(10));
    assert_eq!(script.calls(), 0);
    assert_eq!(
        recorder.last().map(|seen| seen.status),
        Some(QueryStatus::Pending)
    );
    subscription.set_enabled(true);
    time.advance(secs(1));
    assert_eq!(
        (script.calls(), recorder.last().and_then(|seen| seen.data)),
        (1, Some(7))
    );
}

#[test]
fn set_get_and_update_data_by_hand() {
    let (_time, client) = client();
    let key = query_key!["accounts", "a1"];
    assert_eq!(client.get_query_data::<u32>(&key), None);
    client.set_query_data(&key, 10u32);
    assert_eq!(client.get_query_data::<u32>(&key), Some(10));
    assert!(client.update_query_data::<u32>(&key, |old| old.map(|n| n + 1)));
    assert_eq!(client.get_query_data::<u32>(&key), Some(11));
    assert!(!client.update_query_data::<u32>(&key, |_| None));
    let state = client.get_query_state::<u32>(&key).expect("entry");
    assert_eq!(
        (state.status, state.data_revision),
        (QueryStatus::Success, 2)
    );
}

#[test]
fn one_key_with_two_data_types_keeps_two_entries() {
    let (_time, client) = client();
    let key = query_key!["shared"];
    client.set_query_data(&key, 1u32);
    client.set_query_data(&key, "text".to_string());
    assert_eq!(client.get_query_data::<u32>(&key), Some(1));
    assert_eq!(
        client.get_query_data::<String>(&key),
        Some("text".to_string())
    );
    assert_eq!(client.entries().len(), 2);
}

#[test]
fn set_data_counts_as_fresh() {
    let (time, client) = client();
    let script = Script::ok(&time, 2u32);
    let key = query_key!["k"];
    client.set_query_data(&key, 1u32);
    let result = spawn_result(&time, client.fetch_query(&key, script.fetcher()));
    time.run();
    assert_eq!((result.borrow().clone(), script.calls()), (Some(Ok(1)), 0));
}

#[test]
fn a_final_error_reaches_fetch_query_callers() {
    let (time, client) = client();
    let script = Script::<u32>::new(&time, secs(1), vec![Err(TestError(RetryHint::Never))]);
    let result = spawn_result(
        &time,
        client.fetch_query(&query_key!["k"], script.fetcher()),
    );
    time.advance(secs(1));
    assert_eq!(
        result.borrow().clone(),
        Some(Err(FetchError::Failed(TestError(RetryHint::Never))))
    );
}
