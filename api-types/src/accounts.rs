//! Accounts, balances and transactions.

use serde::{Deserialize, Serialize};

use crate::{Amount, Currency};

/// Kind of account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum AccountType {
    /// Everyday account.
    Checking,
    /// Savings account.
    Savings,
    /// Credit card account (balance is what is owed, as a negative amount).
    Credit,
}

/// Lifecycle state of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum AccountStatus {
    /// Usable.
    Open,
    /// Closed: read-only, rejects transfers.
    Closed,
}

/// An account with its balances, so a dashboard needs one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Account {
    /// Stable id.
    pub id: String,
    /// Display name chosen by the customer.
    pub name: String,
    /// Kind of account.
    #[serde(rename = "type")]
    pub account_type: AccountType,
    /// Account number with all but the last four digits masked, e.g. `••••4821`.
    pub masked_number: String,
    /// Currency of the account.
    pub currency: Currency,
    /// Booked balance.
    pub balance: Amount,
    /// Balance minus holds and pending debits.
    pub available_balance: Amount,
    /// Open or closed.
    pub status: AccountStatus,
}

/// `GET /accounts/{id}/balance` reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Balance {
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
}

/// Kind of transaction, used for filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum TransactionType {
    /// Card payment.
    Card,
    /// Transfer in or out.
    Transfer,
    /// Cash or cheque deposit, salary.
    Deposit,
    /// Cash withdrawal.
    Withdrawal,
    /// Bank fee.
    Fee,
    /// Interest paid or charged.
    Interest,
}

impl TransactionType {
    /// Every kind, in display order.
    pub const ALL: [TransactionType; 6] = [
        TransactionType::Card,
        TransactionType::Transfer,
        TransactionType::Deposit,
        TransactionType::Withdrawal,
        TransactionType::Fee,
        TransactionType::Interest,
    ];

    /// The wire name, e.g. `"card"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TransactionType::Card => "card",
            TransactionType::Transfer => "transfer",
            TransactionType::Deposit => "deposit",
            TransactionType::Withdrawal => "withdrawal",
            TransactionType::Fee => "fee",
            TransactionType::Interest => "interest",
        }
    }
}

/// A booked movement on an account; negative amounts are debits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Transaction {
    /// Stable id.
    pub id: String,
    /// The account it was booked on.
    pub account_id: String,
    /// Booking time (RFC 3339).
    pub booked_at: String,
    /// What it was.
    pub description: String,
    /// The other party.
    pub counterparty: String,
    /// Signed amount: negative is money out.
    pub amount: Amount,
    /// Currency.
    pub currency: Currency,
    /// Kind, for filtering.
    #[serde(rename = "type")]
    pub transaction_type: TransactionType,
    /// Balance right after this transaction.
    pub balance_after: Amount,
}

/// Query of `GET /accounts/{id}/transactions`; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct TransactionQuery {
    /// Page number from 1 (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
    /// Text searched in description and counterparty, case-insensitive.
    pub q: Option<String>,
    /// Earliest booking date, inclusive (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Latest booking date, inclusive (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Only this kind.
    #[serde(rename = "type")]
    pub transaction_type: Option<TransactionType>,
}

/// `PUT /accounts/{id}` body: rename.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateAccountRequest {
    /// New display name (1–40 letters, digits, spaces and `-'&.`).
    pub name: String,
}

/// `POST /accounts/{id}/close` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CloseAccountRequest {
    /// Why the customer closes it.
    pub reason: String,
}
