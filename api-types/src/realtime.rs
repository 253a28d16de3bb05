//! The realtime socket's events and payloads (docs/realtime.md): what the bank pushes and what a client sends.

use serde::{Deserialize, Serialize};

use crate::{Amount, Balance, Currency, Transaction};

/// Event name of [`BalanceUpdate`].
pub const BALANCE_UPDATE_EVENT: &str = "balance:update";
/// Event name of [`TransactionNew`].
pub const TRANSACTION_NEW_EVENT: &str = "transaction:new";
/// Event name of [`SystemAlert`].
pub const SYSTEM_ALERT_EVENT: &str = "alert:system";
/// Event name of the client's [`SubscribeRequest`].
pub const SUBSCRIBE_EVENT: &str = "subscribe";

/// A stream of sequenced events: `seq` counts per user and per channel.
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

    /// The channel called `name`, if there is one.
    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The channel a server event belongs to, if it is sequenced.
    pub fn of_event(event: &str) -> Option<Channel> {
        match event {
            BALANCE_UPDATE_EVENT => Some(Channel::Accounts),
            TRANSACTION_NEW_EVENT => Some(Channel::Transactions),
            _ => None,
        }
    }
}

/// `balance:update` on the `accounts` channel: an account's balances changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BalanceUpdate {
    /// The account.
    pub account_id: String,
    /// Booked balance.
    pub balance: Amount,
    /// Available balance.
    pub available_balance: Amount,
    /// Currency.
    pub currency: Currency,
    /// When the figures were true (RFC 3339).
    pub as_of: String,
    /// Position on the user's `accounts` channel.
    pub seq: u64,
}

impl BalanceUpdate {
    /// The update for `balance` at position `seq`.
    pub fn new(balance: &Balance, seq: u64) -> Self {
        BalanceUpdate {
            account_id: balance.account_id.clone(),
            balance: balance.balance,
            available_balance: balance.available_balance,
            currency: balance.currency,
            as_of: balance.as_of.clone(),
            seq,
        }
    }
}

/// `transaction:new` on the `transactions` channel: a transaction was booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionNew {
    /// The account it was booked on.
    pub account_id: String,
    /// The booking, as `GET /accounts/{id}/transactions` lists it.
    pub transaction: Transaction,
    /// Position on the user's `transactions` channel.
    pub seq: u64,
}

/// How loud a system alert is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AlertLevel {
    /// For information.
    Info,
    /// Something degraded.
    Warning,
    /// Something broken.
    Critical,
}

/// `alert:system`: a banner-worthy message from the bank, to every connected socket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemAlert {
    /// Severity.
    pub level: AlertLevel,
    /// Text to show.
    pub message: String,
}

/// The CONNECT auth payload: `{"token": "<access token>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectAuth {
    /// The API access token.
    pub token: String,
}

/// The `subscribe` event's payload: `{"channels": ["accounts", "transactions"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscribeRequest {
    /// Channel names; a server ignores unknown ones.
    pub channels: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_names_round_trip_and_events_map_to_their_channel() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::parse("Accounts"), None);
        assert_eq!(
            Channel::of_event(BALANCE_UPDATE_EVENT),
            Some(Channel::Accounts)
        );
        assert_eq!(
            Channel::of_event(TRANSACTION_NEW_EVENT),
            Some(Channel::Transactions)
        );
        assert_eq!(Channel::of_event(SYSTEM_ALERT_EVENT), None);
    }
}
