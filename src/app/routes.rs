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

#[cfg(feature = "split")]
use crate::app::lazy_screen::{LazyScreen, RenderScreen, ScreenFuture, ScreenLoadError};

/// Declares `$loader`, which loads `$page` from the chunk `$chunk` of the split build (docs/code-splitting.md).
/// `$preload` downloads that chunk without showing the screen.
macro_rules! lazy_screen {
    ($loader:ident, $chunk:ident, $page:ident $(, $preload:ident)?) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible
            $(, preload(#[doc = concat!("Downloads the code of `", stringify!($page), "`.")] $preload))?
        )]
        fn $chunk() -> Result<RenderScreen, ScreenLoadError> {
            Ok(|| view! { <$page /> }.into_any())
        }

        #[doc = concat!("Loads `", stringify!($page), "` from its chunk.")]
        #[cfg(feature = "split")]
        fn $loader() -> ScreenFuture {
            Box::pin($chunk())
        }
    };
}

lazy_screen!(
    account_detail,
    account_detail_chunk,
    AccountDetail,
    preload_account_detail
);
lazy_screen!(
    new_transfer,
    new_transfer_chunk,
    NewTransfer,
    preload_new_transfer
);
lazy_screen!(
    transfer_history,
    transfer_history_chunk,
    TransferHistory,
    preload_history
);
lazy_screen!(
    transfer_status,
    transfer_status_chunk,
    TransferStatusPage,
    preload_status
);
lazy_screen!(monitoring, monitoring_chunk, Monitoring);
lazy_screen!(login, login_chunk, Login);
lazy_screen!(callback, callback_chunk, Callback);

/// Downloads, one after the other, the code of the screens the dashboard links to, so opening one does not wait
/// for the network. For browsers whose page no service worker precaches (the worker downloads every chunk of
/// the build when it installs). A download that fails is left for the screen itself to retry.
#[cfg(target_arch = "wasm32")]
pub async fn prefetch_screens() {
    #[cfg(feature = "split")]
    {
        let _ = preload_account_detail().await;
        let _ = preload_new_transfer().await;
        let _ = preload_history().await;
        let _ = preload_status().await;
    }
}

/// The split build's route table: the dashboard in the main module, every other screen a chunk (sign-in and the
/// callback too: a returning customer needs neither). The guard stays in the main module, so a signed-out
/// customer is sent to sign in without downloading the screen first.
#[cfg(feature = "split")]
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFound /> }.into_any()>
            <Route path=path!("/") view=|| view! { <RequireAuth><Dashboard /></RequireAuth> }.into_any() />
            <Route path=path!("/login") view=|| view! { <LazyScreen load=login /> }.into_any() />
            <Route path=path!("/callback") view=|| view! { <LazyScreen load=callback /> }.into_any() />
            <Route path=path!("/accounts/:id") view=|| view! { <RequireAuth><LazyScreen load=account_detail /></RequireAuth> }.into_any() />
            <Route path=path!("/transfers/new") view=|| view! { <RequireAuth><LazyScreen load=new_transfer /></RequireAuth> }.into_any() />
            <Route path=path!("/transfers/history") view=|| view! { <RequireAuth><LazyScreen load=transfer_history /></RequireAuth> }.into_any() />
            <Route path=path!("/transfers/:id") view=|| view! { <RequireAuth><LazyScreen load=transfer_status /></RequireAuth> }.into_any() />
            <Route path=path!("/monitoring") view=|| view! { <RequireAuth><LazyScreen load=monitoring /></RequireAuth> }.into_any() />
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
