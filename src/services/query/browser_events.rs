//! Thin wiring from browser events (visibility, online, focus) to the client's event methods.

use leptos::prelude::{WindowListenerHandle, document, window_event_listener_untyped};

use super::client::QueryClient;
use super::error::QueryError;

/// The registered listeners; dropping this removes them.
pub struct BrowserEvents {
    handles: Vec<WindowListenerHandle>,
}

impl Drop for BrowserEvents {
    fn drop(&mut self) {
        for handle in self.handles.drain(..) {
            handle.remove();
        }
    }
}

/// Forwards `visibilitychange`, `online` and `focus` to `client` and reports the current visibility.
pub fn connect_browser_events<E: QueryError>(client: &QueryClient<E>) -> BrowserEvents {
    client.on_visibility_change(document().hidden());
    let visibility = client.clone();
    let online = client.clone();
    let focus = client.clone();
    BrowserEvents {
        handles: vec![
            window_event_listener_untyped("visibilitychange", move |_| {
                visibility.on_visibility_change(document().hidden())
            }),
            window_event_listener_untyped("online", move |_| online.on_online()),
            window_event_listener_untyped("focus", move |_| focus.on_focus()),
        ],
    }
}
