//! The account's summary under the heading: kind, masked number, status, balance and available balance.

use digibank_api_types::{Account, AccountStatus, Amount, Balance};
use leptos::prelude::*;

use crate::components::MoneyText;
use crate::pages::account_text::kind_label;
use crate::services::http::ApiError;
use crate::services::query::UseQueryReturn;

/// Kind, number and both balances; the balances come from the balance query (refreshed every 30 s) once it
/// answered for this account, from the account list before that.
#[component]
pub fn AccountHeader(
    account: Signal<Account>,
    balance: UseQueryReturn<Balance, ApiError>,
) -> impl IntoView {
    let figures = Memo::new(move |_| {
        let account = account.read();
        balance
            .data
            .read()
            .as_ref()
            .filter(|b| b.account_id == account.id)
            .map_or((account.balance, account.available_balance), |b| {
                (b.balance, b.available_balance)
            })
    });
    let currency = move || account.read().currency;
    let closed = move || account.read().status == AccountStatus::Closed;
    view! {
        <div class="card account-summary">
            <p class="muted account-identity">
                <span>{move || kind_label(account.read().account_type)}</span>
                " · "
                <span aria-label="Account number">{move || account.read().masked_number.clone()}</span>
                {move || closed().then(|| view! { " " <span class="badge closed">"Closed"</span> })}
            </p>
            <dl class="account-balances">
                <div>
                    <dt>"Balance"</dt>
                    <dd class="balance-amount">{move || money(figures.get().0, currency())}</dd>
                </div>
                <div>
                    <dt>"Available"</dt>
                    <dd class="available-amount">{move || money(figures.get().1, currency())}</dd>
                </div>
            </dl>
        </div>
    }
}

/// Placeholders the size of the header and a few rows, so nothing shifts when the account arrives.
#[component]
pub fn HeaderSkeleton() -> impl IntoView {
    view! {
        <div class="card account-summary" aria-hidden="true">
            <span class="skeleton">"Checking · ••••0000"</span>
            <div class="account-balances">
                <span class="skeleton balance-amount">"$000,000.00"</span>
                <span class="skeleton">"$000,000.00"</span>
            </div>
        </div>
        <p class="muted" role="status">"Loading the account…"</p>
    }
}

/// An amount with its currency.
fn money(amount: Amount, currency: digibank_api_types::Currency) -> impl IntoView {
    view! { <MoneyText amount currency /> }
}
