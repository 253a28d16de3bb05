//! `alert:system {level, message}`: a banner for every connected socket, sent through the admin listener.

use digibank_api_types::SystemAlert;

use crate::ApiError;

/// Longest alert message accepted, in characters.
pub const MAX_ALERT_CHARS: usize = 500;

/// The alert with its message trimmed, or a 400 when the message is empty or too long.
pub fn validated(alert: SystemAlert) -> Result<SystemAlert, ApiError> {
    let message = alert.message.trim().to_owned();
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
    Ok(SystemAlert { message, ..alert })
}

#[cfg(test)]
mod tests {
    use digibank_api_types::AlertLevel;

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
            validated(alert("  Maintenance at 22:00 ")),
            Ok(alert("Maintenance at 22:00"))
        );
        assert!(validated(alert("   ")).is_err());
        assert!(validated(alert(&"x".repeat(MAX_ALERT_CHARS + 1))).is_err());
        assert!(validated(alert(&"é".repeat(MAX_ALERT_CHARS))).is_ok());
    }
}
