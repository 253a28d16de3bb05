//! The ledger: accounts, their histories and transfers, changed only under one lock by the state.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use digibank_api_types::TransactionType;
use time::Date;

use crate::bank::seed::SeedData;
use crate::bank::{AccountRecord, BankError, LedgerEvent, TransactionRecord, TransferRecord};
use crate::clock::Millis;

/// Every account, transaction and transfer of the mock bank.
#[derive(Debug)]
pub struct Bank {
    pub(crate) accounts: Vec<AccountRecord>,
    pub(crate) account_index: HashMap<String, usize>,
    pub(crate) histories: Vec<Vec<TransactionRecord>>,
    pub(crate) transfers: Vec<TransferRecord>,
    /// Transfer id → index. A B-tree, not a hash map: it grows without rehashing everything under the lock.
    pub(crate) transfer_index: BTreeMap<String, usize>,
    pub(crate) transfers_by_owner: HashMap<String, Vec<usize>>,
    /// Pending settlements and scheduled executions: (due time, transfer index).
    pub(crate) due: BinaryHeap<Reverse<(Millis, usize)>>,
    /// Money sent per customer per day (cents), for the daily limit.
    pub(crate) sent_per_day: HashMap<(String, Date), i64>,
    /// How long a pending transfer takes to settle.
    pub(crate) settle_delay: Millis,
    outbox: Vec<LedgerEvent>,
    /// Whether anyone listens: events are only built when true.
    recording: bool,
}

/// One side of a booking.
pub(crate) struct Booking<'a> {
    pub account: usize,
    pub amount: i64,
    pub kind: TransactionType,
    pub description: &'a str,
    pub counterparty: &'a str,
}

impl Bank {
    /// A ledger holding a copy of the seed data.
    pub fn from_seed(seed: &SeedData, settle_delay: Millis) -> Self {
        let account_index = seed
            .accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        Bank {
            accounts: seed.accounts.clone(),
            account_index,
            histories: seed.transactions.clone(),
            transfers: Vec::new(),
            transfer_index: BTreeMap::new(),
            transfers_by_owner: HashMap::new(),
            due: BinaryHeap::new(),
            sent_per_day: HashMap::new(),
            settle_delay,
            outbox: Vec::new(),
            recording: true,
        }
    }

    /// Builds events only while `listening` (saves the work when nobody subscribed).
    pub fn record_events(&mut self, listening: bool) {
        self.recording = listening;
    }

    /// Takes the events produced since the last call.
    pub fn drain_events(&mut self) -> Vec<LedgerEvent> {
        std::mem::take(&mut self.outbox)
    }

    /// The caller's account index, or NotFound (also for other customers' accounts).
    pub(crate) fn owned(&self, owner: &str, id: &str) -> Result<usize, BankError> {
        self.account_index
            .get(id)
            .copied()
            .filter(|&i| self.accounts[i].owner == owner)
            .ok_or_else(|| BankError::NotFound(format!("Account {id} not found")))
    }

    /// The caller's transfer index, or NotFound.
    pub(crate) fn owned_transfer(&self, owner: &str, id: &str) -> Result<usize, BankError> {
        self.transfer_index
            .get(id)
            .copied()
            .filter(|&i| self.transfers[i].owner == owner)
            .ok_or_else(|| BankError::NotFound(format!("Transfer {id} not found")))
    }

    /// Books several movements at once (one transfer's debit and credit): balances change together.
    pub(crate) fn book_all(&mut self, bookings: &[Booking<'_>], now: Millis) {
        for booking in bookings {
            self.book(booking, now);
        }
        let mut touched: Vec<usize> = bookings.iter().map(|b| b.account).collect();
        touched.dedup();
        for account in touched {
            self.announce_balance(account, now);
        }
    }

    fn book(&mut self, booking: &Booking<'_>, now: Millis) {
        let account = &mut self.accounts[booking.account];
        account.balance += booking.amount;
        let history = &mut self.histories[booking.account];
        let record = TransactionRecord {
            number: history.len() as u32,
            booked_at: now,
            description: Cow::Owned(booking.description.to_owned()),
            counterparty: Cow::Owned(booking.counterparty.to_owned()),
            amount: booking.amount,
            kind: booking.kind,
            balance_after: account.balance,
        };
        if self.recording {
            let transaction = record.to_wire(&account.id, account.currency);
            let owner = account.owner.clone();
            self.outbox
                .push(LedgerEvent::TransactionBooked { owner, transaction });
        }
        history.push(record);
    }

    /// Records a balance-changed event for an account.
    pub(crate) fn announce_balance(&mut self, account: usize, now: Millis) {
        if !self.recording {
            return;
        }
        let record = &self.accounts[account];
        self.outbox.push(LedgerEvent::BalanceChanged {
            owner: record.owner.clone(),
            balance: record.balance_at(now),
        });
    }

    /// Records a transfer-changed event.
    pub(crate) fn announce_transfer(&mut self, transfer: usize) {
        if !self.recording {
            return;
        }
        let record = &self.transfers[transfer];
        self.outbox.push(LedgerEvent::TransferChanged {
            owner: record.owner.clone(),
            transfer: record.to_wire(),
        });
    }

    /// Sum of all booked balances in cents (for invariant checks).
    pub fn total_balance(&self) -> i64 {
        self.accounts.iter().map(|a| a.balance).sum()
    }

    /// Every account (for invariant checks and admin views).
    pub fn accounts(&self) -> &[AccountRecord] {
        &self.accounts
    }
}
