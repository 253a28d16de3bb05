//! The status dot of live updates in the header: connected, reconnecting or offline, with a text label for
//! screen readers (and a tooltip); nothing while no session is connecting.

use leptos::prelude::*;

use crate::app::hooks::use_live_updates;
use crate::services::realtime::ConnectionState;

/// How the dot shows a connection state: CSS class and label, or nothing.
pub fn link_status(state: ConnectionState) -> Option<(&'static str, &'static str)> {
    match state {
        ConnectionState::Connected => Some(("connected", "Live updates: connected")),
        ConnectionState::Connecting | ConnectionState::Reconnecting { .. } => {
            Some(("reconnecting", "Live updates: reconnecting…"))
        }
        ConnectionState::Offline => Some(("offline", "Live updates: offline")),
        ConnectionState::Disconnected => None,
    }
}

/// The dot, following live updates from context.
#[component]
pub fn ConnectionStatus() -> impl IntoView {
    let live = use_live_updates();
    move || {
        let (class, label) = link_status(live?.status.get())?;
        Some(view! {
            <span class=format!("live-status {class}") data-status=class title=label role="status">
                <span class="live-dot" aria-hidden="true"></span>
                <span class="visually-hidden">{label}</span>
            </span>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_one_of_three_looks_or_none() {
        assert_eq!(
            link_status(ConnectionState::Connected).map(|s| s.0),
            Some("connected")
        );
        assert_eq!(
            link_status(ConnectionState::Connecting).map(|s| s.0),
            Some("reconnecting")
        );
        assert_eq!(
            link_status(ConnectionState::Reconnecting { attempt: 2 }).map(|s| s.0),
            Some("reconnecting")
        );
        assert_eq!(
            link_status(ConnectionState::Offline).map(|s| s.0),
            Some("offline")
        );
        assert_eq!(link_status(ConnectionState::Disconnected), None);
    }
}
