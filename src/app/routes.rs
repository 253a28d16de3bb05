//! Every route of the app; unknown paths render the 404 page. Everything but `/login` and `/callback`
//! needs a signed-in customer.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use crate::app::auth_context::RequireAuth;
use crate::pages::{
    AccountDetail, Callback, Dashboard, Login, Monitoring, NewTransfer, NotFound, TransferHistory,
    TransferStatusPage,
};

/// The route table; every route renders an `AnyView`, so the router is instantiated once for all of them
/// (docs/size.md). Static segments (`/transfers/new`, `/transfers/history`) are listed before `/transfers/:id`.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFound /> }.into_any()>
            <Route path=path!("/") view=|| view! { <RequireAuth><Dashboard /></RequireAuth> }.into_any() />
            <Route path=path!("/login") view=|| view! { <Login /> }.into_any() />
            <Route path=path!("/callback") view=|| view! { <Callback /> }.into_any() />
            <Route path=path!("/accounts/:id") view=|| view! { <RequireAuth><AccountDetail /></RequireAuth> }.into_any() />
            <Route path=path!("/transfers/new") view=|| view! { <RequireAuth><NewTransfer /></RequireAuth> }.into_any() />
            <Route path=path!("/transfers/history") view=|| view! { <RequireAuth><TransferHistory /></RequireAuth> }.into_any() />
            <Route path=path!("/transfers/:id") view=|| view! { <RequireAuth><TransferStatusPage /></RequireAuth> }.into_any() />
            <Route path=path!("/monitoring") view=|| view! { <RequireAuth><Monitoring /></RequireAuth> }.into_any() />
        </Routes>
    }
}
