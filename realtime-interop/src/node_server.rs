//! Starts `server.mjs` (a real socket.io 4 server) with Node on a free loopback port and reads what it logs.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

/// Why the Node server is not usable.
#[derive(Debug, thiserror::Error)]
pub enum NodeServerError {
    /// `socket.io` is not installed where Node looks for it.
    #[error(
        "socket.io is not installed: run `npm ci` in the repository root (or set NODE_PATH to a node_modules holding socket.io 4)"
    )]
    SocketIoMissing,
    /// Node could not be started.
    #[error("could not start node: {0}")]
    Spawn(std::io::Error),
    /// The server did not print a log line in time, or stopped.
    #[error("the socket.io server said nothing within {0:?} (or exited)")]
    Silent(Duration),
    /// A line that is not the expected JSON.
    #[error("unexpected output from the socket.io server: {0}")]
    Output(String),
}

/// A running `server.mjs`; killed when dropped.
pub struct NodeServer {
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    lines: Lines<BufReader<ChildStdout>>,
    _child: Child,
}

impl NodeServer {
    /// Starts the server and waits (up to 10 s) for its port.
    pub async fn start() -> Result<Self, NodeServerError> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        if !socket_io_installed(root) {
            return Err(NodeServerError::SocketIoMissing);
        }
        let mut child = Command::new("node")
            .arg(root.join("server.mjs"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .map_err(NodeServerError::Spawn)?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| NodeServerError::Output("no stdout".into()))?;
        let mut server = NodeServer {
            port: 0,
            lines: BufReader::new(stdout).lines(),
            _child: child,
        };
        let first = server.next_entry(Duration::from_secs(10)).await?;
        let port = first
            .get("port")
            .and_then(Value::as_u64)
            .and_then(|p| u16::try_from(p).ok());
        server.port = port.ok_or_else(|| NodeServerError::Output(first.to_string()))?;
        Ok(server)
    }

    /// The next JSON line the server logged.
    pub async fn next_entry(&mut self, within: Duration) -> Result<Value, NodeServerError> {
        let line = tokio::time::timeout(within, self.lines.next_line()).await;
        let line = line
            .ok()
            .and_then(Result::ok)
            .flatten()
            .ok_or(NodeServerError::Silent(within))?;
        serde_json::from_str(&line).map_err(|_| NodeServerError::Output(line))
    }

    /// Log entries until one whose `seen` is `what`, returning it.
    pub async fn wait_for(
        &mut self,
        what: &str,
        within: Duration,
    ) -> Result<Value, NodeServerError> {
        loop {
            let entry = self.next_entry(within).await?;
            if entry.get("seen").and_then(Value::as_str) == Some(what) {
                return Ok(entry);
            }
        }
    }
}

/// True when Node can resolve `socket.io` from the repository root or from NODE_PATH.
fn socket_io_installed(crate_root: &Path) -> bool {
    let mut candidates: Vec<PathBuf> = crate_root
        .ancestors()
        .map(|dir| dir.join("node_modules"))
        .collect();
    if let Some(node_path) = std::env::var_os("NODE_PATH") {
        candidates.extend(std::env::split_paths(&node_path));
    }
    candidates
        .iter()
        .any(|dir| dir.join("socket.io").join("package.json").is_file())
}
