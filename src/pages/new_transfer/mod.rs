//! `/transfers/new`: the form (validated as the customer types), the server's `validate` on Continue, a
//! confirmation step with fee and arrival, then the transfer, sent once under the intent's idempotency key,
//! and the status page. A future date schedules it instead (optionally repeating).

mod amount_input;
mod draft;
mod edit_step;
mod field;
mod form_state;
mod review_step;
mod schedule_input;

use digibank_api_types::{Account, FieldError, Transfer, TransferValidation};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use send_wrapper::SendWrapper;

use crate::app::context::use_app_services;
use crate::app::hooks::{use_accounts, use_create_transfer, use_schedule_transfer};
use crate::components::{ErrorPanel, PageHeading, error_text};
use crate::services::http::ApiError;
use crate::services::keys::TransferKey;
use crate::services::query::{MutationStatus, ToQueryKey, use_query_client};
use draft::{Submission, validate_draft};
use edit_step::EditStep;
use field::{Field, FieldErrors};
use form_state::TransferForm;
use review_step::{Review, ReviewStep};

/// Server error codes `validate` reports that do not apply to a scheduled transfer (funds are checked when
/// it runs).
const CHECKED_AT_EXECUTION: [&str; 2] = ["insufficient_funds", "daily_limit"];

/// Where the customer is in the flow.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// Filling in the form.
    Edit,
    /// Confirming what the server checked.
    Review(Review),
}

/// New transfer screen.
#[component]
pub fn NewTransfer() -> impl IntoView {
    let accounts = use_accounts();
    let loaded = move || accounts.data.with(Option::is_some);
    let list = Signal::derive(move || accounts.data.get().unwrap_or_default());
    let failed = move || {
        accounts.error.get().map(|error| {
            view! { <ErrorPanel error what="your accounts" retry=move || accounts.refetch.run(()) /> }
        })
    };
    view! {
        <section class="new-transfer stack">
            <PageHeading title="New transfer" />
            <Show when=loaded fallback=move || failed().map_or_else(
                || view! { <p class="muted" role="status">"Loading your accounts…"</p> }.into_any(),
                IntoAny::into_any)>
                <TransferFlow accounts=list />
            </Show>
        </section>
    }
}

/// The form, the confirmation and the submission, for one transfer intent.
#[component]
fn TransferFlow(accounts: Signal<Vec<Account>>) -> impl IntoView {
    let services = SendWrapper::new(use_app_services());
    let cache = SendWrapper::new(use_query_client::<ApiError>());
    let navigate = use_navigate();
    let today = today_utc();
    let form = TransferForm::new(accounts, today.clone());
    preselect_source(form, accounts);
    let step = RwSignal::new(Step::Edit);
    let checking = RwSignal::new(false);
    let send_error = RwSignal::new(None::<String>);
    let create = use_create_transfer();
    let schedule = use_schedule_transfer(create.intent_key);
    let sending =
        Signal::derive(move || create.mutation.is_pending.get() || schedule.is_pending.get());

    let on_continue = {
        let services = services.clone();
        Callback::new(move |()| {
            if checking.get_untracked() {
                return;
            }
            form.attempt();
            let submission = accounts
                .with_untracked(|list| validate_draft(&form.draft_untracked(), list, &today_utc()));
            match submission {
                Err(_) => focus_field(form.first_error_untracked()),
                Ok(submission) => check_with_server(&services, form, submission, checking, step),
            }
        })
    };
    let on_back = Callback::new(move |()| {
        send_error.set(None);
        step.set(Step::Edit);
    });
    let on_confirm = Callback::new(move |()| {
        let Step::Review(review) = step.get_untracked() else {
            return;
        };
        let busy = |status: MutationStatus| {
            matches!(status, MutationStatus::Pending | MutationStatus::Success)
        };
        if busy(create.mutation.status.get_untracked()) || busy(schedule.status.get_untracked()) {
            return;
        }
        send_error.set(None);
        match review.submission {
            Submission::Now(request) => create.mutation.mutate.run(request),
            Submission::Later(request) => schedule.mutate.run(request),
        }
    });

    let done = move |transfer: Transfer| {
        cache.set_query_data(
            &TransferKey(transfer.id.clone()).to_query_key(),
            Some(transfer.clone()),
        );
        navigate(&format!("/transfers/{}", transfer.id), Default::default());
    };
    let done_too = done.clone();
    Effect::new(move |_| create.mutation.data.get().map(&done));
    Effect::new(move |_| schedule.data.get().map(&done_too));
    let failed = move |error: ApiError| {
        services.report(&error);
        if error.field_errors().is_empty() {
            send_error.set(Some(error_text(&error)));
        } else {
            place_server_errors(form, error.field_errors());
            step.set(Step::Edit);
            focus_field(form.first_error_untracked());
        }
    };
    let failed_too = failed.clone();
    Effect::new(move |_| create.mutation.error.get().map(&failed));
    Effect::new(move |_| schedule.error.get().map(&failed_too));

    let first_schedulable_day = next_day(&today);
    move || match step.get() {
        Step::Edit => view! {
            <EditStep form accounts first_schedulable_day=first_schedulable_day.clone()
                checking=checking.into() on_continue />
        }
        .into_any(),
        Step::Review(review) => view! {
            <ReviewStep review accounts sending error=send_error.into() on_back on_confirm />
        }
        .into_any(),
    }
}

/// Calls `POST /transfers/validate`: valid → the confirmation step; refused → the errors next to their fields.
fn check_with_server(
    services: &SendWrapper<crate::app::context::AppServices>,
    form: TransferForm,
    submission: Submission,
    checking: RwSignal<bool>,
    step: RwSignal<Step>,
) {
    let services = (**services).clone();
    checking.set(true);
    spawn_local(async move {
        let verdict = services
            .transfers
            .validate_transfer(submission.transfer())
            .await;
        checking.set(false);
        match verdict {
            Ok(validation) => {
                let scheduled = matches!(submission, Submission::Later(_));
                let errors = relevant_errors(&validation, scheduled);
                if errors.is_empty() {
                    step.set(Step::Review(Review {
                        submission,
                        validation,
                    }));
                } else {
                    place_server_errors(form, &errors);
                    focus_field(form.first_error_untracked());
                }
            }
            Err(error) => {
                services.report(&error);
                place_server_errors(form, error.field_errors());
            }
        }
    });
}

/// The server's objections that apply: all of them for a transfer now, not the funds checks for a later one.
fn relevant_errors(validation: &TransferValidation, scheduled: bool) -> Vec<FieldError> {
    validation
        .errors
        .iter()
        .filter(|e| !(scheduled && CHECKED_AT_EXECUTION.contains(&e.code.as_str())))
        .cloned()
        .collect()
}

/// Shows the server's field errors next to their fields (the rest above the form).
fn place_server_errors(form: TransferForm, errors: &[FieldError]) {
    let (placed, general) = FieldErrors::from_server(errors);
    form.show_server_errors(placed, general);
}

/// Chooses the first source account when there is only one sensible default (the first open one).
fn preselect_source(form: TransferForm, accounts: Signal<Vec<Account>>) {
    let first =
        accounts.with_untracked(|list| draft::source_accounts(list).first().map(|a| a.id.clone()));
    if let Some(id) = first {
        form.from.set(id);
    }
}

/// Moves focus to `field`'s input once the page has rendered.
fn focus_field(field: Option<Field>) {
    let Some(field) = field else {
        return;
    };
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(input) = document()
            .get_element_by_id(field.id())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.focus();
        }
    });
}

/// Today's date in UTC, `YYYY-MM-DD` (the browser's clock).
fn today_utc() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.get(..10).unwrap_or_default().to_owned()
}

/// The day after `date` (`YYYY-MM-DD`), for the date input's `min`; empty if `date` is not a date.
fn next_day(date: &str) -> String {
    let parsed = js_sys::Date::new(&format!("{date}T12:00:00Z").into());
    parsed.set_utc_date(parsed.get_utc_date() + 1);
    let iso: String = parsed.to_iso_string().into();
    iso.get(..10).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use digibank_api_types::Amount;

    use super::*;

    #[test]
    fn a_scheduled_transfer_ignores_the_checks_made_when_it_runs() {
        let validation = TransferValidation {
            valid: false,
            errors: vec![
                FieldError::new("amount", "daily_limit", "limit"),
                FieldError::new("amount", "insufficient_funds", "funds"),
                FieldError::new("toAccountId", "invalid", "bad"),
            ],
            fee: Amount::ZERO,
            estimated_arrival: String::new(),
        };
        assert_eq!(relevant_errors(&validation, false).len(), 3);
        let later = relevant_errors(&validation, true);
        assert_eq!(later.len(), 1);
        assert_eq!(later[0].code, "invalid");
    }
}
