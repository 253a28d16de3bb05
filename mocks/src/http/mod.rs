//! Cross-cutting HTTP pieces: request ids, JSON errors, CORS, cache headers and strict extractors.

pub mod cache_control;
pub mod cors;
pub mod json;
pub mod problem;
pub mod query;
pub mod request_id;
pub mod static_files;

pub use json::{ApiJson, LenientJson};
pub use query::ApiQuery;
pub use request_id::RequestId;
