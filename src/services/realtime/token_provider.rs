//! Where the access token for each (re)connect comes from: asked fresh every time, so it is never stale.

use std::future::Future;

use futures::future::LocalBoxFuture;

/// Supplies the current access token; `None` means the user is logged out and nothing may reconnect.
pub trait TokenProvider {
    /// The access token to put in the next CONNECT packet.
    fn access_token(&self) -> LocalBoxFuture<'static, Option<String>>;
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut,
    Fut: Future<Output = Option<String>> + 'static,
{
    fn access_token(&self) -> LocalBoxFuture<'static, Option<String>> {
        Box::pin(self())
    }
}
