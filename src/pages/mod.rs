//! Screens, one per route.

mod account_detail;
mod account_text;
mod calendar_day;
mod callback;
mod dashboard;
mod login;
mod monitoring;
mod new_transfer;
mod not_found;
mod transfer_history;
mod transfer_status;
mod transfer_text;

pub use account_detail::AccountDetail;
pub use callback::Callback;
pub use dashboard::Dashboard;
pub use login::Login;
pub use monitoring::Monitoring;
pub use new_transfer::NewTransfer;
pub use not_found::NotFound;
pub use transfer_history::TransferHistory;
pub use transfer_status::TransferStatusPage;
