//! Native tests of the query client with fake time.

mod cancel;
mod clear_and_snapshot;
mod dedup;
mod events;
mod fetch;
mod gc;
mod interval;
mod invalidate;
mod mutation;
mod notify;
mod retry;
mod support;
