//! How transfers are worded on screen: status labels, timestamps, and the accounts they name.

use digibank_api_types::{Account, TransferStatus};

/// "Pending", "Scheduled", … for a status badge.
pub fn status_label(status: TransferStatus) -> &'static str {
    match status {
        TransferStatus::Pending => "Pending",
        TransferStatus::Scheduled => "Scheduled",
        TransferStatus::Completed => "Completed",
        TransferStatus::Failed => "Failed",
        TransferStatus::Cancelled => "Cancelled",
    }
}

/// `2026-11-24T10:00:05Z` as `2026-11-24 10:00 UTC`; anything else is shown as sent.
pub fn format_timestamp(rfc3339: &str) -> String {
    let utc = rfc3339.strip_suffix('Z').unwrap_or(rfc3339);
    match (utc.get(..10), utc.get(10..11), utc.get(11..16)) {
        (Some(date), Some("T"), Some(time)) if rfc3339.ends_with('Z') => {
            format!("{date} {time} UTC")
        }
        _ => rfc3339.to_owned(),
    }
}

/// An account id as the customer knows it: "Checking Account ••••1234" for their own, the number otherwise.
pub fn account_label(id: &str, accounts: &[Account]) -> String {
    accounts.iter().find(|a| a.id == id).map_or_else(
        || id.to_owned(),
        |a| format!("{} {}", a.name, a.masked_number),
    )
}

#[cfg(test)]
mod tests {
    use digibank_api_types::{AccountStatus, AccountType, Amount, Currency};

    use super::*;

    #[test]
    fn timestamps_are_shown_in_utc_to_the_minute() {
        assert_eq!(
            format_timestamp("2026-11-24T10:00:05Z"),
            "2026-11-24 10:00 UTC"
        );
        assert_eq!(
            format_timestamp("2026-11-24T10:00:05+01:00"),
            "2026-11-24T10:00:05+01:00"
        );
        assert_eq!(format_timestamp("soon"), "soon");
    }

    #[test]
    fn own_accounts_are_named_and_others_shown_as_numbers() {
        let accounts = [Account {
            id: "1".into(),
            name: "Checking Account".into(),
            account_type: AccountType::Checking,
            masked_number: "••••1234".into(),
            currency: Currency::USD,
            balance: Amount::ZERO,
            available_balance: Amount::ZERO,
            status: AccountStatus::Open,
        }];
        assert_eq!(account_label("1", &accounts), "Checking Account ••••1234");
        assert_eq!(account_label("12345678", &accounts), "12345678");
        assert_eq!(status_label(TransferStatus::Scheduled), "Scheduled");
    }
}
