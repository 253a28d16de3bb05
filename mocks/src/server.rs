//! Building the routers and binding the listeners.

use std::net::SocketAddr;
use std::path::Path;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::services::{ServeDir, ServeFile};

use crate::{AppState, Config, admin, api};

/// The public router: `/api` plus, when given, the static SPA.
pub fn app(state: AppState) -> Router {
    Router::new().nest("/api", api::router()).with_state(state)
}

/// The admin router.
pub fn admin_app(state: AppState) -> Router {
    admin::router().with_state(state)
}

/// Adds the built SPA under `/`, answering unknown paths with index.html (client-side routes).
fn with_static(router: Router, dir: &Path) -> Router {
    let index = ServeFile::new(dir.join("index.html"));
    router.fallback_service(ServeDir::new(dir).fallback(index))
}

/// A running mock bank; dropping it (or calling [`RunningServer::stop`]) shuts both listeners down.
pub struct RunningServer {
    /// Public listener address.
    pub addr: SocketAddr,
    /// Admin listener address.
    pub admin_addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
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

    /// Stops both listeners and waits for them to close.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Binds both listeners on 127.0.0.1 and serves until stopped.
pub async fn serve(config: Config) -> std::io::Result<RunningServer> {
    let state = AppState::new();
    let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
    let admin_listener = TcpListener::bind(("127.0.0.1", config.admin_port)).await?;
    let (addr, admin_addr) = (listener.local_addr()?, admin_listener.local_addr()?);
    let mut public = app(state.clone());
    if let Some(dir) = &config.static_dir {
        public = with_static(public, dir);
    }
    let admin = admin_app(state);
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let (stop_public, stop_admin) = split_signal(rx);
        let public = axum::serve(listener, public).with_graceful_shutdown(stop_public);
        let admin = axum::serve(admin_listener, admin).with_graceful_shutdown(stop_admin);
        let _ = tokio::join!(public, admin);
    });
    Ok(RunningServer { addr, admin_addr, shutdown: Some(tx), task: Some(task) })
}

/// Turns one shutdown signal into two futures, one per listener.
fn split_signal(rx: oneshot::Receiver<()>) -> (impl Future<Output = ()>, impl Future<Output = ()>) {
    let (tx, _) = tokio::sync::broadcast::channel::<()>(1);
    let (mut a, mut b) = (tx.subscribe(), tx.subscribe());
    tokio::spawn(async move {
        let _ = rx.await;
        let _ = tx.send(());
    });
    (async move { let _ = a.recv().await; }, async move { let _ = b.recv().await; })
}
