//! One socket's life: CONNECT authenticated like the API's bearer tokens, `subscribe {channels}`, disconnect.

use socketioxide::SocketIo;
use socketioxide::extract::{AckSender, SocketRef, TryData};
use socketioxide::handler::ConnectHandler;

use digibank_api_types::Channel;
use digibank_api_types::{ConnectAuth, SubscribeRequest};

use super::payloads::Subscribed;
use super::room::room;
use crate::auth::subject_of_token;
use crate::state::WeakAppState;

/// Why a CONNECT was refused (its text is the CONNECT_ERROR message the client sees).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectRefused {
    /// No `{token}` in the CONNECT auth payload.
    #[error("Sign in first: send the access token as the CONNECT auth {{\"token\": \"…\"}}")]
    MissingToken,
    /// The token is unknown, expired or revoked.
    #[error("invalid token: {0}")]
    InvalidToken(String),
    /// The bank is shutting down.
    #[error("the bank is shutting down")]
    ShuttingDown,
}

/// The authenticated user, kept on the socket.
#[derive(Debug, Clone)]
struct Subject(String);

/// Marks a socket that subscribed to at least one channel.
#[derive(Debug, Clone)]
struct HasSubscribed;

/// Registers the default namespace: authentication middleware, then the connection handler.
pub(super) fn mount(io: &SocketIo, state: WeakAppState) {
    let for_auth = state.clone();
    let authenticate = move |socket: SocketRef, auth: TryData<ConnectAuth>| {
        let state = for_auth.clone();
        async move { authenticate(&state, &socket, auth).await }
    };
    let connected = move |socket: SocketRef| {
        let state = state.clone();
        async move { on_connect(state, socket) }
    };
    io.ns("/", connected.with(authenticate));
}

/// Checks the CONNECT token by the API's rules and remembers its user on the socket.
async fn authenticate(
    state: &WeakAppState,
    socket: &SocketRef,
    TryData(auth): TryData<ConnectAuth>,
) -> Result<(), ConnectRefused> {
    let token = auth
        .ok()
        .map(|auth| auth.token)
        .filter(|token| !token.trim().is_empty())
        .ok_or(ConnectRefused::MissingToken)?;
    let state = state.upgrade().ok_or(ConnectRefused::ShuttingDown)?;
    let user = subject_of_token(&state, token.trim())
        .await
        .map_err(|error| ConnectRefused::InvalidToken(error.to_string()))?;
    socket.extensions.insert(Subject(user));
    Ok(())
}

/// Counts the socket in and wires its `subscribe` and disconnect handlers.
fn on_connect(state: WeakAppState, socket: SocketRef) {
    let (Some(app), Some(Subject(user))) = (state.upgrade(), socket.extensions.get::<Subject>())
    else {
        let _ = socket.disconnect();
        return;
    };
    app.realtime().count_socket(true);
    tracing::info!(user, sid = %socket.id, "realtime socket connected");
    let for_subscribe = state.clone();
    socket.on(
        "subscribe",
        move |socket: SocketRef, TryData(request): TryData<SubscribeRequest>, ack: AckSender| async move {
            on_subscribe(&for_subscribe, &socket, &user, request.ok(), ack);
        },
    );
    socket.on_disconnect(move |socket: SocketRef| async move {
        if let Some(app) = state.upgrade() {
            if socket.extensions.get::<HasSubscribed>().is_some() {
                app.realtime().count_subscribed(false);
            }
            app.realtime().count_socket(false);
        }
        tracing::info!(sid = %socket.id, "realtime socket disconnected");
    });
}

/// Joins the rooms of the known channels asked for; answers the accepted ones when an ack is wanted.
fn on_subscribe(
    state: &WeakAppState,
    socket: &SocketRef,
    user: &str,
    request: Option<SubscribeRequest>,
    ack: AckSender,
) {
    let channels: Vec<Channel> = request
        .map(|r| r.channels)
        .unwrap_or_default()
        .iter()
        .filter_map(|name| Channel::parse(name))
        .collect();
    if channels.is_empty() {
        tracing::warn!(sid = %socket.id, "subscribe without a known channel ignored");
    }
    socket.join(channels.iter().map(|c| room(*c, user)).collect::<Vec<_>>());
    let first = !channels.is_empty() && socket.extensions.insert(HasSubscribed).is_none();
    if let (true, Some(app)) = (first, state.upgrade()) {
        app.realtime().count_subscribed(true);
    }
    let accepted = Subscribed {
        channels: channels.iter().map(|c| c.as_str()).collect(),
    };
    let _ = ack.send(&accepted);
}
