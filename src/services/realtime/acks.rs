//! Acknowledgements: ids for emits that want an answer, and the callbacks waiting for it.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;

use super::EmitError;

/// Why an acknowledged emit got no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AckError {
    /// No answer within the timeout given to the emit.
    #[error("no acknowledgement within {} ms", .0.as_millis())]
    Timeout(Duration),
    /// The link dropped after the emit was sent: the server may or may not have acted on it.
    #[error("the connection dropped before the server acknowledged; the outcome is unknown")]
    LinkLost,
    /// The session ended (disconnect, logout or giving up) before an answer.
    #[error("the realtime connection was closed before the server acknowledged")]
    Closed,
    /// The emit was waiting to be sent and could not be kept when the link dropped.
    #[error("not sent: {0}")]
    NotSent(EmitError),
}

/// Called once with the server's answer (its arguments) or the reason there is none.
pub type AckCallback = Box<dyn FnOnce(Result<Vec<Value>, AckError>)>;

struct PendingAck {
    callback: AckCallback,
    sent: bool,
}

/// The callbacks waiting for answers, by ack id.
#[derive(Default)]
pub(crate) struct AckRegistry {
    next_id: u64,
    pending: BTreeMap<u64, PendingAck>,
}

impl AckRegistry {
    /// Stores `callback` under a fresh id.
    pub(crate) fn register(&mut self, callback: AckCallback) -> u64 {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        self.pending.insert(
            id,
            PendingAck {
                callback,
                sent: false,
            },
        );
        id
    }

    /// Notes that the emit with this id went out on the wire.
    pub(crate) fn mark_sent(&mut self, id: u64) {
        if let Some(pending) = self.pending.get_mut(&id) {
            pending.sent = true;
        }
    }

    /// Removes and returns the callback for `id` (answered, timed out or abandoned).
    pub(crate) fn take(&mut self, id: u64) -> Option<AckCallback> {
        self.pending.remove(&id).map(|pending| pending.callback)
    }

    /// Removes the callbacks of emits already sent (their link dropped).
    pub(crate) fn take_sent(&mut self) -> Vec<AckCallback> {
        let sent: Vec<u64> = self
            .pending
            .iter()
            .filter(|(_, p)| p.sent)
            .map(|(id, _)| *id)
            .collect();
        sent.into_iter().filter_map(|id| self.take(id)).collect()
    }

    /// Removes every callback (the session ended).
    pub(crate) fn take_all(&mut self) -> Vec<AckCallback> {
        std::mem::take(&mut self.pending)
            .into_values()
            .map(|pending| pending.callback)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;

    type Log = Rc<RefCell<Vec<Result<Vec<Value>, AckError>>>>;

    fn recorder() -> (Log, impl Fn() -> AckCallback) {
        let log = Rc::new(RefCell::new(Vec::new()));
        let sink = log.clone();
        (log, move || {
            let sink = sink.clone();
            Box::new(move |result| sink.borrow_mut().push(result)) as AckCallback
        })
    }

    #[test]
    fn ids_are_distinct_and_answers_reach_their_callback() {
        let (log, callback) = recorder();
        let mut registry = AckRegistry::default();
        let first = registry.register(callback());
        let second = registry.register(callback());
        assert_ne!(first, second);
        registry.take(second).unwrap()(Ok(vec![Value::Bool(true)]));
        assert!(registry.take(second).is_none());
        assert_eq!(*log.borrow(), vec![Ok(vec![Value::Bool(true)])]);
    }

    #[test]
    fn only_sent_emits_are_abandoned_when_the_link_drops() {
        let (_log, callback) = recorder();
        let mut registry = AckRegistry::default();
        let sent = registry.register(callback());
        let buffered = registry.register(callback());
        registry.mark_sent(sent);
        assert_eq!(registry.take_sent().len(), 1);
        assert!(registry.take(buffered).is_some());
        assert!(registry.take_all().is_empty());
    }
}
