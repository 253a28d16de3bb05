//! The most recent emits, for the admin listener (tests correlate them with what a page showed).

use std::collections::VecDeque;
use std::sync::Mutex;

use serde::Serialize;

use crate::clock::Millis;

/// Emits remembered.
const CAPACITY: usize = 256;

/// One sequenced event sent to a user's sockets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EmitRecord {
    /// Event name, e.g. `balance:update`.
    pub event: &'static str,
    /// The user whose sockets got it.
    pub user: String,
    /// The account concerned.
    pub account_id: String,
    /// Its seq.
    pub seq: u64,
    /// When it was handed to the sockets (ms since the epoch, the mock's clock).
    pub emitted_at: Millis,
}

/// A bounded log of the latest emits, oldest first.
#[derive(Debug, Default)]
pub struct EmitLog {
    records: Mutex<VecDeque<EmitRecord>>,
}

impl EmitLog {
    /// Remembers `record`, forgetting the oldest beyond the capacity.
    pub fn push(&self, record: EmitRecord) {
        let mut records = self.lock();
        if records.len() == CAPACITY {
            records.pop_front();
        }
        records.push_back(record);
    }

    /// The remembered emits, oldest first.
    pub fn snapshot(&self) -> Vec<EmitRecord> {
        self.lock().iter().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<EmitRecord>> {
        self.records
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_latest() {
        let log = EmitLog::default();
        for seq in 1..=(CAPACITY as u64 + 3) {
            log.push(EmitRecord {
                event: "balance:update",
                user: "alice".into(),
                account_id: "1".into(),
                seq,
                emitted_at: 0,
            });
        }
        let records = log.snapshot();
        assert_eq!(records.len(), CAPACITY);
        assert_eq!(records[0].seq, 4);
        assert_eq!(records.last().map(|r| r.seq), Some(CAPACITY as u64 + 3));
    }
}
