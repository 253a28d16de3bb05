//! What the app does about each realtime event: a pure decision (events in, actions out), plus the pure
//! patches of cached data. `live_cache` applies the actions to the query cache; `live_updates` wires it up.

use digibank_api_types::{Account, Balance, Money};

use crate::components::LOCALE;
use crate::services::errors::Level;
use crate::services::realtime::{BalanceUpdate, Resync, ResyncReason, SystemAlert, TransactionNew};

/// Something the realtime link reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// `balance:update`.
    Balance(BalanceUpdate),
    /// `transaction:new`.
    Transaction(TransactionNew),
    /// `alert:system`.
    Alert(SystemAlert),
    /// A (re)connect or a seq gap: updates may have been missed.
    Resync(Resync),
}

/// One thing to do in response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveAction {
    /// Write the new figures into the cached account list and that account's cached balance (no request).
    PatchBalance(BalanceUpdate),
    /// Refetch that account's transaction pages.
    InvalidateTransactions {
        /// The account.
        account_id: String,
    },
    /// Refetch accounts, balances and transactions over REST (after a reconnect or a seq gap).
    ResyncAccounts,
    /// The first connect: refetch as above only if the account list was loaded before this connection began
    /// (a page loading now reads the current figures anyway; see docs/realtime.md).
    ResyncIfLoadedBeforeConnect,
    /// Show a toast.
    Toast {
        /// Its level.
        level: Level,
        /// Its text.
        message: String,
    },
    /// Show a dismissible banner.
    ShowAlert(SystemAlert),
}

/// The actions for one event.
pub fn decide(event: LiveEvent) -> Vec<LiveAction> {
    match event {
        LiveEvent::Balance(update) => vec![LiveAction::PatchBalance(update)],
        LiveEvent::Transaction(new) => {
            let message = transaction_toast(&new);
            vec![
                LiveAction::InvalidateTransactions {
                    account_id: new.account_id,
                },
                LiveAction::Toast {
                    level: Level::Info,
                    message,
                },
            ]
        }
        LiveEvent::Alert(alert) => vec![LiveAction::ShowAlert(alert)],
        LiveEvent::Resync(Resync {
            reason: ResyncReason::Connected,
            ..
        }) => vec![LiveAction::ResyncIfLoadedBeforeConnect],
        LiveEvent::Resync(_) => vec![LiveAction::ResyncAccounts],
    }
}

/// "New transaction: Coffee −$4.50".
fn transaction_toast(new: &TransactionNew) -> String {
    let t = &new.transaction;
    let amount = Money::new(t.amount, t.currency).format(LOCALE);
    let what = if t.description.trim().is_empty() {
        t.counterparty.as_str()
    } else {
        t.description.as_str()
    };
    format!("New transaction: {what} {amount}")
}

/// How a balance update fits the cached account list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListPatch {
    /// The list with that account's figures replaced.
    Patched(Vec<Account>),
    /// Nothing to change (same figures).
    Unchanged,
    /// The account is not in the list, or in another currency: the list is out of date, refetch it.
    Unknown,
}

/// The account list with `update` applied.
pub fn patch_accounts(accounts: &[Account], update: &BalanceUpdate) -> ListPatch {
    let Some(index) = accounts.iter().position(|a| a.id == update.account_id) else {
        return ListPatch::Unknown;
    };
    let account = &accounts[index];
    if account.currency != update.currency {
        return ListPatch::Unknown;
    }
    if account.balance == update.balance && account.available_balance == update.available_balance {
        return ListPatch::Unchanged;
    }
    let mut patched = accounts.to_vec();
    patched[index].balance = update.balance;
    patched[index].available_balance = update.available_balance;
    ListPatch::Patched(patched)
}

/// The cached balance replaced by `update`, when it is the same account and currency.
pub fn patch_balance(balance: &Balance, update: &BalanceUpdate) -> Option<Balance> {
    (balance.account_id == update.account_id && balance.currency == update.currency).then(|| {
        Balance {
            account_id: update.account_id.clone(),
            balance: update.balance,
            available_balance: update.available_balance,
            currency: update.currency,
            as_of: update.as_of.clone(),
        }
    })
}

#[cfg(test)]
mod tests {
    use digibank_api_types::{
        AccountStatus, AccountType, Amount, Currency, Transaction, TransactionType,
    };

    use super::*;
    use crate::services::realtime::{AlertLevel, Channel};

    fn account(id: &str, cents: i64) -> Account {
        Account {
            id: id.into(),
            name: format!("Account {id}"),
            account_type: AccountType::Checking,
            masked_number: "••••0001".into(),
            currency: Currency::USD,
            balance: Amount::from_minor(cents),
            available_balance: Amount::from_minor(cents),
            status: AccountStatus::Open,
        }
    }

    fn update(id: &str, balance: i64, available: i64) -> BalanceUpdate {
        BalanceUpdate {
            account_id: id.into(),
            balance: Amount::from_minor(balance),
            available_balance: Amount::from_minor(available),
            currency: Currency::USD,
            as_of: "2026-11-24T09:00:01Z".into(),
            seq: 7,
        }
    }

    fn booked(description: &str, cents: i64) -> TransactionNew {
        TransactionNew {
            account_id: "1".into(),
            transaction: Transaction {
                id: "t-9".into(),
                account_id: "1".into(),
                booked_at: "2026-11-24T09:00:01Z".into(),
                description: description.into(),
                counterparty: "Savings Account".into(),
                amount: Amount::from_minor(cents),
                currency: Currency::USD,
                transaction_type: TransactionType::Transfer,
                balance_after: Amount::from_minor(12_533_000),
            },
            seq: 3,
        }
    }

    #[test]
    fn a_balance_update_patches_without_a_request() {
        assert_eq!(
            decide(LiveEvent::Balance(update("1", 100, 50))),
            [LiveAction::PatchBalance(update("1", 100, 50))]
        );
    }

    #[test]
    fn a_new_transaction_refetches_that_account_and_toasts() {
        assert_eq!(
            decide(LiveEvent::Transaction(booked(
                "Transfer to savings",
                -10_000
            ))),
            [
                LiveAction::InvalidateTransactions {
                    account_id: "1".into()
                },
                LiveAction::Toast {
                    level: Level::Info,
                    message: "New transaction: Transfer to savings -$100.00".into()
                }
            ]
        );
        let LiveAction::Toast { message, .. } =
            &decide(LiveEvent::Transaction(booked(" ", 250)))[1]
        else {
            panic!("a toast");
        };
        assert_eq!(message, "New transaction: Savings Account $2.50");
    }

    #[test]
    fn every_resync_refetches_and_alerts_become_banners() {
        let first = Resync {
            channels: vec![Channel::Accounts, Channel::Transactions],
            reason: ResyncReason::Connected,
        };
        assert_eq!(
            decide(LiveEvent::Resync(first)),
            [LiveAction::ResyncIfLoadedBeforeConnect]
        );
        for reason in [
            ResyncReason::Reconnected,
            ResyncReason::Gap {
                expected: 4,
                received: 6,
            },
        ] {
            let resync = Resync {
                channels: vec![Channel::Accounts],
                reason,
            };
            assert_eq!(
                decide(LiveEvent::Resync(resync)),
                [LiveAction::ResyncAccounts]
            );
        }
        let alert = SystemAlert {
            level: AlertLevel::Critical,
            message: "Payments are delayed".into(),
        };
        assert_eq!(
            decide(LiveEvent::Alert(alert.clone())),
            [LiveAction::ShowAlert(alert)]
        );
    }

    #[test]
    fn the_account_list_is_patched_in_place() {
        let list = [account("1", 12_543_000), account("2", 4_520_000)];
        let ListPatch::Patched(patched) = patch_accounts(&list, &update("2", 4_530_000, 4_500_000))
        else {
            panic!("patched");
        };
        assert_eq!(patched[0], list[0]);
        assert_eq!(patched[1].balance, Amount::from_minor(4_530_000));
        assert_eq!(patched[1].available_balance, Amount::from_minor(4_500_000));
        assert_eq!(
            patch_accounts(&list, &update("1", 12_543_000, 12_543_000)),
            ListPatch::Unchanged
        );
        assert_eq!(
            patch_accounts(&list, &update("9", 1, 1)),
            ListPatch::Unknown
        );
        let euro = BalanceUpdate {
            currency: Currency::EUR,
            ..update("1", 1, 1)
        };
        assert_eq!(patch_accounts(&list, &euro), ListPatch::Unknown);
    }

    #[test]
    fn a_cached_balance_takes_the_new_figures_of_its_own_account_only() {
        let cached = Balance {
            account_id: "1".into(),
            balance: Amount::from_minor(1),
            available_balance: Amount::from_minor(1),
            currency: Currency::USD,
            as_of: "2026-11-24T09:00:00Z".into(),
        };
        let patched = patch_balance(&cached, &update("1", 100, 50)).unwrap();
        assert_eq!(
            (
                patched.balance,
                patched.available_balance,
                patched.as_of.as_str()
            ),
            (
                Amount::from_minor(100),
                Amount::from_minor(50),
                "2026-11-24T09:00:01Z"
            )
        );
        assert_eq!(patch_balance(&cached, &update("2", 100, 50)), None);
    }
}
