//! The HTTP layer's token source: its bearer and 401 interceptors read and renew tokens through the
//! [`TokenManager`].

use async_trait::async_trait;
use send_wrapper::SendWrapper;

use crate::services::http::{RefreshError, TokenSource};

use super::{AuthError, TokenManager};

/// [`TokenManager`] as the HTTP layer's [`TokenSource`]. The manager lives on the page's one thread;
/// `SendWrapper` meets the trait's `Send + Sync` bound (and would panic if another thread touched it).
pub struct ApiTokenSource(SendWrapper<TokenManager>);

impl ApiTokenSource {
    /// The token source backed by `manager`.
    pub fn new(manager: TokenManager) -> Self {
        Self(SendWrapper::new(manager))
    }
}

#[async_trait(?Send)]
impl TokenSource for ApiTokenSource {
    /// The current access token; an expired one is renewed first when possible (saving a 401 round trip
    /// after the device slept). A failed renewal here is left to the 401 interceptor to report.
    async fn access_token(&self) -> Option<String> {
        let manager = &*self.0;
        if manager.tokens().is_some() && manager.is_expired() && manager.can_renew() {
            let _ = manager.refresh().await;
        }
        manager.access_token()
    }

    async fn refresh(&self) -> Result<(), RefreshError> {
        self.0.refresh().await.map_err(refresh_error)
    }
}

/// The HTTP layer's view of a failed renewal: network trouble may pass, anything else ends the session.
pub fn refresh_error(error: AuthError) -> RefreshError {
    if error.is_transient() {
        RefreshError::Unavailable(error.to_string())
    } else {
        RefreshError::Rejected
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::rc::Rc;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use futures::future::join_all;

    use super::*;
    use crate::services::auth::test_support::{FakeRefresher, FakeTime};
    use crate::services::auth::{
        DEFAULT_CLOCK_SKEW, InTabOnly, MemoryTokenStore, Secret, TokenGrant, TokenManagerParts,
    };
    use crate::services::http::{
        ApiClient, ApiClientBuilder, ApiError, FakeClock, MockReply, MockTransport, Request,
    };

    struct Rig {
        clock: FakeClock,
        time: FakeTime,
        mock: MockTransport,
        refresher: FakeRefresher,
        tokens: TokenManager,
        client: ApiClient,
    }

    /// An API client whose bearer and 401 interceptors use a token manager holding `access-0`;
    /// `/api/accounts` accepts only the renewed `access-1`.
    fn rig() -> Rig {
        let clock = FakeClock::new();
        let time = FakeTime::at(1_700_000_000_000);
        let refresher = FakeRefresher::new(300);
        let tokens = TokenManager::new(TokenManagerParts {
            store: Rc::new(MemoryTokenStore::new()),
            refresher: Rc::new(refresher.clone()),
            lock: Rc::new(InTabOnly),
            clock: Rc::new(time.clone()),
            clock_skew: DEFAULT_CLOCK_SKEW,
        });
        let grant = TokenGrant {
            access_token: Secret::new("access-0"),
            refresh_token: Some(Secret::new("refresh-0")),
            id_token: None,
            expires_in: Some(Duration::from_secs(300)),
            user: None,
        };
        tokens.set_tokens(grant).unwrap();
        let mock = MockTransport::new(Arc::new(clock.clone()));
        mock.get("/api/accounts", |request| {
            match request.headers.get("authorization") {
                Some("Bearer access-1") => MockReply::json(200, &serde_json::json!([])),
                // Slow enough that all concurrent first attempts are in flight before any 401 returns.
                _ => MockReply::status(401).delay(Duration::from_millis(10)),
            }
        });
        let client = ApiClientBuilder::new("/api", Arc::new(mock.clone()), Arc::new(clock.clone()))
            .token_source(Arc::new(ApiTokenSource::new(tokens.clone())))
            .build();
        Rig {
            clock,
            time,
            mock,
            refresher,
            tokens,
            client,
        }
    }

    fn authorizations(mock: &MockTransport) -> Vec<String> {
        mock.calls()
            .iter()
            .map(|c| {
                c.request
                    .headers
                    .get("authorization")
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn concurrent_401s_renew_once_and_replay_with_the_new_token() {
        let rig = rig();
        let requests = (0..20).map(|_| rig.client.send(Request::get("/accounts")));
        let outcomes = rig.clock.block_on(join_all(requests)).unwrap();
        assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
        assert_eq!(rig.refresher.calls(), 1);
        let sent = authorizations(&rig.mock);
        assert_eq!(sent.iter().filter(|a| *a == "Bearer access-0").count(), 20);
        assert_eq!(sent.iter().filter(|a| *a == "Bearer access-1").count(), 20);
    }

    #[test]
    fn an_expired_token_is_renewed_before_sending() {
        let rig = rig();
        rig.time.advance(300_000);
        rig.clock
            .block_on(rig.client.send(Request::get("/accounts")))
            .unwrap()
            .unwrap();
        assert_eq!(
            authorizations(&rig.mock),
            ["Bearer access-1"],
            "no 401 round trip"
        );
    }

    #[test]
    fn a_refused_renewal_expires_the_session_once() {
        let rig = rig();
        rig.refresher
            .fail_next(AuthError::RefreshRejected("invalid_grant".into()));
        let expired = Arc::new(AtomicUsize::new(0));
        let count = expired.clone();
        let _subscription = rig.client.on_session_expired(move |event| {
            assert_eq!(event.reason, RefreshError::Rejected);
            count.fetch_add(1, Ordering::SeqCst);
        });
        let outcome = rig
            .clock
            .block_on(rig.client.send(Request::get("/accounts")))
            .unwrap();
        assert!(
            matches!(outcome, Err(ApiError::Unauthorized { .. })),
            "{outcome:?}"
        );
        assert_eq!(expired.load(Ordering::SeqCst), 1);
        assert_eq!(rig.tokens.access_token().as_deref(), Some("access-0"));
    }

    #[test]
    fn renewal_errors_map_to_the_http_layers_kinds() {
        let offline = refresh_error(AuthError::ProviderUnreachable("offline".into()));
        assert!(matches!(offline, RefreshError::Unavailable(_)));
        assert_eq!(
            refresh_error(AuthError::RefreshRejected("invalid_grant".into())),
            RefreshError::Rejected
        );
        assert_eq!(
            refresh_error(AuthError::NoRefreshToken),
            RefreshError::Rejected
        );
    }
}
