//! `/login`: one sign-in button that starts the OpenID Connect flow and comes back to where the customer was going;
//! while the bank cannot be reached it says so (signing in needs a connection).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use crate::app::auth_context::use_auth;
use crate::app::offline::OfflineContext;
use crate::components::PageHeading;
use crate::services::auth::return_to_from_login_query;

/// The sign-in page.
#[component]
pub fn Login() -> impl IntoView {
    let return_to = return_to_from_login_query(&use_location().search.get_untracked());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let offline = use_context::<OfflineContext>();
    let unreachable = move || offline.as_ref().is_some_and(|o| o.read(|s| s.is_offline()));
    let sign_in = move |_| {
        let Some(auth) = use_auth() else {
            problem.set(Some("Sign-in is not available on this page.".into()));
            return;
        };
        let return_to = return_to.clone();
        busy.set(true);
        spawn_local(async move {
            if let Err(error) = start_sign_in(&auth, &return_to).await {
                problem.set(Some(error));
                busy.set(false);
            }
        });
    };
    view! {
        <section class="login card stack">
            <PageHeading title="Sign in" />
            <p>"Sign in with your digibank identity to see your accounts and move money."</p>
            {move || unreachable().then(|| view! {
                <p class="banner warning login-offline" role="status">
                    "The bank cannot be reached right now. Signing in needs a connection: please try again when you are back online."
                </p>
            })}
            {move || problem.get().map(|text| view! { <p class="banner error" role="alert">{text}</p> })}
            <button type="button" class="button primary" on:click=sign_in disabled=move || busy.get()>
                {move || if busy.get() { "Redirecting…" } else { "Sign in" }}
            </button>
        </section>
    }
}

/// Navigates to the provider (browser only).
async fn start_sign_in(
    auth: &crate::services::auth::AuthService,
    return_to: &str,
) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    return crate::services::auth::browser::sign_in(auth, return_to)
        .await
        .map_err(|e| e.to_string());
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (auth, return_to);
        Err("sign-in needs a browser".into())
    }
}
