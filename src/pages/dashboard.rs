//! Dashboard: every account with balance and available balance from one request, and totals per currency.

use std::collections::BTreeMap;

use digibank_api_types::{Account, AccountStatus, Amount, Currency};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::hooks::use_accounts;
use crate::components::{ErrorPanel, MoneyText, PageHeading};
use crate::pages::account_text::kind_label;

/// The dashboard.
#[component]
pub fn Dashboard() -> impl IntoView {
    let accounts = use_accounts();
    let body = move || {
        match (accounts.data.get(), accounts.error.get()) {
        (Some(list), _) if list.is_empty() => view! { <p class="card">"You have no accounts yet."</p> }.into_any(),
        (Some(list), _) => view! { <AccountOverview accounts=list /> }.into_any(),
        (None, Some(error)) => view! { <ErrorPanel error what="your accounts" retry=move || accounts.refetch.run(()) /> }.into_any(),
        (None, None) => view! { <AccountSkeletons /> }.into_any(),
    }
    };
    view! {
        <section class="dashboard stack" aria-busy=move || accounts.is_fetching.get().to_string()>
            <PageHeading title="Your accounts" />
            {body}
        </section>
    }
}

/// Totals per currency, then one card per account.
#[component]
fn AccountOverview(accounts: Vec<Account>) -> impl IntoView {
    let totals = totals_by_currency(&accounts);
    view! {
        <div class="row totals" aria-label="Totals per currency">
            {totals.into_iter().map(|(currency, total)| view! {
                <div class="card total">
                    <div class="muted">{format!("Total {currency}")}</div>
                    <div class="total-amount"><MoneyText amount=total currency /></div>
                </div>
            }).collect_view()}
        </div>
        <ul class="grid account-list" role="list">
            {accounts.into_iter().map(|account| view! { <AccountCard account /> }).collect_view()}
        </ul>
    }
}

/// One account: name, kind, masked number, balance and available balance.
#[component]
fn AccountCard(account: Account) -> impl IntoView {
    let href = format!("/accounts/{}", account.id);
    let closed = account.status == AccountStatus::Closed;
    view! {
        <li class="card account-card" data-account-id=account.id.clone()>
            <div class="row">
                <A href=href attr:class="account-name">{account.name.clone()}</A>
                <span class="spacer"></span>
                {closed.then(|| view! { <span class="badge closed">"Closed"</span> })}
            </div>
            <div class="muted">{format!("{} · {}", kind_label(account.account_type), account.masked_number)}</div>
            <div class="balance" aria-label="Balance"><MoneyText amount=account.balance currency=account.currency /></div>
            <div class="muted">"Available " <MoneyText amount=account.available_balance currency=account.currency /></div>
        </li>
    }
}

/// Placeholders the size of account cards, so nothing shifts when data arrives.
#[component]
fn AccountSkeletons() -> impl IntoView {
    view! {
        <div class="row totals" aria-hidden="true"><div class="card total"><span class="skeleton">"Total USD 000,000.00"</span></div></div>
        <ul class="grid account-list" role="list" aria-label="Loading accounts">
            {(0..3).map(|_| view! {
                <li class="card account-card" aria-hidden="true">
                    <span class="skeleton">"Account name"</span>
                    <span class="skeleton">"checking · ••••0000"</span>
                    <span class="skeleton balance">"$000,000.00"</span>
                    <span class="skeleton">"Available $000,000.00"</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// Sum of balances per currency, over open accounts (exact; saturating never needed below i64 cents).
pub fn totals_by_currency(accounts: &[Account]) -> BTreeMap<Currency, Amount> {
    let mut totals = BTreeMap::new();
    for account in accounts.iter().filter(|a| a.status == AccountStatus::Open) {
        let total: &mut Amount = totals.entry(account.currency).or_default();
        *total = total.checked_add(account.balance).unwrap_or(*total);
    }
    totals
}

#[cfg(test)]
mod tests {
    use digibank_api_types::AccountType;

    use super::*;

    fn account(id: &str, balance: &str, currency: Currency, status: AccountStatus) -> Account {
        Account {
            id: id.into(),
            name: id.into(),
            account_type: AccountType::Checking,
            masked_number: "••••0001".into(),
            currency,
            balance: Amount::parse(balance).unwrap(),
            available_balance: Amount::parse(balance).unwrap(),
            status,
        }
    }

    #[test]
    fn totals_are_exact_per_currency_and_skip_closed_accounts() {
        let accounts = [
            account("a", "125430.00", Currency::USD, AccountStatus::Open),
            account("b", "45200.00", Currency::USD, AccountStatus::Open),
            account("c", "0.10", Currency::EUR, AccountStatus::Open),
            account("d", "0.20", Currency::EUR, AccountStatus::Open),
            account("e", "999.00", Currency::EUR, AccountStatus::Closed),
        ];
        let totals = totals_by_currency(&accounts);
        assert_eq!(totals[&Currency::USD], Amount::parse("170630.00").unwrap());
        assert_eq!(totals[&Currency::EUR], Amount::parse("0.30").unwrap());
        assert_eq!(totals.len(), 2);
    }
}
