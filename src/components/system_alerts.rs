//! Banners for the bank's `alert:system` messages: critical ones interrupt (`role="alert"`), the others are
//! announced politely (`role="status"`); each can be dismissed.

use leptos::prelude::*;

use crate::app::hooks::use_live_updates;
use crate::services::realtime::AlertLevel;

/// CSS class and ARIA role of a banner of `level`.
pub fn banner_look(level: AlertLevel) -> (&'static str, &'static str) {
    match level {
        AlertLevel::Info => ("info", "status"),
        AlertLevel::Warning => ("warning", "status"),
        AlertLevel::Critical => ("critical", "alert"),
    }
}

/// The banners of live updates from context (none outside a browser).
#[component]
pub fn SystemAlerts() -> impl IntoView {
    let live = use_live_updates();
    let shown = move || live.map(|live| live.alerts.get()).unwrap_or_default();
    view! {
        <div class="system-alerts">
            <For each=shown key=|shown| shown.id let:shown>
                {
                    let (class, role) = banner_look(shown.alert.level);
                    let dismiss = move |_| {
                        if let Some(live) = live {
                            live.dismiss(shown.id);
                        }
                    };
                    view! {
                        <div class=format!("system-alert {class}") role=role>
                            <p>{shown.alert.message.clone()}</p>
                            <button type="button" class="button" aria-label="Dismiss alert" on:click=dismiss>"×"</button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_critical_alerts_interrupt() {
        assert_eq!(banner_look(AlertLevel::Critical), ("critical", "alert"));
        assert_eq!(banner_look(AlertLevel::Warning).1, "status");
        assert_eq!(banner_look(AlertLevel::Info).1, "status");
    }
}
