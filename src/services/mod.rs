//! The API-integration layer: no UI, no knowledge of screens.

pub mod accounts;
mod api_retry_hint;
pub mod auth;
pub mod errors;
pub mod http;
pub mod keys;
pub mod query;
pub mod realtime;
pub mod transfers;

#[cfg(test)]
pub(crate) mod test_support;
