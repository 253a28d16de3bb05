//! The API-integration layer: no UI, no knowledge of screens.

pub mod accounts;
pub mod errors;
pub mod http;
pub mod query;
pub mod realtime;

#[cfg(test)]
mod test_support;
