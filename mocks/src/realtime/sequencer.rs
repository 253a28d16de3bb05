//! `seq` counters: one per user and per channel, starting at 1 and incremented by 1 per event.

use std::collections::HashMap;
use std::sync::Mutex;

use digibank_api_types::Channel;

/// Hands out the next `seq` of a user's channel.
#[derive(Debug, Default)]
pub struct Sequencer {
    counters: Mutex<HashMap<(String, Channel), u64>>,
}

impl Sequencer {
    /// The next seq of `user` on `channel` (1 for the first event).
    pub fn next(&self, user: &str, channel: Channel) -> u64 {
        let mut counters = self
            .counters
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let counter = counters.entry((user.to_owned(), channel)).or_insert(0);
        *counter += 1;
        *counter
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_user_and_per_channel() {
        let seqs = Sequencer::default();
        assert_eq!(seqs.next("alice", Channel::Accounts), 1);
        assert_eq!(seqs.next("alice", Channel::Accounts), 2);
        assert_eq!(seqs.next("alice", Channel::Transactions), 1);
        assert_eq!(seqs.next("bob", Channel::Accounts), 1);
        assert_eq!(seqs.next("alice", Channel::Accounts), 3);
    }
}
