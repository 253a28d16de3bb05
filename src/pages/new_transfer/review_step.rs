//! The confirmation step: from, to, amount, fee, total and arrival (or the schedule) as the server checked
//! them, with Back and Confirm; Confirm is disabled while the transfer is being sent.

use digibank_api_types::{Account, Frequency, Recurrence, TransferValidation};
use leptos::html;
use leptos::prelude::*;

use super::draft::Submission;
use crate::components::MoneyText;
use crate::pages::transfer_text::{account_label, format_timestamp};

/// A submission the server found valid, with its fee and arrival.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// What will be sent.
    pub submission: Submission,
    /// The server's verdict (fee, estimated arrival).
    pub validation: TransferValidation,
}

/// The summary and the two buttons; heading focused when shown.
#[component]
pub fn ReviewStep(
    /// What is being confirmed.
    review: Review,
    /// The customer's accounts (to name them).
    accounts: Signal<Vec<Account>>,
    /// True while the transfer is being sent.
    sending: Signal<bool>,
    /// Why the last attempt failed, if it did.
    error: Signal<Option<String>>,
    /// Back to the form.
    on_back: Callback<()>,
    /// Send it.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(h2) = heading.get() {
            let _ = h2.focus();
        }
    });
    let transfer = review.submission.transfer().clone();
    let (from, to) = accounts.with_untracked(|list| {
        (
            account_label(&transfer.from_account_id, list),
            account_label(&transfer.to_account_id, list),
        )
    });
    let currency = transfer.currency;
    let fee = review.validation.fee;
    let total = transfer.amount.checked_add(fee).unwrap_or(transfer.amount);
    let (when_label, when) = match &review.submission {
        Submission::Now(_) => (
            "Estimated arrival",
            format_timestamp(&review.validation.estimated_arrival),
        ),
        Submission::Later(scheduled) => (
            "Runs on",
            schedule_text(&scheduled.execute_at, scheduled.recurrence),
        ),
    };
    let confirm_label = match review.submission {
        Submission::Now(_) => "Confirm transfer",
        Submission::Later(_) => "Confirm schedule",
    };
    view! {
        <section class="card review stack" aria-labelledby="review-heading">
            <h2 id="review-heading" tabindex="-1" node_ref=heading>"Check and confirm"</h2>
            <dl class="summary">
                <dt>"From"</dt><dd>{from}</dd>
                <dt>"To"</dt><dd>{to}</dd>
                <dt>"Amount"</dt><dd><MoneyText amount=transfer.amount currency /></dd>
                <dt>"Fee"</dt><dd><MoneyText amount=fee currency /></dd>
                <dt>"Total"</dt><dd class="total"><MoneyText amount=total currency /></dd>
                <dt>{when_label}</dt><dd>{when}</dd>
                {(!transfer.description.is_empty()).then(|| view! { <dt>"Description"</dt><dd>{transfer.description.clone()}</dd> })}
            </dl>
            {move || error.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
            <div class="row form-actions">
                <button type="button" class="button" disabled=sending on:click=move |_| on_back.run(())>"Back"</button>
                <button type="button" class="button primary confirm-transfer" disabled=sending
                    aria-busy=move || sending.get().to_string() on:click=move |_| on_confirm.run(())>
                    {move || if sending.get() { "Sending…" } else { confirm_label }}
                </button>
            </div>
        </section>
    }
}

/// "2026-12-01 09:00 UTC, monthly, 3 times in all".
fn schedule_text(execute_at: &str, recurrence: Option<Recurrence>) -> String {
    let first = format_timestamp(execute_at);
    match recurrence {
        None => first,
        Some(Recurrence { frequency, count }) => {
            let how = match frequency {
                Frequency::Weekly => "weekly",
                Frequency::Monthly => "monthly",
            };
            format!("{first}, then {how}, {count} times in all")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::schedule_input::EXECUTION_TIME_UTC;
    use super::*;

    #[test]
    fn schedules_are_described_in_words() {
        let at = format!("2026-12-01T{EXECUTION_TIME_UTC}");
        assert_eq!(schedule_text(&at, None), "2026-12-01 09:00 UTC");
        let monthly = Recurrence {
            frequency: Frequency::Monthly,
            count: 3,
        };
        assert_eq!(
            schedule_text(&at, Some(monthly)),
            "2026-12-01 09:00 UTC, then monthly, 3 times in all"
        );
    }
}
