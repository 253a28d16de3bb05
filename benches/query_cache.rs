//! Cost of a query-cache hit and of notifying N subscribers (native, plain timing loop, fake time).
//!
//! Run: `cargo bench -p digibank --bench query_cache`

use std::cell::Cell;
use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant};

use digibank::query_key;
use digibank::services::query::{ManualTime, QueryClient, QueryError, QueryKey, RetryHint};
use futures::FutureExt;

/// The benchmark's error type (never produced).
#[derive(Clone, Debug)]
struct NoError;

impl QueryError for NoError {
    fn retry_hint(&self) -> RetryHint {
        RetryHint::Never
    }
}

/// How long each measurement runs.
const BUDGET: Duration = Duration::from_millis(300);

/// Average time of one `op`, over as many runs as fit in [`BUDGET`] (after a warm-up).
fn measure(mut op: impl FnMut()) -> Duration {
    for _ in 0..1_000 {
        op();
    }
    let mut runs: u32 = 0;
    let start = Instant::now();
    while start.elapsed() < BUDGET {
        for _ in 0..100 {
            op();
        }
        runs += 100;
    }
    start.elapsed() / runs
}

fn client_with(key: &QueryKey, data: Vec<u64>) -> QueryClient<NoError> {
    let client = QueryClient::new(ManualTime::new());
    client.set_query_data(key, data);
    client
}

fn bench_hits() {
    let key = query_key!["accounts", "a1", "transactions", 1u32, "all"];
    let client = client_with(&key, (0..20).collect());
    let get = measure(|| {
        black_box(client.get_query_data::<Vec<u64>>(black_box(&key)));
    });
    println!(
        "cache hit, get_query_data (20-item Vec clone): {:>8} ns",
        get.as_nanos()
    );
    let fetch = measure(|| {
        let future = client.fetch_query(black_box(&key), || async {
            Ok::<Vec<u64>, NoError>(Vec::new())
        });
        black_box(future.now_or_never());
    });
    println!(
        "cache hit, fetch_query on fresh data:          {:>8} ns",
        fetch.as_nanos()
    );
}

fn bench_notify(subscribers: usize) {
    let key = query_key!["accounts", "a1", "balance"];
    let client = client_with(&key, vec![0]);
    let notified = Rc::new(Cell::new(0u64));
    let _subscriptions: Vec<_> = (0..subscribers)
        .map(|_| {
            let notified = Rc::clone(&notified);
            client.subscribe::<Vec<u64>>(&key, move |state| {
                notified.set(notified.get() + state.data_revision);
            })
        })
        .collect();
    let mut value = 0u64;
    let per_write = measure(|| {
        value += 1;
        client.set_query_data(&key, vec![value]);
    });
    black_box(notified.get());
    let per_subscriber = per_write.as_nanos() / subscribers as u128;
    println!(
        "set_query_data notifying {subscribers:>4} subscribers: {:>9} ns ({per_subscriber} ns per subscriber)",
        per_write.as_nanos()
    );
}

fn main() {
    bench_hits();
    for subscribers in [1, 10, 100, 1_000] {
        bench_notify(subscribers);
    }
}
