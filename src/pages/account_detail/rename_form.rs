//! Rename in place: the bank's name rules checked as the customer types, the new name shown at once
//! (optimistic), and on refusal the old name back with the bank's reason next to the input.

use digibank_api_types::Account;
use leptos::html;
use leptos::prelude::*;

use super::account_name::validate_account_name;
use crate::app::context::use_app_services;
use crate::app::hooks::{RenameAccount, use_update_account};
use crate::components::error_text;
use crate::services::errors::Level;
use crate::services::http::ApiError;

/// The "Rename" button, and the form that replaces it while editing.
#[component]
pub fn RenameForm(account: Signal<Account>) -> impl IntoView {
    let rename = use_update_account();
    let notifications = use_app_services().notifications;
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let server_error = RwSignal::new(None::<String>);
    let attempted = RwSignal::new(String::new());
    let input = NodeRef::<html::Input>::new();
    let opener = NodeRef::<html::Button>::new();
    let client_error = Memo::new(move |_| {
        validate_account_name(&draft.read())
            .err()
            .map(|e| e.to_string())
    });
    let error = Signal::derive(move || server_error.get().or_else(|| client_error.get()));

    let open = move |_| {
        draft.set(account.read_untracked().name.clone());
        server_error.set(None);
        editing.set(true);
    };
    let close = move || {
        editing.set(false);
        focus_later(move || opener.get_untracked().map(Into::into));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(name) = validate_account_name(&draft.get_untracked()) else {
            focus_later(move || input.get_untracked().map(Into::into));
            return;
        };
        if name != account.read_untracked().name {
            attempted.set(draft.get_untracked());
            rename.mutate.run(RenameAccount {
                account_id: account.read_untracked().id.clone(),
                name,
            });
        }
        close();
    };
    // Refused: the cache already rolled the name back; reopen with what was typed and the bank's reason.
    Effect::watch(
        move || rename.error.get(),
        move |failure, _, _| {
            if let Some(failure) = failure {
                draft.set(attempted.get_untracked());
                server_error.set(Some(name_problem(failure)));
                editing.set(true);
            }
        },
        false,
    );
    Effect::watch(
        move || rename.data.get(),
        move |renamed, _, _| {
            if let Some(renamed) = renamed {
                notifications.push(
                    Level::Info,
                    format!("Account renamed to “{}”.", renamed.name),
                );
            }
        },
        false,
    );
    Effect::new(move |_| {
        if editing.get() {
            focus_later(move || input.get_untracked().map(Into::into));
        }
    });

    move || {
        if !editing.get() {
            return view! {
                <button type="button" class="button" node_ref=opener on:click=open
                    disabled=move || rename.is_pending.get()>"Rename"</button>
            }
            .into_any();
        }
        view! {
            <form class="rename-form card" on:submit=submit aria-label="Rename account">
                <div class="field">
                    <label for="account-name">"Account name"</label>
                    <input id="account-name" type="text" node_ref=input autocomplete="off" required
                        prop:value=draft
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby=move || if error.get().is_some() { "account-name-hint account-name-error" } else { "account-name-hint" }
                        on:input=move |ev| { draft.set(event_target_value(&ev)); server_error.set(None); }
                        on:keydown=move |ev| if ev.key() == "Escape" { ev.prevent_default(); close(); } />
                    <p id="account-name-hint" class="field-hint">"Up to 40 letters, digits, spaces and - ' & ."</p>
                    {move || error.get().map(|text| view! { <p id="account-name-error" class="field-error" role="alert">{text}</p> })}
                </div>
                <div class="row">
                    <button type="submit" class="button primary">"Save name"</button>
                    <button type="button" class="button" on:click=move |_| close()>"Cancel"</button>
                </div>
            </form>
        }
        .into_any()
    }
}

/// The bank's reason for refusing the name: its error on the `name` field, else the general message.
fn name_problem(error: &ApiError) -> String {
    error
        .field_errors()
        .iter()
        .find(|f| f.field == "name")
        .map_or_else(|| error_text(error), |f| f.message.clone())
}

/// Focuses the element `find` returns once the DOM has been updated (it may only now be rendered).
fn focus_later(find: impl Fn() -> Option<web_sys::HtmlElement> + 'static) {
    request_animation_frame(move || {
        if let Some(element) = find() {
            let _ = element.focus();
        }
    });
}
