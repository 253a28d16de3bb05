//! `/monitoring`: this browser's own API figures (per-endpoint counts, failures, p50/p95 latency, the last failed
//! calls with their request ids) and the query cache's entries, like a small devtools panel. Refreshed every 2 s.

use std::time::Duration;

use leptos::prelude::*;

use crate::app::context::use_app_services;
use crate::components::PageHeading;
use crate::services::http::{ApiError, MetricsSnapshot};
use crate::services::query::{EntrySnapshot, use_query_client};

/// How often the panel re-reads the figures.
const REFRESH: Duration = Duration::from_secs(2);

/// The monitoring page.
#[component]
pub fn Monitoring() -> impl IntoView {
    let metrics = use_app_services().client.metrics().clone();
    let cache = send_wrapper::SendWrapper::new(use_query_client::<ApiError>());
    let tick = RwSignal::new(0u64);
    if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), REFRESH) {
        on_cleanup(move || handle.clear());
    }
    let calls = Memo::new(move |_| {
        tick.track();
        metrics.snapshot()
    });
    let entries = move || {
        tick.track();
        cache.entries()
    };
    view! {
        <section class="monitoring stack">
            <PageHeading title="Monitoring" />
            <p class="muted">"Figures of this browser tab only: every API call since the page loaded, and the query cache."</p>
            {move || view! { <EndpointTable snapshot=calls.get() /> }}
            {move || view! { <FailureTable snapshot=calls.get() /> }}
            {move || view! { <CacheTable entries=entries() /> }}
        </section>
    }
}

/// Per-endpoint counts, failures and latency percentiles.
#[component]
fn EndpointTable(snapshot: MetricsSnapshot) -> impl IntoView {
    view! {
        <div class="card table-wrap">
            <h2>"API calls"</h2>
            <table>
                <thead><tr><th>"Endpoint"</th><th class="num">"Calls"</th><th class="num">"Failures"</th><th class="num">"p50"</th><th class="num">"p95"</th></tr></thead>
                <tbody>
                    {snapshot.endpoints.into_iter().map(|e| view! {
                        <tr>
                            <td><code>{e.endpoint}</code></td>
                            <td class="num">{e.count}</td>
                            <td class="num">{e.failures}</td>
                            <td class="num">{millis(e.p50)}</td>
                            <td class="num">{millis(e.p95)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The last failed calls, newest first, with the request id to quote to support.
#[component]
fn FailureTable(snapshot: MetricsSnapshot) -> impl IntoView {
    view! {
        <div class="card table-wrap">
            <h2>"Recent failures"</h2>
            {snapshot.recent_failures.is_empty().then(|| view! { <p class="muted">"No failed calls."</p> })}
            <table>
                <tbody>
                    {snapshot.recent_failures.into_iter().map(|f| view! {
                        <tr>
                            <td><code>{format!("{} {}", f.method, f.path)}</code></td>
                            <td>{f.status.map_or_else(|| f.error.unwrap_or_default(), |s| s.to_string())}</td>
                            <td class="num">{millis(f.duration)}</td>
                            <td><code class="request-id">{f.request_id.to_string()}</code></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The query cache's entries: key, status, age, observers.
#[component]
fn CacheTable(entries: Vec<EntrySnapshot>) -> impl IntoView {
    view! {
        <div class="card table-wrap">
            <h2>"Query cache"</h2>
            <table>
                <thead><tr><th>"Key"</th><th>"Status"</th><th class="num">"Age"</th><th class="num">"Observers"</th></tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr>
                            <td><code>{e.key.to_string()}</code></td>
                            <td>{format!("{}{}", e.status.label(), if e.is_stale { " (stale)" } else { "" })}</td>
                            <td class="num">{e.age.map(|a| format!("{} s", a.as_secs())).unwrap_or_default()}</td>
                            <td class="num">{e.observers}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `12.3 ms`.
fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}
