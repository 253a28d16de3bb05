//! Reusable widgets.

mod confirm_dialog;
mod connection_status;
mod error_panel;
mod field_error;
mod money_text;
mod page_heading;
mod system_alerts;
mod toast_region;

pub use confirm_dialog::{
    ConfirmDialog, REASON_REQUIRED, explained_in_dialog, required_reason, wrapped_focus,
};
pub use connection_status::{ConnectionStatus, link_status};
pub use error_panel::{ErrorPanel, error_text};
pub use field_error::{FieldError, aria_invalid, described_by, error_id};
pub use money_text::{LOCALE, MoneyText};
pub use page_heading::PageHeading;
pub use system_alerts::{SystemAlerts, banner_look};
pub use toast_region::ToastRegion;
