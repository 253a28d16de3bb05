//! A small JSON-over-HTTP client for the trusted issuer's discovery document and JWK set.
//! Plain http only (this build carries no TLS stack); bounded in time and size.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty, Limited};
use hyper::Uri;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::de::DeserializeOwned;

/// Longest wait for one fetch.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// Largest document read.
const BODY_LIMIT: usize = 256 * 1024;

/// Why a document could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Not an absolute `http://` URL.
    #[error("{0} is not an http:// URL (https is not supported by this build)")]
    BadUrl(String),
    /// Connection or protocol failure.
    #[error("{url} could not be fetched: {reason}")]
    Unreachable {
        /// The URL.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// No answer within the time limit.
    #[error("{0} did not answer within 5 s")]
    TimedOut(String),
    /// A status other than 200.
    #[error("{url} answered HTTP {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// Not the expected JSON, or too large.
    #[error("{url} did not return the expected JSON: {reason}")]
    BadBody {
        /// The URL.
        url: String,
        /// What went wrong.
        reason: String,
    },
}

/// Fetches JSON documents over plain http.
#[derive(Debug, Clone)]
pub struct HttpFetcher {
    client: Client<HttpConnector, Empty<Bytes>>,
}

impl Default for HttpFetcher {
    fn default() -> Self {
        HttpFetcher {
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }
}

impl HttpFetcher {
    /// GETs `url` and decodes its JSON body.
    pub async fn get_json<T: DeserializeOwned>(&self, url: &str) -> Result<T, FetchError> {
        let uri: Uri = url
            .parse()
            .ok()
            .filter(|u: &Uri| u.scheme_str() == Some("http") && u.host().is_some())
            .ok_or_else(|| FetchError::BadUrl(url.to_owned()))?;
        let unreachable = |reason: String| FetchError::Unreachable {
            url: url.to_owned(),
            reason,
        };
        let bad_body = |reason: String| FetchError::BadBody {
            url: url.to_owned(),
            reason,
        };
        let fetch = async {
            let response = self
                .client
                .get(uri)
                .await
                .map_err(|e| unreachable(e.to_string()))?;
            if response.status() != hyper::StatusCode::OK {
                return Err(FetchError::Status {
                    url: url.to_owned(),
                    status: response.status().as_u16(),
                });
            }
            Limited::new(response.into_body(), BODY_LIMIT)
                .collect()
                .await
                .map(|body| body.to_bytes())
                .map_err(|e| bad_body(e.to_string()))
        };
        let body = tokio::time::timeout(FETCH_TIMEOUT, fetch)
            .await
            .map_err(|_| FetchError::TimedOut(url.to_owned()))??;
        serde_json::from_slice(&body).map_err(|e| bad_body(e.to_string()))
    }
}
