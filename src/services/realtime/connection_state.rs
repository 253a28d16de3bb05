//! The connection's lifecycle as the UI shows it (status dot), observable as it changes.

use std::cell::Cell;

use super::Subscription;
use super::listeners::Listeners;

/// Where the realtime connection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionState {
    /// Not started, or stopped by `disconnect()` or logout; nothing reconnects.
    Disconnected,
    /// First connection of a session in progress.
    Connecting,
    /// Live: events flow.
    Connected,
    /// The link was lost (or the first connect failed); waiting for, or making, this attempt.
    Reconnecting {
        /// 1-based attempt number.
        attempt: u32,
    },
    /// Every reconnect attempt failed; `connect()` again to retry.
    Offline,
}

impl ConnectionState {
    /// True while a session is trying to (re)connect, so ordinary emits are buffered.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            ConnectionState::Connecting | ConnectionState::Reconnecting { .. }
        )
    }
}

/// The current state plus the callbacks told about each change.
pub(crate) struct StateCell {
    current: Cell<ConnectionState>,
    watchers: Listeners<ConnectionState>,
}

impl StateCell {
    /// Starts `Disconnected`.
    pub(crate) fn new() -> Self {
        StateCell {
            current: Cell::new(ConnectionState::Disconnected),
            watchers: Listeners::new(),
        }
    }

    /// The current state.
    pub(crate) fn get(&self) -> ConnectionState {
        self.current.get()
    }

    /// Changes the state and tells the watchers, unless it is unchanged.
    pub(crate) fn set(&self, state: ConnectionState) {
        if self.current.replace(state) != state {
            self.watchers.notify(&state);
        }
    }

    /// Calls `callback` on every change.
    pub(crate) fn watch(&self, callback: impl Fn(ConnectionState) + 'static) -> Subscription {
        self.watchers.add(move |state| callback(*state))
    }
}
