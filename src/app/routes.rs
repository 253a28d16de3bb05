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

/// The route table. Static segments (`/transfers/new`, `/transfers/history`) are listed before `/transfers/:id`.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFound /> }>
            <Route path=path!("/") view=|| view! { <RequireAuth><Dashboard /></RequireAuth> } />
            <Route path=path!("/login") view=Login />
            <Route path=path!("/callback") view=Callback />
            <Route path=path!("/accounts/:id") view=|| view! { <RequireAuth><AccountDetail /></RequireAuth> } />
            <Route path=path!("/transfers/new") view=|| view! { <RequireAuth><NewTransfer /></RequireAuth> } />
            <Route path=path!("/transfers/history") view=|| view! { <RequireAuth><TransferHistory /></RequireAuth> } />
            <Route path=path!("/transfers/:id") view=|| view! { <RequireAuth><TransferStatusPage /></RequireAuth> } />
            <Route path=path!("/monitoring") view=|| view! { <RequireAuth><Monitoring /></RequireAuth> } />
        </Routes>
    }
}
