//! "A new version is available — reload": shown when a new service worker waits, so versions never mix
//! silently; the reload lets the new worker take over and loads the new app.

use leptos::prelude::*;

use super::offline_context::OfflineContext;

/// The banner (nothing unless a new version waits).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let context = use_context::<OfflineContext>();
    move || {
        let context = context.clone()?;
        context.read(|s| s.update_waiting()).then(|| {
            let apply = context.clone();
            view! {
                <div class="banner update-banner" role="status">
                    <span>"A new version is available — "</span>
                    <button type="button" class="button primary" on:click=move |_| apply.apply_update()>"reload"</button>
                </div>
            }
        })
    }
}
