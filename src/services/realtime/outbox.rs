//! The bounded buffer of emits made while the connection is down; it never holds money-moving actions.

use std::collections::VecDeque;

use super::outgoing_emit::OutgoingEmit;
use super::{EmitError, EmitKind};

/// Emits waiting for the next connect, oldest first.
pub(crate) struct Outbox {
    queue: VecDeque<OutgoingEmit>,
    capacity: usize,
}

impl Outbox {
    /// An empty buffer holding at most `capacity` emits.
    pub(crate) fn new(capacity: usize) -> Self {
        Outbox {
            queue: VecDeque::new(),
            capacity,
        }
    }

    /// Buffers an ordinary emit; refuses money-moving ones and any beyond capacity.
    pub(crate) fn push(&mut self, emit: OutgoingEmit) -> Result<(), EmitError> {
        if emit.kind == EmitKind::MoneyMoving {
            return Err(EmitError::MoneyMovingWhileOffline { event: emit.name });
        }
        if self.queue.len() >= self.capacity {
            return Err(EmitError::BufferFull {
                capacity: self.capacity,
            });
        }
        self.queue.push_back(emit);
        Ok(())
    }

    /// Takes every buffered emit, oldest first.
    pub(crate) fn drain(&mut self) -> Vec<OutgoingEmit> {
        self.queue.drain(..).collect()
    }

    /// True when nothing is buffered.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emit(name: &str, kind: EmitKind) -> OutgoingEmit {
        OutgoingEmit {
            name: name.into(),
            args: vec![],
            kind,
            ack_id: None,
        }
    }

    #[test]
    fn keeps_ordinary_emits_in_order_up_to_capacity() {
        let mut outbox = Outbox::new(2);
        outbox.push(emit("a", EmitKind::Ordinary)).unwrap();
        outbox.push(emit("b", EmitKind::Ordinary)).unwrap();
        assert_eq!(
            outbox.push(emit("c", EmitKind::Ordinary)),
            Err(EmitError::BufferFull { capacity: 2 })
        );
        let names: Vec<String> = outbox.drain().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["a", "b"]);
        assert!(outbox.is_empty());
    }

    #[test]
    fn never_holds_money_moving_actions() {
        let mut outbox = Outbox::new(10);
        assert_eq!(
            outbox.push(emit("transfer:confirm", EmitKind::MoneyMoving)),
            Err(EmitError::MoneyMovingWhileOffline {
                event: "transfer:confirm".into()
            })
        );
        assert!(outbox.is_empty());
    }
}
