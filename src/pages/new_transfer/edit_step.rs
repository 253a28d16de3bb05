//! The form step: from, to (own account or another bank's number), amount, description and when; each input
//! labelled, its error next to it (aria-invalid / aria-describedby), Continue submits.

use digibank_api_types::{Account, Money};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::draft::{destination_accounts, source_accounts};
use super::field::Field;
use super::form_state::TransferForm;
use super::schedule_input::{MAX_EXECUTIONS, MIN_EXECUTIONS, Repeat};
use crate::components::{FieldError, LOCALE, aria_invalid, described_by};

/// The form; `on_continue` runs on submit (button or Enter), `checking` while the server checks it.
#[component]
pub fn EditStep(
    /// The form's state.
    form: TransferForm,
    /// The customer's accounts.
    accounts: Signal<Vec<Account>>,
    /// The earliest date a transfer can be scheduled for (`YYYY-MM-DD`).
    first_schedulable_day: String,
    /// True while the server's `validate` runs.
    checking: Signal<bool>,
    /// Called on submit.
    on_continue: Callback<()>,
) -> impl IntoView {
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        on_continue.run(());
    };
    let error = move |field: Field| Signal::derive(move || form.error(field));
    view! {
        <form class="card transfer-form" novalidate on:submit=submit>
            {move || form.general_error.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
            <SourceField form accounts error=error(Field::From) />
            <RecipientField form accounts error=error(Field::To) />
            <AmountField form accounts error=error(Field::Amount) />
            <div class="field">
                <label for=Field::Description.id()>"Description " <span class="muted">"(optional)"</span></label>
                <input id=Field::Description.id() type="text" autocomplete="off"
                    aria-invalid=move || aria_invalid(error(Field::Description).get().as_deref())
                    aria-describedby=move || described_by(Field::Description.id(), None, error(Field::Description).get().is_some())
                    prop:value=move || form.description.get()
                    on:input=move |ev| { form.description.set(event_target_value(&ev)); form.changed(Field::Description, true); } />
                <FieldError field_id=Field::Description.id() error=error(Field::Description) />
            </div>
            <ScheduleFields form first_schedulable_day error_date=error(Field::Date) error_count=error(Field::Count) />
            <div class="row form-actions">
                <button type="submit" class="button primary" disabled=checking aria-busy=move || checking.get().to_string()>
                    {move || if checking.get() { "Checking…" } else { "Continue" }}
                </button>
            </div>
        </form>
    }
}

/// "From": the customer's open, non-credit accounts with their available balance.
#[component]
fn SourceField(
    form: TransferForm,
    accounts: Signal<Vec<Account>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = Field::From.id();
    view! {
        <div class="field">
            <label for=id>"From"</label>
            <select id=id aria-invalid=move || aria_invalid(error.get().as_deref())
                aria-describedby=move || described_by(id, None, error.get().is_some())
                prop:value=move || form.from.get()
                on:change=move |ev| { form.from.set(event_target_value(&ev)); form.changed(Field::From, true); }>
                <option value="">"Choose an account"</option>
                {move || source_accounts(&accounts.get()).into_iter().map(|a| {
                    let text = format!("{} {} — available {}", a.name, a.masked_number,
                        Money::new(a.available_balance, a.currency).format(LOCALE));
                    let id = a.id.clone();
                    view! { <option value=a.id selected=move || form.from.get() == id>{text}</option> }
                }).collect_view()}
            </select>
            <FieldError field_id=id error />
        </div>
    }
}

/// "To": one of the customer's accounts, or another bank's account number.
#[component]
fn RecipientField(
    form: TransferForm,
    accounts: Signal<Vec<Account>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = Field::To.id();
    let choose = move |external: bool| {
        form.external.set(external);
        form.changed(Field::To, false);
    };
    let own = move || {
        view! {
            <label for=id>"Account"</label>
            <select id=id aria-invalid=move || aria_invalid(error.get().as_deref())
                aria-describedby=move || described_by(id, None, error.get().is_some())
                prop:value=move || form.to_own.get()
                on:change=move |ev| { form.to_own.set(event_target_value(&ev)); form.changed(Field::To, true); }>
                <option value="">"Choose an account"</option>
                {move || destination_accounts(&accounts.get()).into_iter().map(|a| {
                    let text = format!("{} {}", a.name, a.masked_number);
                    let id = a.id.clone();
                    view! { <option value=a.id selected=move || form.to_own.get() == id>{text}</option> }
                }).collect_view()}
            </select>
        }
    };
    let external = move || {
        view! {
            <label for=id>"Account number or IBAN"</label>
            <input id=id type="text" autocomplete="off" spellcheck="false"
                aria-invalid=move || aria_invalid(error.get().as_deref())
                aria-describedby=move || described_by(id, Some("transfer-to-hint"), error.get().is_some())
                prop:value=move || form.to_external.get()
                on:input=move |ev| { form.to_external.set(event_target_value(&ev)); form.changed(Field::To, false); }
                on:change=move |_| form.changed(Field::To, true) />
            <p id="transfer-to-hint" class="field-hint">"8 to 17 digits, or an IBAN such as GB82 WEST 1234 5698 7654 32."</p>
        }
    };
    view! {
        <fieldset class="field recipient">
            <legend>"To"</legend>
            <div class="row choice">
                <label class="inline"><input type="radio" name="recipient" value="own"
                    prop:checked=move || !form.external.get() on:change=move |_| choose(false) />" One of my accounts"</label>
                <label class="inline"><input type="radio" name="recipient" value="external"
                    prop:checked=move || form.external.get() on:change=move |_| choose(true) />" Another bank's account"</label>
            </div>
            {move || if form.external.get() { external().into_any() } else { own().into_any() }}
            <FieldError field_id=id error />
        </fieldset>
    }
}

/// The amount, typed as text and parsed exactly, with the source's available balance as a hint.
#[component]
fn AmountField(
    form: TransferForm,
    accounts: Signal<Vec<Account>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = Field::Amount.id();
    let available = move || {
        let from = form.from.get();
        accounts.with(|list| {
            list.iter().find(|a| a.id == from).map(|a| {
                format!(
                    "Available: {}",
                    Money::new(a.available_balance, a.currency).format(LOCALE)
                )
            })
        })
    };
    view! {
        <div class="field">
            <label for=id>"Amount"</label>
            <input id=id type="text" inputmode="decimal" autocomplete="off" placeholder="0.00"
                aria-invalid=move || aria_invalid(error.get().as_deref())
                aria-describedby=move || described_by(id, Some("transfer-amount-hint"), error.get().is_some())
                prop:value=move || form.amount.get()
                on:input=move |ev| { form.amount.set(event_target_value(&ev)); form.changed(Field::Amount, true); } />
            <p id="transfer-amount-hint" class="field-hint">{move || available().unwrap_or_else(|| "Up to $100,000.00 per transfer.".to_owned())}</p>
            <FieldError field_id=id error />
        </div>
    }
}

/// When: now, or a future date, optionally repeating weekly or monthly a number of times.
#[component]
fn ScheduleFields(
    form: TransferForm,
    first_schedulable_day: String,
    error_date: Signal<Option<String>>,
    error_count: Signal<Option<String>>,
) -> impl IntoView {
    let (date_id, count_id) = (Field::Date.id(), Field::Count.id());
    let count_field = move || {
        (form.repeat.get() != Repeat::Never).then(|| view! {
            <div class="field">
                <label for=count_id>"Number of transfers"</label>
                <input id=count_id type="number" min=MIN_EXECUTIONS max=MAX_EXECUTIONS step="1" inputmode="numeric"
                    aria-invalid=move || aria_invalid(error_count.get().as_deref())
                    aria-describedby=move || described_by(count_id, None, error_count.get().is_some())
                    prop:value=move || form.count.get()
                    on:input=move |ev| { form.count.set(event_target_value(&ev)); form.changed(Field::Count, true); } />
                <FieldError field_id=count_id error=error_count />
            </div>
        })
    };
    view! {
        <fieldset class="field schedule">
            <legend>"When"</legend>
            <div class="field">
                <label for=date_id>"Date " <span class="muted">"(optional)"</span></label>
                <input id=date_id type="date" min=first_schedulable_day
                    aria-invalid=move || aria_invalid(error_date.get().as_deref())
                    aria-describedby=move || described_by(date_id, Some("transfer-date-hint"), error_date.get().is_some())
                    prop:value=move || form.date.get()
                    on:input=move |ev| { form.date.set(event_target_value(&ev)); form.changed(Field::Date, false); }
                    on:change=move |_| form.changed(Field::Date, true) />
                <p id="transfer-date-hint" class="field-hint">"Leave empty to send now. Scheduled transfers run at 09:00 UTC on the day."</p>
                <FieldError field_id=date_id error=error_date />
            </div>
            <div class="field">
                <label for="transfer-repeat">"Repeat"</label>
                <select id="transfer-repeat" prop:value=move || form.repeat.get().value()
                    on:change=move |ev| { form.repeat.set(Repeat::from_value(&event_target_value(&ev))); form.changed(Field::Count, false); }>
                    {Repeat::ALL.map(|r| view! { <option value=r.value() selected=move || form.repeat.get() == r>{r.label()}</option> }).collect_view()}
                </select>
            </div>
            {count_field}
        </fieldset>
    }
}
