//! Messages from the service worker to the page (`postMessage`), parsed and applied to the offline state.

use serde::Deserialize;

use super::offline_state::OfflineState;

/// What the worker says after answering a request from its cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerMessage {
    /// The bank answered behind the cached copy of `key`; `changed`: its data differs from what was shown.
    Revalidated {
        /// The worker's key of the request.
        key: String,
        /// True when the fresh data differs.
        changed: bool,
    },
    /// The bank could not be reached behind the cached copy of `key`, stored at `cached_at_ms`.
    Offline {
        /// The worker's key of the request.
        key: String,
        /// When the shown copy was stored (ms since the epoch).
        cached_at_ms: u64,
    },
}

/// The wire form (a plain struct: internally tagged enums and numbers do not mix with exact JSON numbers).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMessage {
    #[serde(rename = "type")]
    kind: String,
    key: String,
    changed: Option<bool>,
    cached_at: Option<u64>,
}

impl WorkerMessage {
    /// Parses a message's JSON text; other messages (or garbage) are `None`.
    pub fn parse(json: &str) -> Option<WorkerMessage> {
        let raw: RawMessage = serde_json::from_str(json).ok()?;
        match raw.kind.as_str() {
            "api-revalidated" => Some(WorkerMessage::Revalidated {
                key: raw.key,
                changed: raw.changed?,
            }),
            "api-offline" => Some(WorkerMessage::Offline {
                key: raw.key,
                cached_at_ms: raw.cached_at?,
            }),
            _ => None,
        }
    }

    /// Applies the message; true when the page's queries must be refetched (fresh data differs).
    pub fn apply(self, state: &mut OfflineState) -> bool {
        match self {
            WorkerMessage::Revalidated { key, changed } => state.revalidated(&key, changed),
            WorkerMessage::Offline { key, cached_at_ms } => {
                state.revalidation_failed(&key, cached_at_ms);
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_two_messages_and_ignores_others() {
        assert_eq!(
            WorkerMessage::parse(
                r#"{"type":"api-revalidated","key":"/api/accounts","changed":true}"#
            ),
            Some(WorkerMessage::Revalidated {
                key: "/api/accounts".into(),
                changed: true
            })
        );
        assert_eq!(
            WorkerMessage::parse(
                r#"{"type":"api-offline","key":"/api/a","cachedAt":1793523930000}"#
            ),
            Some(WorkerMessage::Offline {
                key: "/api/a".into(),
                cached_at_ms: 1_793_523_930_000
            })
        );
        assert_eq!(WorkerMessage::parse(r#"{"type":"other","key":"x"}"#), None);
        assert_eq!(
            WorkerMessage::parse(r#"{"type":"api-offline","key":"x"}"#),
            None
        );
        assert_eq!(WorkerMessage::parse("not json"), None);
    }

    #[test]
    fn a_change_asks_for_a_refetch_and_an_offline_report_marks_offline() {
        let mut state = OfflineState::default();
        state.served_from_cache("/api/a", 5, "/");
        let offline = WorkerMessage::Offline {
            key: "/api/a".into(),
            cached_at_ms: 5,
        };
        assert!(!offline.apply(&mut state));
        assert_eq!(state.data_from("/"), Some(5));
        let changed = WorkerMessage::Revalidated {
            key: "/api/a".into(),
            changed: true,
        };
        assert!(changed.apply(&mut state));
        assert!(!state.is_offline());
        assert!(state.take_refresh("/api/a"));
    }
}
