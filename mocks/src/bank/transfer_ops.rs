//! Transfer operations: validate, create, schedule, cancel, status, history.

use std::cmp::Reverse;

use digibank_api_types::{
    Amount, Page, ScheduleTransferRequest, Transfer, TransferRequest, TransferStatus,
    TransferStatusInfo, TransferValidation,
};
use time::Date;

use crate::bank::rules::{FundsCheck, Plan};
use crate::bank::{Bank, BankError, Destination, PageRequest, TransferRecord};
use crate::clock::Millis;
use crate::dates::{day_of, parse_rfc3339, rfc3339};

/// Furthest a transfer may be scheduled ahead.
const MAX_SCHEDULE_AHEAD: Millis = 366 * 86_400_000;
/// Most executions of a recurring transfer.
const MAX_EXECUTIONS: u32 = 120;
/// How long an external transfer takes to arrive.
const EXTERNAL_ARRIVAL: Millis = 86_400_000;

/// Which transfers a history request wants.
#[derive(Debug, Clone, Copy, Default)]
pub struct HistoryFilter {
    /// Only this status.
    pub status: Option<TransferStatus>,
    /// Created on or after this day.
    pub from: Option<Date>,
    /// Created on or before this day.
    pub to: Option<Date>,
}

impl Bank {
    /// Checks a transfer without doing it.
    pub fn validate_transfer(
        &self,
        owner: &str,
        request: &TransferRequest,
        now: Millis,
    ) -> TransferValidation {
        let check = self.check_transfer(owner, request, now, FundsCheck::Now);
        let arrival = match &check.plan {
            Some(Plan {
                to: Destination::External(_),
                ..
            }) => now + EXTERNAL_ARRIVAL,
            _ => now + self.settle_delay,
        };
        TransferValidation {
            valid: check.errors.is_empty(),
            errors: check.errors,
            fee: Amount::from_minor(check.fee),
            estimated_arrival: rfc3339(arrival),
        }
    }

    /// Accepts a transfer: holds the money now, settles after the settle delay.
    pub fn create_transfer(
        &mut self,
        owner: &str,
        request: &TransferRequest,
        now: Millis,
    ) -> Result<Transfer, BankError> {
        let check = self.check_transfer(owner, request, now, FundsCheck::Now);
        let plan = check.plan.ok_or(BankError::Invalid(check.errors))?;
        self.accounts[plan.from].held += plan.amount + plan.fee;
        *self
            .sent_per_day
            .entry((owner.to_owned(), day_of(now)))
            .or_default() += plan.amount;
        let index = self.insert(
            owner,
            request,
            &plan,
            TransferStatus::Pending,
            now,
            now + self.settle_delay,
            None,
        );
        self.announce_balance(plan.from, now);
        Ok(self.transfers[index].to_wire())
    }

    /// Records a transfer to run at a future time, optionally repeating; funds are checked when it runs.
    pub fn schedule_transfer(
        &mut self,
        owner: &str,
        request: &ScheduleTransferRequest,
        now: Millis,
    ) -> Result<Transfer, BankError> {
        let execute_at = parse_rfc3339(&request.execute_at).ok_or_else(|| {
            BankError::field(
                "executeAt",
                "invalid",
                "executeAt must be an RFC 3339 date-time such as 2026-12-01T09:00:00Z",
            )
        })?;
        if execute_at <= now || execute_at > now + MAX_SCHEDULE_AHEAD {
            return Err(BankError::field(
                "executeAt",
                "out_of_range",
                "executeAt must be in the future and within a year",
            ));
        }
        if let Some(recurrence) = request.recurrence
            && !(2..=MAX_EXECUTIONS).contains(&recurrence.count)
        {
            return Err(BankError::field(
                "recurrence.count",
                "out_of_range",
                format!("A recurring transfer runs 2 to {MAX_EXECUTIONS} times"),
            ));
        }
        let check = self.check_transfer(owner, &request.transfer, now, FundsCheck::AtExecution);
        let plan = check.plan.ok_or(BankError::Invalid(check.errors))?;
        let index = self.insert(
            owner,
            &request.transfer,
            &plan,
            TransferStatus::Scheduled,
            now,
            execute_at,
            request.recurrence,
        );
        Ok(self.transfers[index].to_wire())
    }

    #[allow(clippy::too_many_arguments)]
    fn insert(
        &mut self,
        owner: &str,
        request: &TransferRequest,
        plan: &Plan,
        status: TransferStatus,
        now: Millis,
        due_at: Millis,
        recurrence: Option<digibank_api_types::Recurrence>,
    ) -> usize {
        let index = self.transfers.len();
        let record = TransferRecord {
            id: format!("tr_{}", uuid::Uuid::new_v4().simple()),
            owner: owner.to_owned(),
            from: plan.from,
            from_id: request.from_account_id.clone(),
            to: plan.to.clone(),
            to_id: request.to_account_id.trim().to_owned(),
            amount: plan.amount,
            fee: plan.fee,
            currency: request.currency,
            description: request.description.clone(),
            status,
            created_at: now,
            updated_at: now,
            due_at: Some(due_at),
            recurrence,
            series_start: due_at,
            executions_left: recurrence.map_or(1, |r| r.count),
            reason: None,
        };
        self.transfer_index.insert(record.id.clone(), index);
        self.transfers_by_owner
            .entry(owner.to_owned())
            .or_default()
            .push(index);
        self.transfers.push(record);
        self.due.push(Reverse((due_at, index)));
        self.announce_transfer(index);
        index
    }

    /// Cancels a pending or scheduled transfer, releasing any held money.
    pub fn cancel_transfer(
        &mut self,
        owner: &str,
        id: &str,
        reason: &str,
        now: Millis,
    ) -> Result<Transfer, BankError> {
        let index = self.owned_transfer(owner, id)?;
        if reason.trim().is_empty() || reason.chars().count() > 200 {
            return Err(BankError::field(
                "reason",
                "invalid",
                "Give a reason of 1 to 200 characters",
            ));
        }
        let status = self.transfers[index].status;
        if !status.is_cancellable() {
            return Err(BankError::conflict(
                "transfer-not-cancellable",
                format!("A {} transfer can no longer be cancelled", status.as_str()),
            ));
        }
        if status == TransferStatus::Pending {
            self.release_hold(index);
            self.unspend(index);
            self.announce_balance(self.transfers[index].from, now);
        }
        let record = &mut self.transfers[index];
        record.status = TransferStatus::Cancelled;
        record.reason = Some(reason.trim().to_owned());
        record.updated_at = now;
        self.announce_transfer(index);
        Ok(self.transfers[index].to_wire())
    }

    /// Releases the money a pending transfer holds.
    pub(crate) fn release_hold(&mut self, index: usize) {
        let record = &self.transfers[index];
        self.accounts[record.from].held -= record.total();
    }

    /// Gives a transfer that will not happen back its share of the daily limit.
    pub(crate) fn unspend(&mut self, index: usize) {
        let record = &self.transfers[index];
        if let Some(sent) = self
            .sent_per_day
            .get_mut(&(record.owner.clone(), day_of(record.created_at)))
        {
            *sent -= record.amount;
        }
    }

    /// Status of one of the caller's transfers.
    pub fn transfer_status(&self, owner: &str, id: &str) -> Result<TransferStatusInfo, BankError> {
        let record = &self.transfers[self.owned_transfer(owner, id)?];
        Ok(TransferStatusInfo {
            transfer_id: record.id.clone(),
            status: record.status,
            updated_at: rfc3339(record.updated_at),
            reason: record.reason.clone(),
        })
    }

    /// A page of the caller's transfers, newest first.
    pub fn transfer_history(
        &self,
        owner: &str,
        filter: HistoryFilter,
        page: PageRequest,
    ) -> Page<Transfer> {
        let indexes = self
            .transfers_by_owner
            .get(owner)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let matching = indexes
            .iter()
            .rev()
            .map(|&i| &self.transfers[i])
            .filter(|t| {
                let day = day_of(t.created_at);
                filter.status.is_none_or(|s| t.status == s)
                    && filter.from.is_none_or(|f| day >= f)
                    && filter.to.is_none_or(|to| day <= to)
            });
        let found = page.slice(matching);
        Page {
            items: found
                .items
                .into_iter()
                .map(TransferRecord::to_wire)
                .collect(),
            page: found.page,
            page_size: found.page_size,
            total: found.total,
        }
    }
}
