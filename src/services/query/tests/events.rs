//! Refetch on reconnect and on window focus, driven by events the client receives.

use super::support::*;
use crate::query_key;
use crate::services::query::RefetchOn;

#[test]
fn coming_back_online_refetches_active_queries_even_when_fresh() {
    let (time, client) = client();
    let active = Script::new(&time, millis(0), vec![Ok(1u8)]);
    let unobserved = Script::new(&time, millis(0), vec![Ok(2u8)]);
    let _subscription = client.observe(
        &query_key!["a"],
        active.fetcher(),
        client.query_defaults(),
        |_| {},
    );
    let _cached = spawn_result(
        &time,
        client.fetch_query(&query_key!["b"], unobserved.fetcher()),
    );
    time.run();
    client.on_online();
    time.run();
    assert_eq!((active.calls(), unobserved.calls()), (2, 1));
}

#[test]
fn reconnect_policy_never_and_if_stale() {
    let (time, client) = client();
    let never = Script::new(&time, millis(0), vec![Ok(1u8)]);
    let if_stale = Script::new(&time, millis(0), vec![Ok(2u8)]);
    let defaults = client.query_defaults().stale_time(secs(60));
    let _n = client.observe(
        &query_key!["n"],
        never.fetcher(),
        defaults.refetch_on_reconnect(RefetchOn::Never),
        |_| {},
    );
    let _s = client.observe(
        &query_key!["s"],
        if_stale.fetcher(),
        defaults.refetch_on_reconnect(RefetchOn::IfStale),
        |_| {},
    );
    time.run();
    client.on_online();
    time.run();
    assert_eq!((never.calls(), if_stale.calls()), (1, 1));
    time.advance(secs(60));
    client.on_online();
    time.run();
    assert_eq!((never.calls(), if_stale.calls()), (1, 2));
}

#[test]
fn focus_refetches_only_when_enabled_by_option() {
    let (time, client) = client();
    let default = Script::new(&time, millis(0), vec![Ok(1u8)]);
    let always = Script::new(&time, millis(0), vec![Ok(2u8)]);
    let defaults = client.query_defaults();
    let _d = client.observe(&query_key!["d"], default.fetcher(), defaults, |_| {});
    let _a = client.observe(
        &query_key!["a"],
        always.fetcher(),
        defaults.refetch_on_window_focus(RefetchOn::Always),
        |_| {},
    );
    time.run();
    client.on_focus();
    time.run();
    assert_eq!((default.calls(), always.calls()), (1, 2));
}
