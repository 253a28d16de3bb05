//! Live updates: the realtime socket connected while signed in (a fresh token on every reconnect), its events
//! turned into cache patches, invalidations, toasts and banners (`live_events::decide`), and its connection
//! state for the status dot. Disconnected on logout.

use leptos::prelude::*;

use crate::services::realtime::{ConnectionState, SystemAlert};

/// Banners shown at once (the oldest goes first).
const MAX_ALERTS: usize = 3;

/// A system alert on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownAlert {
    /// Id for dismissing.
    pub id: u64,
    /// The alert.
    pub alert: SystemAlert,
}

/// Live updates' state for the UI, in context (absent outside a browser).
#[derive(Debug, Clone, Copy)]
pub struct LiveUpdates {
    /// Where the realtime connection stands.
    pub status: ReadSignal<ConnectionState>,
    /// The system alerts shown as banners, oldest first.
    pub alerts: RwSignal<Vec<ShownAlert>>,
}

impl LiveUpdates {
    /// Removes the banner `id`.
    pub fn dismiss(&self, id: u64) {
        self.alerts
            .update(|alerts| alerts.retain(|shown| shown.id != id));
    }
}

/// `alerts` with `alert` added as `id`: the same message and level is shown once; at most [`MAX_ALERTS`].
pub fn add_alert(alerts: &mut Vec<ShownAlert>, alert: SystemAlert, id: u64) {
    if alerts.iter().any(|shown| shown.alert == alert) {
        return;
    }
    alerts.push(ShownAlert { id, alert });
    if alerts.len() > MAX_ALERTS {
        alerts.remove(0);
    }
}

/// Connects the realtime socket for the signed-in customer and puts [`LiveUpdates`] in context.
#[cfg(target_arch = "wasm32")]
pub fn provide_live_updates(
    config: &crate::config::AppConfig,
    auth: &crate::services::auth::AuthService,
    queries: &crate::services::query::QueryClient<crate::services::http::ApiError>,
    notifications: &crate::services::errors::Notifications,
) {
    browser::provide(config, auth, queries, notifications);
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Duration;

    use leptos::prelude::*;
    use send_wrapper::SendWrapper;

    use super::{LiveUpdates, add_alert};
    use crate::app::live_cache::{
        invalidate_transactions, patch_cached_balance, resync_accounts, resync_if_loaded_before,
    };
    use crate::app::live_events::{LiveAction, LiveEvent, decide};
    use crate::config::AppConfig;
    use crate::services::auth::{ApiTokenSource, AuthEvent, AuthService};
    use crate::services::errors::Notifications;
    use crate::services::http::{ApiError, TokenSource};
    use crate::services::query::QueryClient;
    use crate::services::realtime::{
        BalanceUpdate, ConnectionState, SocketOptions, SocketService, SocketUrl, SystemAlert,
        TokenProvider, TransactionNew, browser_env,
    };

    /// How long the app waits before trying again after every reconnect attempt failed.
    const OFFLINE_RETRY: Duration = Duration::from_secs(30);

    /// Where the actions of one event go.
    #[derive(Clone)]
    struct Sinks {
        queries: QueryClient<ApiError>,
        notifications: Notifications,
        alerts: RwSignal<Vec<super::ShownAlert>>,
        next_alert_id: Rc<Cell<u64>>,
        /// When the current connection began, on the cache's clock.
        connecting_since: Rc<Cell<Duration>>,
    }

    impl Sinks {
        fn handle(&self, event: LiveEvent) {
            for action in decide(event) {
                self.apply(action);
            }
        }

        fn apply(&self, action: LiveAction) {
            match action {
                LiveAction::PatchBalance(update) => {
                    patch_cached_balance(&self.queries, &update);
                }
                LiveAction::InvalidateTransactions { account_id } => {
                    invalidate_transactions(&self.queries, &account_id)
                }
                LiveAction::ResyncAccounts => resync_accounts(&self.queries),
                LiveAction::ResyncIfLoadedBeforeConnect => {
                    resync_if_loaded_before(&self.queries, self.connecting_since.get());
                }
                LiveAction::Toast { level, message } => {
                    self.notifications.push(level, message);
                }
                LiveAction::ShowAlert(alert) => {
                    let id = self.next_alert_id.get() + 1;
                    self.next_alert_id.set(id);
                    self.alerts.update(|alerts| add_alert(alerts, alert, id));
                }
            }
        }
    }

    /// How long the app waits before fetching the realtime code again after it could not be downloaded.
    const CHUNK_RETRY: Duration = Duration::from_secs(30);

    /// What the realtime code needs to connect (everything it touches in the main module).
    #[derive(Clone)]
    pub(super) struct LiveStart {
        realtime_url: String,
        auth: AuthService,
        queries: QueryClient<ApiError>,
        notifications: Notifications,
        alerts: RwSignal<Vec<super::ShownAlert>>,
        set_status: WriteSignal<ConnectionState>,
    }

    /// The realtime code could not be downloaded (split build only).
    pub(super) struct LiveLoadFailed;

    #[cfg(feature = "split")]
    impl From<leptos::wasm_split::SplitLoaderError> for LiveLoadFailed {
        fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
            LiveLoadFailed
        }
    }

    /// Holds the running connection (type-erased, so its code stays in the realtime chunk); emptied on cleanup.
    type ConnectionSlot = std::cell::RefCell<Option<Box<dyn std::any::Any>>>;

    /// The running connection; dropping it disconnects.
    struct LiveConnection {
        service: SocketService,
        _subscriptions: Box<dyn std::any::Any>,
    }

    impl Drop for LiveConnection {
        fn drop(&mut self) {
            self.service.disconnect();
        }
    }

    pub(super) fn provide(
        config: &AppConfig,
        auth: &AuthService,
        queries: &QueryClient<ApiError>,
        notifications: &Notifications,
    ) {
        let (status, set_status) = signal(ConnectionState::Disconnected);
        let alerts = RwSignal::new(Vec::new());
        provide_context(LiveUpdates { status, alerts });
        let start = LiveStart {
            realtime_url: config.realtime_url.clone(),
            auth: auth.clone(),
            queries: queries.clone(),
            notifications: notifications.clone(),
            alerts,
            set_status,
        };
        // The connection lives as long as this slot; the shell's cleanup empties it (and so disconnects).
        let slot: Rc<ConnectionSlot> = Rc::default();
        let keep = SendWrapper::new(slot.clone());
        on_cleanup(move || drop(keep.take()));
        // After the dashboard's first paint: the socket is not needed to show balances (the split build
        // downloads its code then).
        crate::services::auth::browser::when_idle(move || {
            load_and_connect(start, Rc::downgrade(&slot))
        });
    }

    /// Loads the realtime code (a chunk of the split build) and connects; a download that fails is tried again
    /// after [`CHUNK_RETRY`] while the shell still exists.
    fn load_and_connect(start: LiveStart, slot: std::rc::Weak<ConnectionSlot>) {
        wasm_bindgen_futures::spawn_local(async move {
            // Split build: `connect` downloads its chunk first; unsplit, it is a plain call.
            #[cfg(feature = "split")]
            let connected = connect(start.clone()).await;
            #[cfg(not(feature = "split"))]
            let connected = connect(start.clone());
            match connected {
                Ok(live) => {
                    if let Some(slot) = slot.upgrade() {
                        *slot.borrow_mut() = Some(live);
                    }
                }
                Err(LiveLoadFailed) => {
                    start.set_status.set(ConnectionState::Offline);
                    let pending = SendWrapper::new((start, slot));
                    set_timeout(
                        move || {
                            let (start, slot) = pending.take();
                            if slot.upgrade().is_some() {
                                load_and_connect(start, slot);
                            }
                        },
                        CHUNK_RETRY,
                    );
                }
            }
        });
    }

    /// Builds the socket service, ties its events to the cache and the UI, and connects if signed in.
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(realtime, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    fn connect(start: LiveStart) -> Result<Box<dyn std::any::Any>, LiveLoadFailed> {
        let LiveStart {
            realtime_url,
            auth,
            queries,
            notifications,
            alerts,
            set_status,
        } = start;
        let url = match SocketUrl::from_realtime_url(&realtime_url) {
            Ok(url) => url,
            Err(error) => {
                web_sys::console::error_1(&format!("live updates are off: {error}").into());
                set_status.set(ConnectionState::Offline);
                return Ok(Box::new(()));
            }
        };
        let service = SocketService::new(
            url,
            SocketOptions::default(),
            browser_env(token_provider(&auth)),
        );
        let sinks = Sinks {
            queries: queries.clone(),
            notifications,
            alerts,
            next_alert_id: Rc::new(Cell::new(0)),
            connecting_since: Rc::new(Cell::new(Duration::ZERO)),
        };
        let connecting_since = (sinks.connecting_since.clone(), queries);
        let (balance, transaction, alert, resync) =
            (sinks.clone(), sinks.clone(), sinks.clone(), sinks);
        let retry = (service.clone(), auth.clone());
        let subscriptions = (
            service.subscribe(move |u: BalanceUpdate| balance.handle(LiveEvent::Balance(u))),
            service
                .subscribe(move |t: TransactionNew| transaction.handle(LiveEvent::Transaction(t))),
            service.subscribe(move |a: SystemAlert| alert.handle(LiveEvent::Alert(a))),
            service.on_resync(move |r| resync.handle(LiveEvent::Resync(r.clone()))),
            service.on_state_change(move |state| {
                set_status.set(state);
                if state == ConnectionState::Connecting {
                    connecting_since.0.set(connecting_since.1.now());
                }
                if state == ConnectionState::Offline {
                    retry_later(retry.0.clone(), retry.1.clone());
                }
            }),
            follow_session(&service, &auth),
        );
        connect_if_signed_in(&service, &auth);
        Ok(Box::new(LiveConnection {
            service,
            _subscriptions: Box::new(subscriptions),
        }))
    }

    /// Every (re)connect asks the token manager, which renews an expired token first; `None` once signed out.
    fn token_provider(auth: &AuthService) -> Rc<dyn TokenProvider> {
        let source = Rc::new(ApiTokenSource::new(auth.token_manager().clone()));
        Rc::new(move || {
            let source = source.clone();
            async move { source.access_token().await }
        })
    }

    /// Connects now if there is a session.
    fn connect_if_signed_in(service: &SocketService, auth: &AuthService) {
        if let Some(token) = auth
            .is_authenticated()
            .then(|| auth.token_manager().access_token())
            .flatten()
        {
            service.connect(token);
        }
    }

    /// Connects on sign-in and disconnects on logout.
    fn follow_session(
        service: &SocketService,
        auth: &AuthService,
    ) -> (
        crate::services::auth::Subscription,
        crate::services::auth::Subscription,
    ) {
        let (on_sign_in, on_logout) = (service.clone(), service.clone());
        let weak = auth.downgrade();
        let signed_in = auth.subscribe(move |event| {
            if let (AuthEvent::SignedIn, Some(auth)) = (event, weak.upgrade()) {
                connect_if_signed_in(&on_sign_in, &auth);
            }
        });
        let logged_out = auth.on_logout(move |_| on_logout.disconnect());
        (signed_in, logged_out)
    }

    /// After every attempt failed, tries again later while the customer is still signed in.
    fn retry_later(service: SocketService, auth: AuthService) {
        let pending = SendWrapper::new((service, auth.downgrade()));
        set_timeout(
            move || {
                let (service, weak) = &*pending;
                if let (ConnectionState::Offline, Some(auth)) = (service.state(), weak.upgrade()) {
                    connect_if_signed_in(service, &auth);
                }
            },
            OFFLINE_RETRY,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::realtime::AlertLevel;

    fn alert(message: &str) -> SystemAlert {
        SystemAlert {
            level: AlertLevel::Warning,
            message: message.into(),
        }
    }

    #[test]
    fn alerts_show_once_and_at_most_three() {
        let mut shown = Vec::new();
        add_alert(&mut shown, alert("a"), 1);
        add_alert(&mut shown, alert("a"), 2);
        assert_eq!(shown.len(), 1, "the same alert shows once");
        for (id, text) in [(3, "b"), (4, "c"), (5, "d")] {
            add_alert(&mut shown, alert(text), id);
        }
        let ids: Vec<u64> = shown.iter().map(|s| s.id).collect();
        assert_eq!(ids, [3, 4, 5], "the oldest went first");
    }
}
