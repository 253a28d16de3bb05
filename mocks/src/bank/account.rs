//! An account as the ledger keeps it: balances in exact minor units (cents).

use digibank_api_types::{Account, AccountStatus, AccountType, Amount, Balance, Currency};

use crate::clock::Millis;
use crate::dates::rfc3339;

/// One account of one customer.
#[derive(Debug, Clone)]
pub struct AccountRecord {
    /// Stable id.
    pub id: String,
    /// Owner's subject (`alice`, `bob`).
    pub owner: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub account_type: AccountType,
    /// Full account number (only its last four digits leave the server).
    pub number: String,
    /// Currency.
    pub currency: Currency,
    /// Booked balance in cents (negative on a credit account = owed).
    pub balance: i64,
    /// Money held by pending outgoing transfers, in cents.
    pub held: i64,
    /// Credit limit in cents (credit accounts only).
    pub credit_limit: i64,
    /// Open or closed.
    pub status: AccountStatus,
}

impl AccountRecord {
    /// Balance minus holds; for a credit account, the unused credit.
    pub fn available(&self) -> i64 {
        match self.account_type {
            AccountType::Credit => self.credit_limit + self.balance - self.held,
            AccountType::Checking | AccountType::Savings => self.balance - self.held,
        }
    }

    /// True while the account can move money.
    pub fn is_open(&self) -> bool {
        self.status == AccountStatus::Open
    }

    /// `••••4821`.
    pub fn masked_number(&self) -> String {
        let tail: String = self
            .number
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("••••{tail}")
    }

    /// The wire form.
    pub fn to_wire(&self) -> Account {
        Account {
            id: self.id.clone(),
            name: self.name.clone(),
            account_type: self.account_type,
            masked_number: self.masked_number(),
            currency: self.currency,
            balance: Amount::from_minor(self.balance),
            available_balance: Amount::from_minor(self.available()),
            status: self.status,
        }
    }

    /// The balance reply, true at `now`.
    pub fn balance_at(&self, now: Millis) -> Balance {
        Balance {
            account_id: self.id.clone(),
            balance: Amount::from_minor(self.balance),
            available_balance: Amount::from_minor(self.available()),
            currency: self.currency,
            as_of: rfc3339(now),
        }
    }
}
