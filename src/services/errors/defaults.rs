//! The default handlers: the guide's messages, shown through [`Notifications`].

use super::kind::ErrorKind;
use super::notifications::{Level, Notifications};
use super::registry::ErrorHandlerRegistry;
use crate::services::http::ApiError;

/// The guide's network message.
pub const NETWORK_MESSAGE: &str = "Connection error. Please check your internet.";
/// The guide's server message.
pub const SERVER_MESSAGE: &str = "Server error. Please try again later.";
/// The guide's fallback message.
pub const UNKNOWN_MESSAGE: &str = "An unexpected error has occurred.";
/// Shown when the session could not be renewed.
pub const SESSION_MESSAGE: &str = "Your session has expired. Please sign in again.";
/// Shown for 403 without a server message.
pub const FORBIDDEN_MESSAGE: &str = "You are not allowed to do this.";
/// Shown for 404 without a server message.
pub const NOT_FOUND_MESSAGE: &str = "We could not find what you asked for.";
/// Shown for 409 without a server message.
pub const CONFLICT_MESSAGE: &str = "This cannot be done right now.";
/// Shown for 400/422 without any detail.
pub const VALIDATION_MESSAGE: &str = "Please check your input.";
/// Shown when a request to another origin than the API's was refused before sending.
pub const BLOCKED_MESSAGE: &str = "This request was blocked to keep your data safe.";

/// The guide's rate-limit message: `Too many requests. Try again in N seconds.` (N rounded up, at least 1).
pub fn rate_limit_message(error: &ApiError) -> String {
    match error.retry_after() {
        Some(wait) => {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            format!(
                "Too many requests. Try again in {} seconds.",
                seconds.max(1)
            )
        }
        None => "Too many requests. Try again in a few seconds.".to_owned(),
    }
}

/// What the default handler of `error`'s kind shows: one or more `(level, message)`.
pub fn default_notifications(error: &ApiError) -> Vec<(Level, String)> {
    let server_or = |fallback: &str| error.server_message().unwrap_or(fallback).to_owned();
    match ErrorKind::of(error) {
        ErrorKind::Network => vec![(Level::Error, NETWORK_MESSAGE.to_owned())],
        ErrorKind::Validation => validation_warnings(error),
        ErrorKind::Server => vec![(Level::Error, SERVER_MESSAGE.to_owned())],
        ErrorKind::RateLimit => vec![(Level::Error, rate_limit_message(error))],
        ErrorKind::Unauthorized => vec![(Level::Warning, SESSION_MESSAGE.to_owned())],
        ErrorKind::Forbidden => vec![(Level::Error, server_or(FORBIDDEN_MESSAGE))],
        ErrorKind::NotFound => vec![(Level::Error, server_or(NOT_FOUND_MESSAGE))],
        ErrorKind::Conflict => vec![(Level::Error, server_or(CONFLICT_MESSAGE))],
        ErrorKind::Cancelled => Vec::new(),
        ErrorKind::Unknown if matches!(error, ApiError::ForeignOrigin { .. }) => {
            vec![(Level::Error, BLOCKED_MESSAGE.to_owned())]
        }
        ErrorKind::Unknown => vec![(Level::Error, UNKNOWN_MESSAGE.to_owned())],
    }
}

/// The guide's validation handler: one warning per problem the server listed, else its summary.
fn validation_warnings(error: &ApiError) -> Vec<(Level, String)> {
    let ApiError::Validation {
        field_errors,
        messages,
        message,
        ..
    } = error
    else {
        return Vec::new();
    };
    let listed: Vec<String> = field_errors
        .iter()
        .map(|f| f.message.clone())
        .chain(messages.iter().cloned())
        .collect();
    let texts = if listed.is_empty() {
        vec![
            message
                .clone()
                .unwrap_or_else(|| VALIDATION_MESSAGE.to_owned()),
        ]
    } else {
        listed
    };
    texts
        .into_iter()
        .map(|text| (Level::Warning, text))
        .collect()
}

/// Registers the default handler of every kind, each pushing its messages to `notifications`.
pub fn install_default_handlers(registry: &ErrorHandlerRegistry, notifications: &Notifications) {
    for kind in [
        ErrorKind::Network,
        ErrorKind::Validation,
        ErrorKind::Server,
        ErrorKind::RateLimit,
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::NotFound,
        ErrorKind::Conflict,
        ErrorKind::Cancelled,
        ErrorKind::Unknown,
    ] {
        let notifications = notifications.clone();
        registry.register_permanent(kind, move |error| {
            for (level, message) in default_notifications(error) {
                notifications.push(level, message);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::http::{FakeClock, RequestId};
    use digibank_api_types::FieldError;
    use std::sync::Arc;
    use std::time::Duration;

    fn id() -> RequestId {
        RequestId::from("r")
    }

    fn shown(error: ApiError) -> Vec<(Level, String)> {
        let notifications = Notifications::new(Arc::new(FakeClock::new()));
        let registry = ErrorHandlerRegistry::new();
        install_default_handlers(&registry, &notifications);
        registry.handle(&error);
        notifications
            .snapshot()
            .into_iter()
            .map(|n| (n.level, n.message))
            .collect()
    }

    #[test]
    fn the_guides_messages_exactly() {
        let network = shown(ApiError::Network {
            request_id: id(),
            cause: "offline".into(),
        });
        assert_eq!(
            network,
            vec![(
                Level::Error,
                "Connection error. Please check your internet.".to_owned()
            )]
        );
        let server = shown(ApiError::Server {
            request_id: id(),
            status: 503,
            retry_after: None,
            message: Some("db down".into()),
        });
        assert_eq!(
            server,
            vec![(
                Level::Error,
                "Server error. Please try again later.".to_owned()
            )]
        );
        let limited = shown(ApiError::RateLimited {
            request_id: id(),
            retry_after: Some(Duration::from_secs(30)),
            message: None,
        });
        assert_eq!(
            limited,
            vec![(
                Level::Error,
                "Too many requests. Try again in 30 seconds.".to_owned()
            )]
        );
        let odd = shown(ApiError::Decode {
            request_id: id(),
            what: "Balance".into(),
        });
        assert_eq!(
            odd,
            vec![(Level::Error, "An unexpected error has occurred.".to_owned())]
        );
        assert!(shown(ApiError::Cancelled { request_id: id() }).is_empty());
        let blocked = shown(ApiError::ForeignOrigin {
            request_id: id(),
            url: "https://evil.example/".into(),
        });
        assert_eq!(
            blocked,
            vec![(
                Level::Error,
                "This request was blocked to keep your data safe.".to_owned()
            )]
        );
    }

    #[test]
    fn validation_warns_per_field_and_per_string() {
        let error = ApiError::Validation {
            request_id: id(),
            status: 400,
            message: Some("Invalid transfer".into()),
            field_errors: vec![FieldError::new(
                "amount",
                "exceeds_limit",
                "Amount exceeds maximum limit",
            )],
            messages: vec!["Description is too long".into()],
        };
        assert_eq!(
            shown(error),
            vec![
                (Level::Warning, "Amount exceeds maximum limit".to_owned()),
                (Level::Warning, "Description is too long".to_owned())
            ]
        );
        let bare = ApiError::Validation {
            request_id: id(),
            status: 400,
            message: Some("Amount exceeds maximum limit".into()),
            field_errors: vec![],
            messages: vec![],
        };
        assert_eq!(
            shown(bare),
            vec![(Level::Warning, "Amount exceeds maximum limit".to_owned())]
        );
    }

    #[test]
    fn rate_limit_seconds_round_up() {
        let e = |ms| ApiError::RateLimited {
            request_id: id(),
            retry_after: Some(Duration::from_millis(ms)),
            message: None,
        };
        assert_eq!(
            rate_limit_message(&e(1500)),
            "Too many requests. Try again in 2 seconds."
        );
        assert_eq!(
            rate_limit_message(&e(0)),
            "Too many requests. Try again in 1 seconds."
        );
    }
}
