//! The aria-live region where notifications appear as toasts: error / warning / info, auto-dismissed,
//! each with a dismiss button; the same message repeated shows once (the notification center de-duplicates).

use leptos::prelude::*;

use crate::app::context::AppServices;
use crate::services::errors::{Notification, Notifications};

/// The polite live region; renders the notification center from context, if any.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = RwSignal::new(Vec::<Notification>::new());
    let center = use_context::<AppServices>().map(|services| services.notifications);
    if let Some(center) = center.clone() {
        follow(center, toasts);
    }
    let dismiss = move |id: u64| {
        if let Some(center) = &center {
            center.dismiss(id);
        }
    };
    view! {
        <section class="toasts" role="status" aria-live="polite" aria-label="Notifications">
            <For each=move || toasts.get() key=|n| (n.id, n.repeats) let:toast>
                <div class=format!("toast {}", toast.level.as_str())>
                    <p>{toast.message.clone()}</p>
                    <button type="button" aria-label="Dismiss notification" on:click={
                        let dismiss = dismiss.clone();
                        move |_| dismiss(toast.id)
                    }>"×"</button>
                </div>
            </For>
        </section>
    }
}

/// Mirrors the center into `toasts` and expires shown notifications on time.
fn follow(center: Notifications, toasts: RwSignal<Vec<Notification>>) {
    let source = center.clone();
    let subscription = center.subscribe(move || {
        toasts.set(source.snapshot());
        schedule_expiry(source.clone());
    });
    toasts.set(center.snapshot());
    on_cleanup(move || drop(subscription));
}

/// Wakes up when the next notification is due to disappear and removes it.
fn schedule_expiry(center: Notifications) {
    if let Some(due) = center.next_expiry_in() {
        set_timeout(
            move || {
                center.expire();
            },
            due,
        );
    }
}
