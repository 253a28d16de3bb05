//! The socket.io rooms that carry a user's channels.

use digibank_api_types::Channel;

/// The room of `user`'s sockets subscribed to `channel`.
pub fn room(channel: Channel, user: &str) -> String {
    format!("{user}/{}", channel.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rooms_are_per_user_and_per_channel() {
        assert_ne!(
            room(Channel::Accounts, "alice"),
            room(Channel::Accounts, "bob")
        );
        assert_ne!(
            room(Channel::Accounts, "alice"),
            room(Channel::Transactions, "alice")
        );
    }
}
