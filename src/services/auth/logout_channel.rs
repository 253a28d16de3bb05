//! Browser shell: sign-out fan-out between tabs over `BroadcastChannel("digibank-auth")`.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, MessageEvent};

use super::LogoutBroadcast;

/// The channel name.
pub const AUTH_CHANNEL: &str = "digibank-auth";
/// The message announcing a sign-out.
pub const LOGOUT_MESSAGE: &str = "logout";

type MessageHandler = Closure<dyn FnMut(MessageEvent)>;

/// One channel object per page: it announces this tab's sign-outs and hears the others' (a channel object
/// never receives its own messages, so a tab does not sign itself out twice).
pub struct LogoutChannel {
    channel: BroadcastChannel,
    on_message: RefCell<Option<MessageHandler>>,
}

impl LogoutChannel {
    /// Opens the channel, if the browser has BroadcastChannel.
    pub fn open() -> Option<Self> {
        let channel = BroadcastChannel::new(AUTH_CHANNEL).ok()?;
        Some(Self {
            channel,
            on_message: RefCell::new(None),
        })
    }

    /// Calls `on_logout` whenever another tab announces a sign-out (replacing any earlier listener).
    pub fn listen(&self, on_logout: impl Fn() + 'static) {
        let closure = MessageHandler::new(move |event: MessageEvent| {
            if event.data().as_string().as_deref() == Some(LOGOUT_MESSAGE) {
                on_logout();
            }
        });
        self.channel
            .set_onmessage(Some(closure.as_ref().unchecked_ref()));
        *self.on_message.borrow_mut() = Some(closure);
    }
}

impl LogoutBroadcast for LogoutChannel {
    fn announce(&self) {
        let _ = self
            .channel
            .post_message(&JsValue::from_str(LOGOUT_MESSAGE));
    }
}

impl Drop for LogoutChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
