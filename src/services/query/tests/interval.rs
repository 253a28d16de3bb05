//! `refetch_interval`, paused while the document is hidden.

use super::support::*;
use crate::query_key;
use crate::services::query::QueryOptions;

fn every_30s(options: QueryOptions) -> QueryOptions {
    options.refetch_interval(Some(secs(30)))
}

#[test]
fn an_observed_query_refetches_every_interval() {
    let (time, client) = client();
    let script = Script::new(&time, millis(0), vec![Ok(1u8)]);
    let _subscription = client.observe(
        &query_key!["balance"],
        script.fetcher(),
        every_30s(client.query_defaults()),
        |_| {},
    );
    time.run();
    assert_eq!(script.calls(), 1);
    time.advance(secs(29));
    assert_eq!(script.calls(), 1);
    time.advance(secs(1));
    assert_eq!(script.calls(), 2);
    time.advance(secs(90));
    assert_eq!(script.calls(), 5);
}

#[test]
fn the_interval_pauses_while_hidden_and_resumes_when_visible() {
    let (time, client) = client();
    let script = Script::new(&time, millis(0), vec![Ok(1u8)]);
    let _subscription = client.observe(
        &query_key!["balance"],
        script.fetcher(),
        every_30s(client.query_defaults()),
        |_| {},
    );
    time.advance(secs(30));
    assert_eq!(script.calls(), 2);
    client.on_visibility_change(true);
    time.advance(secs(600));
    assert_eq!(script.calls(), 2, "no refetch while hidden");
    client.on_visibility_change(false);
    time.advance(secs(29));
    assert_eq!(script.calls(), 2);
    time.advance(secs(1));
    assert_eq!(script.calls(), 3);
}

#[test]
fn no_interval_without_enabled_observers() {
    let (time, client) = client();
    let script = Script::new(&time, millis(0), vec![Ok(1u8)]);
    let disabled = every_30s(client.query_defaults()).enabled(false);
    let subscription = client.observe(&query_key!["balance"], script.fetcher(), disabled, |_| {});
    time.advance(secs(120));
    assert_eq!(script.calls(), 0);
    subscription.set_enabled(true);
    time.advance(secs(30));
    assert_eq!(script.calls(), 2);
    drop(subscription);
    time.advance(secs(120));
    assert_eq!(script.calls(), 2);
}
