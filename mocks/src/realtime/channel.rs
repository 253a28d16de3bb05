//! The channels a socket subscribes to, and the rooms that carry them.

use serde::{Deserialize, Serialize};

/// A stream of sequenced events (docs/realtime.md: `seq` counts per user and per channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// `balance:update` events.
    Accounts,
    /// `transaction:new` events.
    Transactions,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 2] = [Channel::Accounts, Channel::Transactions];

    /// The name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Accounts => "accounts",
            Channel::Transactions => "transactions",
        }
    }

    /// The channel called `name`, if there is one.
    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The room of `user`'s sockets subscribed to this channel.
    pub fn room(self, user: &str) -> String {
        format!("{user}/{}", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_rooms_are_per_user() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::parse("Accounts"), None);
        assert_ne!(
            Channel::Accounts.room("alice"),
            Channel::Accounts.room("bob")
        );
        assert_ne!(
            Channel::Accounts.room("alice"),
            Channel::Transactions.room("alice")
        );
    }
}
