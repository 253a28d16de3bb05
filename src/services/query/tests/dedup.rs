//! K callers for one key at once cause exactly one fetcher call.

use super::support::*;
use crate::query_key;
use crate::services::query::FetchStatus;

#[test]
fn twenty_observers_share_one_fetch() {
    let (time, client) = client();
    let script = Script::ok(&time, 42u32);
    let recorders: Vec<Recorder<u32>> = (0..20).map(|_| Recorder::new()).collect();
    let _subscriptions: Vec<_> = recorders
        .iter()
        .map(|recorder| {
            client.observe(
                &query_key!["accounts"],
                script.fetcher(),
                client.query_defaults(),
                recorder.listener(),
            )
        })
        .collect();
    time.advance(secs(1));
    assert_eq!(script.calls(), 1);
    for recorder in &recorders {
        let last = recorder.last().expect("notified");
        assert_eq!(
            (last.data, last.fetch_status),
            (Some(42), FetchStatus::Idle)
        );
    }
}

#[test]
fn twenty_fetch_query_callers_share_one_fetch_and_all_get_the_data() {
    let (time, client) = client();
    let script = Script::ok(&time, "list".to_string());
    let results: Vec<_> = (0..20)
        .map(|_| {
            spawn_result(
                &time,
                client.fetch_query(&query_key!["accounts"], script.fetcher()),
            )
        })
        .collect();
    time.advance(secs(1));
    assert_eq!(script.calls(), 1);
    for result in results {
        assert_eq!(result.borrow().clone(), Some(Ok("list".to_string())));
    }
}

#[test]
fn observers_and_fetch_query_callers_join_the_same_running_fetch() {
    let (time, client) = client();
    let script = Script::ok(&time, 1u8);
    let recorder = Recorder::new();
    let _subscription = client.observe(
        &query_key!["a"],
        script.fetcher(),
        client.query_defaults(),
        recorder.listener(),
    );
    time.advance(millis(500));
    let late = spawn_result(
        &time,
        client.fetch_query(&query_key!["a"], script.fetcher()),
    );
    time.advance(millis(500));
    assert_eq!(script.calls(), 1);
    assert_eq!(late.borrow().clone(), Some(Ok(1)));
}
