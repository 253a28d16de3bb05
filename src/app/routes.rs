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

/// One screen as a route view (behind the guard unless `open`): loaded on demand, as its own wasm chunk, with the
/// `split` feature.
macro_rules! lazy_screen {
    ($route:ident, $page:ident) => {
        lazy_screen!($route, view! { <RequireAuth><$page /></RequireAuth> });
    };
    ($route:ident, open $page:ident) => {
        lazy_screen!($route, view! { <$page /> });
    };
    ($route:ident, $view:expr) => {
        #[doc = concat!("`", stringify!($route), "`: a screen as a lazily loaded route.")]
        #[cfg(feature = "split")]
        pub struct $route;

        #[cfg(feature = "split")]
        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(this: Self) -> AnyView {
                let _ = this;
                $view.into_any()
            }
        }
    };
}

lazy_screen!(AccountDetailRoute, AccountDetail);
lazy_screen!(NewTransferRoute, NewTransfer);
lazy_screen!(TransferHistoryRoute, TransferHistory);
lazy_screen!(TransferStatusRoute, TransferStatusPage);
lazy_screen!(MonitoringRoute, Monitoring);
lazy_screen!(LoginRoute, open Login);
lazy_screen!(CallbackRoute, open Callback);

/// The split build's route table: the dashboard in the main module, every other screen lazy (sign-in and the
/// callback too: a returning customer needs neither).
#[cfg(feature = "split")]
#[component]
pub fn AppRoutes() -> impl IntoView {
    use leptos_router::Lazy;
    view! {
        <Routes fallback=|| view! { <NotFound /> }.into_any()>
            <Route path=path!("/") view=|| view! { <RequireAuth><Dashboard /></RequireAuth> }.into_any() />
            <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} />
            <Route path=path!("/callback") view={Lazy::<CallbackRoute>::new()} />
            <Route path=path!("/accounts/:id") view={Lazy::<AccountDetailRoute>::new()} />
            <Route path=path!("/transfers/new") view={Lazy::<NewTransferRoute>::new()} />
            <Route path=path!("/transfers/history") view={Lazy::<TransferHistoryRoute>::new()} />
            <Route path=path!("/transfers/:id") view={Lazy::<TransferStatusRoute>::new()} />
            <Route path=path!("/monitoring") view={Lazy::<MonitoringRoute>::new()} />
        </Routes>
    }
}

/// The route table; every route renders an `AnyView`, so the router is instantiated once for all of them
/// (docs/size.md). Static segments (`/transfers/new`, `/transfers/history`) are listed before `/transfers/:id`.
#[cfg(not(feature = "split"))]
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
