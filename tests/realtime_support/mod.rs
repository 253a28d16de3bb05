//! Test doubles for the realtime layer: a channel transport with a scripted server side, fake time,
//! a local-pool spawner and a counting token provider, wired into a [`SocketService`].

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use digibank::services::realtime::{
    ConnectionState, FramePipe, RealtimeEnv, RealtimeError, Resync, Sleeper, SocketOptions,
    SocketService, SocketUrl, Spawner, Subscription, Transport, TransportError,
};
use futures::SinkExt;
use futures::channel::{mpsc, oneshot};
use futures::executor::{LocalPool, LocalSpawner};
use futures::future::LocalBoxFuture;
use futures::task::LocalSpawnExt;

/// The handshake frame a socket.io v4 server sends (25 s interval + 20 s timeout = 45 s to a dead link).
pub const OPEN: &str = r#"0{"sid":"eio-1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"#;
/// The subscription the client must send after every (re)connect.
pub const SUBSCRIBE: &str = r#"42["subscribe",{"channels":["accounts","transactions"]}]"#;

/// Manual time: sleeps complete only when the test advances the clock.
#[derive(Clone, Default)]
pub struct FakeClock {
    inner: Rc<RefCell<FakeTime>>,
}

#[derive(Default)]
struct FakeTime {
    now: Duration,
    timers: Vec<(Duration, oneshot::Sender<()>)>,
}

impl FakeClock {
    /// The earliest live timer due at or before `limit`.
    fn next_due(&self, limit: Duration) -> Option<Duration> {
        let time = self.inner.borrow();
        time.timers
            .iter()
            .filter(|(due, tx)| *due <= limit && !tx.is_canceled())
            .map(|(due, _)| *due)
            .min()
    }

    /// Moves to `instant` and fires every timer due by then.
    fn fire_until(&self, instant: Duration) {
        let mut time = self.inner.borrow_mut();
        time.now = instant;
        let (due, pending): (Vec<_>, Vec<_>) =
            time.timers.drain(..).partition(|(at, _)| *at <= instant);
        time.timers = pending;
        drop(time);
        for (_, tx) in due {
            let _ = tx.send(());
        }
    }

    fn now(&self) -> Duration {
        self.inner.borrow().now
    }
}

impl Sleeper for FakeClock {
    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        let (tx, rx) = oneshot::channel();
        let mut time = self.inner.borrow_mut();
        let due = time.now + duration;
        time.timers.push((due, tx));
        Box::pin(async move {
            let _ = rx.await;
        })
    }
}

/// The server's end of one websocket opened by the client.
pub struct ServerSide {
    /// The URL the client opened.
    pub url: String,
    to_client: mpsc::UnboundedSender<Result<String, TransportError>>,
    from_client: mpsc::UnboundedReceiver<String>,
}

impl ServerSide {
    /// Sends a text frame to the client.
    pub fn send(&self, frame: &str) {
        self.to_client
            .unbounded_send(Ok(frame.to_owned()))
            .expect("client stream alive");
    }

    /// Delivers a transport error item to the client's stream.
    pub fn send_error(&self, error: TransportError) {
        self.to_client
            .unbounded_send(Err(error))
            .expect("client stream alive");
    }

    /// Every frame the client sent since the last call.
    pub fn received(&mut self) -> Vec<String> {
        let mut frames = Vec::new();
        while let Ok(frame) = self.from_client.try_recv() {
            frames.push(frame);
        }
        frames
    }

    /// True once the client dropped or closed its side.
    pub fn closed_by_client(&mut self) -> bool {
        matches!(self.from_client.try_recv(), Err(mpsc::TryRecvError::Closed))
    }
}

/// Opens channel pairs instead of websockets; the test plays the server.
#[derive(Default)]
pub struct ChannelTransport {
    /// How many of the next connects fail.
    pub refusals: Cell<u32>,
    /// How many connects were tried.
    pub connects: Cell<u32>,
    accepted: RefCell<VecDeque<ServerSide>>,
}

impl Transport for ChannelTransport {
    fn connect(
        &self,
        url: &SocketUrl,
    ) -> LocalBoxFuture<'static, Result<FramePipe, TransportError>> {
        self.connects.set(self.connects.get() + 1);
        if self.refusals.get() > 0 {
            self.refusals.set(self.refusals.get() - 1);
            return Box::pin(async { Err(TransportError::Connect("connection refused".into())) });
        }
        let (to_server, from_client) = mpsc::unbounded::<String>();
        let (to_client, from_server) = mpsc::unbounded();
        self.accepted.borrow_mut().push_back(ServerSide {
            url: url.as_str().to_owned(),
            to_client,
            from_client,
        });
        let sink = to_server.sink_map_err(|e| TransportError::Send(e.to_string()));
        Box::pin(async move {
            Ok(FramePipe {
                sink: Box::pin(sink),
                stream: Box::pin(from_server),
            })
        })
    }
}

struct PoolSpawner(LocalSpawner);

impl Spawner for PoolSpawner {
    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        self.0.spawn_local(task).expect("the test pool is alive");
    }
}

/// Hands out `token-1`, `token-2`, … until the user logs out.
#[derive(Default)]
pub struct Tokens {
    /// When true, the provider answers `None`.
    pub logged_out: Cell<bool>,
    issued: Cell<u32>,
}

impl Tokens {
    fn next(&self) -> Option<String> {
        if self.logged_out.get() {
            return None;
        }
        self.issued.set(self.issued.get() + 1);
        Some(format!("token-{}", self.issued.get()))
    }
}

/// A service on fake time and channels, with everything it reports recorded.
pub struct Harness {
    pub pool: LocalPool,
    pub clock: FakeClock,
    pub transport: Rc<ChannelTransport>,
    pub tokens: Rc<Tokens>,
    pub service: SocketService,
    pub states: Rc<RefCell<Vec<ConnectionState>>>,
    pub errors: Rc<RefCell<Vec<RealtimeError>>>,
    pub resyncs: Rc<RefCell<Vec<Resync>>>,
    _recorders: Vec<Subscription>,
}

impl Harness {
    /// A harness with the default options.
    pub fn new() -> Self {
        Harness::with_options(SocketOptions::default())
    }

    /// A harness with `options`; jitter is off so delays are exact.
    pub fn with_options(options: SocketOptions) -> Self {
        let pool = LocalPool::new();
        let clock = FakeClock::default();
        let transport = Rc::new(ChannelTransport::default());
        let tokens = Rc::new(Tokens::default());
        let provider = tokens.clone();
        let env = RealtimeEnv {
            transport: transport.clone(),
            sleeper: Rc::new(clock.clone()),
            spawner: Rc::new(PoolSpawner(pool.spawner())),
            tokens: Rc::new(move || std::future::ready(provider.next())),
            random: Rc::new(|| 0),
        };
        let url = SocketUrl::from_realtime_url("http://bank.test/socket.io/").expect("valid url");
        let service = SocketService::new(url, options, env);
        let states: Rc<RefCell<Vec<ConnectionState>>> = Rc::default();
        let errors: Rc<RefCell<Vec<RealtimeError>>> = Rc::default();
        let resyncs: Rc<RefCell<Vec<Resync>>> = Rc::default();
        let (state_log, error_log, resync_log) = (states.clone(), errors.clone(), resyncs.clone());
        let recorders = vec![
            service.on_state_change(move |state| state_log.borrow_mut().push(state)),
            service.on_error(move |error| error_log.borrow_mut().push(error.clone())),
            service.on_resync(move |resync| resync_log.borrow_mut().push(resync.clone())),
        ];
        Harness {
            pool,
            clock,
            transport,
            tokens,
            service,
            states,
            errors,
            resyncs,
            _recorders: recorders,
        }
    }

    /// Runs every task until all wait.
    pub fn run(&mut self) {
        self.pool.run_until_stalled();
    }

    /// Advances fake time by `by`, firing timers in order and running tasks after each.
    pub fn advance(&mut self, by: Duration) {
        self.run();
        let target = self.clock.now() + by;
        while let Some(due) = self.clock.next_due(target) {
            self.clock.fire_until(due);
            self.run();
        }
        self.clock.fire_until(target);
        self.run();
    }

    /// Advances fake time by `ms` milliseconds.
    pub fn advance_ms(&mut self, ms: u64) {
        self.advance(Duration::from_millis(ms));
    }

    /// The next websocket the client opened.
    pub fn accept(&mut self) -> ServerSide {
        self.run();
        self.transport
            .accepted
            .borrow_mut()
            .pop_front()
            .expect("the client opened a websocket")
    }

    /// True when the client opened no websocket that was not accepted yet.
    pub fn nothing_opened(&mut self) -> bool {
        self.run();
        self.transport.accepted.borrow().is_empty()
    }

    /// Plays the server's side of the handshake, checking the CONNECT carries `token`; returns what followed it.
    pub fn handshake(&mut self, server: &mut ServerSide, token: &str) -> Vec<String> {
        server.send(OPEN);
        self.run();
        assert_eq!(server.received(), [format!(r#"40{{"token":"{token}"}}"#)]);
        server.send(r#"40{"sid":"sio-1"}"#);
        self.run();
        server.received()
    }

    /// Connects with `token-0` and completes the handshake; returns the live server side.
    pub fn connected(&mut self) -> ServerSide {
        self.service.connect("token-0");
        let mut server = self.accept();
        assert_eq!(self.handshake(&mut server, "token-0"), [SUBSCRIBE]);
        server
    }
}
