//! The new-transfer form as typed, and its validation (pure, as the customer types) into the request to send:
//! a transfer now, or a scheduled one. Every problem is reported on its field.

use digibank_api_types::{
    Account, AccountStatus, AccountType, Amount, ScheduleTransferRequest, TransferRequest,
};

use super::amount_input::{check_amount, parse_amount_input};
use super::field::{Field, FieldErrors};
use super::schedule_input::{Repeat, execute_at, recurrence};

/// Longest description the bank accepts.
pub const MAX_DESCRIPTION_CHARS: usize = 140;

/// Where the money goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// One of the customer's own accounts (its id; empty until chosen).
    OwnAccount(String),
    /// An account at another bank, as typed.
    External(String),
}

impl Default for Recipient {
    fn default() -> Self {
        Recipient::OwnAccount(String::new())
    }
}

/// Everything the form holds, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransferDraft {
    /// Id of the account to send from (empty until chosen).
    pub from: String,
    /// Where to send it.
    pub recipient: Recipient,
    /// The amount field's text.
    pub amount: String,
    /// The description.
    pub description: String,
    /// Execution date `YYYY-MM-DD`; empty for "now".
    pub date: String,
    /// Repetition of a scheduled transfer.
    pub repeat: Repeat,
    /// How many times a repeating transfer runs, as typed.
    pub count: String,
}

/// A valid form: what to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submission {
    /// `POST /transfers`.
    Now(TransferRequest),
    /// `POST /transfers/schedule`.
    Later(ScheduleTransferRequest),
}

impl Submission {
    /// The transfer itself (what `validate` checks).
    pub fn transfer(&self) -> &TransferRequest {
        match self {
            Submission::Now(transfer) => transfer,
            Submission::Later(scheduled) => &scheduled.transfer,
        }
    }
}

/// The accounts money can be sent from: open, and not a credit card.
pub fn source_accounts(accounts: &[Account]) -> Vec<Account> {
    accounts
        .iter()
        .filter(|a| a.status == AccountStatus::Open && a.account_type != AccountType::Credit)
        .cloned()
        .collect()
}

/// The customer's accounts money can be sent to: every open one.
pub fn destination_accounts(accounts: &[Account]) -> Vec<Account> {
    accounts
        .iter()
        .filter(|a| a.status == AccountStatus::Open)
        .cloned()
        .collect()
}

/// Checks `draft` against `accounts` (the customer's) and `today` (`YYYY-MM-DD`, UTC).
pub fn validate_draft(
    draft: &TransferDraft,
    accounts: &[Account],
    today: &str,
) -> Result<Submission, FieldErrors> {
    let mut errors = FieldErrors::new();
    let sources = source_accounts(accounts);
    let from = check_source(&draft.from, &sources, &mut errors);
    let to = check_recipient(draft, from, accounts, &mut errors);
    let amount = check_amount_field(draft, from, &mut errors);
    check_description(&draft.description, &mut errors);
    let schedule = check_schedule(draft, today, &mut errors);
    match (from, to, amount, schedule) {
        (Some(from), Some(to), Some(amount), Some(schedule)) if errors.is_empty() => {
            let transfer = TransferRequest {
                from_account_id: from.id.clone(),
                to_account_id: to,
                amount,
                currency: from.currency,
                description: draft.description.trim().to_owned(),
            };
            Ok(match schedule {
                None => Submission::Now(transfer),
                Some((execute_at, recurrence)) => Submission::Later(ScheduleTransferRequest {
                    transfer,
                    execute_at,
                    recurrence,
                }),
            })
        }
        _ => Err(errors),
    }
}

/// The chosen source account.
fn check_source<'a>(
    id: &str,
    sources: &'a [Account],
    errors: &mut FieldErrors,
) -> Option<&'a Account> {
    if id.is_empty() {
        errors.add(Field::From, "Choose an account to send from.");
        return None;
    }
    let found = sources.iter().find(|a| a.id == id);
    if found.is_none() {
        errors.add(Field::From, "Choose one of your open accounts.");
    }
    found
}

/// The destination's wire id.
fn check_recipient(
    draft: &TransferDraft,
    from: Option<&Account>,
    accounts: &[Account],
    errors: &mut FieldErrors,
) -> Option<String> {
    match &draft.recipient {
        Recipient::External(text) => {
            let number = digibank_api_types::normalize_external_number(text);
            if number.is_none() {
                errors.add(
                    Field::To,
                    "Enter an account number of 8 to 17 digits, or an IBAN.",
                );
            }
            number
        }
        Recipient::OwnAccount(id) if id.is_empty() => {
            errors.add(Field::To, "Choose an account to send to.");
            None
        }
        Recipient::OwnAccount(id) if Some(id) == from.map(|f| &f.id) => {
            errors.add(Field::To, "Choose a different account to send to.");
            None
        }
        Recipient::OwnAccount(id) => {
            let Some(to) = destination_accounts(accounts)
                .into_iter()
                .find(|a| &a.id == id)
            else {
                errors.add(Field::To, "Choose one of your open accounts.");
                return None;
            };
            match from {
                Some(from) if from.currency != to.currency => {
                    let message = format!(
                        "That account holds {}; choose a {} account.",
                        to.currency, from.currency
                    );
                    errors.add(Field::To, message);
                    None
                }
                _ => Some(to.id),
            }
        }
    }
}

/// The amount: always a positive exact amount within the maximum, and within the available balance for a
/// transfer made now (a scheduled one is checked for funds when it runs).
fn check_amount_field(
    draft: &TransferDraft,
    from: Option<&Account>,
    errors: &mut FieldErrors,
) -> Option<Amount> {
    let now = draft.date.trim().is_empty();
    let checked = match from {
        Some(from) if now => check_amount(&draft.amount, from.available_balance, from.currency),
        _ => parse_amount_input(&draft.amount),
    };
    checked
        .map_err(|error| errors.add(Field::Amount, error.to_string()))
        .ok()
}

/// The description: optional, at most [`MAX_DESCRIPTION_CHARS`], no control characters.
fn check_description(text: &str, errors: &mut FieldErrors) {
    if text.trim().chars().count() > MAX_DESCRIPTION_CHARS || text.chars().any(char::is_control) {
        errors.add(
            Field::Description,
            format!("Use at most {MAX_DESCRIPTION_CHARS} characters, on one line."),
        );
    }
}

/// `None` (checked but failed), `Some(None)` for now, `Some(Some((executeAt, recurrence)))` for later.
#[allow(clippy::type_complexity)]
fn check_schedule(
    draft: &TransferDraft,
    today: &str,
    errors: &mut FieldErrors,
) -> Option<Option<(String, Option<digibank_api_types::Recurrence>)>> {
    if draft.date.trim().is_empty() {
        if draft.repeat != Repeat::Never {
            errors.add(Field::Date, "Choose the date of the first transfer.");
            return None;
        }
        return Some(None);
    }
    let when = execute_at(&draft.date, today).map_err(|e| errors.add(Field::Date, e.to_string()));
    let repeat =
        recurrence(draft.repeat, &draft.count).map_err(|e| errors.add(Field::Count, e.to_string()));
    Some(Some((when.ok()?, repeat.ok()?)))
}

#[cfg(test)]
mod tests {
    use digibank_api_types::{Currency, Frequency, Recurrence};

    use super::*;

    const TODAY: &str = "2026-11-24";

    fn account(id: &str, kind: AccountType, available: i64, currency: Currency) -> Account {
        Account {
            id: id.into(),
            name: format!("Account {id}"),
            account_type: kind,
            masked_number: "••••0001".into(),
            currency,
            balance: Amount::from_minor(available),
            available_balance: Amount::from_minor(available),
            status: AccountStatus::Open,
        }
    }

    fn accounts() -> Vec<Account> {
        let mut closed = account("9", AccountType::Savings, 0, Currency::USD);
        closed.status = AccountStatus::Closed;
        vec![
            account("1", AccountType::Checking, 12_543_000, Currency::USD),
            account("2", AccountType::Savings, 4_520_000, Currency::USD),
            account("3", AccountType::Credit, 500_000, Currency::USD),
            account("7", AccountType::Savings, 100_000, Currency::EUR),
            closed,
        ]
    }

    fn draft(from: &str, to: &str, amount: &str) -> TransferDraft {
        TransferDraft {
            from: from.into(),
            recipient: Recipient::OwnAccount(to.into()),
            amount: amount.into(),
            description: " rent ".into(),
            ..TransferDraft::default()
        }
    }

    fn errors_of(draft: &TransferDraft) -> FieldErrors {
        validate_draft(draft, &accounts(), TODAY).expect_err("invalid")
    }

    #[test]
    fn a_valid_transfer_between_own_accounts() {
        let submission = validate_draft(&draft("1", "2", "250.00"), &accounts(), TODAY).unwrap();
        assert_eq!(
            submission,
            Submission::Now(TransferRequest {
                from_account_id: "1".into(),
                to_account_id: "2".into(),
                amount: Amount::from_minor(25_000),
                currency: Currency::USD,
                description: "rent".into(),
            })
        );
    }

    #[test]
    fn amount_rules_apply_as_typed() {
        let amount = |text: &str| {
            errors_of(&draft("1", "2", text))
                .get(Field::Amount)
                .map(str::to_owned)
        };
        assert_eq!(amount("").as_deref(), Some("Enter an amount."));
        assert_eq!(amount("12.345").as_deref(), Some("Use at most 2 decimals."));
        assert_eq!(
            amount("0").as_deref(),
            Some("The amount must be greater than zero.")
        );
        assert_eq!(
            amount("abc").as_deref(),
            Some("Enter an amount like 250.00.")
        );
        assert_eq!(
            amount("100000.01").as_deref(),
            Some("The most you can send at once is $100,000.00.")
        );
        let savings = errors_of(&draft("2", "1", "45200.01"));
        assert_eq!(
            savings.get(Field::Amount),
            Some("That is more than the available balance of $45,200.00.")
        );
    }

    #[test]
    fn accounts_must_be_chosen_different_open_and_in_one_currency() {
        assert_eq!(
            errors_of(&draft("", "2", "1")).get(Field::From),
            Some("Choose an account to send from.")
        );
        assert_eq!(
            errors_of(&draft("3", "2", "1")).get(Field::From),
            Some("Choose one of your open accounts."),
            "no transfers from a credit card"
        );
        assert_eq!(
            errors_of(&draft("1", "1", "1")).get(Field::To),
            Some("Choose a different account to send to.")
        );
        assert_eq!(
            errors_of(&draft("1", "", "1")).get(Field::To),
            Some("Choose an account to send to.")
        );
        assert_eq!(
            errors_of(&draft("1", "9", "1")).get(Field::To),
            Some("Choose one of your open accounts.")
        );
        assert_eq!(
            errors_of(&draft("1", "7", "1")).get(Field::To),
            Some("That account holds EUR; choose a USD account.")
        );
    }

    #[test]
    fn external_numbers_are_checked_and_normalised() {
        let mut external = draft("1", "", "10");
        external.recipient = Recipient::External("1234 5678 90".into());
        let submission = validate_draft(&external, &accounts(), TODAY).unwrap();
        assert_eq!(submission.transfer().to_account_id, "1234567890");
        external.recipient = Recipient::External("12-34".into());
        assert_eq!(
            errors_of(&external).get(Field::To),
            Some("Enter an account number of 8 to 17 digits, or an IBAN.")
        );
    }

    #[test]
    fn description_is_limited() {
        let mut long = draft("1", "2", "1");
        long.description = "x".repeat(141);
        assert!(errors_of(&long).get(Field::Description).is_some());
        long.description = "two\nlines".into();
        assert!(errors_of(&long).get(Field::Description).is_some());
    }

    #[test]
    fn a_scheduled_transfer_is_not_held_to_todays_balance() {
        let mut later = draft("2", "1", "50000");
        later.date = "2026-12-01".into();
        later.repeat = Repeat::Monthly;
        later.count = "3".into();
        let Submission::Later(scheduled) = validate_draft(&later, &accounts(), TODAY).unwrap()
        else {
            panic!("expected a scheduled transfer");
        };
        assert_eq!(scheduled.execute_at, "2026-12-01T09:00:00Z");
        assert_eq!(
            scheduled.recurrence,
            Some(Recurrence {
                frequency: Frequency::Monthly,
                count: 3
            })
        );
        later.date = TODAY.into();
        later.count = "1".into();
        let errors = errors_of(&later);
        assert_eq!(errors.get(Field::Date), Some("Choose a date after today."));
        assert!(errors.get(Field::Count).is_some());
        later.date = String::new();
        assert_eq!(
            errors_of(&later).get(Field::Date),
            Some("Choose the date of the first transfer.")
        );
    }
}
