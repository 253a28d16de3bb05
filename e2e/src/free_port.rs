//! A free loopback port for a child process that must be told its port.

use std::net::{Ipv4Addr, TcpListener};

use crate::HarnessError;

/// A port nobody listens on right now (the OS picks it; for servers that cannot take port 0 themselves).
pub fn free_port() -> Result<u16, HarnessError> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|source| HarnessError::Io {
            context: "finding a free port".into(),
            source,
        })?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|source| HarnessError::Io {
            context: "finding a free port".into(),
            source,
        })
}
