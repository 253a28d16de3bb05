//! Ledger events: the hook the realtime socket (issue 8) subscribes to through `AppState::subscribe`.

use digibank_api_types::{Balance, Transaction, Transfer};

/// Something the ledger did, addressed to the owning customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerEvent {
    /// An account's booked or available balance changed.
    BalanceChanged {
        /// Owner's subject.
        owner: String,
        /// The new figures.
        balance: Balance,
    },
    /// A transaction was booked on an account.
    TransactionBooked {
        /// Owner's subject.
        owner: String,
        /// The transaction.
        transaction: Transaction,
    },
    /// A transfer was created or changed status.
    TransferChanged {
        /// Owner's subject.
        owner: String,
        /// The transfer now.
        transfer: Transfer,
    },
    /// All data was reset to the seed.
    Reset,
}
