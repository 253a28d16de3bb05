//! Entries without observers are removed after gc_time.

use super::support::*;
use crate::query_key;

#[test]
fn unobserved_data_is_removed_after_gc_time_not_before() {
    let (time, client) = client();
    client.set_query_data(&query_key!["k"], 1u8);
    time.advance(secs(599));
    assert_eq!(client.get_query_data::<u8>(&query_key!["k"]), Some(1));
    time.advance(secs(1));
    assert_eq!(client.get_query_data::<u8>(&query_key!["k"]), None);
    assert!(client.entries().is_empty());
}

#[test]
fn observed_entries_are_kept_and_collected_gc_time_after_the_last_observer_leaves() {
    let (time, client) = client();
    let options = client.query_defaults().gc_time(secs(30));
    let script = Script::ok(&time, 1u8);
    let subscription = client.observe(
        &query_key!["k"],
        script.fetcher(),
        options,
        Recorder::new().listener(),
    );
    time.advance(secs(3_600));
    assert_eq!(client.get_query_data::<u8>(&query_key!["k"]), Some(1));
    drop(subscription);
    time.advance(secs(29));
    assert_eq!(client.entries().len(), 1);
    time.advance(secs(1));
    assert!(client.entries().is_empty());
}

#[test]
fn a_new_observer_before_gc_time_keeps_the_entry() {
    let (time, client) = client();
    client.set_query_data(&query_key!["k"], 1u8);
    time.advance(secs(500));
    let subscription = client.subscribe::<u8>(&query_key!["k"], |_| {});
    time.advance(secs(500));
    assert_eq!(client.get_query_data::<u8>(&query_key!["k"]), Some(1));
    drop(subscription);
    time.advance(secs(600));
    assert_eq!(client.get_query_data::<u8>(&query_key!["k"]), None);
}

#[test]
fn an_entry_whose_fetch_still_runs_at_gc_time_is_kept_until_a_later_gc() {
    let (time, client) = client();
    let script = Script::new(&time, secs(15), vec![Ok(1u8)]);
    let options = client.query_defaults().gc_time(secs(10));
    client.prefetch_query(&query_key!["k"], script.fetcher(), options);
    time.advance(secs(10));
    assert_eq!(client.entries().len(), 1);
    time.advance(secs(5));
    assert_eq!(client.get_query_data::<u8>(&query_key!["k"]), Some(1));
    time.advance(secs(5));
    assert!(client.entries().is_empty());
}
