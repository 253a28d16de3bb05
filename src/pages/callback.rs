//! `/callback`: finishes the sign-in (state check, code exchange, ID-token verification), then returns to the
//! saved route; clear errors (consent denied, state mismatch) come with a way forward; an unreachable provider
//! (offline: the service worker's `temporarily_unavailable`) leads back to the sign-in page, which says so.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::app::auth_context::use_auth;
use crate::app::offline::OfflineContext;
use crate::components::PageHeading;
use crate::services::auth::{AuthError, login_path};

/// The sign-in callback page.
#[component]
pub fn Callback() -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let offline = use_context::<OfflineContext>();
    if let Some(auth) = use_auth() {
        let back = auth.pending_return_to().unwrap_or_else(|| "/".into());
        spawn_local(async move {
            match finish_sign_in(&auth).await {
                Ok(path) => navigate(&path, Default::default()),
                // A silent attempt found no session at the provider: simply show the sign-in page.
                Err(AuthError::LoginRequired) => navigate(&login_path(&back), Default::default()),
                // The bank cannot be reached: signed out, on the sign-in page with the offline notice.
                Err(error) if error.is_transient() => {
                    if let Some(offline) = &offline {
                        offline.store.update(|state| state.network_failed());
                    }
                    navigate(&login_path(&back), Default::default())
                }
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
    }
    view! {
        <section class="callback stack">
            {move || match problem.get() {
                None => view! {
                    <PageHeading title="Signing you in" />
                    <div class="startup" role="status"><div class="spinner" aria-hidden="true"></div><p>"Completing sign-in…"</p></div>
                }.into_any(),
                Some(text) => view! {
                    <PageHeading title="Sign-in failed" />
                    <p class="banner error" role="alert">{text}</p>
                    <p><A href="/login" attr:class="button primary">"Try signing in again"</A></p>
                }.into_any(),
            }}
        </section>
    }
}

/// Completes the sign-in; the error's text is the message to show.
async fn finish_sign_in(auth: &crate::services::auth::AuthService) -> Result<String, AuthError> {
    #[cfg(target_arch = "wasm32")]
    return crate::services::auth::browser::complete_sign_in(auth).await;
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = auth;
        Err(AuthError::Config("sign-in needs a browser".into()))
    }
}
