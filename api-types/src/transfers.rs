//! Transfers: validation, creation, status, history, cancel and scheduling.

use serde::{Deserialize, Serialize};

use crate::{Amount, Currency, FieldError};

/// Largest amount a single transfer may move.
pub const MAX_TRANSFER_AMOUNT: Amount = Amount::from_minor(10_000_000); // 100000.00

/// Lifecycle state of a transfer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum TransferStatus {
    /// Accepted, money held, not yet settled.
    Pending,
    /// Waiting for its execution date.
    Scheduled,
    /// Settled.
    Completed,
    /// Could not be executed.
    Failed,
    /// Cancelled before it settled.
    Cancelled,
}

impl TransferStatus {
    /// True when the status will never change again.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            TransferStatus::Completed | TransferStatus::Failed | TransferStatus::Cancelled
        )
    }

    /// True while the customer may still cancel.
    pub fn is_cancellable(self) -> bool {
        matches!(self, TransferStatus::Pending | TransferStatus::Scheduled)
    }

    /// The wire name, e.g. `"pending"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TransferStatus::Pending => "pending",
            TransferStatus::Scheduled => "scheduled",
            TransferStatus::Completed => "completed",
            TransferStatus::Failed => "failed",
            TransferStatus::Cancelled => "cancelled",
        }
    }
}

/// Body of `POST /transfers` and `POST /transfers/validate`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TransferRequest {
    /// Account debited; must belong to the caller.
    pub from_account_id: String,
    /// Account credited: one of the bank's account ids, or an external account number.
    pub to_account_id: String,
    /// Amount, > 0 with at most 2 decimals.
    pub amount: Amount,
    /// Must match both accounts' currency.
    pub currency: Currency,
    /// Free text shown on both statements.
    #[serde(default)]
    pub description: String,
}

/// Reply of `POST /transfers/validate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TransferValidation {
    /// True when the transfer would be accepted now.
    pub valid: bool,
    /// What is wrong, per field.
    pub errors: Vec<FieldError>,
    /// Fee that would be charged.
    pub fee: Amount,
    /// When the money would arrive (RFC 3339).
    pub estimated_arrival: String,
}

/// How often a scheduled transfer repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum Frequency {
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
}

/// Repetition of a scheduled transfer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Recurrence {
    /// How often.
    pub frequency: Frequency,
    /// How many executions in all (at least 2).
    pub count: u32,
}

/// Body of `POST /transfers/schedule`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ScheduleTransferRequest {
    /// What to transfer.
    pub transfer: TransferRequest,
    /// First execution time, in the future (RFC 3339).
    pub execute_at: String,
    /// Optional repetition.
    pub recurrence: Option<Recurrence>,
}

/// A transfer as the bank records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Transfer {
    /// Stable id.
    pub id: String,
    /// Account debited.
    pub from_account_id: String,
    /// Account or external number credited.
    pub to_account_id: String,
    /// Amount moved.
    pub amount: Amount,
    /// Fee charged.
    pub fee: Amount,
    /// Currency.
    pub currency: Currency,
    /// Free text.
    pub description: String,
    /// Current state.
    pub status: TransferStatus,
    /// When it was requested (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
    /// For scheduled transfers, the next execution (RFC 3339).
    pub execute_at: Option<String>,
    /// For scheduled transfers, the repetition.
    pub recurrence: Option<Recurrence>,
    /// Why it failed or was cancelled.
    pub reason: Option<String>,
}

/// Reply of `GET /transfers/{id}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TransferStatusInfo {
    /// The transfer.
    pub transfer_id: String,
    /// Current state.
    pub status: TransferStatus,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
    /// Why it failed or was cancelled.
    pub reason: Option<String>,
}

/// Query of `GET /transfers/history`; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct TransferHistoryQuery {
    /// Page number from 1 (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
    /// Only this status.
    pub status: Option<TransferStatus>,
    /// Created on or after this date (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Created on or before this date (`YYYY-MM-DD`).
    pub to: Option<String>,
}

/// Body of `POST /transfers/{id}/cancel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CancelTransferRequest {
    /// Why the customer cancels.
    pub reason: String,
}
