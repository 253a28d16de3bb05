//! Pure retry arithmetic: the backoff delay and the decision taken after a failure.

use std::time::Duration;

use super::error::RetryHint;

/// A retry delay function: the delay before retry number `retries_done` (0 for the first retry).
pub type RetryDelay = fn(u32) -> Duration;

/// The guide's backoff: `min(1000 · 2^n, 30000)` ms before retry `n` (0-based).
pub fn exponential_backoff(retries_done: u32) -> Duration {
    const CAP_MS: u64 = 30_000;
    let millis = 2u64
        .checked_pow(retries_done)
        .and_then(|factor| factor.checked_mul(1_000))
        .unwrap_or(CAP_MS);
    Duration::from_millis(millis.min(CAP_MS))
}

/// How often a single fetch may park waiting for a token refresh before its error is final.
pub const MAX_AUTH_WAITS: u32 = 2;

/// How long a fetch parked for a token refresh waits for the refresh before retrying anyway.
pub const AUTH_REFRESH_TIMEOUT: Duration = Duration::from_secs(30);

/// How many retries a request may use and how long to wait between them.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// Delay before each retry.
    pub delay: RetryDelay,
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    /// The error is final.
    GiveUp,
    /// Wait this long, then retry (uses one retry).
    RetryIn(Duration),
    /// Park until the token refresh finishes, then retry (does not use a retry).
    AwaitAuthRefresh,
}

/// Progress of one request through its retries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetryProgress {
    /// Retries already made.
    pub retries_done: u32,
    /// Times already parked waiting for a token refresh.
    pub auth_waits_done: u32,
}

/// Decides what follows a failure with `hint`, given the policy and the progress so far.
pub fn decide_retry(
    hint: RetryHint,
    progress: RetryProgress,
    policy: &RetryPolicy,
) -> RetryDecision {
    let retries_left = progress.retries_done < policy.retries;
    match hint {
        RetryHint::Never => RetryDecision::GiveUp,
        RetryHint::Retry if retries_left => {
            RetryDecision::RetryIn((policy.delay)(progress.retries_done))
        }
        RetryHint::RetryAfter(wait) if retries_left => RetryDecision::RetryIn(wait),
        RetryHint::AwaitAuthRefresh if progress.auth_waits_done < MAX_AUTH_WAITS => {
            RetryDecision::AwaitAuthRefresh
        }
        RetryHint::Retry | RetryHint::RetryAfter(_) | RetryHint::AwaitAuthRefresh => {
            RetryDecision::GiveUp
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const THREE: RetryPolicy = RetryPolicy {
        retries: 3,
        delay: exponential_backoff,
    };

    fn after(retries_done: u32) -> RetryProgress {
        RetryProgress {
            retries_done,
            auth_waits_done: 0,
        }
    }

    #[test]
    fn backoff_doubles_from_one_second_and_caps_at_thirty() {
        let millis: Vec<u128> = (0..7).map(|n| exponential_backoff(n).as_millis()).collect();
        assert_eq!(millis, [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
        assert_eq!(exponential_backoff(64), Duration::from_secs(30));
        assert_eq!(exponential_backoff(u32::MAX), Duration::from_secs(30));
    }

    #[test]
    fn retryable_errors_use_the_backoff_until_the_budget_is_spent() {
        assert_eq!(
            decide_retry(RetryHint::Retry, after(0), &THREE),
            RetryDecision::RetryIn(Duration::from_secs(1))
        );
        assert_eq!(
            decide_retry(RetryHint::Retry, after(2), &THREE),
            RetryDecision::RetryIn(Duration::from_secs(4))
        );
        assert_eq!(
            decide_retry(RetryHint::Retry, after(3), &THREE),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn never_is_final_even_with_budget_left() {
        assert_eq!(
            decide_retry(RetryHint::Never, after(0), &THREE),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn retry_after_waits_exactly_what_the_server_asked_and_uses_the_budget() {
        let hint = RetryHint::RetryAfter(Duration::from_secs(7));
        assert_eq!(
            decide_retry(hint, after(1), &THREE),
            RetryDecision::RetryIn(Duration::from_secs(7))
        );
        assert_eq!(decide_retry(hint, after(3), &THREE), RetryDecision::GiveUp);
    }

    #[test]
    fn auth_refresh_waits_do_not_use_retries_but_are_bounded() {
        let no_retries = RetryPolicy {
            retries: 0,
            delay: exponential_backoff,
        };
        let waited = |auth_waits_done| RetryProgress {
            retries_done: 0,
            auth_waits_done,
        };
        assert_eq!(
            decide_retry(RetryHint::AwaitAuthRefresh, waited(0), &no_retries),
            RetryDecision::AwaitAuthRefresh
        );
        assert_eq!(
            decide_retry(
                RetryHint::AwaitAuthRefresh,
                waited(MAX_AUTH_WAITS - 1),
                &no_retries
            ),
            RetryDecision::AwaitAuthRefresh
        );
        assert_eq!(
            decide_retry(
                RetryHint::AwaitAuthRefresh,
                waited(MAX_AUTH_WAITS),
                &no_retries
            ),
            RetryDecision::GiveUp
        );
    }
}
