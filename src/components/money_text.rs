//! An amount shown in the customer's locale, negative amounts marked.

use digibank_api_types::{Amount, Currency, Money};
use leptos::prelude::*;

/// The locale amounts are formatted in.
pub const LOCALE: &str = "en-US";

/// `$125,430.00`, in tabular figures; negative amounts get the `negative` class.
#[component]
pub fn MoneyText(amount: Amount, currency: Currency) -> impl IntoView {
    let class = if amount.is_negative() {
        "amount negative"
    } else {
        "amount"
    };
    view! { <span class=class>{Money::new(amount, currency).format(LOCALE)}</span> }
}
