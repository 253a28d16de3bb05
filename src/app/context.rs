//! The app's services in Leptos context: one API client, the account and transfer services, the
//! notification center and the error-handler registry, built once from the runtime configuration.

use std::sync::Arc;

use leptos::prelude::*;

use crate::services::accounts::AccountService;
use crate::services::errors::{ErrorHandlerRegistry, Notifications, install_default_handlers};
use crate::services::http::{ApiClient, ApiError, Clock};
use crate::services::transfers::TransferService;

/// Everything screens need to talk to the bank and to report failures; cheap to clone.
#[derive(Clone)]
pub struct AppServices {
    /// The API client (its metrics feed the monitoring page).
    pub client: ApiClient,
    /// Account calls.
    pub accounts: AccountService,
    /// Transfer calls.
    pub transfers: TransferService,
    /// Toasts shown in the aria-live region.
    pub notifications: Notifications,
    /// Turns every failure into a clear message.
    pub errors: Arc<ErrorHandlerRegistry>,
}

impl AppServices {
    /// Services over `client`, with the default error handlers writing to a new notification center.
    pub fn new(client: ApiClient, clock: Arc<dyn Clock>) -> Self {
        let notifications = Notifications::new(clock);
        let errors = Arc::new(ErrorHandlerRegistry::new());
        install_default_handlers(&errors, &notifications);
        AppServices {
            accounts: AccountService::new(client.clone()),
            transfers: TransferService::new(client.clone()),
            client,
            notifications,
            errors,
        }
    }

    /// Sends `error` through the registry (a toast with the guide's message for its kind).
    pub fn report(&self, error: &ApiError) {
        self.errors.handle(error);
    }
}

/// Puts `services` in context for every component below.
pub fn provide_app_services(services: AppServices) {
    provide_context(services);
}

/// The services from context. Panics only if the app shell forgot to provide them (a programming error
/// caught by every browser test), never on user or server input.
pub fn use_app_services() -> AppServices {
    expect_context::<AppServices>()
}
