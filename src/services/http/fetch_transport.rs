//! `FetchTransport`: the browser's `fetch` through gloo-net, aborted by an `AbortController` when the attempt
//! is dropped (timeout, deadline, cancellation) — wasm only.
//!
//! It never follows a redirect (`redirect: "error"`), so a 3xx can never carry the bearer token, the CSRF
//! token or the idempotency key to another URL. The browser rejects such a fetch exactly as it rejects a
//! network failure (a `TypeError`, nothing to tell them apart), so a redirect is `ApiError::Network` and is
//! retried like one: every retry goes to the API's own URL again, never to the redirect's target.

use async_trait::async_trait;
use gloo_net::http::{Method as FetchMethod, RequestBuilder};
use web_sys::{AbortController, RequestCredentials, RequestRedirect};

use super::error::ApiError;
use super::headers::Headers;
use super::method::Method;
use super::request::Request;
use super::response::Response;
use super::transport::Transport;

/// Sends requests with `fetch`.
#[derive(Debug, Clone, Copy)]
pub struct FetchTransport {
    credentials: RequestCredentials,
}

impl Default for FetchTransport {
    fn default() -> Self {
        FetchTransport {
            credentials: RequestCredentials::SameOrigin,
        }
    }
}

impl FetchTransport {
    /// Sends cookies to the page's own origin only (bearer mode).
    pub fn new() -> Self {
        FetchTransport::default()
    }

    /// Sends cookies cross-origin too (cookie mode with the API on another origin).
    pub fn with_credentials(credentials: RequestCredentials) -> Self {
        FetchTransport { credentials }
    }
}

#[async_trait(?Send)]
impl Transport for FetchTransport {
    async fn send(&self, request: &Request, url: &str) -> Result<Response, ApiError> {
        let network = |cause: String| ApiError::Network {
            request_id: request.meta.request_id.clone(),
            cause,
        };
        let controller = AbortController::new().map_err(|e| network(js_text(&e)))?;
        let mut abort_on_drop = AbortOnDrop {
            controller: controller.clone(),
            armed: true,
        };
        let builder = RequestBuilder::new(url)
            .method(fetch_method(request.method))
            .credentials(self.credentials)
            .redirect(RequestRedirect::Error)
            .abort_signal(Some(&controller.signal()))
            .headers(js_headers(&request.headers).map_err(network)?);
        let fetch_request = match &request.body {
            Some(body) => builder.body(js_sys::Uint8Array::from(&body[..])),
            None => builder.build(),
        }
        .map_err(|e| network(e.to_string()))?;
        let answer = fetch_request
            .send()
            .await
            .map_err(|e| network(e.to_string()))?;
        let body = answer.binary().await.map_err(|e| network(e.to_string()))?;
        abort_on_drop.armed = false;
        let mut response = Response::new(answer.status(), request.meta.request_id.clone());
        response.headers = answer.headers().entries().collect();
        response.body = body;
        Ok(response)
    }
}

/// Aborts the fetch if the attempt is dropped before it finished (while still armed).
struct AbortOnDrop {
    controller: AbortController,
    armed: bool,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if self.armed {
            self.controller.abort();
        }
    }
}

/// Builds fetch headers, reporting invalid names or values instead of throwing.
fn js_headers(headers: &Headers) -> Result<gloo_net::http::Headers, String> {
    let raw = web_sys::Headers::new().map_err(|e| js_text(&e))?;
    for (name, value) in headers.iter() {
        raw.append(name, value)
            .map_err(|e| format!("header {name}: {}", js_text(&e)))?;
    }
    Ok(gloo_net::http::Headers::from_raw(raw))
}

fn fetch_method(method: Method) -> FetchMethod {
    match method {
        Method::Get => FetchMethod::GET,
        Method::Head => FetchMethod::HEAD,
        Method::Options => FetchMethod::OPTIONS,
        Method::Post => FetchMethod::POST,
        Method::Put => FetchMethod::PUT,
        Method::Patch => FetchMethod::PATCH,
        Method::Delete => FetchMethod::DELETE,
    }
}

/// A JS exception as text.
fn js_text(value: &wasm_bindgen::JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
