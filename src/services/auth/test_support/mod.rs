//! Native test fakes: fake time (clock + timers), a fake identity provider and cookie backend that sign
//! real RS256 ID tokens, a scripted refresher and a cross-tab lock.

mod fake_lock;
mod fake_provider;
mod fake_refresher;
mod fake_time;
mod signing_key;

pub use fake_lock::SharedLock;
pub use fake_provider::{CLIENT_ID, FakeProvider, ISSUER, IdTokenFlaw, ORIGIN, Recorded};
pub use fake_refresher::FakeRefresher;
pub use fake_time::FakeTime;
pub use signing_key::RsaVerifier;
