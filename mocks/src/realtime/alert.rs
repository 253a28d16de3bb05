//! `alert:system {level, message}`: a banner for every connected socket, sent through the admin listener.

use serde::{Deserialize, Serialize};

use crate::ApiError;

/// Longest alert message accepted, in characters.
pub const MAX_ALERT_CHARS: usize = 500;

/// How loud an alert is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AlertLevel {
    /// For information.
    Info,
    /// Something degraded.
    Warning,
    /// Something broken.
    Critical,
}

/// The alert as sent to sockets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemAlert {
    /// Severity.
    pub level: AlertLevel,
    /// Text to show.
    pub message: String,
}

impl SystemAlert {
    /// The alert with its message trimmed, or a 400 when the message is empty or too long.
    pub fn validated(self) -> Result<SystemAlert, ApiError> {
        let message = self.message.trim().to_owned();
        if message.is_empty() {
            return Err(ApiError::field(
                "message",
                "required",
                "An alert needs a message",
            ));
        }
        if message.chars().count() > MAX_ALERT_CHARS {
            return Err(ApiError::field(
                "message",
                "too_long",
                format!("An alert message has at most {MAX_ALERT_CHARS} characters"),
            ));
        }
        Ok(SystemAlert { message, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(message: &str) -> SystemAlert {
        SystemAlert {
            level: AlertLevel::Warning,
            message: message.into(),
        }
    }

    #[test]
    fn messages_are_trimmed_and_bounded() {
        assert_eq!(
            alert("  Maintenance at 22:00 ").validated(),
            Ok(alert("Maintenance at 22:00"))
        );
        assert!(alert("   ").validated().is_err());
        assert!(alert(&"x".repeat(MAX_ALERT_CHARS + 1)).validated().is_err());
        assert!(alert(&"é".repeat(MAX_ALERT_CHARS)).validated().is_ok());
    }
}
