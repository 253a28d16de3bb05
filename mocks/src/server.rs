//! Building the routers and binding the listeners.

use std::io;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, OriginalUri};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::post;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::faults::inject_faults;
use crate::http::cache_control::default_no_store;
use crate::http::content_security_policy::REPORT_PATH;
use crate::http::cors::{admin_cors, public_cors};
use crate::http::problem::finish_errors;
use crate::http::request_id::request_id;
use crate::http::security_headers::SecurityHeaders;
use crate::http::static_files;
use crate::realtime::spawn_forwarder;
use crate::{ApiError, AppState, Config, admin, api, oidc, reports};

/// Largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The public router: `/api` with request ids, JSON errors, CORS and faults; the realtime socket at
/// `/socket.io/` (its events flow once [`crate::realtime::spawn_forwarder`] runs, as [`serve`] does).
pub fn app(state: AppState) -> Router {
    public_router(state, None, false)
}

/// The public router, serving the built SPA from `static_dir` as deployed ([`static_files`]) when given, with
/// the security headers unless `plain`.
fn public_router(state: AppState, static_dir: Option<&Path>, plain: bool) -> Router {
    let api = api::router()
        .fallback(not_found)
        .layer(from_fn(default_no_store))
        .layer(DefaultBodyLimit::max(BODY_LIMIT));
    let mut router = Router::new()
        .nest("/api", api)
        .layer(from_fn_with_state(state.clone(), inject_faults))
        .layer(public_cors(state.public_origin().map(str::to_owned)))
        // Outside the API's faults and CORS: browsers post these from the app's own pages.
        .route(
            REPORT_PATH,
            post(reports::receive).layer(DefaultBodyLimit::max(BODY_LIMIT)),
        );
    if let Some(dir) = static_dir {
        // Outside the CORS layer: the files are same-origin, and its `Vary: Origin` would key the HTTP cache on
        // a header the page's CORS-mode fetches send and the service worker's do not, so the worker's precache
        // would download again what the page has just loaded.
        let https = state
            .public_origin()
            .is_some_and(|o| o.starts_with("https://"));
        let security = (!plain).then(|| SecurityHeaders::for_site(dir, https));
        router = router.merge(static_files::router(dir, security));
    }
    router
        .layer(from_fn(finish_errors))
        // After the API's layers: the provider answers RFC 6749 JSON and HTML, with its own CORS.
        .nest("/oidc", oidc::router())
        .layer(from_fn(request_id))
        // Outermost: `/socket.io/` is answered before routing (websocket upgrades, no API layers).
        .layer(state.realtime().layer())
        .with_state(state)
}

/// The admin router (loopback CORS, JSON errors, request ids; never faults).
pub fn admin_app(state: AppState) -> Router {
    admin::router()
        .fallback(not_found)
        .layer(from_fn(default_no_store))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(admin_cors())
        .layer(from_fn(finish_errors))
        .layer(from_fn(request_id))
        .with_state(state)
}

async fn not_found(OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::NotFound(format!("No such resource: {}", uri.path()))
}

/// A running mock bank; dropping it (or calling [`RunningServer::stop`]) shuts both listeners down.
pub struct RunningServer {
    /// Public listener address.
    pub addr: SocketAddr,
    /// Admin listener address.
    pub admin_addr: SocketAddr,
    state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    background: Vec<JoinHandle<()>>,
}

impl RunningServer {
    /// Public base URL, e.g. `http://127.0.0.1:43123`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Admin base URL.
    pub fn admin_url(&self) -> String {
        format!("http://{}", self.admin_addr)
    }

    /// The server's state (ledger events, tokens, faults).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops both listeners and waits for them to close.
    pub async fn stop(mut self) {
        self.signal_stop();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    fn signal_stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        for task in self.background.drain(..) {
            task.abort();
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.signal_stop();
    }
}

/// Binds both listeners on 127.0.0.1 and serves until stopped.
pub async fn serve(config: Config) -> io::Result<RunningServer> {
    serve_state(config, None).await
}

/// [`serve`] over existing `state` (data, tokens, faults): e.g. a test that stopped the server to simulate an
/// outage restarts it on the same ports and the customer's session is still valid.
pub async fn serve_with_state(config: Config, state: AppState) -> io::Result<RunningServer> {
    serve_state(config, Some(state)).await
}

async fn serve_state(config: Config, state: Option<AppState>) -> io::Result<RunningServer> {
    config
        .faults
        .profile()
        .validate()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
    config
        .oidc
        .validate()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
    let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
    let admin_listener = TcpListener::bind(("127.0.0.1", config.admin_port)).await?;
    let (addr, admin_addr) = (listener.local_addr()?, admin_listener.local_addr()?);
    // Without --public-url, browsers see the listener itself (the OpenID issuer is derived from it).
    let config = Config {
        public_url: config.public_url.or_else(|| Some(format!("http://{addr}"))),
        ..config
    };
    let state = state.unwrap_or_else(|| AppState::from_config(&config));
    // RSA key generation takes a moment: do it now, off the request path.
    drop(tokio::task::spawn_blocking(|| {
        oidc::SigningKey::process_key().map(drop)
    }));
    let public = public_router(
        state.clone(),
        config.static_dir.as_deref(),
        config.no_security_headers,
    );
    let admin = admin_app(state.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let (stop_public, stop_admin) = split_signal(rx);
        let public = axum::serve(listener, public).with_graceful_shutdown(stop_public);
        let admin = axum::serve(admin_listener, admin).with_graceful_shutdown(stop_admin);
        let _ = tokio::join!(public, admin);
    });
    let mut background = vec![state.spawn_worker(), spawn_forwarder(state.clone())];
    background.extend(
        config
            .reset_interval
            .map(|secs| spawn_resets(state.clone(), secs)),
    );
    Ok(RunningServer {
        addr,
        admin_addr,
        state,
        shutdown: Some(tx),
        task: Some(task),
        background,
    })
}

/// Resets the data to the seed every `secs` seconds.
fn spawn_resets(state: AppState, secs: u64) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(secs));
        every.tick().await;
        loop {
            every.tick().await;
            state.reset();
            tracing::info!("periodic reset to the seed");
        }
    })
}

/// Turns one shutdown signal into two futures, one per listener.
fn split_signal(rx: oneshot::Receiver<()>) -> (impl Future<Output = ()>, impl Future<Output = ()>) {
    let (tx, _) = tokio::sync::broadcast::channel::<()>(1);
    let (mut a, mut b) = (tx.subscribe(), tx.subscribe());
    tokio::spawn(async move {
        let _ = rx.await;
        let _ = tx.send(());
    });
    (
        async move {
            let _ = a.recv().await;
        },
        async move {
            let _ = b.recv().await;
        },
    )
}
