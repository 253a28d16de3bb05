//! The API-integration layer: no UI, no knowledge of screens.

pub mod auth;
