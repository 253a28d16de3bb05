//! The pure reducer: the only way a [`QueryState`] changes.

use std::time::Duration;

use super::state::{FetchStatus, QueryState, QueryStatus};

/// Something that happened to a query.
#[derive(Clone, Debug)]
pub enum QueryAction<T, E> {
    /// A fetch started.
    Fetch,
    /// An attempt failed and will be retried.
    Failed {
        /// The attempt's error.
        error: E,
    },
    /// The fetch parked until a token refresh finishes.
    Pause,
    /// The parked fetch resumed.
    Continue,
    /// The fetch produced data.
    Success {
        /// The fetched data.
        data: T,
    },
    /// The fetch failed for good.
    Error {
        /// The final error.
        error: E,
    },
    /// The data was marked stale.
    Invalidate,
    /// Data was written by hand (`set_query_data`, optimistic update, rollback).
    SetData {
        /// The new data.
        data: T,
    },
    /// The running fetch was cancelled; the state before it stays.
    Cancel,
    /// Back to the initial state (logout, rollback of data that did not exist).
    Reset,
}

/// The state after `action` happened at `now`. Data equal to the current data keeps its revision.
pub fn reduce<T: PartialEq, E: Clone>(
    state: QueryState<T, E>,
    action: QueryAction<T, E>,
    now: Duration,
) -> QueryState<T, E> {
    match action {
        QueryAction::Fetch => start_fetch(state),
        QueryAction::Failed { error } => QueryState {
            failure_count: state.failure_count + 1,
            failure_reason: Some(error),
            ..state
        },
        QueryAction::Pause => QueryState {
            fetch_status: FetchStatus::Paused,
            ..state
        },
        QueryAction::Continue => QueryState {
            fetch_status: FetchStatus::Fetching,
            ..state
        },
        QueryAction::Success { data } => QueryState {
            fetch_status: FetchStatus::Idle,
            failure_count: 0,
            failure_reason: None,
            ..with_data(state, data, now)
        },
        QueryAction::Error { error } => QueryState {
            status: QueryStatus::Error,
            fetch_status: FetchStatus::Idle,
            failure_count: state.failure_count + 1,
            failure_reason: Some(error.clone()),
            error: Some(error),
            error_updated_at: Some(now),
            ..state
        },
        QueryAction::Invalidate => QueryState {
            is_invalidated: true,
            ..state
        },
        QueryAction::SetData { data } => with_data(state, data, now),
        QueryAction::Cancel => QueryState {
            fetch_status: FetchStatus::Idle,
            ..state
        },
        QueryAction::Reset => {
            let data_revision = state.data_revision + u64::from(state.data.is_some());
            QueryState {
                data_revision,
                ..QueryState::default()
            }
        }
    }
}

/// A fetch starts: without data, a past error gives way to `Pending` (the UI shows loading, not the old error).
fn start_fetch<T, E>(state: QueryState<T, E>) -> QueryState<T, E> {
    let base = QueryState {
        fetch_status: FetchStatus::Fetching,
        failure_count: 0,
        failure_reason: None,
        ..state
    };
    if base.data.is_some() {
        base
    } else {
        QueryState {
            status: QueryStatus::Pending,
            error: None,
            ..base
        }
    }
}

/// Data arrives: it is kept as is (same revision) when equal to the current data.
fn with_data<T: PartialEq, E>(state: QueryState<T, E>, data: T, now: Duration) -> QueryState<T, E> {
    let (data, data_revision) = match state.data {
        Some(current) if current == data => (current, state.data_revision),
        _ => (data, state.data_revision + 1),
    };
    QueryState {
        data: Some(data),
        data_revision,
        data_updated_at: Some(now),
        error: None,
        status: QueryStatus::Success,
        is_invalidated: false,
        ..state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type State = QueryState<Vec<u32>, &'static str>;
    type Action = QueryAction<Vec<u32>, &'static str>;

    fn at(secs: u64) -> Duration {
        Duration::from_secs(secs)
    }

    fn run(actions: Vec<(Action, u64)>) -> State {
        actions
            .into_iter()
            .fold(State::default(), |state, (action, secs)| {
                reduce(state, action, at(secs))
            })
    }

    #[test]
    fn fetch_then_success_gives_fresh_data() {
        let fetching = run(vec![(QueryAction::Fetch, 0)]);
        assert_eq!(
            (fetching.status, fetching.fetch_status),
            (QueryStatus::Pending, FetchStatus::Fetching)
        );
        let done = reduce(fetching, QueryAction::Success { data: vec![1] }, at(2));
        assert_eq!(done.status, QueryStatus::Success);
        assert_eq!(done.fetch_status, FetchStatus::Idle);
        assert_eq!(done.data, Some(vec![1]));
        assert_eq!(done.data_updated_at, Some(at(2)));
        assert_eq!(done.data_revision, 1);
        assert!(!done.is_stale(at(10), at(11)));
        assert!(done.is_stale(at(10), at(12)));
    }

    #[test]
    fn an_identical_refetch_keeps_the_revision_but_moves_the_time() {
        let first = run(vec![
            (QueryAction::Fetch, 0),
            (QueryAction::Success { data: vec![1, 2] }, 1),
        ]);
        let again = run(vec![
            (QueryAction::Fetch, 0),
            (QueryAction::Success { data: vec![1, 2] }, 1),
            (QueryAction::Fetch, 5),
            (QueryAction::Success { data: vec![1, 2] }, 6),
        ]);
        assert_eq!(again.data_revision, first.data_revision);
        assert_eq!(again.data_updated_at, Some(at(6)));
        let changed = reduce(again, QueryAction::Success { data: vec![3] }, at(7));
        assert_eq!(changed.data_revision, first.data_revision + 1);
    }

    #[test]
    fn failed_attempts_count_up_and_the_final_error_keeps_old_data() {
        let state = run(vec![
            (QueryAction::Fetch, 0),
            (QueryAction::Success { data: vec![1] }, 1),
            (QueryAction::Fetch, 2),
            (QueryAction::Failed { error: "boom" }, 3),
            (QueryAction::Failed { error: "bang" }, 4),
        ]);
        assert_eq!(
            (state.failure_count, state.failure_reason),
            (2, Some("bang"))
        );
        assert_eq!(state.status, QueryStatus::Success);
        let failed = reduce(state, QueryAction::Error { error: "final" }, at(5));
        assert_eq!(failed.status, QueryStatus::Error);
        assert_eq!(failed.fetch_status, FetchStatus::Idle);
        assert_eq!(failed.failure_count, 3);
        assert_eq!(failed.error, Some("final"));
        assert_eq!(failed.error_updated_at, Some(at(5)));
        assert_eq!(failed.data, Some(vec![1]));
    }

    #[test]
    fn refetching_after_an_error_without_data_shows_pending_and_success_clears_the_error() {
        let errored = run(vec![
            (QueryAction::Fetch, 0),
            (QueryAction::Error { error: "x" }, 1),
        ]);
        let retrying = reduce(errored, QueryAction::Fetch, at(2));
        assert_eq!(retrying.status, QueryStatus::Pending);
        assert_eq!(retrying.error, None);
        assert_eq!(retrying.failure_count, 0);
        let ok = reduce(retrying, QueryAction::Success { data: vec![] }, at(3));
        assert_eq!((ok.status, ok.error), (QueryStatus::Success, None));
    }

    #[test]
    fn refetching_after_an_error_with_data_keeps_the_error_status_until_it_settles() {
        let state = run(vec![
            (QueryAction::SetData { data: vec![1] }, 0),
            (QueryAction::Fetch, 1),
            (QueryAction::Error { error: "x" }, 2),
            (QueryAction::Fetch, 3),
        ]);
        assert_eq!((state.status, state.error), (QueryStatus::Error, Some("x")));
    }

    #[test]
    fn invalidate_marks_stale_until_new_data() {
        let state = run(vec![
            (QueryAction::SetData { data: vec![1] }, 0),
            (QueryAction::Invalidate, 1),
        ]);
        assert!(state.is_invalidated);
        assert!(state.is_stale(at(1000), at(1)));
        let fresh = reduce(state, QueryAction::Success { data: vec![1] }, at(2));
        assert!(!fresh.is_invalidated);
        assert!(!fresh.is_stale(at(1000), at(2)));
    }

    #[test]
    fn set_data_does_not_touch_a_running_fetch() {
        let state = run(vec![
            (QueryAction::Fetch, 0),
            (QueryAction::SetData { data: vec![9] }, 1),
        ]);
        assert_eq!(
            (state.status, state.fetch_status),
            (QueryStatus::Success, FetchStatus::Fetching)
        );
        assert_eq!(state.data_updated_at, Some(at(1)));
    }

    #[test]
    fn pause_and_continue_only_move_the_fetch_status() {
        let paused = run(vec![(QueryAction::Fetch, 0), (QueryAction::Pause, 1)]);
        assert_eq!(paused.fetch_status, FetchStatus::Paused);
        let resumed = reduce(paused, QueryAction::Continue, at(2));
        assert_eq!(
            (resumed.status, resumed.fetch_status),
            (QueryStatus::Pending, FetchStatus::Fetching)
        );
    }

    #[test]
    fn cancel_returns_to_idle_keeping_data_and_status() {
        let state = run(vec![
            (QueryAction::SetData { data: vec![4] }, 0),
            (QueryAction::Fetch, 1),
            (QueryAction::Cancel, 2),
        ]);
        assert_eq!(
            (state.status, state.fetch_status),
            (QueryStatus::Success, FetchStatus::Idle)
        );
        assert_eq!(state.data, Some(vec![4]));
    }

    #[test]
    fn reset_forgets_everything_but_keeps_revisions_moving_forward() {
        let state = run(vec![
            (QueryAction::SetData { data: vec![4] }, 0),
            (QueryAction::Reset, 1),
        ]);
        assert_eq!(
            (state.status, state.data.clone(), state.data_updated_at),
            (QueryStatus::Pending, None, None)
        );
        assert_eq!(state.data_revision, 2);
        let refilled = reduce(state, QueryAction::SetData { data: vec![4] }, at(2));
        assert_eq!(refilled.data_revision, 3);
    }
}
