//! The guide's `SocketService`: connect, disconnect, emit, listen, and watch the connection state.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use futures::channel::mpsc::{self, UnboundedSender};
use serde::Serialize;
use serde_json::Value;

use super::hub::{Hub, InboundEvent};
use super::manager::{Command, Manager};
use super::outgoing_emit::OutgoingEmit;
use super::{
    AckError, ConnectionState, EmitError, EmitKind, RealtimeEnv, RealtimeError, Resync,
    ServerEvent, SocketOptions, SocketUrl, Subscription,
};

/// The realtime connection to the bank; cheap to clone (all clones share one connection).
#[derive(Clone)]
pub struct SocketService {
    inner: Rc<Inner>,
}

struct Inner {
    hub: Rc<Hub>,
    env: RealtimeEnv,
    url: SocketUrl,
    options: SocketOptions,
    session: RefCell<Option<UnboundedSender<Command>>>,
}

impl SocketService {
    /// A disconnected service for `url`; nothing happens until [`SocketService::connect`].
    pub fn new(url: SocketUrl, options: SocketOptions, env: RealtimeEnv) -> Self {
        let hub = Rc::new(Hub::new(options.namespace.clone(), options.offline_buffer));
        SocketService {
            inner: Rc::new(Inner {
                hub,
                env,
                url,
                options,
                session: RefCell::new(None),
            }),
        }
    }

    /// Starts a session with `token`; reconnects ask the token provider for a fresh one. Replaces any running session.
    pub fn connect(&self, token: impl Into<String>) {
        let inner = &self.inner;
        if let Some(previous) = inner.session.borrow_mut().take() {
            let _ = previous.unbounded_send(Command::Stop);
            inner.hub.link_lost();
        }
        let (sender, receiver) = mpsc::unbounded();
        *inner.session.borrow_mut() = Some(sender);
        inner.hub.state.set(ConnectionState::Connecting);
        let manager = Manager::new(
            inner.env.clone(),
            inner.hub.clone(),
            inner.url.clone(),
            inner.options.clone(),
            receiver,
        );
        inner.env.spawner.spawn(manager.run(token.into()));
    }

    /// Ends the session for good: leaves the namespace, closes the link, drops the buffer; never reconnects.
    pub fn disconnect(&self) {
        if let Some(session) = self.inner.session.borrow_mut().take() {
            let _ = session.unbounded_send(Command::Stop);
        }
        self.inner.hub.end_session(ConnectionState::Disconnected);
    }

    /// The current connection state.
    pub fn state(&self) -> ConnectionState {
        self.inner.hub.state.get()
    }

    /// Calls `callback` on every state change (map it to a signal for the status dot).
    pub fn on_state_change(&self, callback: impl Fn(ConnectionState) + 'static) -> Subscription {
        self.inner.hub.state.watch(callback)
    }

    /// Emits an ordinary event with one data argument: sent now, or buffered while reconnecting.
    pub fn emit(&self, event: &str, data: impl Serialize) -> Result<(), EmitError> {
        self.emit_as(EmitKind::Ordinary, event, data)
    }

    /// Emits with an explicit kind: money-moving events are refused unless connected.
    pub fn emit_as(
        &self,
        kind: EmitKind,
        event: &str,
        data: impl Serialize,
    ) -> Result<(), EmitError> {
        self.dispatch(prepare(kind, event, data)?)
    }

    /// Emits and waits for the server's acknowledgement; `callback` runs once, with the answer or an [`AckError`].
    pub fn emit_with_ack(
        &self,
        kind: EmitKind,
        event: &str,
        data: impl Serialize,
        timeout: Duration,
        callback: impl FnOnce(Result<Vec<Value>, AckError>) + 'static,
    ) -> Result<(), EmitError> {
        let mut emit = prepare(kind, event, data)?;
        let id = self
            .inner
            .hub
            .acks
            .borrow_mut()
            .register(Box::new(callback));
        emit.ack_id = Some(id);
        if let Err(error) = self.dispatch(emit) {
            self.inner.hub.acks.borrow_mut().take(id);
            return Err(error);
        }
        self.spawn_ack_timeout(id, timeout);
        Ok(())
    }

    /// Calls `callback` with the raw arguments of every `event` from the server.
    pub fn on(&self, event: &str, callback: impl Fn(&[Value]) + 'static) -> Subscription {
        let event = event.to_owned();
        self.inner.hub.events.add(move |inbound: &InboundEvent| {
            if inbound.name == event {
                callback(&inbound.args);
            }
        })
    }

    /// Calls `callback` with every well-formed `E` (e.g. [`BalanceUpdate`](super::BalanceUpdate)); malformed ones go to `on_error`.
    pub fn subscribe<E: ServerEvent>(&self, callback: impl Fn(E) + 'static) -> Subscription {
        let hub = Rc::downgrade(&self.inner.hub);
        self.on(E::NAME, move |args| match E::from_args(args) {
            Ok(event) => callback(event),
            Err(error) => {
                if let Some(hub) = hub.upgrade() {
                    hub.report(error.into());
                }
            }
        })
    }

    /// Removes a listener now (dropping the subscription does the same).
    pub fn unsubscribe(&self, subscription: Subscription) {
        subscription.unsubscribe();
    }

    /// Calls `callback` whenever queries must be refetched: after every (re)connect and on a `seq` gap.
    pub fn on_resync(&self, callback: impl Fn(&Resync) + 'static) -> Subscription {
        self.inner.hub.resyncs.add(callback)
    }

    /// Calls `callback` with every problem on the connection (it recovers by itself; this is for logs).
    pub fn on_error(&self, callback: impl Fn(&RealtimeError) + 'static) -> Subscription {
        self.inner.hub.errors.add(callback)
    }

    /// Sends now when connected, buffers while (re)connecting, refuses otherwise.
    fn dispatch(&self, emit: OutgoingEmit) -> Result<(), EmitError> {
        let hub = &self.inner.hub;
        let size = emit.frame(&hub.namespace).len();
        let max = hub.max_payload.get();
        if u64::try_from(size).map_or(true, |size| size > max) {
            return Err(EmitError::TooLarge { size, max });
        }
        match hub.state.get() {
            ConnectionState::Connected => self.send_now(emit),
            state if state.is_pending() => hub.outbox.borrow_mut().push(emit),
            _ => Err(EmitError::NotConnected),
        }
    }

    fn send_now(&self, emit: OutgoingEmit) -> Result<(), EmitError> {
        let session = self.inner.session.borrow();
        let sender = session.as_ref().ok_or(EmitError::NotConnected)?;
        sender
            .unbounded_send(Command::Send(emit))
            .map_err(|_| EmitError::NotConnected)
    }

    /// Fails ack `id` with `Timeout` if no answer came within `timeout`.
    fn spawn_ack_timeout(&self, id: u64, timeout: Duration) {
        let hub = Rc::downgrade(&self.inner.hub);
        let sleep = self.inner.env.sleeper.sleep(timeout);
        self.inner.env.spawner.spawn(Box::pin(async move {
            sleep.await;
            if let Some(hub) = hub.upgrade() {
                hub.fail_ack(id, AckError::Timeout(timeout));
            }
        }));
    }
}

/// Builds an emit with `data` as its single argument.
fn prepare(kind: EmitKind, event: &str, data: impl Serialize) -> Result<OutgoingEmit, EmitError> {
    let data = serde_json::to_value(data).map_err(|e| EmitError::Serialize(e.to_string()))?;
    Ok(OutgoingEmit {
        name: event.to_owned(),
        args: vec![data],
        kind,
        ack_id: None,
    })
}
