//! The new-transfer form's reactive state: one signal per input, the draft they make, which fields the
//! customer has touched, and the errors to show (the form's own as they type, the server's after Continue).

use std::collections::BTreeSet;

use digibank_api_types::Account;
use leptos::prelude::*;

use super::draft::{Recipient, TransferDraft, validate_draft};
use super::field::{Field, FieldErrors};
use super::schedule_input::Repeat;

/// Every signal of the form; `Copy`, so handlers and child components share it.
#[derive(Clone, Copy)]
pub struct TransferForm {
    /// Source account id.
    pub from: RwSignal<String>,
    /// True when sending to another bank's account number.
    pub external: RwSignal<bool>,
    /// Destination among the customer's accounts.
    pub to_own: RwSignal<String>,
    /// Destination number at another bank, as typed.
    pub to_external: RwSignal<String>,
    /// Amount text.
    pub amount: RwSignal<String>,
    /// Description.
    pub description: RwSignal<String>,
    /// Execution date (`YYYY-MM-DD`, empty for now).
    pub date: RwSignal<String>,
    /// Repetition.
    pub repeat: RwSignal<Repeat>,
    /// Execution count of a repeating transfer.
    pub count: RwSignal<String>,
    /// Fields the customer has changed (their errors show as they type).
    touched: RwSignal<BTreeSet<Field>>,
    /// Continue was pressed: every field's error shows.
    attempted: RwSignal<bool>,
    /// The server's field errors from the last check, until the field changes.
    server: RwSignal<FieldErrors>,
    /// The server's messages that belong to no field.
    pub general_error: RwSignal<Option<String>>,
    /// The form's own errors for the current draft.
    client: Memo<FieldErrors>,
}

impl TransferForm {
    /// An empty form validated against `accounts` and `today` (`YYYY-MM-DD`, UTC).
    pub fn new(accounts: Signal<Vec<Account>>, today: String) -> Self {
        let from = RwSignal::new(String::new());
        let external = RwSignal::new(false);
        let to_own = RwSignal::new(String::new());
        let to_external = RwSignal::new(String::new());
        let amount = RwSignal::new(String::new());
        let description = RwSignal::new(String::new());
        let date = RwSignal::new(String::new());
        let repeat = RwSignal::new(Repeat::Never);
        let count = RwSignal::new("12".to_owned());
        let draft = move || TransferDraft {
            from: from.get(),
            recipient: if external.get() {
                Recipient::External(to_external.get())
            } else {
                Recipient::OwnAccount(to_own.get())
            },
            amount: amount.get(),
            description: description.get(),
            date: date.get(),
            repeat: repeat.get(),
            count: count.get(),
        };
        let client = Memo::new(move |_| {
            accounts.with(|list| {
                validate_draft(&draft(), list, &today)
                    .err()
                    .unwrap_or_default()
            })
        });
        TransferForm {
            from,
            external,
            to_own,
            to_external,
            amount,
            description,
            date,
            repeat,
            count,
            touched: RwSignal::new(BTreeSet::new()),
            attempted: RwSignal::new(false),
            server: RwSignal::new(FieldErrors::new()),
            general_error: RwSignal::new(None),
            client,
        }
    }

    /// The draft as it stands (not tracked).
    pub fn draft_untracked(&self) -> TransferDraft {
        TransferDraft {
            from: self.from.get_untracked(),
            recipient: if self.external.get_untracked() {
                Recipient::External(self.to_external.get_untracked())
            } else {
                Recipient::OwnAccount(self.to_own.get_untracked())
            },
            amount: self.amount.get_untracked(),
            description: self.description.get_untracked(),
            date: self.date.get_untracked(),
            repeat: self.repeat.get_untracked(),
            count: self.count.get_untracked(),
        }
    }

    /// The customer changed `field`: its server error goes, and with `touched` its own errors show from now on.
    pub fn changed(&self, field: Field, touched: bool) {
        self.server.update(|errors| errors.clear(field));
        self.general_error.set(None);
        if touched {
            self.touched.update(|set| {
                set.insert(field);
            });
        }
    }

    /// Continue was pressed: show every error.
    pub fn attempt(&self) {
        self.attempted.set(true);
    }

    /// Places the server's verdict next to the fields.
    pub fn show_server_errors(&self, errors: FieldErrors, general: Vec<String>) {
        self.server.set(errors);
        self.general_error
            .set((!general.is_empty()).then(|| general.join(" ")));
    }

    /// The first field on screen with a visible error.
    pub fn first_error_untracked(&self) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|field| self.error_untracked(*field).is_some())
    }

    /// The message shown under `field` (tracked): its own error once touched or attempted, else the server's.
    pub fn error(&self, field: Field) -> Option<String> {
        let shows_own = self.attempted.get() || self.touched.with(|t| t.contains(&field));
        let own = self.client.with(|e| e.get(field).map(str::to_owned));
        match own {
            Some(message) if shows_own => Some(message),
            _ => self.server.with(|e| e.get(field).map(str::to_owned)),
        }
    }

    /// [`Self::error`] without tracking.
    fn error_untracked(&self, field: Field) -> Option<String> {
        untrack(|| self.error(field))
    }
}
