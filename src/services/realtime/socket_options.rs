//! Tunables of the realtime connection, with the guide's defaults.

use std::time::Duration;

use super::{Channel, Namespace, ReconnectPolicy};

/// How the service connects, reconnects and buffers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocketOptions {
    /// Namespace joined (default `/`).
    pub namespace: Namespace,
    /// Reconnect attempts and delays (default: 5 attempts from 1000 ms).
    pub reconnect: ReconnectPolicy,
    /// Longest wait for the handshake (open packet and CONNECT answer) of one attempt (default 20 s).
    pub connect_timeout: Duration,
    /// Channels re-subscribed after every (re)connect (default: accounts and transactions).
    pub channels: Vec<Channel>,
    /// How many ordinary emits are kept while reconnecting (default 32).
    pub offline_buffer: usize,
}

impl Default for SocketOptions {
    fn default() -> Self {
        SocketOptions {
            namespace: Namespace::root(),
            reconnect: ReconnectPolicy::default(),
            connect_timeout: Duration::from_secs(20),
            channels: Channel::ALL.to_vec(),
            offline_buffer: 32,
        }
    }
}
