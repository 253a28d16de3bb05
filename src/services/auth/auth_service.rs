//! The sign-in service (the guide's `AuthService`): authorization code + PKCE with openidconnect,
//! callback handling with state and ID-token checks, session restore, sign-out with revocation.

use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::sync::Arc;

use openidconnect::Nonce;

use crate::config::TokenStorageMode;
use crate::services::http::CookieReader;

use super::provider_calls::{authorization_request, profile_from_provider, sign_out_at_provider};
use super::{
    AuthConfig, AuthError, AuthEvent, AuthHttp, AuthUser, AuthorizationParams, CallbackParams,
    Clock, CookieRefresher, CrossTabLock, IdTokenContext, KeyValueStorage, LoginTransaction,
    LogoutBroadcast, LogoutReason, OidcRefresher, ProviderCache, Refresher, Secret, SignOutParams,
    SignatureVerifier, Subscribers, Subscription, TokenGrant, TokenManager, TokenManagerParts,
    callback_error, clear_app_storage, grant_from_response, request_tokens, return_path_or_home,
    token_request_error, token_store_for,
};

/// sessionStorage flag: a `prompt=none` attempt in this tab found no provider session (stops reload loops).
pub const SILENT_LOGIN_FAILED_KEY: &str = "digibank.auth.silent-failed";

/// The browser (or fake) facilities the service runs on.
pub struct AuthDeps {
    /// HTTP to the provider and the backend.
    pub http: Rc<dyn AuthHttp>,
    /// This tab's sessionStorage.
    pub session_storage: Rc<dyn KeyValueStorage>,
    /// The origin's localStorage.
    pub local_storage: Rc<dyn KeyValueStorage>,
    /// The time source.
    pub clock: Rc<dyn Clock>,
    /// Cross-tab renewal lock.
    pub lock: Rc<dyn CrossTabLock>,
    /// Sign-out announcements to other tabs.
    pub broadcast: Rc<dyn LogoutBroadcast>,
    /// Reads the `XSRF-TOKEN` cookie (cookie mode).
    pub cookies: Arc<dyn CookieReader>,
    /// Verifies ID-token signatures (WebCrypto in the browser).
    pub signatures: Rc<dyn SignatureVerifier>,
}

/// How a page load found the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionRestore {
    /// Signed in (tokens present or renewed).
    SignedIn,
    /// Memory mode: navigate (top level) to this `prompt=none` URL to restore the session without interaction.
    Redirect(String),
    /// Not signed in: show the sign-in page.
    SignedOut,
}

/// The result of [`AuthService::logout`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoutResult {
    /// Where to send the browser: the provider's end-session URL, or the app's home page.
    pub redirect_url: String,
    /// False when the refresh credential could not be revoked server-side (it stays valid until it expires).
    pub revoked: bool,
}

/// Signs the user in and out; cheap to clone (clones share one session).
#[derive(Clone)]
pub struct AuthService {
    inner: Rc<Inner>,
}

/// A non-owning handle to an [`AuthService`] (for browser callbacks that must not keep it alive).
#[derive(Clone)]
pub struct WeakAuthService(Weak<Inner>);

struct Inner {
    config: AuthConfig,
    deps: AuthDeps,
    provider: Rc<ProviderCache>,
    cookie: Option<CookieRefresher>,
    tokens: TokenManager,
    /// The user from the userinfo endpoint, when the session holds no verified ID token (cookie mode after a reload).
    profile: RefCell<Option<AuthUser>>,
    logout_subscribers: Subscribers<LogoutReason>,
}

impl AuthService {
    /// A service for `config`. Nothing is fetched until first use (unusable provider URLs fail it then).
    pub fn new(config: AuthConfig, deps: AuthDeps) -> Self {
        let provider = Rc::new(ProviderCache::new(
            &config,
            deps.http.clone(),
            deps.signatures.clone(),
        ));
        let cookie = (config.storage == TokenStorageMode::Cookie).then(|| {
            CookieRefresher::new(
                &config.api_base_url,
                deps.http.clone(),
                deps.cookies.clone(),
            )
        });
        let refresher: Rc<dyn Refresher> = match &cookie {
            Some(cookie) => Rc::new(cookie.clone()),
            None => Rc::new(OidcRefresher::new(
                provider.clone(),
                deps.http.clone(),
                deps.clock.clone(),
                config.resource.clone(),
            )),
        };
        let tokens = TokenManager::new(TokenManagerParts {
            store: token_store_for(
                config.storage,
                deps.session_storage.clone(),
                deps.local_storage.clone(),
            ),
            refresher,
            lock: deps.lock.clone(),
            clock: deps.clock.clone(),
            clock_skew: config.clock_skew,
        });
        let inner = Inner {
            config,
            deps,
            provider,
            cookie,
            tokens,
            profile: RefCell::new(None),
            logout_subscribers: Subscribers::new(),
        };
        Self {
            inner: Rc::new(inner),
        }
    }

    /// The settings in use.
    pub fn config(&self) -> &AuthConfig {
        &self.inner.config
    }

    /// The token manager (the HTTP layer's token source).
    pub fn token_manager(&self) -> &TokenManager {
        &self.inner.tokens
    }

    /// Starts a sign-in: saves the one-time login transaction and returns the provider URL to navigate to.
    /// `return_to` is where the user lands afterwards (unsafe paths become `/`).
    pub async fn login(&self, return_to: &str) -> Result<String, AuthError> {
        self.authorization_url(return_to, false).await
    }

    /// Like [`login`](Self::login) with `prompt=none`: restores a provider session without interaction,
    /// or comes back with `login_required`.
    pub async fn silent_login_url(&self, return_to: &str) -> Result<String, AuthError> {
        self.authorization_url(return_to, true).await
    }

    /// Finishes a sign-in from the callback URL: checks `state`, exchanges the code (with the PKCE verifier),
    /// verifies the ID token, stores the tokens, and returns the saved same-origin path to go to.
    pub async fn handle_callback(&self, callback_url: &str) -> Result<String, AuthError> {
        let transaction = LoginTransaction::take(&*self.inner.deps.session_storage, self.now_ms());
        let params = CallbackParams::parse(callback_url)?;
        let transaction = transaction.ok_or(AuthError::NoLoginInProgress)?;
        if params.state() != Some(transaction.state.expose()) {
            return Err(AuthError::StateMismatch);
        }
        let code = match params {
            CallbackParams::Error { error, .. } => {
                return Err(self.refused(&error, transaction.silent));
            }
            CallbackParams::Code { code, .. } => code,
        };
        let grant = self.exchange_code(code, &transaction).await?;
        self.inner
            .deps
            .session_storage
            .remove(SILENT_LOGIN_FAILED_KEY);
        self.inner.tokens.set_tokens(grant)?;
        Ok(transaction.return_to)
    }

    /// Re-establishes the session on page load: stored tokens (renewed if expired), the cookie (one refresh
    /// call), or in memory mode a `prompt=none` redirect (once per tab until a sign-in succeeds). Valid stored
    /// tokens need no request at all: the provider is discovered only when a sign-in or renewal needs it.
    pub async fn restore_session(&self, return_to: &str) -> Result<SessionRestore, AuthError> {
        let tokens = &self.inner.tokens;
        let held = tokens.tokens().is_some();
        if held && !tokens.is_expired() {
            return Ok(SessionRestore::SignedIn);
        }
        if !held && self.inner.config.storage == TokenStorageMode::Memory {
            if self
                .inner
                .deps
                .session_storage
                .get(SILENT_LOGIN_FAILED_KEY)
                .is_some()
            {
                return Ok(SessionRestore::SignedOut);
            }
            return Ok(SessionRestore::Redirect(
                self.silent_login_url(return_to).await?,
            ));
        }
        match tokens.refresh().await {
            Ok(()) => Ok(SessionRestore::SignedIn),
            Err(error) if error.is_transient() => Err(error),
            Err(_) if held => {
                self.logout_locally(LogoutReason::SessionExpired);
                Ok(SessionRestore::SignedOut)
            }
            Err(_) => Ok(SessionRestore::SignedOut),
        }
    }

    /// Signs out: clears tokens, user and storage in this tab at once, tells the other tabs and the
    /// `on_logout` subscribers, revokes the refresh credential where possible, and returns the provider's
    /// end-session URL (with `id_token_hint` and `post_logout_redirect_uri`) to navigate to.
    pub async fn logout(&self) -> LogoutResult {
        let id_token = self.inner.tokens.id_token();
        let refresh_token = self.inner.tokens.refresh_token();
        self.logout_locally(LogoutReason::UserRequested);
        self.inner.deps.broadcast.announce();
        let config = &self.inner.config;
        let cookie = &self.inner.cookie;
        let at_provider = sign_out_at_provider(SignOutParams {
            provider: self.inner.provider.clone(),
            http: self.inner.deps.http.clone(),
            client_id: config.client_id.clone(),
            post_logout_redirect_uri: config.post_logout_redirect_uri.clone(),
            refresh_token: refresh_token.clone().filter(|_| cookie.is_none()),
            id_token,
        })
        .await
        .ok();
        let revoked = match (cookie, &at_provider) {
            (Some(cookie), _) => cookie.end_session().await.is_ok(),
            (None, Some(at_provider)) => at_provider.revoked,
            (None, None) => refresh_token.is_none(),
        };
        LogoutResult {
            redirect_url: at_provider
                .and_then(|at_provider| at_provider.end_session_url)
                .unwrap_or_else(|| config.post_logout_redirect_uri.clone()),
            revoked,
        }
    }

    /// Ends the session in this tab only (another tab signed out, or the session expired): tokens, user data
    /// and Web Storage are cleared and `on_logout` subscribers run.
    pub fn logout_locally(&self, reason: LogoutReason) {
        self.inner.profile.borrow_mut().take();
        self.inner.tokens.clear(reason);
        clear_app_storage(&[
            &*self.inner.deps.session_storage,
            &*self.inner.deps.local_storage,
        ]);
        self.inner.logout_subscribers.emit(&reason);
    }

    /// The signed-in user, if known: from the ID token verified when the tokens arrived (kept with them),
    /// else from the userinfo endpoint ([`load_profile`](Self::load_profile)).
    pub fn get_user(&self) -> Option<AuthUser> {
        let verified = self.inner.tokens.tokens()?.user;
        verified.or_else(|| self.inner.profile.borrow().clone())
    }

    /// Fetches the user from the userinfo endpoint when the session holds no verified ID token (cookie mode
    /// after a reload) and announces [`AuthEvent::UserLoaded`]; does nothing otherwise. Failure leaves it unknown.
    pub async fn load_profile(&self) {
        if !self.is_authenticated() || self.get_user().is_some() {
            return;
        }
        let session = self.inner.tokens.session_version();
        let Some(access_token) = self.inner.tokens.access_token() else {
            return;
        };
        let provider = self.inner.provider.clone();
        let http = self.inner.deps.http.clone();
        let Ok(user) = profile_from_provider(provider, http, access_token).await else {
            return;
        };
        if self.inner.tokens.session_version() != session {
            return; // signed out or signed in anew meanwhile: this profile is not the session's
        }
        if let Some(user) = user {
            *self.inner.profile.borrow_mut() = Some(user);
            self.inner.tokens.emit(&AuthEvent::UserLoaded);
        }
    }

    /// Discovers the provider (document and keys) ahead of need, e.g. when the browser is idle; errors are
    /// left for the sign-in or renewal that needs it to report.
    pub async fn prefetch_provider(&self) {
        let _ = self.inner.provider.get().await;
    }

    /// A usable access token, renewing first if it has expired (or is about to).
    pub async fn get_access_token(&self) -> Result<String, AuthError> {
        let tokens = &self.inner.tokens;
        if tokens.tokens().is_none() {
            return Err(AuthError::NotSignedIn);
        }
        if tokens.is_expired() {
            if !tokens.can_renew() {
                return Err(AuthError::NoRefreshToken);
            }
            tokens.refresh().await?;
        }
        tokens.access_token().ok_or(AuthError::NotSignedIn)
    }

    /// Renews the access token now (single-flight).
    pub async fn refresh_token(&self) -> Result<(), AuthError> {
        self.inner.tokens.refresh().await
    }

    /// True while a session exists (its access token may be due for renewal).
    pub fn is_authenticated(&self) -> bool {
        self.inner.tokens.tokens().is_some()
    }

    /// Registers cleanup to run on every sign-out (query cache, realtime connection, service-worker caches).
    pub fn on_logout(&self, cleanup: impl Fn(LogoutReason) + 'static) -> Subscription {
        self.inner
            .logout_subscribers
            .subscribe(move |reason| cleanup(*reason))
    }

    /// Calls `callback` on every [`AuthEvent`] (renewals, expiry warnings, sign-outs).
    pub fn subscribe(&self, callback: impl Fn(&AuthEvent) + 'static) -> Subscription {
        self.inner.tokens.subscribe(callback)
    }

    /// A handle that does not keep the service alive.
    pub fn downgrade(&self) -> WeakAuthService {
        WeakAuthService(Rc::downgrade(&self.inner))
    }

    fn now_ms(&self) -> u64 {
        self.inner.deps.clock.now_ms()
    }

    async fn authorization_url(&self, return_to: &str, silent: bool) -> Result<String, AuthError> {
        let config = &self.inner.config;
        let request = authorization_request(AuthorizationParams {
            provider: self.inner.provider.clone(),
            scopes: config.scopes.clone(),
            resource: config.resource.clone(),
            silent,
        })
        .await?;
        let transaction = LoginTransaction {
            state: request.state,
            nonce: request.nonce,
            pkce_verifier: request.pkce_verifier,
            return_to: return_path_or_home(Some(return_to)),
            silent,
            created_at_ms: self.now_ms(),
        };
        transaction.save(&*self.inner.deps.session_storage)?;
        Ok(request.url)
    }

    /// Where the pending sign-in returns to (read before the callback consumes it), if one is pending.
    pub fn pending_return_to(&self) -> Option<String> {
        LoginTransaction::peek_return_to(&*self.inner.deps.session_storage)
    }

    /// The typed error for a refused authorization; a refused silent attempt is remembered for this tab.
    fn refused(&self, code: &str, silent: bool) -> AuthError {
        let error = callback_error(code);
        if silent && error == AuthError::LoginRequired {
            // Best effort: without the flag a later reload merely tries the silent sign-in again.
            let _ = self
                .inner
                .deps
                .session_storage
                .set(SILENT_LOGIN_FAILED_KEY, "1");
        }
        error
    }

    async fn exchange_code(
        &self,
        code: Secret,
        transaction: &LoginTransaction,
    ) -> Result<TokenGrant, AuthError> {
        let provider = self.inner.provider.get().await?;
        let token_url = provider
            .token_endpoint
            .as_deref()
            .ok_or_else(no_token_endpoint)?;
        let config = &self.inner.config;
        let mut params = vec![
            ("grant_type", "authorization_code"),
            ("code", code.expose()),
            ("redirect_uri", config.redirect_uri.as_str()),
            ("client_id", config.client_id.as_str()),
            ("code_verifier", transaction.pkce_verifier.expose()),
        ];
        if let Some(resource) = &config.resource {
            params.push(("resource", resource));
        }
        let response = request_tokens(&*self.inner.deps.http, token_url, &params)
            .await
            .map_err(|e| token_request_error(e, AuthError::TokenExchange))?;
        let mut grant = grant_from_response(&response);
        let id_token = grant.id_token.as_ref().ok_or(AuthError::MissingIdToken)?;
        let nonce = Nonce::new(transaction.nonce.expose().to_owned());
        let context = IdTokenContext {
            access_token: grant.access_token.expose(),
            nonce: Some(&nonce),
            now_ms: self.now_ms(),
        };
        let user = self
            .inner
            .provider
            .verify_id_token(id_token.expose(), context)
            .await?;
        grant.user = Some(user);
        match &self.inner.cookie {
            Some(cookie) => cookie.hand_off(grant).await,
            None => Ok(grant),
        }
    }
}

impl WeakAuthService {
    /// The service, if it still exists.
    pub fn upgrade(&self) -> Option<AuthService> {
        self.0.upgrade().map(|inner| AuthService { inner })
    }
}

/// The provider's discovery document names no token endpoint.
pub(super) fn no_token_endpoint() -> AuthError {
    AuthError::Discovery("the provider has no token endpoint".into())
}
