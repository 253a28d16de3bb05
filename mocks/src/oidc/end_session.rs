//! `GET /oidc/end_session` (RP-initiated logout): ends the provider session, revokes every token issued under it
//! (the other tabs' too: memory mode gives each tab its own refresh token), and returns to a registered
//! post-logout URI, or shows a "signed out" page.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use crate::AppState;
use crate::auth::cookies;
use crate::oidc::client::CLIENT_ID;
use crate::oidc::id_token::check_hint;
use crate::oidc::pages::{error_page, signed_out_page};
use crate::oidc::params::Params;
use crate::oidc::redirect::redirect_with;
use crate::oidc::sessions::{SESSION_COOKIE, clear_session_cookie};
use crate::oidc::signing_key::SigningKey;

/// Signs the user out at the provider.
pub async fn end_session(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let params = match Params::parse(query.unwrap_or_default().as_bytes()) {
        Ok(params) => params,
        Err(error) => return refused(&error.to_string()),
    };
    let client_known = match check_client(&state, &params) {
        Ok(known) => known,
        Err(message) => return refused(&message),
    };
    if let Some(ended) = cookies::read(&headers, SESSION_COOKIE)
        .and_then(|secret| state.oidc().sessions().end(&secret))
    {
        for family in state.oidc().grants().families_of_session(&ended.sid) {
            state.tokens().revoke_family(family);
        }
    }
    let mut response = match params.get("post_logout_redirect_uri") {
        None => signed_out_page(None),
        Some(_) if !client_known => signed_out_page(Some(
            "No return address is used: send id_token_hint or client_id with post_logout_redirect_uri.",
        )),
        Some(uri) if state.oidc().client().allows_post_logout(uri) => {
            redirect_with(uri, &[("state", params.get("state"))])
        }
        Some(uri) => signed_out_page(Some(&format!(
            "The return address {uri} is not registered, so you stay on this page."
        ))),
    };
    response.headers_mut().append(
        header::SET_COOKIE,
        clear_session_cookie(state.secure_cookies()),
    );
    response
}

/// Whether the request identifies the client (a valid `id_token_hint` or the right `client_id`);
/// an invalid hint or an unknown client refuses the logout.
fn check_client(state: &AppState, params: &Params) -> Result<bool, String> {
    let provider = state.oidc();
    if let Some(client_id) = params.get("client_id")
        && !provider.client().is(client_id)
    {
        return Err(format!("Unknown client '{client_id}'."));
    }
    let Some(hint) = params.get("id_token_hint") else {
        return Ok(params.get("client_id").is_some());
    };
    let key = SigningKey::process_key().map_err(|e| e.to_string())?;
    let client_id = params.get("client_id").unwrap_or(CLIENT_ID);
    check_hint(key, hint, provider.issuer().url(), client_id)?;
    Ok(true)
}

fn refused(message: &str) -> Response {
    error_page(StatusCode::BAD_REQUEST, "Sign-out refused", message)
}
