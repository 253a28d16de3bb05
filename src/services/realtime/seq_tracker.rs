//! Per-channel `seq` bookkeeping: tells when an update was missed, so the app can resync over REST.

use std::collections::BTreeMap;

use super::{Channel, Resync, ResyncReason};

/// What a received `seq` means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeqVerdict {
    /// The next one expected (or the first since a reset): apply it.
    InOrder,
    /// Newer than expected: apply it, then resync the channel.
    Gap(Resync),
    /// Not newer than the last one applied (a replay): ignore it.
    Stale {
        /// The last seq applied on the channel.
        last: u64,
    },
}

/// The last `seq` applied on each channel since the last (re)connect.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeqTracker {
    last: BTreeMap<Channel, u64>,
}

impl SeqTracker {
    /// A tracker that has seen nothing.
    pub fn new() -> Self {
        SeqTracker::default()
    }

    /// Records `seq` on `channel` and judges it against the previous one.
    pub fn observe(&mut self, channel: Channel, seq: u64) -> SeqVerdict {
        let Some(&last) = self.last.get(&channel) else {
            self.last.insert(channel, seq);
            return SeqVerdict::InOrder;
        };
        if seq <= last {
            return SeqVerdict::Stale { last };
        }
        self.last.insert(channel, seq);
        let expected = last.saturating_add(1);
        if seq == expected {
            SeqVerdict::InOrder
        } else {
            SeqVerdict::Gap(Resync {
                channels: vec![channel],
                reason: ResyncReason::Gap {
                    expected,
                    received: seq,
                },
            })
        }
    }

    /// Forgets every channel (the server's counters moved on while we were away) and asks for a full resync.
    pub fn reset(&mut self, reason: ResyncReason) -> Resync {
        self.last.clear();
        Resync {
            channels: Channel::ALL.to_vec(),
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_seqs_are_in_order_and_the_first_sets_the_baseline() {
        let mut tracker = SeqTracker::new();
        assert_eq!(tracker.observe(Channel::Accounts, 41), SeqVerdict::InOrder);
        assert_eq!(tracker.observe(Channel::Accounts, 42), SeqVerdict::InOrder);
        assert_eq!(
            tracker.observe(Channel::Transactions, 7),
            SeqVerdict::InOrder
        );
    }

    #[test]
    fn a_skipped_seq_is_a_gap_on_that_channel_only() {
        let mut tracker = SeqTracker::new();
        tracker.observe(Channel::Accounts, 1);
        let verdict = tracker.observe(Channel::Accounts, 3);
        assert_eq!(
            verdict,
            SeqVerdict::Gap(Resync {
                channels: vec![Channel::Accounts],
                reason: ResyncReason::Gap {
                    expected: 2,
                    received: 3
                }
            })
        );
        assert_eq!(tracker.observe(Channel::Accounts, 4), SeqVerdict::InOrder);
    }

    #[test]
    fn replays_are_stale() {
        let mut tracker = SeqTracker::new();
        tracker.observe(Channel::Transactions, 5);
        assert_eq!(
            tracker.observe(Channel::Transactions, 5),
            SeqVerdict::Stale { last: 5 }
        );
        assert_eq!(
            tracker.observe(Channel::Transactions, 2),
            SeqVerdict::Stale { last: 5 }
        );
    }

    #[test]
    fn a_reset_resyncs_every_channel_and_accepts_any_next_seq() {
        let mut tracker = SeqTracker::new();
        tracker.observe(Channel::Accounts, 10);
        let resync = tracker.reset(ResyncReason::Reconnected);
        assert_eq!(
            resync,
            Resync {
                channels: vec![Channel::Accounts, Channel::Transactions],
                reason: ResyncReason::Reconnected
            }
        );
        assert_eq!(tracker.observe(Channel::Accounts, 3), SeqVerdict::InOrder);
    }
}
