//! `GET /oidc/authorize` (a session answers at once, otherwise the login form) and `POST /oidc/authorize`
//! (the login form's submission: Sign in or Deny).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use crate::AppState;
use crate::auth::cookies;
use crate::oidc::authorize_request::{AuthorizationRequest, Refusal, validate};
use crate::oidc::codes::CodeGrant;
use crate::oidc::oauth_error::OAuthError;
use crate::oidc::pages::{error_page, login_page};
use crate::oidc::params::Params;
use crate::oidc::redirect::{error_redirect, redirect_with};
use crate::oidc::sessions::{LoginSession, SESSION_COOKIE};
use crate::oidc::users::check_credentials;

/// Message of the form after a failed sign-in.
const WRONG_CREDENTIALS: &str =
    "Wrong user name or password. The demo users are alice and bob; the password is demo.";

/// Starts an authorization: code at once with a session, `login_required` for `prompt=none`, else the form.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let params = match Params::parse(query.unwrap_or_default().as_bytes()) {
        Ok(params) => params,
        Err(error) => return bad_request(&error.to_string()),
    };
    let request = match validate(&params, state.oidc().client()) {
        Ok(request) => request,
        Err(refusal) => return refuse(&state, refusal),
    };
    match current_session(&state, &headers) {
        Some(session) if !request.prompt_login => grant_code(&state, &request, session),
        _ if request.prompt_none => {
            let error =
                OAuthError::LoginRequired("The user is not signed in at the provider".into());
            refuse_with(&state, &request, &error)
        }
        _ => login_page(&params, None, ""),
    }
}

/// Handles the login form: Deny redirects `access_denied`; good credentials start a session and issue a code.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if let Some(origin) = foreign_origin(&headers, state.oidc().issuer().origin()) {
        return error_page(
            StatusCode::FORBIDDEN,
            "Sign-in refused",
            &format!(
                "The sign-in form was posted from {origin}, not from {}; open the sign-in page from the app again.",
                state.oidc().issuer().origin()
            ),
        );
    }
    let params = match body
        .map_err(|e| e.body_text())
        .and_then(|body| Params::form(&headers, &body).map_err(|e| e.to_string()))
    {
        Ok(params) => params,
        Err(message) => return bad_request(&message),
    };
    let request = match validate(&params, state.oidc().client()) {
        Ok(request) => request,
        Err(refusal) => return refuse(&state, refusal),
    };
    if params.get("decision") == Some("deny") {
        let error = OAuthError::AccessDenied("The user denied the sign-in request".into());
        return refuse_with(&state, &request, &error);
    }
    let username = params.get("username").unwrap_or_default();
    let password = params.get("password").unwrap_or_default();
    let Some(user) = check_credentials(username, password) else {
        return login_page(&params, Some(WRONG_CREDENTIALS), username);
    };
    let sessions = state.oidc().sessions();
    if let Some(old) = cookies::read(&headers, SESSION_COOKIE) {
        sessions.end(&old);
    }
    let (secret, session) = sessions.start(user.sub, state.clock().now());
    let mut response = grant_code(&state, &request, session);
    response.headers_mut().append(
        header::SET_COOKIE,
        state
            .oidc()
            .sessions()
            .cookie(&secret, state.secure_cookies()),
    );
    response
}

/// Issues a code for `request` and redirects it with the `state` and the issuer (RFC 9207).
fn grant_code(state: &AppState, request: &AuthorizationRequest, session: LoginSession) -> Response {
    let grant = CodeGrant {
        client_id: request.client_id.clone(),
        redirect_uri: request.redirect_uri.clone(),
        code_challenge: request.code_challenge.clone(),
        nonce: request.nonce.clone(),
        scope: request.scope.clone(),
        session,
    };
    let code = state.oidc().codes().issue(grant, state.clock().now());
    redirect_with(
        &request.redirect_uri,
        &[
            ("code", Some(&code)),
            ("state", request.state.as_deref()),
            ("iss", Some(state.oidc().issuer().url())),
        ],
    )
}

/// The provider session of the request's cookie, if still live.
fn current_session(state: &AppState, headers: &HeaderMap) -> Option<LoginSession> {
    let secret = cookies::read(headers, SESSION_COOKIE)?;
    state.oidc().sessions().find(&secret, state.clock().now())
}

/// The `Origin` of a cross-origin form post, if this is one (a missing `Origin` is allowed).
fn foreign_origin<'a>(headers: &'a HeaderMap, own: &str) -> Option<&'a str> {
    let origin = headers
        .get(header::ORIGIN)?
        .to_str()
        .unwrap_or("(unreadable)");
    (!origin.eq_ignore_ascii_case(own)).then_some(origin)
}

fn refuse(state: &AppState, refusal: Refusal) -> Response {
    match refusal {
        Refusal::Page(message) => bad_request(&message),
        Refusal::Redirect {
            redirect_uri,
            state: client_state,
            error,
        } => error_redirect(
            &redirect_uri,
            client_state.as_deref(),
            state.oidc().issuer().url(),
            &error,
        ),
    }
}

fn refuse_with(state: &AppState, request: &AuthorizationRequest, error: &OAuthError) -> Response {
    error_redirect(
        &request.redirect_uri,
        request.state.as_deref(),
        state.oidc().issuer().url(),
        error,
    )
}

fn bad_request(message: &str) -> Response {
    error_page(
        StatusCode::BAD_REQUEST,
        "This sign-in request cannot be used",
        message,
    )
}
