//! The events' payloads on the wire (camelCase, amounts as exact decimal strings), as docs/realtime.md fixes them.

use digibank_api_types::{Amount, Balance, Currency, Transaction};
use serde::{Deserialize, Serialize};

/// `balance:update` on the `accounts` channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// `transaction:new` on the `transactions` channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionNew {
    /// The account it was booked on.
    pub account_id: String,
    /// The booking, as `GET /accounts/{id}/transactions` lists it.
    pub transaction: Transaction,
    /// Position on the user's `transactions` channel.
    pub seq: u64,
}

/// The CONNECT auth payload: `{"token": "<access token>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ConnectAuth {
    /// The API access token.
    pub token: String,
}

/// The `subscribe` event's payload: `{"channels": ["accounts", "transactions"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SubscribeRequest {
    /// Channel names; unknown ones are ignored.
    pub channels: Vec<String>,
}

/// The answer to a `subscribe` sent with an ack id: the channels now subscribed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subscribed {
    /// Channel names accepted.
    pub channels: Vec<&'static str>,
}
