//! A request to the app to refetch over REST what live updates may have missed.

use super::Channel;

/// Why the app should refetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResyncReason {
    /// The first connection of a session: updates between the app's REST load and now were not seen.
    Connected,
    /// A reconnect: updates sent while the link was down were lost.
    Reconnected,
    /// A `seq` was skipped on a channel (a frame was lost or could not be decoded).
    Gap {
        /// The seq that should have come.
        expected: u64,
        /// The seq that came instead.
        received: u64,
    },
}

/// Refetch the queries fed by these channels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resync {
    /// The affected channels.
    pub channels: Vec<Channel>,
    /// Why.
    pub reason: ResyncReason,
}
