//! Retries owned by the cache, decided per the error's retry hint, on fake time.

use super::support::*;
use crate::query_key;
use crate::services::query::{FetchError, FetchStatus, QueryStatus, RetryHint};

#[test]
fn retryable_errors_are_retried_three_times_with_backoff_then_fail() {
    let (time, client) = client();
    let script = Script::<u32>::new(&time, millis(0), vec![Err(retryable())]);
    let result = spawn_result(
        &time,
        client.fetch_query(&query_key!["k"], script.fetcher()),
    );
    time.run();
    assert_eq!(script.calls(), 1);
    for (wait_ms, calls_after) in [(1_000, 2), (2_000, 3), (4_000, 4)] {
        time.advance(millis(wait_ms - 1));
        assert_eq!(script.calls(), calls_after - 1, "not before {wait_ms} ms");
        time.advance(millis(1));
        assert_eq!(script.calls(), calls_after);
    }
    assert_eq!(
        result.borrow().clone(),
        Some(Err(FetchError::Failed(retryable())))
    );
    time.advance(secs(60));
    assert_eq!(script.calls(), 4);
    let state = client
        .get_query_state::<u32>(&query_key!["k"])
        .expect("entry");
    assert_eq!((state.status, state.failure_count), (QueryStatus::Error, 4));
}

#[test]
fn a_failure_then_success_gives_data_and_counts_failures_meanwhile() {
    let (time, client) = client();
    let script = Script::new(&time, millis(0), vec![Err(retryable()), Ok(9u32)]);
    let recorder = Recorder::new();
    let _subscription = client.observe(
        &query_key!["k"],
        script.fetcher(),
        client.query_defaults(),
        recorder.listener(),
    );
    time.run();
    let state = client
        .get_query_state::<u32>(&query_key!["k"])
        .expect("entry");
    assert_eq!(
        (state.status, state.fetch_status, state.failure_count),
        (QueryStatus::Pending, FetchStatus::Fetching, 1)
    );
    time.advance(secs(1));
    let last = recorder.last().expect("seen");
    assert_eq!((last.status, last.data), (QueryStatus::Success, Some(9)));
    assert_eq!(
        client
            .get_query_state::<u32>(&query_key!["k"])
            .map(|s| s.failure_count),
        Some(0)
    );
}

#[test]
fn errors_hinting_never_are_not_retried() {
    let (time, client) = client();
    let script = Script::<u32>::new(&time, millis(0), vec![Err(TestError(RetryHint::Never))]);
    let result = spawn_result(
        &time,
        client.fetch_query(&query_key!["k"], script.fetcher()),
    );
    time.advance(secs(120));
    assert_eq!(script.calls(), 1);
    assert!(matches!(
        result.borrow().clone(),
        Some(Err(FetchError::Failed(_)))
    ));
}

#[test]
fn retry_after_is_waited_out_exactly() {
    let (time, client) = client();
    let busy = TestError(RetryHint::RetryAfter(secs(7)));
    let script = Script::new(&time, millis(0), vec![Err(busy), Ok(1u32)]);
    let result = spawn_result(
        &time,
        client.fetch_query(&query_key!["k"], script.fetcher()),
    );
    time.advance(millis(6_999));
    assert_eq!(script.calls(), 1);
    time.advance(millis(1));
    assert_eq!((script.calls(), result.borrow().clone()), (2, Some(Ok(1))));
}

#[test]
fn retry_option_and_delay_function_are_honoured() {
    let (time, client) = client();
    let script = Script::<u32>::new(&time, millis(0), vec![Err(retryable())]);
    let options = client.query_defaults().retry(1).retry_delay(|_| millis(10));
    let result = spawn_result(
        &time,
        client.fetch_query_with_options(&query_key!["k"], script.fetcher(), options),
    );
    time.advance(millis(10));
    assert_eq!(script.calls(), 2);
    time.advance(secs(60));
    assert_eq!(script.calls(), 2);
    assert!(result.borrow().is_some());
}

#[test]
fn while_a_token_refresh_runs_the_fetch_parks_and_resumes_when_it_ends() {
    let (time, client) = client();
    let script = Script::new(
        &time,
        millis(0),
        vec![Err(TestError(RetryHint::AwaitAuthRefresh)), Ok(3u32)],
    );
    let options = client.query_defaults().retry(0);
    let result = spawn_result(
        &time,
        client.fetch_query_with_options(&query_key!["k"], script.fetcher(), options),
    );
    time.advance(secs(5));
    assert_eq!(script.calls(), 1);
    let state = client
        .get_query_state::<u32>(&query_key!["k"])
        .expect("entry");
    assert_eq!(state.fetch_status, FetchStatus::Paused);
    client.on_auth_refreshed();
    time.run();
    assert_eq!((script.calls(), result.borrow().clone()), (2, Some(Ok(3))));
}

#[test]
fn auth_waits_time_out_and_are_bounded() {
    let (time, client) = client();
    let script = Script::<u32>::new(
        &time,
        millis(0),
        vec![Err(TestError(RetryHint::AwaitAuthRefresh))],
    );
    let result = spawn_result(
        &time,
        client.fetch_query(&query_key!["k"], script.fetcher()),
    );
    time.advance(crate::services::query::AUTH_REFRESH_TIMEOUT);
    assert_eq!(
        script.calls(),
        2,
        "retried after the refresh wait timed out"
    );
    time.advance(crate::services::query::AUTH_REFRESH_TIMEOUT);
    assert_eq!(script.calls(), 3);
    assert!(
        matches!(result.borrow().clone(), Some(Err(FetchError::Failed(_)))),
        "a third wait is refused"
    );
}
