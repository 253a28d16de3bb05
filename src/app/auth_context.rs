//! The sign-in service in Leptos context, and the guard that sends signed-out visitors to `/login`.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use send_wrapper::SendWrapper;

use crate::services::auth::{AuthService, GuardDecision, guard_route};

/// The page's one `AuthService` (single-threaded, so wrapped to live in context).
#[derive(Clone)]
pub struct AuthHandle(pub SendWrapper<AuthService>);

/// The sign-in service from context, if the shell provided one (browser tests may not).
pub fn use_auth() -> Option<AuthService> {
    use_context::<AuthHandle>().map(|handle| (*handle.0).clone())
}

/// Shows `children` to a signed-in customer; anyone else goes to `/login?returnTo=<here>`.
#[component]
pub fn RequireAuth(children: ChildrenFn) -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let signed_in = use_auth().is_none_or(|auth| auth.is_authenticated());
    let here = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    if let GuardDecision::RedirectToLogin(login) = guard_route(&here, signed_in) {
        Effect::new(move |_| navigate(&login, Default::default()));
        return view! { <p class="muted">"Redirecting to sign-in…"</p> }.into_any();
    }
    children().into_any()
}
