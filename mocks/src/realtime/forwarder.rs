//! The task that turns ledger events into socket events, listening to the ledger only while sockets are connected.

use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, watch};
use tokio::task::JoinHandle;

use super::delivery::{Delivery, plan};
use crate::{AppState, LedgerEvent};

/// What woke the forwarder.
enum Wake {
    /// A ledger event.
    Event(Box<LedgerEvent>),
    /// Events were missed (the subscriber fell behind).
    Lagged(u64),
    /// The last socket left.
    Idle,
    /// The bank is gone.
    Closed,
}

/// Starts forwarding `state`'s ledger events to its sockets; abort the handle to stop.
pub fn spawn_forwarder(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut sockets = state.realtime().watch_sockets();
        loop {
            if sockets.wait_for(|n| *n > 0).await.is_err() {
                return;
            }
            // Subscribing only now keeps the ledger from building events nobody would receive.
            let mut events = state.subscribe();
            loop {
                match next_wake(&mut events, &mut sockets).await {
                    Wake::Event(event) => {
                        deliver(&state, plan(&event, state.realtime().seqs())).await
                    }
                    Wake::Lagged(missed) => {
                        tracing::warn!(
                            missed,
                            "realtime fell behind the ledger; dropping sockets to force a resync"
                        );
                        state.realtime().drop_all().await;
                    }
                    Wake::Idle => break,
                    Wake::Closed => return,
                }
            }
        }
    })
}

/// Waits for the next ledger event or for the socket count to reach 0.
async fn next_wake(
    events: &mut broadcast::Receiver<LedgerEvent>,
    sockets: &mut watch::Receiver<usize>,
) -> Wake {
    tokio::select! {
        event = events.recv() => match event {
            Ok(event) => Wake::Event(Box::new(event)),
            Err(RecvError::Lagged(missed)) => Wake::Lagged(missed),
            Err(RecvError::Closed) => Wake::Closed,
        },
        idle = sockets.wait_for(|n| *n == 0) => if idle.is_ok() { Wake::Idle } else { Wake::Closed },
    }
}

/// Carries out one delivery.
async fn deliver(state: &AppState, delivery: Delivery) {
    match delivery {
        Delivery::Emit(outgoing) => state.realtime().emit(&outgoing, state.clock().now()).await,
        Delivery::DropAll => {
            state.realtime().drop_all().await;
        }
        Delivery::Skip => {}
    }
}
