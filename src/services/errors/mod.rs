//! Error handling for the UI: classification ([`ErrorKind`]), the handler registry with the guide's default
//! messages, and the [`Notifications`] center that the toast region renders.

mod defaults;
mod kind;
mod notifications;
mod registry;

pub use defaults::{
    BLOCKED_MESSAGE, CONFLICT_MESSAGE, FORBIDDEN_MESSAGE, NETWORK_MESSAGE, NOT_FOUND_MESSAGE,
    SERVER_MESSAGE, SESSION_MESSAGE, UNKNOWN_MESSAGE, VALIDATION_MESSAGE, default_notifications,
    install_default_handlers, rate_limit_message,
};
pub use kind::ErrorKind;
pub use notifications::{Level, Notification, Notifications};
pub use registry::{ErrorHandler, ErrorHandlerRegistry, HandlerGuard};
