//! The provider's public documents (discovery and JWKS) fetched with our own HTTP client and decoded with
//! `serde_json` into openidconnect's types, so they may come from the browser's HTTP cache.

use openidconnect::http::{Method, Request, header};
use serde::de::DeserializeOwned;

use super::{AuthError, AuthHttp, HttpCache};

/// `GET url` as JSON into `T`; `what` names the document in errors.
pub async fn fetch_document<T: DeserializeOwned>(
    http: &dyn AuthHttp,
    url: &str,
    cache: HttpCache,
    what: &str,
) -> Result<T, AuthError> {
    let request = Request::builder()
        .method(Method::GET)
        .uri(url)
        .header(header::ACCEPT, "application/json")
        .extension(cache)
        .body(Vec::new())
        .map_err(|_| AuthError::Config(format!("the {what} URL is invalid")))?;
    let response = http
        .send(request)
        .await
        .map_err(|e| AuthError::ProviderUnreachable(e.0))?;
    let status = response.status().as_u16();
    if status >= 500 || status == 429 {
        return Err(AuthError::ProviderUnreachable(format!(
            "the provider answered {status} for its {what}"
        )));
    }
    if status != 200 {
        return Err(AuthError::Discovery(format!(
            "the provider answered {} for its {what}",
            response.status().as_u16()
        )));
    }
    serde_json::from_slice(response.body())
        .map_err(|_| AuthError::Discovery(format!("the provider's {what} is malformed")))
}
