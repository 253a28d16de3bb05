//! The server's update channels: each has its own `seq` counter and is subscribed to after every connect.

use serde::{Deserialize, Serialize};

/// A stream of updates the client subscribes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Balances: `balance:update`.
    Accounts,
    /// Bookings: `transaction:new`.
    Transactions,
}

impl Channel {
    /// Every channel, in subscription order.
    pub const ALL: [Channel; 2] = [Channel::Accounts, Channel::Transactions];

    /// The wire name, e.g. `"accounts"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Accounts => "accounts",
            Channel::Transactions => "transactions",
        }
    }

    /// The channel a server event belongs to, if it is sequenced.
    pub fn of_event(event: &str) -> Option<Channel> {
        match event {
            "balance:update" => Some(Channel::Accounts),
            "transaction:new" => Some(Channel::Transactions),
            _ => None,
        }
    }
}
