//! One booked transaction as a table row: date, description and counterparty, kind, signed amount, balance after.

use digibank_api_types::{Amount, Currency, Money, Transaction};
use leptos::prelude::*;

use super::booking_date::booking_date;
use crate::components::{LOCALE, MoneyText};

/// A row of the transactions table.
#[component]
pub fn TransactionRow(transaction: Transaction) -> impl IntoView {
    let (text, class) = signed_amount(transaction.amount, transaction.currency);
    view! {
        <tr data-transaction-id=transaction.id.clone()>
            <td class="tx-date"><time datetime=transaction.booked_at.clone()>{booking_date(&transaction.booked_at)}</time></td>
            <td class="tx-description">
                <span>{transaction.description}</span>
                <span class="muted tx-counterparty">{transaction.counterparty}</span>
            </td>
            <td class="hide-narrow">{transaction.transaction_type.as_str()}</td>
            <td class="num"><span class=class>{text}</span></td>
            <td class="num hide-narrow"><MoneyText amount=transaction.balance_after currency=transaction.currency /></td>
        </tr>
    }
}

/// `+$1,250.00` (credit) or `-$12.50` (debit) with the class that colours it; zero has no sign.
pub fn signed_amount(amount: Amount, currency: Currency) -> (String, &'static str) {
    let text = Money::new(amount, currency).format(LOCALE);
    if amount.is_positive() {
        (format!("+{text}"), "amount credit")
    } else if amount.is_negative() {
        (text, "amount negative")
    } else {
        (text, "amount")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_and_debits_are_signed_and_coloured() {
        let amount = |text| Amount::parse(text).unwrap();
        assert_eq!(
            signed_amount(amount("1250.00"), Currency::USD),
            ("+$1,250.00".to_owned(), "amount credit")
        );
        assert_eq!(
            signed_amount(amount("-12.50"), Currency::USD),
            ("-$12.50".to_owned(), "amount negative")
        );
        assert_eq!(
            signed_amount(amount("0.00"), Currency::USD),
            ("$0.00".to_owned(), "amount")
        );
    }
}
