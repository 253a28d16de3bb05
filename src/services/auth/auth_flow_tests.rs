//! The sign-in, renewal, restore and sign-out flows end to end against the fake provider.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures::executor::block_on;
use sha2::{Digest, Sha256};

use super::test_support::{
    CLIENT_ID, FakeProvider, FakeTime, ISSUER, IdTokenFlaw, ORIGIN, Recorded, RsaVerifier,
};
use super::*;
use crate::config::TokenStorageMode;
use crate::services::http::CookieReader;
use crate::services::http::interceptors::{CSRF_COOKIE, CSRF_HEADER};

const T0: u64 = 1_700_000_000_000;

/// The browser's readable `XSRF-TOKEN` cookie, as the fake backend set it.
struct CsrfCookie(String);

impl CookieReader for CsrfCookie {
    fn cookie(&self, name: &str) -> Option<String> {
        (name == CSRF_COOKIE).then(|| self.0.clone())
    }
}

struct CountingBroadcast(Rc<Cell<u32>>);

impl LogoutBroadcast for CountingBroadcast {
    fn announce(&self) {
        self.0.set(self.0.get() + 1);
    }
}

/// One browser (two storages, one cookie jar at the fake provider) and a page's auth service.
struct Browser {
    time: FakeTime,
    provider: FakeProvider,
    session: MemoryStorage,
    local: MemoryStorage,
    broadcasts: Rc<Cell<u32>>,
    mode: TokenStorageMode,
}

impl Browser {
    fn new(mode: TokenStorageMode) -> Self {
        let time = FakeTime::at(T0);
        let provider = FakeProvider::new(time.clone());
        Self {
            time,
            provider,
            session: MemoryStorage::new(),
            local: MemoryStorage::new(),
            broadcasts: Rc::default(),
            mode,
        }
    }

    /// A freshly loaded page: new service, same storage, same provider and cookies.
    fn page(&self) -> AuthService {
        self.page_with(|_| ())
    }

    /// [`page`](Self::page) with its configuration changed by `edit`.
    fn page_with(&self, edit: impl FnOnce(&mut AuthConfig)) -> AuthService {
        let mut config = AuthConfig {
            authority: ISSUER.into(),
            client_id: CLIENT_ID.into(),
            redirect_uri: format!("{ORIGIN}/callback"),
            post_logout_redirect_uri: format!("{ORIGIN}/"),
            scopes: DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect(),
            resource: None,
            storage: self.mode,
            api_base_url: format!("{ORIGIN}/api"),
            clock_skew: DEFAULT_CLOCK_SKEW,
        };
        edit(&mut config);
        let deps = AuthDeps {
            http: Rc::new(self.provider.clone()),
            session_storage: Rc::new(self.session.clone()),
            local_storage: Rc::new(self.local.clone()),
            clock: Rc::new(self.time.clone()),
            lock: Rc::new(InTabOnly),
            broadcast: Rc::new(CountingBroadcast(self.broadcasts.clone())),
            cookies: Arc::new(CsrfCookie(self.provider.csrf_token())),
            signatures: Rc::new(RsaVerifier),
        };
        AuthService::new(config, deps)
    }

    /// Signs in through the provider and returns the service and the path it sent the user to.
    fn sign_in(&self, return_to: &str) -> (AuthService, String) {
        let page = self.page();
        let url = block_on(page.login(return_to)).unwrap();
        let landed = block_on(page.handle_callback(&self.provider.approve(&url))).unwrap();
        (page, landed)
    }

    fn token_requests(&self) -> Vec<String> {
        self.requests_to("/token")
            .into_iter()
            .map(|r| r.body)
            .collect()
    }

    /// The requests the provider and backend received whose URL ends with `suffix`.
    fn requests_to(&self, suffix: &str) -> Vec<Recorded> {
        self.provider
            .requests()
            .into_iter()
            .filter(|r| r.url.ends_with(suffix))
            .collect()
    }
}

fn params(url: &str) -> std::collections::HashMap<String, String> {
    openidconnect::url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

#[test]
fn login_builds_a_pkce_authorization_url_and_a_one_time_transaction() {
    let browser = Browser::new(TokenStorageMode::Memory);
    let page = browser.page();
    let url = block_on(page.login("/accounts/1")).unwrap();
    assert!(url.starts_with(&format!("{ISSUER}/authorize?")));
    let query = params(&url);
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["client_id"], CLIENT_ID);
    assert_eq!(query["redirect_uri"], "https://app.test/callback");
    assert_eq!(query["scope"], "openid profile email api offline_access");
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(
        (query["state"].len(), query["nonce"].len()),
        (43, 43),
        "256-bit state and nonce"
    );
    assert!(!query.contains_key("prompt"));
    let saved: LoginTransaction =
        serde_json::from_str(&browser.session.get(LOGIN_TRANSACTION_KEY).unwrap()).unwrap();
    assert_eq!(saved.state.expose(), query["state"]);
    assert_eq!(saved.nonce.expose(), query["nonce"]);
    assert_eq!(saved.return_to, "/accounts/1");
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(saved.pkce_verifier.expose().as_bytes()));
    assert_eq!(query["code_challenge"], challenge);
    assert!(
        !url.contains(saved.pkce_verifier.expose()),
        "the verifier never leaves the browser before the exchange"
    );

    let again = params(&block_on(page.login("/")).unwrap());
    assert_ne!(again["state"], query["state"]);
    assert_ne!(again["nonce"], query["nonce"]);
}

#[test]
fn a_sign_in_lands_on_the_saved_route_with_a_verified_user() {
    let browser = Browser::new(TokenStorageMode::Memory);
    let (page, landed) = browser.sign_in("/accounts/1");
    assert_eq!(landed, "/accounts/1");
    assert!(page.is_authenticated());
    assert_eq!(block_on(page.get_access_token()).unwrap(), "access-1");
    let user = page.get_user().unwrap();
    assert_eq!(
        (user.sub.as_str(), user.display_name()),
        ("alice", "Alice Example")
    );
    assert_eq!(user.email.as_deref(), Some("alice@example.test"));
    assert!(
        browser.token_requests()[0].contains("code_verifier="),
        "the exchange proves PKCE"
    );
    assert_eq!(
        browser.session.get(LOGIN_TRANSACTION_KEY),
        None,
        "the transaction is used once"
    );
    assert!(
        browser.session.keys().is_empty() && browser.local.keys().is_empty(),
        "memory mode stores nothing"
    );
    for request in browser.provider.requests() {
        assert!(
            !request.url.contains("access-") && !request.url.contains("refresh-"),
            "token in URL: {}",
            request.url
        );
    }
}

#[test]
fn an_open_redirect_return_path_becomes_home() {
    let browser = Browser::new(TokenStorageMode::Memory);
    assert_eq!(browser.sign_in("https://evil.example/phish").1, "/");
    assert_eq!(browser.sign_in("//evil.example").1, "/");
}

#[test]
fn a_tampered_state_is_refused_with_a_clear_message() {
    let browser = Browser::new(TokenStorageMode::Memory);
    let page = browser.page();
    let callback = browser
        .provider
        .approve(&block_on(page.login("/accounts/1")).unwrap());
    let state = params(&callback)["state"].clone();
    let tampered = callback.replace(&state, "forged-state");
    let error = block_on(page.handle_callback(&tampered)).unwrap_err();
    assert_eq!(error, AuthError::StateMismatch);
    assert!(
        error
            .to_string()
            .contains("did not match the request (state mismatch)"),
        "{error}"
    );
    assert!(
        browser.token_requests().is_empty(),
        "no code exchange for a forged callback"
    );
    assert!(!page.is_authenticated());
    assert_eq!(
        block_on(page.handle_callback(&callback)),
        Err(AuthError::NoLoginInProgress),
        "the transaction was consumed"
    );
}

#[test]
fn a_replayed_or_unsolicited_callback_is_refused() {
    let browser = Browser::new(TokenStorageMode::Memory);
    let page = browser.page();
    let callback = browser
        .provider
        .approve(&block_on(page.login("/")).unwrap());
    block_on(page.handle_callback(&callback)).unwrap();
    assert_eq!(
        block_on(page.handle_callback(&callback)),
        Err(AuthError::NoLoginInProgress)
    );
    let fresh = browser.page();
    let unsolicited = format!("{ORIGIN}/callback?code=x&state=y");
    assert_eq!(
        block_on(fresh.handle_callback(&unsolicited)),
        Err(AuthError::NoLoginInProgress)
    );
}

#[test]
fn refusals_at_the_provider_are_typed() {
    let browser = Browser::new(TokenStorageMode::Memory);
    let page = browser.page();
    let denied = browser
        .provider
        .refuse(&block_on(page.login("/")).unwrap(), "access_denied");
    assert_eq!(
        block_on(page.handle_callback(&denied)),
        Err(AuthError::AccessDenied)
    );
    let silent = block_on(page.silent_login_url("/accounts")).unwrap();
    assert_eq!(params(&silent)["prompt"], "none");
    let no_session = browser.provider.refuse(&silent, "login_required");
    assert_eq!(
        block_on(page.handle_callback(&no_session)),
        Err(AuthError::LoginRequired)
    );
    assert_eq!(
        block_on(browser.page().restore_session("/accounts")),
        Ok(SessionRestore::SignedOut),
        "no silent-login loop"
    );
}

#[test]
fn every_id_token_check_rejects() {
    let cases = [
        (IdTokenFlaw::WrongIssuer, IdTokenRejection::Issuer),
        (IdTokenFlaw::WrongAudience, IdTokenRejection::Audience),
        (IdTokenFlaw::Expired, IdTokenRejection::Expired),
        (IdTokenFlaw::WrongNonce, IdTokenRejection::Nonce),
        (IdTokenFlaw::BadSignature, IdTokenRejection::Signature),
        (IdTokenFlaw::UnknownKey, IdTokenRejection::UnknownKey),
        (
            IdTokenFlaw::WrongAccessTokenHash,
            IdTokenRejection::Other(
                "it does not belong to the access token it came with (at_hash)".into(),
            ),
        ),
    ];
    for (flaw, rejection) in cases {
        let browser = Browser::new(TokenStorageMode::Session);
        browser.provider.set_flaw(Some(flaw));
        let page = browser.page();
        let callback = browser
            .provider
            .approve(&block_on(page.login("/")).unwrap());
        let error = block_on(page.handle_callback(&callback)).unwrap_err();
        assert_eq!(error, AuthError::InvalidIdToken(rejection), "{flaw:?}");
        assert!(!page.is_authenticated(), "{flaw:?}: no tokens kept");
        assert!(
            browser.session.keys().is_empty(),
            "{flaw:?}: nothing stored"
        );
    }
}

#[test]
fn a_good_id_token_within_the_leeway_is_accepted() {
    let browser = Browser::new(TokenStorageMode::Memory);
    let page = browser.page();
    let callback = browser
        .provider
        .approve(&block_on(page.login("/")).unwrap());
    browser
        .time
        .advance(600_000 + ID_TOKEN_CLOCK_LEEWAY.as_millis() as u64 - 1_000);
    assert_eq!(block_on(page.handle_callback(&callback)), Ok("/".into()));
}

#[test]
fn renewal_rotates_the_refresh_token_at_the_provider() {
    let browser = Browser::new(TokenStorageMode::Session);
    let (page, _) = browser.sign_in("/");
    block_on(page.refresh_token()).unwrap();
    assert_eq!(
        page.token_manager().access_token().as_deref(),
        Some("access-2")
    );
    assert_eq!(
        page.token_manager().refresh_token(),
        Some(Secret::new("refresh-2"))
    );
    assert!(
        browser.token_requests()[1].contains("grant_type=refresh_token&refresh_token=refresh-1")
    );
    browser.provider.set_flaw(Some(IdTokenFlaw::WrongAudience));
    assert_eq!(
        block_on(page.refresh_token()),
        Err(AuthError::InvalidIdToken(IdTokenRejection::Audience))
    );
    assert_eq!(
        page.token_manager().access_token().as_deref(),
        Some("access-2"),
        "a reply with a bad ID token is not used"
    );
}

#[test]
fn get_access_token_renews_an_expired_token_first() {
    let browser = Browser::new(TokenStorageMode::Memory);
    let (page, _) = browser.sign_in("/");
    browser.time.advance(300_000);
    assert_eq!(block_on(page.get_access_token()).unwrap(), "access-2");
    page.logout_locally(LogoutReason::SessionExpired);
    assert_eq!(
        block_on(page.get_access_token()),
        Err(AuthError::NotSignedIn)
    );
}

#[test]
fn logout_revokes_clears_everything_and_tells_everyone() {
    let browser = Browser::new(TokenStorageMode::Local);
    let (page, _) = browser.sign_in("/");
    assert!(browser.local.dump().contains("refresh-1"));
    browser
        .session
        .set(
            "digibank.query-cache",
            "{\"accounts\":[\"alice's balance\"]}",
        )
        .unwrap();
    let cleaned = Rc::new(RefCell::new(Vec::new()));
    let seen = cleaned.clone();
    page.on_logout(move |reason| seen.borrow_mut().push(reason))
        .detach();
    let id_token = page.token_manager().id_token().unwrap();

    let result = block_on(page.logout());

    assert!(result.revoked);
    assert_eq!(browser.provider.revoked(), ["refresh-1"]);
    let end_session = params(&result.redirect_url);
    assert!(
        result
            .redirect_url
            .starts_with(&format!("{ISSUER}/end_session?"))
    );
    assert_eq!(end_session["id_token_hint"], id_token.expose());
    assert_eq!(end_session["post_logout_redirect_uri"], "https://app.test/");
    assert_eq!(end_session["client_id"], CLIENT_ID);
    assert!(
        browser.local.keys().is_empty() && browser.session.keys().is_empty(),
        "no token or user data left"
    );
    assert_eq!((page.is_authenticated(), page.get_user()), (false, None));
    assert_eq!(*cleaned.borrow(), [LogoutReason::UserRequested]);
    assert_eq!(browser.broadcasts.get(), 1);
    assert_eq!(
        block_on(browser.page().restore_session("/")),
        Ok(SessionRestore::SignedOut)
    );
}

#[test]
fn logout_while_the_provider_is_unreachable_still_signs_out_locally() {
    let browser = Browser::new(TokenStorageMode::Session);
    let (page, _) = browser.sign_in("/");
    browser.provider.set_offline(true);
    let result = block_on(page.logout());
    assert!(!result.revoked);
    assert!(
        result
            .redirect_url
            .starts_with(&format!("{ISSUER}/end_session?")),
        "the provider was discovered before"
    );
    assert!(browser.session.keys().is_empty());
}

#[test]
fn memory_mode_restores_through_a_silent_top_level_sign_in() {
    let browser = Browser::new(TokenStorageMode::Memory);
    browser.sign_in("/");
    let reloaded = browser.page();
    let Ok(SessionRestore::Redirect(url)) = block_on(reloaded.restore_session("/transfers")) else {
        panic!("expected a redirect")
    };
    assert_eq!(params(&url)["prompt"], "none");
    assert_eq!(
        block_on(reloaded.handle_callback(&browser.provider.approve(&url))),
        Ok("/transfers".into())
    );
    assert!(reloaded.is_authenticated());
}

#[test]
fn memory_mode_offline_silent_sign_in_ends_signed_out_and_retries_once_online() {
    let browser = Browser::new(TokenStorageMode::Memory);
    browser.sign_in("/");
    let offline = browser.page();
    let Ok(SessionRestore::Redirect(url)) = block_on(offline.restore_session("/")) else {
        panic!("expected a redirect")
    };
    // What the service worker answers when the provider cannot be reached (public/sw-policy.js).
    let unavailable = browser.provider.refuse(&url, "temporarily_unavailable");
    let error = block_on(offline.handle_callback(&unavailable)).unwrap_err();
    assert!(error.is_transient(), "{error:?}");
    assert!(!offline.is_authenticated());
    let online = browser.page();
    let Ok(SessionRestore::Redirect(again)) = block_on(online.restore_session("/")) else {
        panic!("a failed attempt offline must not stop the silent sign-in once online")
    };
    assert_eq!(
        block_on(online.handle_callback(&browser.provider.approve(&again))),
        Ok("/".into())
    );
}

#[test]
fn session_mode_restores_from_storage_and_renews_an_expired_token() {
    let browser = Browser::new(TokenStorageMode::Session);
    browser.sign_in("/");
    let reloaded = browser.page();
    let before = browser.provider.requests().len();
    assert_eq!(
        block_on(reloaded.restore_session("/")),
        Ok(SessionRestore::SignedIn)
    );
    assert_eq!(
        reloaded.get_user().map(|u| u.sub),
        Some("alice".into()),
        "user from the ID token verified at sign-in, kept with the tokens"
    );
    assert_eq!(
        browser.provider.requests().len(),
        before,
        "valid stored tokens: no discovery, no JWKS, no token request"
    );
    block_on(reloaded.prefetch_provider());
    let prefetched: Vec<String> = browser.provider.requests()[before..]
        .iter()
        .map(|r| r.url.clone())
        .collect();
    assert_eq!(
        prefetched,
        [
            format!("{ISSUER}/.well-known/openid-configuration"),
            format!("{ISSUER}/jwks")
        ]
    );
    block_on(reloaded.prefetch_provider());
    assert_eq!(
        browser.provider.requests().len(),
        before + 2,
        "discovered once per page"
    );
    assert_eq!(browser.token_requests().len(), 1, "no renewal needed");
    browser.time.advance(301_000);
    let later = browser.page();
    assert_eq!(
        block_on(later.restore_session("/")),
        Ok(SessionRestore::SignedIn)
    );
    assert_eq!(
        later.token_manager().access_token().as_deref(),
        Some("access-2")
    );
}

#[test]
fn a_dead_stored_session_is_cleared_on_restore() {
    let browser = Browser::new(TokenStorageMode::Local);
    let (page, _) = browser.sign_in("/");
    block_on(page.refresh_token()).unwrap();
    // Plant the spent refresh token, as a stale copy would: the provider refuses it.
    let mut stale = page.token_manager().tokens().unwrap();
    stale.refresh_token = Some(Secret::new("refresh-1"));
    stale.expires_at_ms = 0;
    browser
        .local
        .set(TOKENS_KEY, &serde_json::to_string(&stale).unwrap())
        .unwrap();
    assert_eq!(
        block_on(browser.page().restore_session("/")),
        Ok(SessionRestore::SignedOut)
    );
    assert!(browser.local.keys().is_empty());
}

#[test]
fn cookie_mode_keeps_the_refresh_token_out_of_the_page() {
    let browser = Browser::new(TokenStorageMode::Cookie);
    let (page, _) = browser.sign_in("/accounts");
    assert_eq!(page.token_manager().refresh_token(), None);
    assert_eq!(
        browser.provider.cookie().as_deref(),
        Some("refresh-2"),
        "the code's refresh token was rotated into the cookie"
    );
    assert!(
        page.token_manager().id_token().is_some(),
        "the ID token stays for id_token_hint"
    );
    assert!(browser.session.keys().is_empty() && browser.local.keys().is_empty());
    let hand_off = browser
        .provider
        .requests()
        .into_iter()
        .find(|r| r.url.ends_with("/api/auth/session"))
        .unwrap();
    assert!(hand_off.with_credentials && hand_off.body.contains("refresh-1"));

    block_on(page.refresh_token()).unwrap();
    let renewal = browser
        .provider
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.url.ends_with("/api/auth/refresh"))
        .unwrap();
    assert!(renewal.with_credentials);
    assert!(renewal.headers.contains(&format!(
        "{}: {}",
        CSRF_HEADER,
        browser.provider.csrf_token()
    )));
    assert!(
        !renewal.body.contains("refresh-"),
        "the cookie carries the refresh token"
    );
    assert_eq!(browser.provider.cookie().as_deref(), Some("refresh-3"));
}

#[test]
fn cookie_mode_survives_a_reload_with_one_refresh_and_ends_at_logout() {
    let browser = Browser::new(TokenStorageMode::Cookie);
    browser.sign_in("/");
    let reloaded = browser.page();
    let before = browser.provider.requests().len();
    assert_eq!(
        block_on(reloaded.restore_session("/")),
        Ok(SessionRestore::SignedIn)
    );
    let calls: Vec<String> = browser.provider.requests()[before..]
        .iter()
        .map(|r| r.url.clone())
        .collect();
    assert_eq!(
        calls
            .iter()
            .filter(|u| u.ends_with("/api/auth/refresh"))
            .count(),
        1,
        "{calls:?}"
    );
    assert_eq!(
        calls.len(),
        1,
        "only the refresh blocks the start: {calls:?}"
    );
    assert_eq!(
        reloaded.get_user(),
        None,
        "not known before the profile loads"
    );
    let loaded = Rc::new(Cell::new(0));
    let counter = loaded.clone();
    let _subscription = reloaded.subscribe(move |event| {
        if *event == AuthEvent::UserLoaded {
            counter.set(counter.get() + 1);
        }
    });
    block_on(reloaded.load_profile());
    assert_eq!(
        reloaded.get_user().map(|u| u.email),
        Some(Some("alice@example.test".into())),
        "user from userinfo, loaded after the start"
    );
    assert_eq!(loaded.get(), 1, "the UI is told once");

    let result = block_on(reloaded.logout());
    assert!(result.revoked);
    assert_eq!(browser.provider.cookie(), None);
    assert_eq!(
        block_on(browser.page().restore_session("/")),
        Ok(SessionRestore::SignedOut)
    );
}

#[test]
fn an_unreachable_provider_is_a_clear_transient_error() {
    let browser = Browser::new(TokenStorageMode::Memory);
    browser.provider.set_offline(true);
    let error = block_on(browser.page().login("/")).unwrap_err();
    assert!(matches!(error, AuthError::ProviderUnreachable(_)) && error.is_transient());
    assert_eq!(
        error.to_string(),
        "The sign-in service could not be reached. Please check your connection and try again."
    );
}

#[test]
fn a_token_naming_an_unknown_key_reloads_the_keys_once_before_it_is_refused() {
    let browser = Browser::new(TokenStorageMode::Session);
    browser.provider.set_flaw(Some(IdTokenFlaw::UnknownKey));
    let page = browser.page();
    let callback = browser
        .provider
        .approve(&block_on(page.login("/")).unwrap());
    assert_eq!(
        block_on(page.handle_callback(&callback)),
        Err(AuthError::InvalidIdToken(IdTokenRejection::UnknownKey))
    );
    assert_eq!(
        browser.requests_to("/jwks").len(),
        2,
        "discovery's JWKS, then one reload"
    );
    assert_eq!(
        block_on(page.handle_callback(&callback)),
        Err(AuthError::NoLoginInProgress),
        "the sign-in is spent"
    );
}

#[test]
fn an_unusable_authority_fails_sign_in_with_a_configuration_error_before_any_request() {
    let browser = Browser::new(TokenStorageMode::Memory);
    let page = browser.page_with(|config| config.authority = "http://[::1".into());
    let outcome = block_on(page.login("/"));
    assert!(
        matches!(&outcome, Err(AuthError::Config(reason)) if reason.starts_with("authority")),
        "{outcome:?}"
    );
    assert!(browser.provider.requests().is_empty());
}
