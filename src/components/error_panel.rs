//! An error state with a clear message and a retry button.

use leptos::prelude::*;

use crate::services::errors::{SESSION_MESSAGE, default_notifications};
use crate::services::http::ApiError;

/// The message shown in place of data that could not be loaded.
pub fn error_text(error: &ApiError) -> String {
    if matches!(error, ApiError::Unauthorized { .. }) {
        return SESSION_MESSAGE.to_owned();
    }
    let texts: Vec<String> = default_notifications(error)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    texts.join(" ")
}

/// "Could not load …" with the reason, the request id for support, and a retry button.
#[component]
pub fn ErrorPanel(
    error: ApiError,
    #[prop(into)] what: String,
    retry: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <div class="banner error" role="alert">
            <p><strong>{format!("We could not load {what}.")}</strong> " " {error_text(&error)}</p>
            <p class="muted">"Reference: " <code>{error.request_id().to_string()}</code></p>
            <button type="button" class="button" on:click=move |_| retry()>"Try again"</button>
        </div>
    }
}
