//! A transfer as the ledger keeps it.

use digibank_api_types::{Amount, Currency, Recurrence, Transfer, TransferStatus};

use crate::clock::Millis;
use crate::dates::rfc3339;

/// Where the money goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// One of the bank's accounts (index in the ledger).
    Internal(usize),
    /// An account at another bank, by number.
    External(String),
}

/// One transfer, immediate or scheduled.
#[derive(Debug, Clone)]
pub struct TransferRecord {
    /// Stable id.
    pub id: String,
    /// Customer who requested it.
    pub owner: String,
    /// Index of the debited account.
    pub from: usize,
    /// Id of the debited account.
    pub from_id: String,
    /// Destination.
    pub to: Destination,
    /// Destination as the customer gave it.
    pub to_id: String,
    /// Amount in cents.
    pub amount: i64,
    /// Fee in cents.
    pub fee: i64,
    /// Currency.
    pub currency: Currency,
    /// Free text.
    pub description: String,
    /// Current state.
    pub status: TransferStatus,
    /// When requested.
    pub created_at: Millis,
    /// When last changed.
    pub updated_at: Millis,
    /// Pending: when it settles. Scheduled: next execution.
    pub due_at: Option<Millis>,
    /// Repetition of a scheduled transfer.
    pub recurrence: Option<Recurrence>,
    /// First execution of a scheduled transfer; later ones are counted from it (no drift).
    pub series_start: Millis,
    /// Executions still to run (scheduled transfers).
    pub executions_left: u32,
    /// Why it failed or was cancelled.
    pub reason: Option<String>,
}

impl TransferRecord {
    /// Amount plus fee, in cents.
    pub fn total(&self) -> i64 {
        self.amount + self.fee
    }

    /// The wire form.
    pub fn to_wire(&self) -> Transfer {
        Transfer {
            id: self.id.clone(),
            from_account_id: self.from_id.clone(),
            to_account_id: self.to_id.clone(),
            amount: Amount::from_minor(self.amount),
            fee: Amount::from_minor(self.fee),
            currency: self.currency,
            description: self.description.clone(),
            status: self.status,
            created_at: rfc3339(self.created_at),
            updated_at: rfc3339(self.updated_at),
            execute_at: self
                .due_at
                .filter(|_| self.status == TransferStatus::Scheduled)
                .map(rfc3339),
            recurrence: self.recurrence,
            reason: self.reason.clone(),
        }
    }
}
