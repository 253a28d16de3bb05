//! Finding the screen's account in the cached account list (the list the dashboard already loaded, and the one
//! a rename updates optimistically), and what to say when the bank will not show it.

use digibank_api_types::Account;

use crate::services::http::ApiError;

/// Where the screen's account stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountLookup {
    /// The list has not arrived yet.
    Loading,
    /// The account, as the list has it.
    Found(Account),
    /// The list arrived without it: not the customer's, or no such account.
    Missing,
    /// The list could not be loaded.
    Failed(ApiError),
}

/// [`AccountLookup`] without its data: what the screen shows changes only when this does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Skeleton.
    Loading,
    /// Header, actions, transactions.
    Found,
    /// "Not among your accounts".
    Missing,
    /// Error with retry, or a clear refusal.
    Failed,
}

impl AccountLookup {
    /// The account `id` in `list` (data wins over an error from a later refetch).
    pub fn of(list: Option<&[Account]>, error: Option<ApiError>, id: &str) -> Self {
        match (list, error) {
            (Some(list), _) => list
                .iter()
                .find(|a| a.id == id)
                .cloned()
                .map_or(AccountLookup::Missing, AccountLookup::Found),
            (None, Some(error)) => AccountLookup::Failed(error),
            (None, None) => AccountLookup::Loading,
        }
    }

    /// The account, when found.
    pub fn account(&self) -> Option<&Account> {
        match self {
            AccountLookup::Found(account) => Some(account),
            _ => None,
        }
    }

    /// The error, when the list failed.
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            AccountLookup::Failed(error) => Some(error),
            _ => None,
        }
    }

    /// The phase, for the screen's layout.
    pub fn phase(&self) -> Phase {
        match self {
            AccountLookup::Loading => Phase::Loading,
            AccountLookup::Found(_) => Phase::Found,
            AccountLookup::Missing => Phase::Missing,
            AccountLookup::Failed(_) => Phase::Failed,
        }
    }

    /// The page heading: the account's name once known.
    pub fn title(&self) -> String {
        match self {
            AccountLookup::Found(account) => account.name.clone(),
            AccountLookup::Missing => "Account not found".to_owned(),
            AccountLookup::Loading | AccountLookup::Failed(_) => "Account".to_owned(),
        }
    }
}

/// A clear sentence for refusals that retrying will not fix (403, 404); `None` for everything else.
pub fn blocked_message(error: &ApiError) -> Option<String> {
    match error {
        ApiError::Forbidden { .. } => Some(
            "You do not have access to this account. If you think you should, contact us.".into(),
        ),
        ApiError::NotFound { .. } => Some(
            "We could not find this account. It may have been closed, or the link may be wrong."
                .into(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use digibank_api_types::{AccountStatus, AccountType, Amount, Currency};

    use super::*;
    use crate::services::http::RequestId;

    fn account(id: &str, name: &str) -> Account {
        Account {
            id: id.into(),
            name: name.into(),
            account_type: AccountType::Savings,
            masked_number: "••••7730".into(),
            currency: Currency::USD,
            balance: Amount::parse("45200.00").unwrap(),
            available_balance: Amount::parse("45200.00").unwrap(),
            status: AccountStatus::Open,
        }
    }

    fn forbidden() -> ApiError {
        ApiError::Forbidden {
            request_id: RequestId::from("r-1"),
            message: None,
        }
    }

    #[test]
    fn finds_the_account_or_says_why_not() {
        let list = [account("1", "Checking"), account("2", "Savings")];
        let found = AccountLookup::of(Some(&list), None, "2");
        assert_eq!(
            (found.phase(), found.title()),
            (Phase::Found, "Savings".to_owned())
        );
        let stale_but_shown = AccountLookup::of(Some(&list), Some(forbidden()), "1");
        assert_eq!(
            stale_but_shown.account().map(|a| a.name.as_str()),
            Some("Checking")
        );
        let missing = AccountLookup::of(Some(&list), None, "4");
        assert_eq!(
            (missing.phase(), missing.title()),
            (Phase::Missing, "Account not found".to_owned())
        );
        assert_eq!(AccountLookup::of(None, None, "1").phase(), Phase::Loading);
        let failed = AccountLookup::of(None, Some(forbidden()), "1");
        assert_eq!(
            (failed.phase(), failed.error()),
            (Phase::Failed, Some(&forbidden()))
        );
    }

    #[test]
    fn refusals_get_a_clear_sentence_and_other_errors_a_retry() {
        assert!(
            blocked_message(&forbidden())
                .unwrap()
                .contains("do not have access")
        );
        let not_found = ApiError::NotFound {
            request_id: RequestId::from("r-2"),
            message: Some("Account 9 not found".into()),
        };
        assert!(
            blocked_message(&not_found)
                .unwrap()
                .contains("could not find")
        );
        let server = ApiError::Server {
            request_id: RequestId::from("r-3"),
            status: 500,
            retry_after: None,
            message: None,
        };
        assert_eq!(blocked_message(&server), None);
    }
}
