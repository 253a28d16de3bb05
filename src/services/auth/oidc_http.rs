//! Browser shell: [`AuthHttp`] over `fetch` (gloo-net), for every request to the provider and the cookie endpoints.
//! A reply keeps its status and body.

use gloo_net::http::RequestBuilder;
use js_sys::Uint8Array;
use openidconnect::http::Response;
use web_sys::{RequestCache, RequestCredentials};

use super::{
    AuthHttp, HttpCache, HttpError, HttpFuture, HttpRequest, HttpResponse, WithCredentials,
};

/// Sends auth requests with `fetch`: cached only when the request allows it ([`HttpCache`]; the discovery
/// document and keys), cookies only when the request asks for them.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchHttp;

impl AuthHttp for FetchHttp {
    fn send(&self, request: HttpRequest) -> HttpFuture<'_> {
        Box::pin(send(request))
    }
}

async fn send(request: HttpRequest) -> Result<HttpResponse, HttpError> {
    let credentials = match request.extensions().get::<WithCredentials>() {
        Some(_) => RequestCredentials::Include,
        None => RequestCredentials::Omit,
    };
    let mut builder = RequestBuilder::new(&request.uri().to_string())
        .method(request.method().clone())
        .cache(match request.extensions().get::<HttpCache>() {
            Some(HttpCache::Allowed) => RequestCache::Default,
            Some(HttpCache::Revalidate) => RequestCache::NoCache,
            None => RequestCache::NoStore,
        })
        .credentials(credentials);
    for (name, value) in request.headers() {
        let value = value
            .to_str()
            .map_err(|_| HttpError(format!("header {name} is not text")))?;
        builder = builder.header(name.as_str(), value);
    }
    let prepared = if request.body().is_empty() {
        builder.build()
    } else {
        builder.body(Uint8Array::from(request.body().as_slice()))
    };
    let response = prepared.map_err(network)?.send().await.map_err(network)?;
    // The reply's headers are not copied: nothing in the auth layer reads them, and parsing arbitrary header
    // names (`HeaderName::from_bytes`) would put 17 KB of code in the main module (docs/size.md).
    let reply = Response::builder().status(response.status());
    let body = response.binary().await.map_err(network)?;
    reply
        .body(body)
        .map_err(|e| HttpError(format!("unusable reply: {e}")))
}

fn network(error: gloo_net::Error) -> HttpError {
    HttpError(error.to_string())
}
