//! `Realtime`: the Socket.IO server of the mock bank (socketioxide, websocket transport) and its controls.

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use socketioxide::layer::SocketIoLayer;
use socketioxide::{SocketIo, TransportType};
use tokio::sync::watch;

use super::Sequencer;
use super::connection::mount;
use super::delivery::Outgoing;
use super::emit_log::{EmitLog, EmitRecord};
use crate::clock::Millis;
use crate::state::WeakAppState;
use digibank_api_types::SystemAlert;

/// Where the socket listens on the public listener (socket.io's default path).
pub const SOCKET_PATH: &str = "/socket.io";

/// The realtime socket's state: the socket server, seq counters, connected-socket count and recent emits.
pub struct Realtime {
    io: SocketIo,
    layer: SocketIoLayer,
    seqs: Sequencer,
    sockets: watch::Sender<usize>,
    subscribed: AtomicUsize,
    log: EmitLog,
}

/// What `GET /admin/realtime` shows.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RealtimeStatus {
    /// Authenticated sockets connected now.
    pub connected_sockets: usize,
    /// Those of them that subscribed to at least one channel.
    pub subscribed_sockets: usize,
    /// The latest sequenced emits, oldest first.
    pub recent_emits: Vec<EmitRecord>,
}

impl Realtime {
    /// A socket server whose handlers reach the rest of the bank through `state`.
    pub(crate) fn new(state: WeakAppState) -> Self {
        let (layer, io) = SocketIo::builder()
            .req_path(SOCKET_PATH)
            .transports([TransportType::Websocket])
            .build_layer();
        mount(&io, state);
        Realtime {
            io,
            layer,
            seqs: Sequencer::default(),
            sockets: watch::channel(0).0,
            subscribed: AtomicUsize::new(0),
            log: EmitLog::default(),
        }
    }

    /// The tower layer that answers `/socket.io/` (put it outermost on the public router).
    pub fn layer(&self) -> SocketIoLayer {
        self.layer.clone()
    }

    /// The seq counters.
    pub(crate) fn seqs(&self) -> &Sequencer {
        &self.seqs
    }

    /// Authenticated sockets connected now.
    pub fn connected_sockets(&self) -> usize {
        *self.sockets.borrow()
    }

    /// Follows the number of connected sockets (the forwarder listens to the ledger only while it is above 0).
    pub(crate) fn watch_sockets(&self) -> watch::Receiver<usize> {
        self.sockets.subscribe()
    }

    /// Counts a socket in (`+1`) or out (`-1`).
    pub(crate) fn count_socket(&self, joined: bool) {
        self.sockets.send_modify(|n| {
            *n = if joined { *n + 1 } else { n.saturating_sub(1) };
        });
    }

    /// Connected sockets that subscribed to at least one channel.
    pub fn subscribed_sockets(&self) -> usize {
        self.subscribed.load(Ordering::SeqCst)
    }

    /// Counts a socket's first subscription in (`+1`) or, when it leaves, out (`-1`).
    pub(crate) fn count_subscribed(&self, joined: bool) {
        if joined {
            self.subscribed.fetch_add(1, Ordering::SeqCst);
        } else {
            let _ = self
                .subscribed
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        }
    }

    /// Sends `outgoing` to its user's sockets subscribed to its channel, and logs it.
    pub(crate) async fn emit(&self, outgoing: &Outgoing, now: Millis) {
        let Some(sockets) = self.io.of("/") else {
            return;
        };
        let room = super::room(outgoing.channel, &outgoing.user);
        if let Err(error) = sockets
            .to(room)
            .emit(outgoing.event, &outgoing.payload)
            .await
        {
            tracing::warn!(%error, event = outgoing.event, "realtime emit failed");
        }
        self.log.push(EmitRecord {
            event: outgoing.event,
            user: outgoing.user.clone(),
            account_id: outgoing.account_id().to_owned(),
            seq: outgoing.seq(),
            emitted_at: now,
        });
    }

    /// Sends `alert:system` to every connected socket; returns how many there were.
    pub async fn alert(&self, alert: &SystemAlert) -> usize {
        let count = self.connected_sockets();
        if let Some(sockets) = self.io.of("/")
            && let Err(error) = sockets.emit("alert:system", alert).await
        {
            tracing::warn!(%error, "realtime alert failed");
        }
        count
    }

    /// Disconnects every socket (clients reconnect and resync); returns how many there were.
    pub async fn drop_all(&self) -> usize {
        let count = self.connected_sockets();
        if let Some(sockets) = self.io.of("/")
            && let Err(error) = sockets.disconnect().await
        {
            tracing::warn!(%error, "dropping realtime sockets failed");
        }
        count
    }

    /// Connected sockets and the latest emits.
    pub fn status(&self) -> RealtimeStatus {
        RealtimeStatus {
            connected_sockets: self.connected_sockets(),
            subscribed_sockets: self.subscribed_sockets(),
            recent_emits: self.log.snapshot(),
        }
    }
}
