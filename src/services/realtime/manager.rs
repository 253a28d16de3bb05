//! The connection manager: connect, serve the live link, reconnect with backoff, stop on request or logout.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::rc::Rc;
use std::task::Poll;

use futures::channel::mpsc::UnboundedReceiver;
use futures::future::{Either, LocalBoxFuture, select};
use futures::{FutureExt, SinkExt, StreamExt};
use serde_json::json;

use super::hub::Hub;
use super::inbound::{Inbound, classify};
use super::link::{Link, open_link};
use super::outgoing_emit::OutgoingEmit;
use super::transport::{FrameSink, FrameStream, TransportError};
use super::{
    ConnectionState, EmitKind, EnginePacket, RealtimeEnv, RealtimeError, ResyncReason,
    SocketOptions, SocketPacket, SocketUrl, backoff_schedule,
};

/// What the service asks of its running connection.
pub(crate) enum Command {
    /// Write this emit on the live link.
    Send(OutgoingEmit),
    /// Leave the namespace, close the link and stop for good.
    Stop,
}

/// How one connection attempt ended.
enum Attempt {
    /// The service stopped the session (disconnect, a new connect, or the service was dropped).
    Stopped,
    /// The token provider had no token: the user logged out.
    LoggedOut,
    /// The handshake failed.
    Failed,
    /// The link was live, then dropped.
    Dropped,
}

/// What woke the live-link loop.
enum Wake {
    Command(Option<Command>),
    Frame(Option<Result<String, TransportError>>),
    HeartbeatExpired,
}

/// The service's commands, with buffering of emits that arrive while no link is live.
struct Commands {
    receiver: UnboundedReceiver<Command>,
    hub: Rc<Hub>,
}

impl Commands {
    /// Runs `work` unless a stop arrives first (`None`); emits arriving meanwhile go to the offline buffer.
    async fn until_stopped<F: Future>(&mut self, work: F) -> Option<F::Output> {
        let mut work = pin!(work);
        poll_fn(|cx| {
            loop {
                match self.receiver.poll_next_unpin(cx) {
                    Poll::Ready(Some(Command::Send(emit))) => self.hub.requeue(emit),
                    Poll::Ready(Some(Command::Stop) | None) => return Poll::Ready(None),
                    Poll::Pending => break,
                }
            }
            work.as_mut().poll(cx).map(Some)
        })
        .await
    }
}

/// Fixed inputs of a session.
struct Context {
    env: RealtimeEnv,
    hub: Rc<Hub>,
    url: SocketUrl,
    options: SocketOptions,
}

/// One session's connection loop; it ends on stop, logout, or after the last failed attempt.
pub(crate) struct Manager {
    context: Context,
    commands: Commands,
}

impl Manager {
    /// A manager reading `receiver`, sharing `hub` with the service.
    pub(crate) fn new(
        env: RealtimeEnv,
        hub: Rc<Hub>,
        url: SocketUrl,
        options: SocketOptions,
        receiver: UnboundedReceiver<Command>,
    ) -> Self {
        let commands = Commands {
            receiver,
            hub: hub.clone(),
        };
        Manager {
            context: Context {
                env,
                hub,
                url,
                options,
            },
            commands,
        }
    }

    /// The session: the first attempt uses `first_token`, each reconnect asks the token provider afresh.
    pub(crate) fn run(self, first_token: String) -> LocalBoxFuture<'static, ()> {
        self.run_session(first_token).boxed_local()
    }

    async fn run_session(mut self, first_token: String) {
        let mut token = Some(first_token);
        let mut reason = ResyncReason::Connected;
        let mut schedule = Vec::new();
        let mut failures = 0usize;
        loop {
            match self.attempt(token.take(), &mut reason).await {
                Attempt::Stopped => return,
                Attempt::LoggedOut => {
                    return self.context.hub.end_session(ConnectionState::Disconnected);
                }
                Attempt::Dropped => failures = 0,
                Attempt::Failed => {}
            }
            if failures == 0 {
                let random = self.context.env.random.clone();
                schedule = backoff_schedule(&self.context.options.reconnect, move || random());
            }
            let Some(&delay) = schedule.get(failures) else {
                return self.context.hub.end_session(ConnectionState::Offline);
            };
            failures += 1;
            self.context.hub.state.set(ConnectionState::Reconnecting {
                attempt: failures as u32,
            });
            if self
                .commands
                .until_stopped(self.context.env.sleeper.sleep(delay))
                .await
                .is_none()
            {
                return;
            }
        }
    }

    /// Gets a token, opens a link and serves it until it drops.
    async fn attempt(&mut self, token: Option<String>, reason: &mut ResyncReason) -> Attempt {
        let token = match token {
            Some(token) => token,
            None => match self
                .commands
                .until_stopped(self.context.env.tokens.access_token())
                .await
            {
                None => return Attempt::Stopped,
                Some(None) => return Attempt::LoggedOut,
                Some(Some(token)) => token,
            },
        };
        let link = match self
            .commands
            .until_stopped(self.context.open_link_in_time(&token))
            .await
        {
            None => return Attempt::Stopped,
            Some(Err(error)) => {
                self.context.hub.report(error);
                return Attempt::Failed;
            }
            Some(Ok(link)) => link,
        };
        let live_reason = std::mem::replace(reason, ResyncReason::Reconnected);
        match self.serve(link, live_reason).await {
            None => Attempt::Stopped,
            Some(error) => {
                self.context.hub.link_lost();
                self.context.hub.report(error);
                Attempt::Dropped
            }
        }
    }

    /// Runs the live link: `None` when stopped, otherwise why it dropped.
    async fn serve(&mut self, link: Link, reason: ResyncReason) -> Option<RealtimeError> {
        let Link {
            mut sink,
            mut stream,
            open,
        } = link;
        self.context.hub.max_payload.set(open.max_payload);
        self.context.hub.connected(reason);
        if let Err(error) = self.context.after_connect(&mut sink).await {
            return Some(error);
        }
        let deadline = open.heartbeat_deadline();
        let mut heartbeat = self.context.env.sleeper.sleep(deadline);
        loop {
            match next_wake(&mut self.commands.receiver, &mut stream, &mut heartbeat).await {
                Wake::Command(Some(Command::Send(emit))) => {
                    if let Err(error) = self.context.send_emit(&mut sink, emit).await {
                        return Some(error);
                    }
                }
                Wake::Command(Some(Command::Stop) | None) => {
                    self.context.leave(&mut sink).await;
                    return None;
                }
                Wake::Frame(None) => return Some(RealtimeError::Closed),
                Wake::Frame(Some(Err(error))) => self.context.hub.report(error.into()),
                Wake::Frame(Some(Ok(frame))) => match classify(&frame, &self.context.hub.namespace)
                {
                    Err(error) => self.context.hub.report(error.into()),
                    Ok(inbound) => {
                        if matches!(inbound, Inbound::Ping { .. }) {
                            heartbeat = self.context.env.sleeper.sleep(deadline);
                        }
                        if let Err(error) = self.context.handle(&mut sink, inbound).await {
                            return Some(error);
                        }
                    }
                },
                Wake::HeartbeatExpired => {
                    return Some(RealtimeError::HeartbeatTimeout(deadline.as_millis()));
                }
            }
        }
    }
}

/// Waits for the next command, frame or heartbeat expiry; commands first, so a stop always wins.
async fn next_wake(
    receiver: &mut UnboundedReceiver<Command>,
    stream: &mut FrameStream,
    heartbeat: &mut LocalBoxFuture<'static, ()>,
) -> Wake {
    poll_fn(|cx| {
        if let Poll::Ready(command) = receiver.poll_next_unpin(cx) {
            return Poll::Ready(Wake::Command(command));
        }
        if let Poll::Ready(frame) = stream.poll_next_unpin(cx) {
            return Poll::Ready(Wake::Frame(frame));
        }
        heartbeat.poll_unpin(cx).map(|()| Wake::HeartbeatExpired)
    })
    .await
}

impl Context {
    /// Opens a link, failing with `HandshakeTimeout` when it takes longer than the connect timeout.
    async fn open_link_in_time(&self, token: &str) -> Result<Link, RealtimeError> {
        let opening = pin!(open_link(
            self.env.transport.as_ref(),
            &self.url,
            &self.hub.namespace,
            token
        ));
        let timeout = self.env.sleeper.sleep(self.options.connect_timeout);
        match select(opening, timeout).await {
            Either::Left((result, _)) => result,
            Either::Right(((), _)) => Err(RealtimeError::HandshakeTimeout(
                self.options.connect_timeout.as_millis(),
            )),
        }
    }

    /// Re-subscribes the channels, then sends what was buffered while the link was down.
    async fn after_connect(&self, sink: &mut FrameSink) -> Result<(), RealtimeError> {
        if !self.options.channels.is_empty() {
            let channels: Vec<&str> = self
                .options
                .channels
                .iter()
                .map(|channel| channel.as_str())
                .collect();
            let subscribe = OutgoingEmit {
                name: digibank_api_types::SUBSCRIBE_EVENT.into(),
                args: vec![json!({ "channels": channels })],
                kind: EmitKind::Ordinary,
                ack_id: None,
            };
            sink.send(subscribe.frame(&self.hub.namespace)).await?;
        }
        let mut buffered = self.hub.take_buffered().into_iter();
        while let Some(emit) = buffered.next() {
            if let Err(error) = self.send_emit(sink, emit).await {
                buffered.for_each(|rest| self.hub.requeue(rest));
                return Err(error);
            }
        }
        Ok(())
    }

    /// Writes one emit; on failure it goes back to the buffer (or fails, if it may not wait).
    async fn send_emit(
        &self,
        sink: &mut FrameSink,
        emit: OutgoingEmit,
    ) -> Result<(), RealtimeError> {
        match sink.send(emit.frame(&self.hub.namespace)).await {
            Ok(()) => {
                self.hub.mark_sent(&emit);
                Ok(())
            }
            Err(error) => {
                self.hub.requeue(emit);
                Err(error.into())
            }
        }
    }

    /// Acts on one received frame; an error means the link is over.
    async fn handle(&self, sink: &mut FrameSink, inbound: Inbound) -> Result<(), RealtimeError> {
        match inbound {
            Inbound::Ping { pong } => sink.send(pong).await?,
            Inbound::Event {
                name,
                args,
                ack_reply,
            } => {
                self.hub.dispatch(name, args);
                if let Some(reply) = ack_reply {
                    sink.send(reply).await?;
                }
            }
            Inbound::Ack { id, args } => self.hub.resolve_ack(id, args),
            Inbound::End(reason) => return Err(reason),
            Inbound::Ignored => {}
        }
        Ok(())
    }

    /// Leaves the namespace and closes the websocket; failures do not matter any more.
    async fn leave(&self, sink: &mut FrameSink) {
        let goodbye = EnginePacket::Message(
            SocketPacket::Disconnect {
                namespace: self.hub.namespace.clone(),
            }
            .encode(),
        )
        .encode();
        let _ = sink.send(goodbye).await;
        let _ = sink.close().await;
    }
}
