//! Decoding the typed events the bank pushes (`balance:update`, `transaction:new`, `alert:system`; their
//! payloads are the shared wire types of `digibank_api_types`).

use digibank_api_types::{
    BALANCE_UPDATE_EVENT, BalanceUpdate, SYSTEM_ALERT_EVENT, SystemAlert, TRANSACTION_NEW_EVENT,
    TransactionNew,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Why an event's arguments do not match its typed shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed {event} event: {reason}")]
pub struct EventDecodeError {
    /// The event name.
    pub event: &'static str,
    /// What is wrong.
    pub reason: String,
}

/// A server event with a fixed name and a single JSON-object argument.
pub trait ServerEvent: DeserializeOwned + 'static {
    /// The event name on the wire.
    const NAME: &'static str;

    /// Decodes the event's arguments (exactly one object).
    fn from_args(args: &[Value]) -> Result<Self, EventDecodeError> {
        let error = |reason: String| EventDecodeError {
            event: Self::NAME,
            reason,
        };
        match args {
            [payload] => serde_json::from_value(payload.clone()).map_err(|e| error(e.to_string())),
            _ => Err(error(format!("expected 1 argument, got {}", args.len()))),
        }
    }
}

impl ServerEvent for BalanceUpdate {
    const NAME: &'static str = BALANCE_UPDATE_EVENT;
}

impl ServerEvent for TransactionNew {
    const NAME: &'static str = TRANSACTION_NEW_EVENT;
}

impl ServerEvent for SystemAlert {
    const NAME: &'static str = SYSTEM_ALERT_EVENT;
}

/// The `seq` of a sequenced event's first argument, read without decoding the whole event.
pub(crate) fn raw_seq(args: &[Value]) -> Option<u64> {
    args.first()?.get("seq")?.as_u64()
}

#[cfg(test)]
mod tests {
    use digibank_api_types::{AlertLevel, Amount};
    use serde_json::json;

    use super::*;

    #[test]
    fn decodes_a_balance_update_with_exact_amounts() {
        let args = [
            json!({"accountId": "acc-1", "balance": "125430.10", "availableBalance": "125000.00", "currency": "USD", "asOf": "2025-01-01T10:00:00Z", "seq": 4}),
        ];
        let update = BalanceUpdate::from_args(&args).unwrap();
        assert_eq!(update.balance, Amount::from_minor(12_543_010));
        assert_eq!(update.seq, 4);
        assert_eq!(raw_seq(&args), Some(4));
    }

    #[test]
    fn decodes_a_system_alert() {
        let alert = SystemAlert::from_args(&[
            json!({"level": "warning", "message": "Maintenance at 22:00"}),
        ])
        .unwrap();
        assert_eq!(
            alert,
            SystemAlert {
                level: AlertLevel::Warning,
                message: "Maintenance at 22:00".into()
            }
        );
    }

    #[test]
    fn wrong_shapes_are_typed_errors() {
        let error =
            BalanceUpdate::from_args(&[json!({"accountId": "a", "balance": 1.5e3})]).unwrap_err();
        assert_eq!(error.event, "balance:update");
        assert!(
            SystemAlert::from_args(&[])
                .unwrap_err()
                .reason
                .contains("expected 1 argument")
        );
        assert!(SystemAlert::from_args(&[json!({"level": "loud", "message": "x"})]).is_err());
        assert_eq!(raw_seq(&[json!({"seq": "x"})]), None);
    }
}
