//! `use_live_updates`: the realtime connection's state and the system alerts, for the status dot and banners.

use leptos::prelude::*;

use crate::app::live_updates::LiveUpdates;

/// Live updates from context; `None` where the shell did not start them (outside a browser, some tests).
pub fn use_live_updates() -> Option<LiveUpdates> {
    use_context::<LiveUpdates>()
}
