//! Authentication: OpenID Connect sign-in (authorization code + PKCE, via openidconnect), the token manager
//! with silent renewal, ID tokens verified through WebCrypto, the four token-storage modes, the route guard and the sign-out fan-out.
//!
//! Everything here is plain Rust tested natively; the browser shells (fetch, Web Storage, Web Locks,
//! BroadcastChannel, timers, navigation) are the wasm-only files at the end. See docs/auth.md.

mod api_token_source;
mod app_storage;
mod auth_config;
mod auth_event;
mod auth_service;
mod authorization_request;
mod callback_params;
mod clock;
mod compact_jws;
mod cookie_refresher;
mod cookie_token_store;
mod cross_tab_lock;
mod error;
mod http_client;
mod id_token;
mod jws_algorithm;
mod key_value_storage;
mod login_transaction;
mod logout_broadcast;
mod memory_token_store;
mod oidc_refresher;
mod oidc_tokens;
mod pkce;
mod profile;
mod provider;
mod provider_calls;
mod provider_documents;
mod provider_key;
mod provider_requests;
mod provider_sign_out;
mod random;
mod refresher;
mod renew_schedule;
mod return_path;
mod route_guard;
mod secret;
mod signature_check;
mod silent_renew;
mod subscribers;
mod timer;
mod token_manager;
mod token_set;
mod token_store;
mod user;
mod web_token_store;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod auth_flow_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod test_support;

pub use api_token_source::{ApiTokenSource, refresh_error};
pub use app_storage::clear_app_storage;
pub use auth_config::{AuthConfig, CALLBACK_PATH, DEFAULT_SCOPES};
pub use auth_event::{AuthEvent, LogoutReason};
use auth_service::no_token_endpoint;
pub use auth_service::{
    AuthDeps, AuthService, LogoutResult, SILENT_LOGIN_FAILED_KEY, SessionRestore, WeakAuthService,
};
pub use authorization_request::{AuthorizationParams, AuthorizationRequest};
pub use callback_params::{CallbackParams, callback_error};
pub use clock::{Clock, SystemClock};
pub use compact_jws::CompactJws;
pub use cookie_refresher::CookieRefresher;
pub use cookie_token_store::CookieTokenStore;
pub use cross_tab_lock::{CrossTabLock, InTabOnly, LockGuard};
pub use error::{AuthError, IdTokenRejection};
pub use http_client::{
    AuthHttp, HttpCache, HttpError, HttpFuture, HttpRequest, HttpResponse, WithCredentials,
};
pub use id_token::{ID_TOKEN_CLOCK_LEEWAY, IdTokenContext, verify_id_token};
pub use jws_algorithm::{JwsAlgorithm, WebCryptoParams};
pub use key_value_storage::{KeyValueStorage, MemoryStorage};
pub use login_transaction::{
    LOGIN_TRANSACTION_KEY, LOGIN_TRANSACTION_MAX_AGE_MS, LoginTransaction,
};
pub use logout_broadcast::{LogoutBroadcast, NoBroadcast};
pub use memory_token_store::MemoryTokenStore;
pub use oidc_refresher::{OidcRefresher, RenewParts};
pub use oidc_tokens::{grant_from_response, token_request_error};
pub use pkce::Pkce;
pub use provider::{
    DiscoveredMetadata, DiscoveryParts, ExtraProviderMetadata, OidcClient, Provider, ProviderCache,
};
pub use provider_documents::fetch_document;
pub use provider_key::{JwkFields, ProviderKey, VerifiedSignature};
pub use provider_requests::{
    TokenRequestError, request_tokens, request_user_info, revoke_refresh_token,
};
pub use provider_sign_out::{ProviderSignOut, SignOutParams};
pub use random::{RANDOM_BYTES, random_token};
pub use refresher::Refresher;
pub use renew_schedule::{
    EXPIRY_WARNING_LEAD, FIRST_RETRY_DELAY, MAX_RENEW_LEAD, MAX_RETRY_DELAY, MIN_RENEW_INTERVAL,
    RenewAction, RenewState, RenewStep, next_step, renew_lead_time, retry_delay,
};
pub use return_path::{HOME_PATH, return_path_or_home, safe_return_path};
pub use route_guard::{
    GuardDecision, LOGIN_PATH, guard_route, login_path, return_to_from_login_query,
};
pub use secret::Secret;
pub use signature_check::{SignatureVerifier, check_signature};
pub use silent_renew::SilentRenew;
pub use subscribers::{Subscribers, Subscription};
pub use timer::{Spawner, Timer, TimerHandle};
pub use token_manager::{DEFAULT_CLOCK_SKEW, TokenManager, TokenManagerParts};
pub use token_set::{DEFAULT_LIFETIME, TokenGrant, TokenSet};
pub use token_store::{TokenStore, token_store_for};
pub use user::{AuthUser, UserInfo};
pub use web_token_store::{TOKENS_KEY, WebTokenStore};

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
mod browser_storage;
#[cfg(target_arch = "wasm32")]
mod browser_timer;
#[cfg(target_arch = "wasm32")]
mod logout_channel;
#[cfg(target_arch = "wasm32")]
mod oidc_http;
#[cfg(target_arch = "wasm32")]
mod web_crypto;
#[cfg(target_arch = "wasm32")]
mod web_locks;

#[cfg(target_arch = "wasm32")]
pub use browser::BrowserAuth;
#[cfg(target_arch = "wasm32")]
pub use browser_storage::BrowserStorage;
#[cfg(target_arch = "wasm32")]
pub use browser_timer::{BrowserTimer, browser_spawner};
#[cfg(target_arch = "wasm32")]
pub use logout_channel::{AUTH_CHANNEL, LOGOUT_MESSAGE, LogoutChannel};
#[cfg(target_arch = "wasm32")]
pub use oidc_http::FetchHttp;
#[cfg(target_arch = "wasm32")]
pub use web_crypto::WebCryptoVerifier;
#[cfg(target_arch = "wasm32")]
pub use web_locks::{RENEWAL_LOCK_NAME, WebLocks};
