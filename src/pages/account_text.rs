//! How accounts are worded on screen.

use digibank_api_types::AccountType;

/// "Checking", "Savings" or "Credit card".
pub fn kind_label(kind: AccountType) -> &'static str {
    match kind {
        AccountType::Checking => "Checking",
        AccountType::Savings => "Savings",
        AccountType::Credit => "Credit card",
    }
}
