//! The bank's data: accounts, transactions and transfers, with the rules that change them.

mod account;
mod account_ops;
mod error;
mod events;
mod ledger;
mod pagination;
pub mod rules;
pub mod seed;
mod settlement;
mod transaction;
mod transfer;
mod transfer_ops;

pub use account::AccountRecord;
pub use error::BankError;
pub use events::LedgerEvent;
pub use ledger::Bank;
pub use pagination::PageRequest;
pub use transaction::{TransactionFilter, TransactionRecord};
pub use transfer::{Destination, TransferRecord};
pub use transfer_ops::HistoryFilter;
