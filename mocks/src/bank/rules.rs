//! The rules a transfer must pass: ownership, open accounts, currency, amount, funds, daily limit.

use digibank_api_types::{
    AccountType, FieldError, MAX_TRANSFER_AMOUNT, TransferRequest, is_external_number,
};

use crate::bank::{Bank, Destination};
use crate::clock::Millis;
use crate::dates::day_of;

/// Most a customer may send per UTC day, in cents.
pub const DAILY_LIMIT: i64 = 150_000_00;
/// Fee of a transfer to another bank, in cents.
pub const EXTERNAL_FEE: i64 = 2_50;
/// Longest transfer description.
pub const MAX_DESCRIPTION_LEN: usize = 140;

/// Whether the available balance is checked now (immediate transfers) or at execution (scheduled ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundsCheck {
    /// Check funds and the daily limit now.
    Now,
    /// Leave funds to the execution time.
    AtExecution,
}

/// A transfer that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Debited account index.
    pub from: usize,
    /// Destination.
    pub to: Destination,
    /// Amount in cents.
    pub amount: i64,
    /// Fee in cents.
    pub fee: i64,
}

/// The outcome of checking a transfer request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Every broken rule, amount problems first.
    pub errors: Vec<FieldError>,
    /// The fee it would cost, in cents.
    pub fee: i64,
    /// The plan, when there are no errors.
    pub plan: Option<Plan>,
}

impl Bank {
    /// Checks a transfer request of `owner` against every rule.
    pub fn check_transfer(
        &self,
        owner: &str,
        request: &TransferRequest,
        now: Millis,
        funds: FundsCheck,
    ) -> Check {
        let mut errors = amount_errors(request.amount.minor());
        let from = self.check_source(owner, request, &mut errors);
        let to = self.check_destination(owner, request, from, &mut errors);
        let fee = match to {
            Some(Destination::External(_)) => EXTERNAL_FEE,
            _ => 0,
        };
        if let (Some(from), true, FundsCheck::Now) = (from, errors.is_empty(), funds) {
            self.check_funds(owner, from, request.amount.minor(), fee, now, &mut errors);
        }
        if request.description.chars().count() > MAX_DESCRIPTION_LEN
            || request.description.chars().any(char::is_control)
        {
            errors.push(FieldError::new("description", "invalid", format!("Description must be at most {MAX_DESCRIPTION_LEN} characters, without control characters")));
        }
        let plan = match (from, to) {
            (Some(from), Some(to)) if errors.is_empty() => Some(Plan {
                from,
                to,
                amount: request.amount.minor(),
                fee,
            }),
            _ => None,
        };
        Check { errors, fee, plan }
    }

    fn check_source(
        &self,
        owner: &str,
        request: &TransferRequest,
        errors: &mut Vec<FieldError>,
    ) -> Option<usize> {
        let Ok(from) = self.owned(owner, &request.from_account_id) else {
            errors.push(FieldError::new(
                "fromAccountId",
                "not_found",
                "Choose one of your accounts to send from",
            ));
            return None;
        };
        let account = &self.accounts[from];
        if !account.is_open() {
            errors.push(FieldError::new(
                "fromAccountId",
                "account_closed",
                "This account is closed",
            ));
        } else if account.account_type == AccountType::Credit {
            errors.push(FieldError::new(
                "fromAccountId",
                "unsupported",
                "Transfers from a credit card account are not supported",
            ));
        }
        if account.currency != request.currency {
            errors.push(FieldError::new(
                "currency",
                "currency_mismatch",
                format!(
                    "The account holds {}, not {}",
                    account.currency, request.currency
                ),
            ));
        }
        Some(from)
    }

    fn check_destination(
        &self,
        owner: &str,
        request: &TransferRequest,
        from: Option<usize>,
        errors: &mut Vec<FieldError>,
    ) -> Option<Destination> {
        let id = request.to_account_id.trim();
        if let Some(&to) = self.account_index.get(id) {
            let account = &self.accounts[to];
            if account.owner != owner {
                errors.push(FieldError::new(
                    "toAccountId",
                    "not_found",
                    "Send to one of your accounts or to an external account number",
                ));
                return None;
            }
            if Some(to) == from {
                errors.push(FieldError::new(
                    "toAccountId",
                    "same_account",
                    "Choose a different account to send to",
                ));
            } else if !account.is_open() {
                errors.push(FieldError::new(
                    "toAccountId",
                    "account_closed",
                    "The destination account is closed",
                ));
            } else if account.currency != request.currency {
                errors.push(FieldError::new(
                    "toAccountId",
                    "currency_mismatch",
                    format!("The destination account holds {}", account.currency),
                ));
            }
            return Some(Destination::Internal(to));
        }
        if is_external_number(id) {
            return Some(Destination::External(id.to_owned()));
        }
        errors.push(FieldError::new(
            "toAccountId",
            "invalid",
            "Enter one of your accounts, an account number of 8 to 17 digits, or an IBAN",
        ));
        None
    }

    fn check_funds(
        &self,
        owner: &str,
        from: usize,
        amount: i64,
        fee: i64,
        now: Millis,
        errors: &mut Vec<FieldError>,
    ) {
        if self.accounts[from].available() < amount + fee {
            errors.push(FieldError::new(
                "amount",
                "insufficient_funds",
                "Insufficient available balance",
            ));
        }
        let sent_today = self
            .sent_per_day
            .get(&(owner.to_owned(), day_of(now)))
            .copied()
            .unwrap_or(0);
        if sent_today + amount > DAILY_LIMIT {
            errors.push(FieldError::new(
                "amount",
                "daily_limit",
                format!(
                    "This would exceed your daily limit of {}",
                    digibank_api_types::Amount::from_minor(DAILY_LIMIT)
                ),
            ));
        }
    }
}

/// Amount rules: positive and at most the single-transfer maximum (two decimals are enforced by parsing).
fn amount_errors(amount: i64) -> Vec<FieldError> {
    if amount <= 0 {
        vec![FieldError::new(
            "amount",
            "must_be_positive",
            "Amount must be greater than zero",
        )]
    } else if amount > MAX_TRANSFER_AMOUNT.minor() {
        vec![FieldError::new(
            "amount",
            "exceeds_limit",
            "Amount exceeds maximum limit",
        )]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_must_be_positive_and_within_the_limit() {
        assert_eq!(amount_errors(0)[0].code, "must_be_positive");
        assert_eq!(amount_errors(-5)[0].code, "must_be_positive");
        assert_eq!(
            amount_errors(100_000_01)[0].message,
            "Amount exceeds maximum limit"
        );
        assert!(amount_errors(100_000_00).is_empty());
    }
}
