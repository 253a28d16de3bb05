//! Close the account: a confirmation dialog that asks for a reason. The bank refuses (409) while money is
//! left on the account; the dialog says so. Once closed: a toast, the account list refreshed, back to the dashboard.

use digibank_api_types::{Account, Money};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::app::context::use_app_services;
use crate::components::{ConfirmDialog, LOCALE, error_text};
use crate::services::errors::Level;
use crate::services::http::ApiError;
use crate::services::keys::accounts_root;
use crate::services::query::{UseMutationOptions, use_mutation_with_options};

/// The "Close account" button and its dialog.
#[component]
pub fn CloseAccount(account: Signal<Account>) -> impl IntoView {
    let services = use_app_services();
    let open = RwSignal::new(false);
    let navigate = use_navigate();
    let (accounts, reporter, notifications) = (
        services.accounts.clone(),
        services.clone(),
        services.notifications.clone(),
    );
    let options = UseMutationOptions::default()
        .invalidates(accounts_root())
        .on_success(move |closed: &Account, _: &String| {
            notifications.push(Level::Info, format!("“{}” is closed.", closed.name));
            open.try_set(false);
            navigate("/", Default::default());
        })
        .on_error(move |error: &ApiError, _: &String| {
            if !explained_in_dialog(error) {
                reporter.report(error);
            }
        });
    let close = use_mutation_with_options(
        move |reason: String| {
            let (accounts, id) = (accounts.clone(), account.read_untracked().id.clone());
            async move { accounts.close_account(&id, &reason).await }
        },
        options,
    );
    let problem = Signal::derive(move || close.error.get().map(|e| close_problem(&e)));
    let on_confirm = Callback::new(move |reason: Option<String>| {
        close.mutate.run(reason.unwrap_or_default());
    });
    let on_cancel = Callback::new(move |()| {
        close.reset.run(());
        open.set(false);
    });
    view! {
        <button type="button" class="button danger" aria-haspopup="dialog" on:click=move |_| open.set(true)>"Close account"</button>
        <Show when=move || open.get()>
            <ConfirmDialog
                title=format!("Close “{}”?", account.read_untracked().name)
                message="Closing is final: the account can no longer receive or send money."
                confirm_label="Close account"
                dismiss_label="Keep account"
                reason_label="Why are you closing it?"
                danger=true
                busy=close.is_pending
                error=problem
                on_confirm
                on_cancel
            >
                {balance_note(&account.read_untracked())}
            </ConfirmDialog>
        </Show>
    }
}

/// A warning when money is left on the account (the bank will refuse to close it).
fn balance_note(account: &Account) -> Option<impl IntoView + use<>> {
    (account.balance.minor() != 0).then(|| {
        let left = Money::new(account.balance, account.currency).format(LOCALE);
        view! { <p class="muted">{format!("The balance is {left}. Move it to another account first: an account can only be closed with a zero balance.")}</p> }
    })
}

/// Refusals the dialog explains by itself (no toast on top): the account's state and the reason field.
fn explained_in_dialog(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Conflict { .. } | ApiError::Validation { .. }
    )
}

/// What the dialog says when closing failed.
fn close_problem(error: &ApiError) -> String {
    match error {
        ApiError::Conflict { .. } => {
            format!("The bank did not close the account. {}", error_text(error))
        }
        _ => error_text(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::http::RequestId;

    #[test]
    fn a_refusal_says_why_in_the_bank_s_words() {
        let conflict = ApiError::Conflict {
            request_id: RequestId::from("r-1"),
            message: Some("Account 1 still has a balance of 125430.00; move it first".into()),
        };
        assert_eq!(
            close_problem(&conflict),
            "The bank did not close the account. Account 1 still has a balance of 125430.00; move it first"
        );
        assert!(explained_in_dialog(&conflict));
        let server = ApiError::Server {
            request_id: RequestId::from("r-2"),
            status: 500,
            retry_after: None,
            message: None,
        };
        assert!(!explained_in_dialog(&server));
        assert_eq!(close_problem(&server), error_text(&server));
    }
}
