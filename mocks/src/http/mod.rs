//! Cross-cutting HTTP pieces: request ids, JSON errors, CORS, cache and security headers, strict extractors.

pub mod cache_control;
pub mod content_security_policy;
pub mod cors;
pub mod json;
pub mod problem;
pub mod query;
pub mod request_id;
pub mod security_headers;
pub mod static_files;

pub use json::{ApiJson, LenientJson};
pub use query::ApiQuery;
pub use request_id::RequestId;
