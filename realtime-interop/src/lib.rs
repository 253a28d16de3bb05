//! Native shells for the SPA's realtime layer (tokio timers and tasks, tungstenite websockets) and a
//! launcher for the Node socket.io server used to prove protocol compatibility. Test-only: the app never links this.

mod node_server;
mod tokio_env;
mod tungstenite_transport;

pub use node_server::{NodeServer, NodeServerError};
pub use tokio_env::{TokioSleeper, TokioSpawner};
pub use tungstenite_transport::TungsteniteTransport;
