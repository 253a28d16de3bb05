#![cfg(target_arch = "wasm32")]
//! Browser tests: the token-storage modes over the real localStorage and sessionStorage, and sign-out
//! leaving no token or user data behind.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use digibank::config::TokenStorageMode;
use digibank::services::auth::{
    AuthConfig, AuthDeps, AuthHttp, AuthService, AuthUser, BrowserStorage, DEFAULT_CLOCK_SKEW,
    DEFAULT_SCOPES, HttpError, HttpFuture, HttpRequest, InTabOnly, KeyValueStorage,
    LoginTransaction, LogoutReason, NoBroadcast, Secret, SystemClock, TOKENS_KEY, TokenGrant,
    TokenSet, WebCryptoVerifier, token_store_for,
};
use digibank::services::http::DocumentCookies;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn session() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

fn areas() -> (Rc<dyn KeyValueStorage>, Rc<dyn KeyValueStorage>) {
    (
        Rc::new(BrowserStorage::Session.available().unwrap()),
        Rc::new(BrowserStorage::Local.available().unwrap()),
    )
}

fn wipe() {
    local().clear().unwrap();
    session().clear().unwrap();
}

fn tokens() -> TokenSet {
    TokenSet {
        access_token: Secret::new("access-browser"),
        refresh_token: Some(Secret::new("refresh-browser")),
        id_token: Some(Secret::new("id-browser")),
        expires_at_ms: 1,
        lifetime_ms: 1,
        user: None,
    }
}

/// Every key and value in a storage area, as text.
fn contents(storage: &web_sys::Storage) -> String {
    let mut text = String::new();
    for i in 0..storage.length().unwrap() {
        let key = storage.key(i).unwrap().unwrap();
        text += &format!(
            "{key}={}\n",
            storage.get_item(&key).unwrap().unwrap_or_default()
        );
    }
    text
}

#[wasm_bindgen_test]
fn session_mode_writes_session_storage_only() {
    wipe();
    let (session_area, local_area) = areas();
    token_store_for(
        TokenStorageMode::Session,
        session_area.clone(),
        local_area.clone(),
    )
    .save(&tokens())
    .unwrap();
    assert!(
        session()
            .get_item(TOKENS_KEY)
            .unwrap()
            .unwrap()
            .contains("refresh-browser")
    );
    assert_eq!(local().length().unwrap(), 0);
    let reloaded = token_store_for(TokenStorageMode::Session, session_area, local_area);
    assert_eq!(reloaded.load(), Some(tokens()));
    reloaded.clear();
    assert_eq!(session().length().unwrap(), 0);
}

#[wasm_bindgen_test]
fn local_mode_writes_local_storage_only() {
    wipe();
    let (session_area, local_area) = areas();
    token_store_for(
        TokenStorageMode::Local,
        session_area.clone(),
        local_area.clone(),
    )
    .save(&tokens())
    .unwrap();
    assert!(
        local()
            .get_item(TOKENS_KEY)
            .unwrap()
            .unwrap()
            .contains("access-browser")
    );
    assert_eq!(session().length().unwrap(), 0);
    assert_eq!(
        token_store_for(TokenStorageMode::Local, session_area, local_area).load(),
        Some(tokens())
    );
    wipe();
}

#[wasm_bindgen_test]
fn memory_and_cookie_modes_write_nothing() {
    wipe();
    for mode in [TokenStorageMode::Memory, TokenStorageMode::Cookie] {
        let (session_area, local_area) = areas();
        let store = token_store_for(mode, session_area, local_area);
        store.save(&tokens()).unwrap();
        assert_eq!(
            store.load().map(|t| t.access_token),
            Some(Secret::new("access-browser")),
            "{mode:?}"
        );
        assert_eq!(
            (local().length().unwrap(), session().length().unwrap()),
            (0, 0),
            "{mode:?}"
        );
    }
}

/// A provider that cannot be reached: sign-out must still clear everything locally.
struct Offline;

impl AuthHttp for Offline {
    fn send(&self, _request: HttpRequest) -> HttpFuture<'_> {
        Box::pin(async { Err(HttpError("offline".into())) })
    }
}

fn service(mode: TokenStorageMode) -> AuthService {
    let (session_storage, local_storage) = areas();
    let config = AuthConfig {
        authority: "https://id.invalid/oidc".into(),
        client_id: "digibank-spa".into(),
        redirect_uri: "https://app.invalid/callback".into(),
        post_logout_redirect_uri: "https://app.invalid/".into(),
        scopes: DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect(),
        resource: None,
        storage: mode,
        api_base_url: "https://app.invalid/api".into(),
        clock_skew: DEFAULT_CLOCK_SKEW,
    };
    let deps = AuthDeps {
        http: Rc::new(Offline),
        session_storage,
        local_storage,
        clock: Rc::new(SystemClock),
        lock: Rc::new(InTabOnly),
        broadcast: Rc::new(NoBroadcast),
        cookies: Arc::new(DocumentCookies),
        signatures: Rc::new(WebCryptoVerifier),
    };
    AuthService::new(config, deps)
}

#[wasm_bindgen_test]
async fn after_logout_no_token_or_user_data_remains() {
    for mode in [
        TokenStorageMode::Local,
        TokenStorageMode::Session,
        TokenStorageMode::Memory,
    ] {
        wipe();
        let auth = service(mode);
        auth.token_manager()
            .set_tokens(TokenGrant {
                access_token: Secret::new("access-secret"),
                refresh_token: Some(Secret::new("refresh-secret")),
                id_token: Some(Secret::new("id-secret")),
                expires_in: Some(Duration::from_secs(300)),
                user: Some(AuthUser {
                    sub: "sub-secret".into(),
                    name: Some("name-secret".into()),
                    email: None,
                }),
            })
            .unwrap();
        let pending = LoginTransaction {
            state: Secret::new("state-secret"),
            nonce: Secret::new("nonce-secret"),
            pkce_verifier: Secret::new("verifier-secret"),
            return_to: "/accounts/1".into(),
            silent: false,
            created_at_ms: 0,
        };
        pending.save(&BrowserStorage::Session).unwrap();
        local()
            .set_item("digibank.profile", "{\"name\":\"Alice Example\"}")
            .unwrap();
        session()
            .set_item("digibank.query-cache", "{\"balance\":\"125430.00\"}")
            .unwrap();

        let result = auth.logout().await;

        assert!(
            !result.revoked,
            "{mode:?}: the offline provider could not revoke"
        );
        assert_eq!(result.redirect_url, "https://app.invalid/");
        let left = contents(&local()) + &contents(&session());
        assert_eq!(left, "", "{mode:?}: left behind: {left}");
        assert!(!auth.is_authenticated() && auth.get_user().is_none());
    }
}

#[wasm_bindgen_test]
fn a_sign_out_from_another_tab_clears_this_tab_too() {
    wipe();
    let auth = service(TokenStorageMode::Session);
    auth.token_manager()
        .set_tokens(TokenGrant {
            access_token: Secret::new("access-secret"),
            refresh_token: None,
            id_token: None,
            expires_in: None,
            user: None,
        })
        .unwrap();
    auth.logout_locally(LogoutReason::OtherTab);
    assert_eq!(session().length().unwrap(), 0);
    assert!(!auth.is_authenticated());
}
