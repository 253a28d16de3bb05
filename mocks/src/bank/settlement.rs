//! Time-driven work: pending transfers settle, scheduled ones execute when due.

use std::cmp::Reverse;

use digibank_api_types::{Frequency, TransactionType, TransferStatus};

use crate::bank::ledger::Booking;
use crate::bank::{Bank, Destination};
use crate::clock::Millis;
use crate::dates::add_months;

const WEEK: Millis = 7 * 86_400_000;

impl Bank {
    /// When the next settlement or execution is due.
    pub fn next_due(&self) -> Option<Millis> {
        self.due.peek().map(|Reverse((at, _))| *at)
    }

    /// Settles and executes everything due at or before `now`, in due order.
    pub fn process_due(&mut self, now: Millis) {
        while let Some(&Reverse((at, index))) = self.due.peek() {
            if at > now {
                break;
            }
            self.due.pop();
            if self.transfers[index].due_at != Some(at) {
                continue;
            }
            match self.transfers[index].status {
                TransferStatus::Pending => self.settle(index, at),
                TransferStatus::Scheduled => self.execute(index, at),
                _ => {}
            }
        }
    }

    /// Pending → completed: the held money is debited and credited in one booking.
    fn settle(&mut self, index: usize, at: Millis) {
        self.release_hold(index);
        match self.blocker(index, false) {
            Some(reason) => {
                self.unspend(index);
                self.announce_balance(self.transfers[index].from, at);
                self.finish(index, at, TransferStatus::Failed, Some(reason));
            }
            None => {
                self.move_money(index, at);
                self.finish(index, at, TransferStatus::Completed, None);
            }
        }
    }

    /// One execution of a scheduled transfer; a recurring one is rescheduled until its count is reached.
    fn execute(&mut self, index: usize, at: Millis) {
        if let Some(reason) = self.blocker(index, true) {
            return self.finish(index, at, TransferStatus::Failed, Some(reason));
        }
        self.move_money(index, at);
        let record = &mut self.transfers[index];
        record.executions_left = record.executions_left.saturating_sub(1);
        if record.executions_left == 0 {
            return self.finish(index, at, TransferStatus::Completed, None);
        }
        let done = record.recurrence.map_or(1, |r| r.count) - record.executions_left;
        let next = match record.recurrence.map(|r| r.frequency) {
            Some(Frequency::Weekly) => record.series_start + WEEK * Millis::from(done),
            _ => add_months(record.series_start, done),
        };
        record.due_at = Some(next);
        record.updated_at = at;
        self.due.push(Reverse((next, index)));
        self.announce_transfer(index);
    }

    /// Why the transfer cannot run now, if anything stops it.
    fn blocker(&self, index: usize, check_funds: bool) -> Option<String> {
        let record = &self.transfers[index];
        if !self.accounts[record.from].is_open() {
            return Some("The source account was closed".into());
        }
        if let Destination::Internal(to) = record.to
            && !self.accounts[to].is_open()
        {
            return Some("The destination account was closed".into());
        }
        (check_funds && self.accounts[record.from].available() < record.total())
            .then(|| "Insufficient available balance at execution".into())
    }

    /// Books the debit, the fee and (for internal transfers) the credit together.
    fn move_money(&mut self, index: usize, at: Millis) {
        let record = &self.transfers[index];
        let from_name = self.accounts[record.from].name.clone();
        let to_name = match &record.to {
            Destination::Internal(to) => self.accounts[*to].name.clone(),
            Destination::External(number) => format!(
                "External account ••••{}",
                &number[number.len().saturating_sub(4)..]
            ),
        };
        let description = if record.description.trim().is_empty() {
            format!("Transfer to {to_name}")
        } else {
            record.description.clone()
        };
        let credit_text = if record.description.trim().is_empty() {
            format!("Transfer from {from_name}")
        } else {
            record.description.clone()
        };
        let mut bookings = vec![Booking {
            account: record.from,
            amount: -record.amount,
            kind: TransactionType::Transfer,
            description: &description,
            counterparty: &to_name,
        }];
        if record.fee > 0 {
            bookings.push(Booking {
                account: record.from,
                amount: -record.fee,
                kind: TransactionType::Fee,
                description: "Transfer fee",
                counterparty: "digibank",
            });
        }
        if let Destination::Internal(to) = record.to {
            bookings.push(Booking {
                account: to,
                amount: record.amount,
                kind: TransactionType::Transfer,
                description: &credit_text,
                counterparty: &from_name,
            });
        }
        self.book_all(&bookings, at);
    }

    fn finish(&mut self, index: usize, at: Millis, status: TransferStatus, reason: Option<String>) {
        let record = &mut self.transfers[index];
        record.status = status;
        record.reason = reason;
        record.updated_at = at;
        record.due_at = None;
        self.announce_transfer(index);
    }
}
