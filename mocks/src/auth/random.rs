//! Unguessable token text.

/// 244 random bits from the OS generator as 64 hex digits, after `prefix`.
pub fn random_token(prefix: &str) -> String {
    format!(
        "{prefix}{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}
