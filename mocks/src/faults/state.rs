//! The active fault profile and the generator that decides which requests it hits.

use std::sync::{Arc, Mutex, RwLock};

use crate::faults::FaultProfile;
use crate::prng::Prng;

/// A fault the dice chose for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// 500 Internal Server Error.
    ServerError,
    /// 503 Service Unavailable with `Retry-After`.
    Unavailable,
    /// 429 Too Many Requests with `Retry-After`.
    RateLimited,
}

/// Shared fault settings.
#[derive(Debug)]
pub struct FaultState {
    profile: RwLock<Arc<FaultProfile>>,
    dice: Mutex<Prng>,
}

impl FaultState {
    /// Starts with `profile` and a generator seeded with `seed`.
    pub fn new(profile: FaultProfile, seed: u64) -> Self {
        FaultState {
            profile: RwLock::new(Arc::new(profile)),
            dice: Mutex::new(Prng::new(seed)),
        }
    }

    /// The active profile.
    pub fn profile(&self) -> Arc<FaultProfile> {
        Arc::clone(
            &self
                .profile
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }

    /// Replaces the active profile (already validated).
    pub fn set(&self, profile: FaultProfile) {
        *self
            .profile
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(profile);
    }

    /// Rolls for an error answer.
    pub fn roll_answer(&self, profile: &FaultProfile) -> Option<Answer> {
        let mut dice = self
            .dice
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let roll = dice.unit();
        let thresholds = [
            (profile.error500_rate, Answer::ServerError),
            (
                profile.error500_rate + profile.error503_rate,
                Answer::Unavailable,
            ),
            (
                profile.error500_rate + profile.error503_rate + profile.rate_limit_rate,
                Answer::RateLimited,
            ),
        ];
        thresholds
            .iter()
            .find(|(limit, _)| roll < *limit)
            .map(|(_, answer)| *answer)
    }

    /// True with probability `share`.
    pub fn roll(&self, share: f64) -> bool {
        self.dice
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .bernoulli(share)
    }

    /// A jitter in `0..=max` ms.
    pub fn jitter(&self, max: u64) -> u64 {
        if max == 0 {
            0
        } else {
            self.dice
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .next_u64()
                % (max + 1)
        }
    }
}
