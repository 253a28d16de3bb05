//! What the socket does with a ledger event: a pure decision, with the seq assigned here.

use serde::Serialize;

use digibank_api_types::Channel;
use digibank_api_types::{BalanceUpdate, TransactionNew};

use super::Sequencer;
use crate::LedgerEvent;

/// A sequenced event for one user's sockets on one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The owner of the account.
    pub user: String,
    /// The channel (and so the room) it goes to.
    pub channel: Channel,
    /// The event name.
    pub event: &'static str,
    /// The payload.
    pub payload: Payload,
}

impl Outgoing {
    /// The account the event is about.
    pub fn account_id(&self) -> &str {
        match &self.payload {
            Payload::Balance(update) => &update.account_id,
            Payload::Transaction(new) => &new.account_id,
        }
    }

    /// The event's seq.
    pub fn seq(&self) -> u64 {
        match &self.payload {
            Payload::Balance(update) => update.seq,
            Payload::Transaction(new) => new.seq,
        }
    }
}

/// The payload of a sequenced event (serialised as the bare object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Payload {
    /// `balance:update`.
    Balance(BalanceUpdate),
    /// `transaction:new`.
    Transaction(TransactionNew),
}

/// What to do with one ledger event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Emit to the user's subscribed sockets.
    Emit(Box<Outgoing>),
    /// Drop every socket: after a reset the clients reconnect and refetch everything over REST.
    DropAll,
    /// Nothing for sockets (transfer status changes are polled over REST).
    Skip,
}

/// Decides the delivery of `event`, taking the next seq of the user's channel when it is emitted.
pub fn plan(event: &LedgerEvent, seqs: &Sequencer) -> Delivery {
    match event {
        LedgerEvent::BalanceChanged { owner, balance } => {
            let seq = seqs.next(owner, Channel::Accounts);
            Delivery::Emit(Box::new(Outgoing {
                user: owner.clone(),
                channel: Channel::Accounts,
                event: "balance:update",
                payload: Payload::Balance(BalanceUpdate::new(balance, seq)),
            }))
        }
        LedgerEvent::TransactionBooked { owner, transaction } => {
            let seq = seqs.next(owner, Channel::Transactions);
            Delivery::Emit(Box::new(Outgoing {
                user: owner.clone(),
                channel: Channel::Transactions,
                event: "transaction:new",
                payload: Payload::Transaction(TransactionNew {
                    account_id: transaction.account_id.clone(),
                    transaction: transaction.clone(),
                    seq,
                }),
            }))
        }
        LedgerEvent::TransferChanged { .. } => Delivery::Skip,
        LedgerEvent::Reset => Delivery::DropAll,
    }
}

#[cfg(test)]
mod tests {
    use digibank_api_types::{Amount, Balance, Currency};

    use super::*;

    fn balance_changed(owner: &str) -> LedgerEvent {
        LedgerEvent::BalanceChanged {
            owner: owner.into(),
            balance: Balance {
                account_id: "1".into(),
                balance: Amount::from_minor(100),
                available_balance: Amount::from_minor(50),
                currency: Currency::USD,
                as_of: "2026-11-24T09:00:00Z".into(),
            },
        }
    }

    #[test]
    fn balance_changes_are_sequenced_per_user_and_the_rest_is_decided() {
        let seqs = Sequencer::default();
        let seq_of = |delivery: Delivery| match delivery {
            Delivery::Emit(outgoing) => (outgoing.user.clone(), outgoing.seq()),
            other => panic!("expected an emit, got {other:?}"),
        };
        assert_eq!(
            seq_of(plan(&balance_changed("alice"), &seqs)),
            ("alice".into(), 1)
        );
        assert_eq!(
            seq_of(plan(&balance_changed("alice"), &seqs)),
            ("alice".into(), 2)
        );
        assert_eq!(
            seq_of(plan(&balance_changed("bob"), &seqs)),
            ("bob".into(), 1)
        );
        assert_eq!(plan(&LedgerEvent::Reset, &seqs), Delivery::DropAll);
        let Delivery::Emit(outgoing) = plan(&balance_changed("alice"), &seqs) else {
            panic!("expected an emit");
        };
        assert_eq!(
            (outgoing.event, outgoing.channel, outgoing.account_id()),
            ("balance:update", Channel::Accounts, "1")
        );
        assert_eq!(
            serde_json::to_string(&outgoing.payload).unwrap(),
            r#"{"accountId":"1","balance":"1.00","availableBalance":"0.50","currency":"USD","asOf":"2026-11-24T09:00:00Z","seq":3}"#
        );
    }
}
