//! Offline support: the app's side of the service worker (public/sw.js, see docs/offline.md) — request
//! headers and answers (interceptor), the offline state, the worker's messages, and the banners.

mod clock_time;
mod offline_banner;
mod offline_context;
mod offline_state;
mod offline_store;
mod sw_interceptor;
mod update_banner;
mod worker_message;

#[cfg(target_arch = "wasm32")]
mod browser;

pub use clock_time::format_hh_mm;
pub use offline_banner::OfflineBanner;
pub use offline_context::OfflineContext;
pub use offline_state::OfflineState;
pub use offline_store::OfflineStore;
pub use sw_interceptor::{
    CACHE_HEADER, CACHED_AT_HEADER, OFFLINE_ROUTES, PageSource, SUBJECT_HEADER,
    ServiceWorkerInterceptor, SubjectSource,
};
pub use update_banner::UpdateBanner;
pub use worker_message::WorkerMessage;

#[cfg(target_arch = "wasm32")]
pub use browser::ServiceWorkerLink;
