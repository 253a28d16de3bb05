//! Every route of the app; unknown paths render the 404 page.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use crate::pages::{
    AccountDetail, Callback, Dashboard, Login, Monitoring, NewTransfer, NotFound, TransferHistory,
    TransferStatusPage,
};

/// The route table. Static segments (`/transfers/new`, `/transfers/history`) are listed before `/transfers/:id`.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFound /> }>
            <Route path=path!("/") view=Dashboard />
            <Route path=path!("/login") view=Login />
            <Route path=path!("/callback") view=Callback />
            <Route path=path!("/accounts/:id") view=AccountDetail />
            <Route path=path!("/transfers/new") view=NewTransfer />
            <Route path=path!("/transfers/history") view=TransferHistory />
            <Route path=path!("/transfers/:id") view=TransferStatusPage />
            <Route path=path!("/monitoring") view=Monitoring />
        </Routes>
    }
}
