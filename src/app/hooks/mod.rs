//! The bank's hooks (the guide's `useAccounts` family) over the query cache and the services in context.
//! One hook per file; each returns the query cache's `UseQueryReturn` / `UseMutationReturn`, except the generic
//! `use_debounced` (a value that follows another after a quiet period, e.g. a search box).

mod use_account_balance;
mod use_account_transactions;
mod use_accounts;
mod use_create_transfer;
mod use_debounced;
mod use_live_updates;
mod use_schedule_transfer;
mod use_transfer;
mod use_transfer_history;
mod use_transfer_status;
mod use_update_account;

pub use use_account_balance::{BALANCE_REFRESH, use_account_balance};
pub use use_account_transactions::use_account_transactions;
pub use use_accounts::{prefetch_accounts, use_accounts};
pub use use_create_transfer::{UseCreateTransferReturn, use_create_transfer};
pub use use_debounced::{
    DEFAULT_DEBOUNCE, UseDebouncedOptions, UseDebouncedReturn, use_debounced,
    use_debounced_with_options,
};
pub use use_live_updates::use_live_updates;
pub use use_schedule_transfer::use_schedule_transfer;
pub use use_transfer::use_transfer;
pub use use_transfer_history::use_transfer_history;
pub use use_transfer_status::{STATUS_POLL, use_transfer_status};
pub use use_update_account::{RenameAccount, use_update_account};

use crate::services::http::{RequestOptions, RetryMode};

/// Options of every request the cache makes: the cache owns retries, so HTTP-level retry is off.
fn cache_request() -> RequestOptions {
    RequestOptions::new().retry(RetryMode::Off)
}
