//! Errors of ledger operations.

use digibank_api_types::FieldError;

use crate::ApiError;

/// Why a ledger operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankError {
    /// Unknown id, or one that belongs to somebody else.
    #[error("{0}")]
    NotFound(String),
    /// The input breaks a rule; the first error's message is the summary.
    #[error("{}", .0.first().map_or("Invalid request", |e| e.message.as_str()))]
    Invalid(Vec<FieldError>),
    /// The resource's state forbids the operation.
    #[error("{message}")]
    Conflict {
        /// Problem type slug.
        slug: &'static str,
        /// Explanation.
        message: String,
    },
}

impl BankError {
    /// An invalid-input error on one field.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        BankError::Invalid(vec![FieldError::new(field, code, message)])
    }

    /// A conflict.
    pub fn conflict(slug: &'static str, message: impl Into<String>) -> Self {
        BankError::Conflict {
            slug,
            message: message.into(),
        }
    }
}

impl From<BankError> for ApiError {
    fn from(error: BankError) -> Self {
        let message = error.to_string();
        match error {
            BankError::NotFound(message) => ApiError::NotFound(message),
            BankError::Invalid(errors) => ApiError::Invalid { message, errors },
            BankError::Conflict { slug, message } => ApiError::Conflict { slug, message },
        }
    }
}
