//! The offline banner: shown while the bank cannot be reached, instead of the browser's error page; on pages
//! showing data from the service worker's cache it says from when ("offline — data from 14:05").

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::clock_time::format_hh_mm;
use super::offline_context::OfflineContext;
use crate::services::http::ApiError;
use crate::services::query::{QueryKey, use_query_client};

/// The banner (nothing while online).
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let context = use_context::<OfflineContext>();
    let location = use_location();
    let queries = send_wrapper::SendWrapper::new(use_query_client::<ApiError>());
    let retry = move || {
        queries.invalidate_queries(&QueryKey::new(Vec::new()));
    };
    let retry = std::sync::Arc::new(retry);
    move || {
        let context = context.clone()?;
        let page = location.pathname.get();
        let (offline, data_from) = context.read(|s| (s.is_offline(), s.data_from(&page)));
        offline.then(|| {
            let text = match data_from {
                Some(at) => format!(
                    "You are offline — data from {}. It refreshes when the bank can be reached again.",
                    format_hh_mm(at, local_utc_offset_minutes())
                ),
                None => "You are offline. What you see may be out of date; it refreshes when the bank can be reached again.".to_owned(),
            };
            let retry = retry.clone();
            view! {
                <div class="banner warning offline-banner" role="status">
                    <span>{text}</span>
                    " "
                    <button type="button" class="button" on:click=move |_| retry()>"Try again"</button>
                </div>
            }
        })
    }
}

/// Minutes east of UTC of the browser's time zone (UTC off the browser).
fn local_utc_offset_minutes() -> i32 {
    #[cfg(target_arch = "wasm32")]
    return -(js_sys::Date::new_0().get_timezone_offset() as i32);
    #[cfg(not(target_arch = "wasm32"))]
    return 0;
}
