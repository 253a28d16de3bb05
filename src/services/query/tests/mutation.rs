//! Mutations: retried only when idempotent; optimistic updates roll back.

use std::cell::Cell;
use std::rc::Rc;

use super::support::*;
use crate::query_key;
use crate::services::query::{MutationOptions, RetryHint};

fn failing_mutation(
    calls: &Rc<Cell<usize>>,
    error: TestError,
) -> impl Fn() -> std::future::Ready<Result<u8, TestError>> + use<> {
    let calls = Rc::clone(calls);
    move || {
        calls.set(calls.get() + 1);
        std::future::ready(Err(error.clone()))
    }
}

#[test]
fn a_non_idempotent_mutation_is_never_retried() {
    let (time, client) = client();
    let calls = Rc::new(Cell::new(0));
    let result = spawn_result(
        &time,
        client.run_mutation(
            failing_mutation(&calls, retryable()),
            client.mutation_defaults(),
        ),
    );
    time.advance(secs(60));
    assert_eq!(
        (calls.get(), result.borrow().clone()),
        (1, Some(Err(retryable())))
    );
}

#[test]
fn an_idempotent_mutation_is_retried_once_after_a_second() {
    let (time, client) = client();
    let calls = Rc::new(Cell::new(0));
    let options = MutationOptions::default().idempotent(true);
    let result = spawn_result(
        &time,
        client.run_mutation(failing_mutation(&calls, retryable()), options),
    );
    time.advance(millis(999));
    assert_eq!(calls.get(), 1);
    time.advance(millis(1));
    assert_eq!(calls.get(), 2);
    time.advance(secs(60));
    assert_eq!((calls.get(), result.borrow().is_some()), (2, true));
}

#[test]
fn an_idempotent_mutation_still_respects_never() {
    let (time, client) = client();
    let calls = Rc::new(Cell::new(0));
    let options = MutationOptions::default().idempotent(true);
    let _result = spawn_result(
        &time,
        client.run_mutation(
            failing_mutation(&calls, TestError(RetryHint::Never)),
            options,
        ),
    );
    time.advance(secs(60));
    assert_eq!(calls.get(), 1);
}

#[test]
fn an_optimistic_update_cancels_the_running_fetch_and_rolls_back() {
    let (time, client) = client();
    let key = query_key!["accounts", "a1", "name"];
    let script = Script::new(&time, secs(5), vec![Ok("server".to_string())]);
    client.set_query_data(&key, "old".to_string());
    client.invalidate_queries(&key);
    let _observer = client.observe(&key, script.fetcher(), client.query_defaults(), |_| {});
    time.advance(secs(1));
    let rollback = client.optimistic_update::<String>(&key, |_| Some("new".to_string()));
    time.advance(secs(10));
    assert_eq!(script.dropped(), 1);
    assert_eq!(
        client.get_query_data::<String>(&key).as_deref(),
        Some("new")
    );
    rollback.rollback();
    assert_eq!(
        client.get_query_data::<String>(&key).as_deref(),
        Some("old")
    );
}

#[test]
fn rolling_back_data_that_did_not_exist_empties_the_entry() {
    let (_time, client) = client();
    let key = query_key!["transfers"];
    let rollback = client.optimistic_update::<Vec<u8>>(&key, |_| Some(vec![1]));
    assert_eq!(client.get_query_data::<Vec<u8>>(&key), Some(vec![1]));
    rollback.rollback();
    assert_eq!(client.get_query_data::<Vec<u8>>(&key), None);
}
