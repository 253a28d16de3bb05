//! Authentication of the bank API: bearer access tokens from one token store, refresh-token cookies and CSRF.
//!
//! [`TokenStore`] is the *development token source* (opaque random tokens, minted by the admin listener and
//! rotated by `POST /api/auth/refresh`). Issue 5's OpenID provider shares this store for refresh-token
//! families, so there is one place for rotation and reuse detection.

mod caller;
pub mod cookies;
mod csrf;
mod random;
mod token_store;

pub use caller::{Caller, subject_of_token};
pub use csrf::check_xsrf;
pub use random::random_token;
pub use token_store::{IssuedTokens, TokenError, TokenStore};
