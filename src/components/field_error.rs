//! A field's error text, wired to its input: the input gets `aria-invalid` and `aria-describedby` pointing at
//! the text (use [`error_id`], [`aria_invalid`] and [`described_by`] on the input).

use leptos::prelude::*;

/// The id of the error text of the input with id `field_id`.
pub fn error_id(field_id: &str) -> String {
    format!("{field_id}-error")
}

/// The input's `aria-invalid` value.
pub fn aria_invalid(error: Option<&str>) -> &'static str {
    if error.is_some() { "true" } else { "false" }
}

/// The input's `aria-describedby`: its hint (if any) and, while there is one, its error text.
pub fn described_by(field_id: &str, hint_id: Option<&str>, has_error: bool) -> Option<String> {
    let error = has_error.then(|| error_id(field_id));
    let ids: Vec<String> = hint_id
        .map(str::to_owned)
        .into_iter()
        .chain(error)
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The error text under the input `field_id`, present only while `error` holds a message.
#[component]
pub fn FieldError(
    /// The input's element id.
    #[prop(into)]
    field_id: String,
    /// The message to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = error_id(&field_id);
    move || {
        error
            .get()
            .map(|message| view! { <p id=id.clone() class="field-error">{message}</p> })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_points_at_its_hint_and_error() {
        assert_eq!(error_id("amount"), "amount-error");
        assert_eq!(aria_invalid(Some("Enter an amount.")), "true");
        assert_eq!(aria_invalid(None), "false");
        assert_eq!(described_by("amount", None, false), None);
        assert_eq!(
            described_by("amount", None, true).as_deref(),
            Some("amount-error")
        );
        assert_eq!(
            described_by("amount", Some("amount-hint"), true).as_deref(),
            Some("amount-hint amount-error")
        );
    }
}
