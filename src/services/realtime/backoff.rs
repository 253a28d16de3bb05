//! When to try again after the link is lost: exponential backoff with jitter, bounded attempts.

use std::time::Duration;

/// The reconnect rules (defaults follow the guide: 5 attempts, 1000 ms initial delay).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconnectPolicy {
    /// Attempts after a lost link (or a failed first connect) before giving up as `Offline`.
    pub max_attempts: u32,
    /// Delay before the first attempt.
    pub initial_delay: Duration,
    /// Growth factor between attempts.
    pub multiplier: u32,
    /// Cap of the delay before jitter is added.
    pub max_delay: Duration,
    /// Up to this percentage of a delay is added at random, so clients do not reconnect in lockstep.
    pub jitter_percent: u8,
}

impl Default for ReconnectPolicy {
    fn default() -> Self {
        ReconnectPolicy {
            max_attempts: 5,
            initial_delay: Duration::from_millis(1000),
            multiplier: 2,
            max_delay: Duration::from_millis(5000),
            jitter_percent: 50,
        }
    }
}

/// The delay before each attempt (index 0 is attempt 1): `min(initial·multiplierⁿ, max)` plus up to
/// `jitter_percent` of itself, never less than the delay before it. `random` yields uniform `u32`s.
pub fn backoff_schedule(
    policy: &ReconnectPolicy,
    mut random: impl FnMut() -> u32,
) -> Vec<Duration> {
    let mut schedule = Vec::with_capacity(policy.max_attempts as usize);
    let mut previous = Duration::ZERO;
    let mut base = policy.initial_delay.min(policy.max_delay);
    for _ in 0..policy.max_attempts {
        let delay = with_jitter(base, policy.jitter_percent, random()).max(previous);
        schedule.push(delay);
        previous = delay;
        base = base.saturating_mul(policy.multiplier).min(policy.max_delay);
    }
    schedule
}

/// Adds `percent`% of `base`, scaled by `random / 2³²`.
fn with_jitter(base: Duration, percent: u8, random: u32) -> Duration {
    let base_ms = base.as_millis();
    let extra_ms =
        base_ms * u128::from(percent.min(100)) * u128::from(random) / (100 * (1u128 << 32));
    Duration::from_millis(u64::try_from(base_ms + extra_ms).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(schedule: &[Duration]) -> Vec<u128> {
        schedule.iter().map(Duration::as_millis).collect()
    }

    #[test]
    fn without_jitter_the_guides_defaults_double_up_to_the_cap() {
        let schedule = backoff_schedule(&ReconnectPolicy::default(), || 0);
        assert_eq!(millis(&schedule), [1000, 2000, 4000, 5000, 5000]);
    }

    #[test]
    fn jitter_adds_at_most_the_configured_share() {
        let schedule = backoff_schedule(&ReconnectPolicy::default(), || u32::MAX);
        assert_eq!(millis(&schedule), [1499, 2999, 5999, 7499, 7499]);
    }

    #[test]
    fn delays_never_decrease_even_when_jitter_shrinks() {
        let mut randoms = [u32::MAX, 0, u32::MAX, u32::MAX, 0].into_iter();
        let schedule =
            backoff_schedule(&ReconnectPolicy::default(), || randoms.next().unwrap_or(0));
        assert_eq!(millis(&schedule), [1499, 2000, 5999, 7499, 7499]);
    }

    #[test]
    fn the_number_of_attempts_is_bounded_by_the_policy() {
        let policy = ReconnectPolicy {
            max_attempts: 2,
            ..ReconnectPolicy::default()
        };
        assert_eq!(backoff_schedule(&policy, || 0).len(), 2);
        let none = ReconnectPolicy {
            max_attempts: 0,
            ..ReconnectPolicy::default()
        };
        assert!(backoff_schedule(&none, || 0).is_empty());
    }

    #[test]
    fn huge_settings_saturate_instead_of_overflowing() {
        let policy = ReconnectPolicy {
            max_attempts: 64,
            multiplier: u32::MAX,
            max_delay: Duration::MAX,
            ..ReconnectPolicy::default()
        };
        let schedule = backoff_schedule(&policy, || u32::MAX);
        assert!(schedule.windows(2).all(|pair| pair[0] <= pair[1]));
    }
}
