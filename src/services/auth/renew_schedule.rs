//! When to renew, warn or give up: pure arithmetic over the token set, tested on fake time.

use std::time::Duration;

use super::TokenSet;

/// Renewal starts at most this long before expiry.
pub const MAX_RENEW_LEAD: Duration = Duration::from_secs(60);
/// An unrenewable session warns this long before it ends ("your session ends in 1 minute").
pub const EXPIRY_WARNING_LEAD: Duration = Duration::from_secs(60);
/// Renewals are at least this far apart, even if a provider grants uselessly short tokens.
pub const MIN_RENEW_INTERVAL: Duration = Duration::from_secs(1);
/// First retry delay after a failed renewal; doubled per failure up to [`MAX_RETRY_DELAY`].
pub const FIRST_RETRY_DELAY: Duration = Duration::from_secs(5);
/// Longest retry delay.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(60);

/// How long before expiry to renew: min(60 s, lifetime / 3).
pub fn renew_lead_time(lifetime: Duration) -> Duration {
    MAX_RENEW_LEAD.min(lifetime / 3)
}

/// Delay before retry number `failures` (1-based): 5 s, 10 s, 20 s, 40 s, 60 s, 60 s, …
pub fn retry_delay(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    FIRST_RETRY_DELAY
        .saturating_mul(1 << doublings)
        .min(MAX_RETRY_DELAY)
}

/// What to do next for the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenewAction {
    /// Renew the access token.
    Renew,
    /// Tell the user the session ends soon.
    WarnExpiring,
    /// Tell the user the session has ended.
    Expire,
}

/// An action and when to take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenewStep {
    /// When (ms since epoch; in the past means now).
    pub at_ms: u64,
    /// What.
    pub action: RenewAction,
}

/// What the renewal driver has already done for the current session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenewState {
    /// The session can be renewed (it has a refresh credential the provider has not refused).
    pub renewable: bool,
    /// No renewal before this time (after a failure, or right after a renewal).
    pub not_before_ms: u64,
    /// The expiry warning was shown.
    pub warned: bool,
    /// The expiry was announced; nothing more to do.
    pub expired: bool,
}

/// The next step for `tokens`, or `None` when there is nothing left to do.
pub fn next_step(tokens: &TokenSet, state: &RenewState) -> Option<RenewStep> {
    if state.expired {
        return None;
    }
    let expires_at = tokens.expires_at_ms;
    let step = |at_ms, action| Some(RenewStep { at_ms, action });
    if state.renewable {
        let lead = millis(renew_lead_time(Duration::from_millis(tokens.lifetime_ms)));
        return step(
            expires_at.saturating_sub(lead).max(state.not_before_ms),
            RenewAction::Renew,
        );
    }
    if !state.warned {
        return step(
            expires_at.saturating_sub(millis(EXPIRY_WARNING_LEAD)),
            RenewAction::WarnExpiring,
        );
    }
    step(expires_at, RenewAction::Expire)
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::auth::Secret;

    fn tokens(expires_at_ms: u64, lifetime_ms: u64) -> TokenSet {
        TokenSet {
            access_token: Secret::new("a"),
            refresh_token: None,
            id_token: None,
            expires_at_ms,
            lifetime_ms,
            user: None,
        }
    }

    #[test]
    fn lead_time_is_a_third_of_short_lifetimes_and_at_most_a_minute() {
        assert_eq!(
            renew_lead_time(Duration::from_secs(5)),
            Duration::from_nanos(1_666_666_666)
        );
        assert_eq!(
            renew_lead_time(Duration::from_secs(90)),
            Duration::from_secs(30)
        );
        assert_eq!(
            renew_lead_time(Duration::from_secs(180)),
            Duration::from_secs(60)
        );
        assert_eq!(
            renew_lead_time(Duration::from_secs(3600)),
            Duration::from_secs(60)
        );
        assert_eq!(renew_lead_time(Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn retry_delays_back_off_and_cap() {
        let delays: Vec<u64> = (1..=7).map(|n| retry_delay(n).as_secs()).collect();
        assert_eq!(delays, [5, 10, 20, 40, 60, 60, 60]);
        assert_eq!(retry_delay(u32::MAX), MAX_RETRY_DELAY);
    }

    #[test]
    fn renewable_sessions_renew_ahead_of_expiry_but_not_too_often() {
        let renewable = RenewState {
            renewable: true,
            ..RenewState::default()
        };
        let renew = |at_ms| {
            Some(RenewStep {
                at_ms,
                action: RenewAction::Renew,
            })
        };
        assert_eq!(
            next_step(&tokens(400_000, 300_000), &renewable),
            renew(340_000)
        );
        assert_eq!(next_step(&tokens(10_000, 5_000), &renewable), renew(8_334));
        let backing_off = RenewState {
            not_before_ms: 395_000,
            ..renewable
        };
        assert_eq!(
            next_step(&tokens(400_000, 300_000), &backing_off),
            renew(395_000)
        );
        let after_expiry = RenewState {
            not_before_ms: 500_000,
            ..renewable
        };
        assert_eq!(
            next_step(&tokens(400_000, 300_000), &after_expiry),
            renew(500_000),
            "a refresh token outlives the access token"
        );
    }

    #[test]
    fn unrenewable_sessions_warn_a_minute_ahead_then_expire() {
        let mut state = RenewState::default();
        let session = tokens(400_000, 300_000);
        assert_eq!(
            next_step(&session, &state),
            Some(RenewStep {
                at_ms: 340_000,
                action: RenewAction::WarnExpiring
            })
        );
        state.warned = true;
        assert_eq!(
            next_step(&session, &state),
            Some(RenewStep {
                at_ms: 400_000,
                action: RenewAction::Expire
            })
        );
        state.expired = true;
        assert_eq!(next_step(&session, &state), None);
        let short = tokens(5_000, 5_000);
        assert_eq!(
            next_step(&short, &RenewState::default()),
            Some(RenewStep {
                at_ms: 0,
                action: RenewAction::WarnExpiring
            })
        );
    }
}
