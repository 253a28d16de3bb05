//! `/accounts/:id`: one account — its name, number, balances, rename and close — and its transactions, searched,
//! filtered and paged with the filters in the URL.

mod account_header;
mod account_lookup;
mod account_name;
mod booking_date;
mod close_account;
mod filter_bar;
mod pager;
mod rename_form;
mod transaction_filters;
mod transaction_row;
mod transactions_panel;

use digibank_api_types::{Account, AccountStatus};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_params_map, use_query_map};

use crate::app::hooks::{use_account_balance, use_account_transactions, use_accounts};
use crate::components::{ErrorPanel, PageHeading};
use account_header::{AccountHeader, HeaderSkeleton};
use account_lookup::{AccountLookup, Phase, blocked_message};
use close_account::CloseAccount;
use filter_bar::FilterBar;
use rename_form::RenameForm;
use transaction_filters::TransactionFilters;
use transactions_panel::TransactionsPanel;

/// The account detail screen.
#[component]
pub fn AccountDetail() -> impl IntoView {
    let params = use_params_map();
    let account_id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let accounts = use_accounts();
    let balance = use_account_balance(Signal::derive(move || Some(account_id.get())));
    let filters = use_url_filters();
    let transactions = use_account_transactions(
        account_id.into(),
        Signal::derive(move || filters.get().to_request()),
    );
    let lookup = Memo::new(move |_| {
        AccountLookup::of(
            accounts.data.get().as_deref(),
            accounts.error.get(),
            &account_id.get(),
        )
    });
    let account = Memo::new(move |_| lookup.with(|l| l.account().cloned()));
    let title = Signal::derive(move || lookup.with(AccountLookup::title));
    let phase = Memo::new(move |_| lookup.with(AccountLookup::phase));
    let body = move || match phase.get() {
        Phase::Loading => view! { <HeaderSkeleton /> }.into_any(),
        Phase::Missing => view! { <MissingAccount /> }.into_any(),
        Phase::Failed => {
            let error = lookup.with_untracked(|l| l.error().cloned());
            match error {
                Some(error) => match blocked_message(&error) {
                    Some(message) => view! { <Blocked message /> }.into_any(),
                    None => view! { <ErrorPanel error what="this account" retry=move || accounts.refetch.run(()) /> }.into_any(),
                },
                None => view! { <HeaderSkeleton /> }.into_any(),
            }
        }
        Phase::Found => {
            let Some(first_seen) = account.get_untracked() else {
                return view! { <HeaderSkeleton /> }.into_any();
            };
            // Follows the cached account (renames, balances); keeps the last one seen for the instant before
            // the screen notices that it disappeared.
            let account =
                Signal::derive(move || account.get().unwrap_or_else(|| first_seen.clone()));
            view! {
                <AccountHeader account balance />
                <AccountActions account />
                <section class="transactions stack" aria-labelledby="transactions-heading">
                    <h2 id="transactions-heading">"Transactions"</h2>
                    <FilterBar filters=filters.into() />
                    <TransactionsPanel filters=filters.into() transactions />
                </section>
            }
            .into_any()
        }
    };
    view! {
        <section class="account-detail stack">
            <p class="breadcrumb"><A href="/">"← Your accounts"</A></p>
            <PageHeading title />
            {body}
        </section>
    }
}

/// Rename and close, for open accounts.
#[component]
fn AccountActions(account: Signal<Account>) -> impl IntoView {
    let open = Memo::new(move |_| account.with(|a| a.status == AccountStatus::Open));
    move || {
        open.get().then(|| {
            view! {
                <div class="account-actions">
                    <RenameForm account />
                    <CloseAccount account />
                </div>
            }
        })
    }
}

/// The filters in the page's URL query, re-read whenever the URL changes.
fn use_url_filters() -> Memo<TransactionFilters> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| TransactionFilters::from_query(|name| q.get(name))))
}

/// Puts `filters` in the URL of the current page (replacing the history entry, keeping the scroll position).
fn use_apply_filters() -> Callback<TransactionFilters> {
    let navigate = send_wrapper::SendWrapper::new(use_navigate());
    let location = use_location();
    Callback::new(move |filters: TransactionFilters| {
        let path = location.pathname.get_untracked();
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&format!("{path}{}", filters.to_query_string()), options);
    })
}

/// Shown for an id that is not among the customer's accounts.
#[component]
fn MissingAccount() -> impl IntoView {
    view! {
        <div class="banner error" role="alert">
            <p><strong>"We could not find this account among yours."</strong> " It may have been closed, or the link may be wrong."</p>
            <p><A href="/" attr:class="button">"Back to your accounts"</A></p>
        </div>
    }
}

/// Shown when the bank refuses access (403) or does not know the account (404): no retry, a way back.
#[component]
fn Blocked(message: String) -> impl IntoView {
    view! {
        <div class="banner error" role="alert">
            <p><strong>{message}</strong></p>
            <p><A href="/" attr:class="button">"Back to your accounts"</A></p>
        </div>
    }
}
