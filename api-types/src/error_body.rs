//! The error body of every 4xx/5xx: the guide's shape and RFC 9457 problem details in one object.

use serde::{Deserialize, Serialize};

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field, in the request's camelCase (e.g. `amount`).
    pub field: String,
    /// A stable machine code (e.g. `exceeds_limit`).
    pub code: String,
    /// A sentence for the customer.
    pub message: String,
}

impl FieldError {
    /// A field error from its parts.
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// An entry of `errors[]`: servers send either plain strings or field objects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum ErrorItem {
    /// `{field, code, message}`.
    Field(FieldError),
    /// A bare message.
    Message(String),
}

/// Error body: `{error, errors[], type, title, status, detail, requestId}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// The guide's one-line message.
    #[serde(default)]
    pub error: Option<String>,
    /// The guide's per-field errors.
    #[serde(default)]
    pub errors: Vec<ErrorItem>,
    /// RFC 9457 problem type URI.
    #[serde(default, rename = "type")]
    pub problem_type: Option<String>,
    /// RFC 9457 short summary.
    #[serde(default)]
    pub title: Option<String>,
    /// RFC 9457 HTTP status.
    #[serde(default)]
    pub status: Option<u16>,
    /// RFC 9457 explanation of this occurrence.
    #[serde(default)]
    pub detail: Option<String>,
    /// The request id the server logged this under.
    #[serde(default)]
    pub request_id: Option<String>,
}

impl ErrorBody {
    /// A body with the message, a problem type slug, the status and its title.
    pub fn new(status: u16, slug: &str, title: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ErrorBody {
            error: Some(message.clone()),
            errors: Vec::new(),
            problem_type: Some(format!("https://digibank.example/problems/{slug}")),
            title: Some(title.to_owned()),
            status: Some(status),
            detail: Some(message),
            request_id: None,
        }
    }

    /// The same body with field errors attached.
    pub fn with_field_errors(mut self, errors: impl IntoIterator<Item = FieldError>) -> Self {
        self.errors = errors.into_iter().map(ErrorItem::Field).collect();
        self
    }

    /// The field errors, ignoring bare messages.
    pub fn field_errors(&self) -> impl Iterator<Item = &FieldError> {
        self.errors.iter().filter_map(|e| match e {
            ErrorItem::Field(f) => Some(f),
            ErrorItem::Message(_) => None,
        })
    }
}
