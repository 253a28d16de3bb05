//! The state shared by the [`SocketService`](super::SocketService) façade and its connection manager.

use std::cell::{Cell, RefCell};

use serde_json::Value;

use super::acks::{AckCallback, AckRegistry};
use super::connection_state::StateCell;
use super::listeners::Listeners;
use super::outbox::Outbox;
use super::outgoing_emit::OutgoingEmit;
use super::server_events::raw_seq;
use super::{
    AckError, Channel, ConnectionState, Namespace, RealtimeError, Resync, ResyncReason, SeqTracker,
    SeqVerdict,
};

/// A server event as received: name and raw arguments.
pub(crate) struct InboundEvent {
    pub(crate) name: String,
    pub(crate) args: Vec<Value>,
}

/// Connection state, buffers, pending acks and listeners of one service.
pub(crate) struct Hub {
    pub(crate) namespace: Namespace,
    pub(crate) state: StateCell,
    pub(crate) outbox: RefCell<Outbox>,
    pub(crate) acks: RefCell<AckRegistry>,
    pub(crate) events: Listeners<InboundEvent>,
    pub(crate) errors: Listeners<RealtimeError>,
    pub(crate) resyncs: Listeners<Resync>,
    pub(crate) max_payload: Cell<u64>,
    seq: RefCell<SeqTracker>,
}

impl Hub {
    /// A disconnected hub for `namespace` with an offline buffer of `buffer_capacity` emits.
    pub(crate) fn new(namespace: Namespace, buffer_capacity: usize) -> Self {
        Hub {
            namespace,
            state: StateCell::new(),
            outbox: RefCell::new(Outbox::new(buffer_capacity)),
            acks: RefCell::new(AckRegistry::default()),
            events: Listeners::new(),
            errors: Listeners::new(),
            resyncs: Listeners::new(),
            max_payload: Cell::new(1_000_000),
            seq: RefCell::new(SeqTracker::new()),
        }
    }

    /// Tells the error listeners.
    pub(crate) fn report(&self, error: RealtimeError) {
        self.errors.notify(&error);
    }

    /// Delivers a server event, dropping stale sequenced ones and asking for a resync on a gap.
    pub(crate) fn dispatch(&self, name: String, args: Vec<Value>) {
        let verdict = match (Channel::of_event(&name), raw_seq(&args)) {
            (Some(channel), Some(seq)) => self.seq.borrow_mut().observe(channel, seq),
            _ => SeqVerdict::InOrder,
        };
        match verdict {
            SeqVerdict::Stale { .. } => {}
            SeqVerdict::InOrder => self.events.notify(&InboundEvent { name, args }),
            SeqVerdict::Gap(resync) => {
                self.events.notify(&InboundEvent { name, args });
                self.resyncs.notify(&resync);
            }
        }
    }

    /// Marks the link live and asks for a full resync (the first connect or a reconnect).
    pub(crate) fn connected(&self, reason: ResyncReason) {
        let resync = self.seq.borrow_mut().reset(reason);
        self.state.set(ConnectionState::Connected);
        self.resyncs.notify(&resync);
    }

    /// Answers the emit waiting on ack `id`.
    pub(crate) fn resolve_ack(&self, id: u64, args: Vec<Value>) {
        let callback = self.acks.borrow_mut().take(id);
        if let Some(callback) = callback {
            callback(Ok(args));
        }
    }

    /// Fails the emit waiting on ack `id` (used by timeouts; a late answer is then ignored).
    pub(crate) fn fail_ack(&self, id: u64, error: AckError) {
        let callback = self.acks.borrow_mut().take(id);
        if let Some(callback) = callback {
            callback(Err(error));
        }
    }

    /// The link dropped: emits already sent will never be answered.
    pub(crate) fn link_lost(&self) {
        let abandoned = self.acks.borrow_mut().take_sent();
        fail_all(abandoned, &AckError::LinkLost);
    }

    /// The session is over (disconnect, logout, giving up): nothing buffered will be sent.
    pub(crate) fn end_session(&self, state: ConnectionState) {
        self.outbox.borrow_mut().drain();
        let abandoned = self.acks.borrow_mut().take_all();
        self.state.set(state);
        fail_all(abandoned, &AckError::Closed);
    }

    /// Puts an emit that could not be written back in the buffer, or fails it when it may not wait.
    pub(crate) fn requeue(&self, emit: OutgoingEmit) {
        let ack_id = emit.ack_id;
        let refused = self.outbox.borrow_mut().push(emit);
        if let Err(error) = refused {
            if let Some(id) = ack_id {
                self.fail_ack(id, AckError::NotSent(error.clone()));
            }
            self.report(RealtimeError::Dropped(error));
        }
    }

    /// Takes the buffered emits for sending, oldest first.
    pub(crate) fn take_buffered(&self) -> Vec<OutgoingEmit> {
        self.outbox.borrow_mut().drain()
    }

    /// Notes that `emit` went out, so a dropped link fails its ack as `LinkLost`.
    pub(crate) fn mark_sent(&self, emit: &OutgoingEmit) {
        if let Some(id) = emit.ack_id {
            self.acks.borrow_mut().mark_sent(id);
        }
    }
}

/// Calls each abandoned callback with `error`.
fn fail_all(callbacks: Vec<AckCallback>, error: &AckError) {
    for callback in callbacks {
        callback(Err(error.clone()));
    }
}
