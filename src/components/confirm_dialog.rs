//! A modal confirmation dialog: `role="dialog"`, `aria-modal`, labelled by its title and described by its
//! message; focus moves into it, Tab stays inside, Escape cancels, and focus returns to the opener on close.
//! An optional required "reason" field is handed to `on_confirm`; `busy` and `error` show the action's progress
//! and the server's refusal. Render it only while it is open (e.g. inside `<Show>`).

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// Shown under the reason field when it is left empty.
pub const REASON_REQUIRED: &str = "Please give a reason.";

/// Numbers the dialogs so their element ids are unique on the page.
static NEXT_DIALOG: AtomicUsize = AtomicUsize::new(1);

/// The confirmation dialog; `on_confirm` gets the trimmed reason when `reason_label` is set, else `None`.
#[component]
pub fn ConfirmDialog(
    /// The dialog's heading (its accessible name).
    #[prop(into)]
    title: String,
    /// The question or explanation (its accessible description).
    #[prop(optional, into)]
    message: Option<String>,
    /// More content under the message (also part of the description).
    #[prop(optional)]
    children: Option<Children>,
    /// The confirm button's text, e.g. "Cancel transfer".
    #[prop(into)]
    confirm_label: String,
    /// The dismiss button's text; "Keep it" unless given.
    #[prop(optional, into)]
    dismiss_label: Option<String>,
    /// When set, a required "reason" textarea with this label.
    #[prop(optional, into)]
    reason_label: Option<String>,
    /// True while the confirmed action runs: buttons disabled, Escape ignored.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// The server's refusal (or any failure of the action), shown in the dialog.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Styles the confirm button as destructive.
    #[prop(optional)]
    danger: bool,
    /// Called with the reason (if asked for) when the customer confirms.
    on_confirm: Callback<Option<String>>,
    /// Called when the customer dismisses the dialog (button or Escape).
    on_cancel: Callback<()>,
) -> impl IntoView {
    let n = NEXT_DIALOG.fetch_add(1, Ordering::Relaxed);
    let ids = DialogIds::new(n);
    let panel = NodeRef::<html::Div>::new();
    let reason_field = NodeRef::<html::Textarea>::new();
    let dismiss_button = NodeRef::<html::Button>::new();
    let confirm_button = NodeRef::<html::Button>::new();
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<&'static str>);
    let asks_reason = reason_label.is_some();
    let focusables = move || focusable_elements(busy, reason_field, dismiss_button, confirm_button);

    return_focus_on_close();
    Effect::new(move |_| {
        if busy.get() {
            panel.with(|p| p.as_ref().map(|p| p.focus()));
        } else if let Some(first) = focusables().into_iter().next() {
            let _ = first.focus();
        }
    });

    let confirm = move |_| {
        if !asks_reason {
            on_confirm.run(None);
            return;
        }
        match required_reason(&reason.get_untracked()) {
            Ok(text) => {
                reason_error.set(None);
                on_confirm.run(Some(text));
            }
            Err(message) => {
                reason_error.set(Some(message));
                reason_field.with(|f| f.as_ref().map(|f| f.focus()));
            }
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" if !busy.get_untracked() => {
            ev.prevent_default();
            on_cancel.run(());
        }
        "Escape" => ev.prevent_default(),
        "Tab" => trap_tab(&ev, &focusables()),
        _ => {}
    };

    let reason_view = reason_label.map(|label| {
        let (field_id, error_id) = (ids.reason.clone(), ids.reason_error.clone());
        view! {
            <div class="field">
                <label for=field_id.clone()>{label}</label>
                <textarea id=field_id node_ref=reason_field rows="3" required aria-required="true"
                    aria-invalid=move || if reason_error.get().is_some() { "true" } else { "false" }
                    aria-describedby=move || reason_error.get().map(|_| error_id.clone())
                    disabled=busy
                    prop:value=move || reason.get()
                    on:input=move |ev| { reason.set(event_target_value(&ev)); reason_error.set(None); }
                ></textarea>
                {
                    let error_id = ids.reason_error.clone();
                    move || reason_error.get().map(|m| view! { <p id=error_id.clone() class="field-error">{m}</p> })
                }
            </div>
        }
    });
    let confirm_class = if danger {
        "button danger"
    } else {
        "button primary"
    };
    view! {
        <div class="confirm-dialog-backdrop">
            <div class="confirm-dialog" role="dialog" aria-modal="true" tabindex="-1" node_ref=panel
                aria-labelledby=ids.title.clone() aria-describedby=ids.description.clone()
                aria-busy=move || busy.get().to_string() on:keydown=on_key>
                <h2 id=ids.title.clone()>{title}</h2>
                <div id=ids.description.clone() class="confirm-dialog-body">
                    {message.map(|m| view! { <p>{m}</p> })}
                    {children.map(|c| c())}
                </div>
                {reason_view}
                {move || error.get().map(|e| view! { <p class="banner error confirm-dialog-error" role="alert">{e}</p> })}
                <div class="confirm-dialog-actions">
                    <button type="button" class="button" node_ref=dismiss_button disabled=busy
                        on:click=move |_| on_cancel.run(())>{dismiss_label.unwrap_or_else(|| "Keep it".to_owned())}</button>
                    <button type="button" class=confirm_class node_ref=confirm_button disabled=busy on:click=confirm>
                        {move || if busy.get() { "Working…".to_owned() } else { confirm_label.clone() }}
                    </button>
                </div>
            </div>
        </div>
    }
}

/// The element ids one dialog uses for its ARIA wiring.
struct DialogIds {
    /// The heading (aria-labelledby).
    title: String,
    /// The message (aria-describedby).
    description: String,
    /// The reason textarea.
    reason: String,
    /// The reason's error text.
    reason_error: String,
}

impl DialogIds {
    /// Ids for dialog number `n`.
    fn new(n: usize) -> Self {
        DialogIds {
            title: format!("confirm-dialog-{n}-title"),
            description: format!("confirm-dialog-{n}-description"),
            reason: format!("confirm-dialog-{n}-reason"),
            reason_error: format!("confirm-dialog-{n}-reason-error"),
        }
    }
}

/// The trimmed reason, or the message asking for one when it is blank.
pub fn required_reason(text: &str) -> Result<String, &'static str> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err(REASON_REQUIRED)
    } else {
        Ok(trimmed.to_owned())
    }
}

/// Where Tab must go instead of leaving the dialog: `Some(index)` to wrap around, `None` to let the browser move.
/// `current` is the focused element's index among the `count` focusable ones (`None`: focus is elsewhere).
pub fn wrapped_focus(count: usize, current: Option<usize>, backwards: bool) -> Option<usize> {
    let last = count.checked_sub(1)?;
    match (current, backwards) {
        (None, false) => Some(0),
        (None, true) => Some(last),
        (Some(0), true) => Some(last),
        (Some(i), false) if i >= last => Some(0),
        _ => None,
    }
}

/// The dialog's focusable controls in tab order (none while busy: everything is disabled).
fn focusable_elements(
    busy: Signal<bool>,
    reason: NodeRef<html::Textarea>,
    dismiss: NodeRef<html::Button>,
    confirm: NodeRef<html::Button>,
) -> Vec<web_sys::HtmlElement> {
    if busy.get_untracked() {
        return Vec::new();
    }
    let reason = reason.get_untracked().map(Into::into);
    let dismiss = dismiss.get_untracked().map(Into::into);
    let confirm = confirm.get_untracked().map(Into::into);
    [reason, dismiss, confirm].into_iter().flatten().collect()
}

/// Keeps Tab / Shift+Tab inside the dialog.
fn trap_tab(ev: &leptos::ev::KeyboardEvent, focusables: &[web_sys::HtmlElement]) {
    let active = document().active_element();
    let current = focusables.iter().position(|el| {
        let el: &web_sys::Element = el.as_ref();
        active.as_ref() == Some(el)
    });
    if focusables.is_empty() {
        ev.prevent_default();
    } else if let Some(index) = wrapped_focus(focusables.len(), current, ev.shift_key()) {
        ev.prevent_default();
        let _ = focusables[index].focus();
    }
}

/// Remembers the focused element now and focuses it again when the dialog goes away; if it left the page
/// meanwhile (e.g. the row it was in was re-rendered), the page's heading gets focus instead.
fn return_focus_on_close() {
    let opener = SendWrapper::new(focused_element());
    on_cleanup(move || {
        let opener = opener.take().filter(|el| el.is_connected());
        let target = opener.or_else(page_heading);
        if let Some(target) = target {
            let _ = target.focus();
        }
    });
}

/// The element that has focus, if any.
fn focused_element() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    document()
        .active_element()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
}

/// The page's `<h1>` (which `PageHeading` makes focusable).
fn page_heading() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_reason_is_refused_and_a_given_one_trimmed() {
        assert_eq!(required_reason("  \n "), Err(REASON_REQUIRED));
        assert_eq!(required_reason(""), Err(REASON_REQUIRED));
        assert_eq!(
            required_reason("  wrong amount "),
            Ok("wrong amount".to_owned())
        );
    }

    #[test]
    fn tab_wraps_at_both_ends_and_enters_from_outside() {
        assert_eq!(wrapped_focus(3, Some(2), false), Some(0));
        assert_eq!(wrapped_focus(3, Some(0), true), Some(2));
        assert_eq!(wrapped_focus(3, Some(0), false), None);
        assert_eq!(wrapped_focus(3, Some(1), true), None);
        assert_eq!(wrapped_focus(3, None, false), Some(0));
        assert_eq!(wrapped_focus(3, None, true), Some(2));
        assert_eq!(wrapped_focus(1, Some(0), false), Some(0));
        assert_eq!(wrapped_focus(0, None, false), None);
    }
}
