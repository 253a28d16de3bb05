//! The API-integration layer: no UI, no knowledge of screens.

pub mod errors;
pub mod http;
pub mod query;
pub mod realtime;
