//! Account operations: list, read, history, rename, close.

use digibank_api_types::{Account, AccountStatus, Balance, Page, Transaction, TransferStatus};

use crate::bank::{Bank, BankError, PageRequest, TransactionFilter};
use crate::clock::Millis;

/// Longest account name.
pub const MAX_NAME_LEN: usize = 40;

impl Bank {
    /// The caller's accounts, in seed order.
    pub fn accounts_of(&self, owner: &str) -> Vec<Account> {
        self.accounts
            .iter()
            .filter(|a| a.owner == owner)
            .map(|a| a.to_wire())
            .collect()
    }

    /// One of the caller's accounts.
    pub fn account(&self, owner: &str, id: &str) -> Result<Account, BankError> {
        Ok(self.accounts[self.owned(owner, id)?].to_wire())
    }

    /// The balance of one of the caller's accounts.
    pub fn balance(&self, owner: &str, id: &str, now: Millis) -> Result<Balance, BankError> {
        Ok(self.accounts[self.owned(owner, id)?].balance_at(now))
    }

    /// A page of an account's transactions, newest first.
    pub fn transactions(
        &self,
        owner: &str,
        id: &str,
        filter: &TransactionFilter,
        page: PageRequest,
    ) -> Result<Page<Transaction>, BankError> {
        let index = self.owned(owner, id)?;
        let account = &self.accounts[index];
        let found = page.slice(
            self.histories[index]
                .iter()
                .rev()
                .filter(|r| filter.matches(r)),
        );
        Ok(Page {
            items: found
                .items
                .into_iter()
                .map(|r| r.to_wire(&account.id, account.currency))
                .collect(),
            page: found.page,
            page_size: found.page_size,
            total: found.total,
        })
    }

    /// Renames an open account.
    pub fn rename(&mut self, owner: &str, id: &str, name: &str) -> Result<Account, BankError> {
        let index = self.owned(owner, id)?;
        let name = valid_name(name)?;
        let account = &mut self.accounts[index];
        if !account.is_open() {
            return Err(BankError::conflict(
                "account-closed",
                format!("Account {id} is closed"),
            ));
        }
        account.name = name;
        Ok(account.to_wire())
    }

    /// Closes an account whose balance is zero and that has no pending or scheduled transfers.
    pub fn close(
        &mut self,
        owner: &str,
        id: &str,
        reason: &str,
        now: Millis,
    ) -> Result<Account, BankError> {
        let index = self.owned(owner, id)?;
        if reason.trim().is_empty() || reason.chars().count() > 200 {
            return Err(BankError::field(
                "reason",
                "invalid",
                "Give a reason of 1 to 200 characters",
            ));
        }
        let account = &self.accounts[index];
        if !account.is_open() {
            return Err(BankError::conflict(
                "account-closed",
                format!("Account {id} is already closed"),
            ));
        }
        if account.balance != 0 {
            return Err(BankError::conflict(
                "balance-not-zero",
                format!(
                    "Account {id} still has a balance of {}; move it first",
                    digibank_api_types::Amount::from_minor(account.balance)
                ),
            ));
        }
        if self.has_open_transfers(index) {
            return Err(BankError::conflict(
                "transfers-outstanding",
                format!("Account {id} has pending or scheduled transfers"),
            ));
        }
        self.accounts[index].status = AccountStatus::Closed;
        self.announce_balance(index, now);
        Ok(self.accounts[index].to_wire())
    }

    fn has_open_transfers(&self, account: usize) -> bool {
        self.transfers.iter().any(|t| {
            t.from == account
                && matches!(
                    t.status,
                    TransferStatus::Pending | TransferStatus::Scheduled
                )
        })
    }
}

/// A valid display name: trimmed, 1–40 characters, letters, digits, spaces and `-'&.`.
fn valid_name(name: &str) -> Result<String, BankError> {
    let name = name.trim();
    let length = name.chars().count();
    if length == 0 || length > MAX_NAME_LEN {
        return Err(BankError::field(
            "name",
            "length",
            format!("Name must be 1 to {MAX_NAME_LEN} characters"),
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '&' | '.')))
    {
        return Err(BankError::field(
            "name",
            "characters",
            format!(
                "Name may not contain '{}'; use letters, digits, spaces and - ' & .",
                bad.escape_default()
            ),
        ));
    }
    Ok(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_validated_and_tidied() {
        assert_eq!(valid_name("  Holiday   fund ").unwrap(), "Holiday fund");
        assert_eq!(valid_name("Rock & Roll Fund").unwrap(), "Rock & Roll Fund");
        assert!(valid_name("").is_err());
        assert!(valid_name(&"x".repeat(41)).is_err());
        assert!(valid_name("<script>").is_err());
        assert!(valid_name("tab\there").is_err());
    }
}
