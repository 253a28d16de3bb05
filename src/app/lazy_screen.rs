//! A screen whose code is a wasm chunk of the split build (docs/code-splitting.md): fetched when the route is first
//! shown, with "Loading…" meanwhile. A chunk that cannot be fetched (offline, or a new deployment removed it) shows
//! a clear message with "Try again" (the loader keeps no failed attempt) and "Reload digibank" (a reload picks up
//! the new deployment), never a blank page or the crash screen.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use thiserror::Error;

/// Renders a screen once its chunk is loaded (a function inside the chunk).
pub type RenderScreen = fn() -> AnyView;
/// The pending load of one screen's chunk.
pub type ScreenFuture = Pin<Box<dyn Future<Output = Result<RenderScreen, ScreenLoadError>>>>;
/// Starts (or joins, or reuses) the load of one screen's chunk.
pub type ScreenLoader = fn() -> ScreenFuture;

/// What the customer reads when a screen's code could not be downloaded.
pub const SCREEN_LOAD_MESSAGE: &str = "This screen could not be loaded. Check your connection and try again; if digibank was just updated, reload it.";

/// A screen's chunk could not be fetched or instantiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the screen's code could not be downloaded")]
pub struct ScreenLoadError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ScreenLoadError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ScreenLoadError
    }
}

/// The screen `load` delivers; "Loading…" until then, the failure message with its two ways out if it fails.
#[component]
pub fn LazyScreen(load: ScreenLoader) -> impl IntoView {
    let screen = LocalResource::new(load);
    view! {
        <Suspense fallback=|| view! { <p class="muted" role="status">"Loading…"</p> }>
            {move || {
                screen.get().map(|loaded| match loaded {
                    Ok(render) => render(),
                    Err(_) => view! { <ScreenLoadFailed retry=move || screen.refetch() /> }.into_any(),
                })
            }}
        </Suspense>
    }
}

/// The message shown in place of a screen whose chunk failed to load.
#[component]
fn ScreenLoadFailed(retry: impl Fn() + 'static) -> impl IntoView {
    let reload = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <div class="banner error screen-load-failed" role="alert">
            <p>{SCREEN_LOAD_MESSAGE}</p>
            <p>
                <button type="button" class="button primary" on:click=move |_| retry()>"Try again"</button>
                " "
                <button type="button" class="button" on:click=reload>"Reload digibank"</button>
            </p>
        </div>
    }
}
