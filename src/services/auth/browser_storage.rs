//! Browser shell: [`KeyValueStorage`] over `localStorage` / `sessionStorage` (gloo-storage).

use gloo_storage::{LocalStorage, SessionStorage, Storage};

use super::{AuthError, KeyValueStorage};

/// One of the page's Web Storage areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowserStorage {
    /// `localStorage`: shared by all tabs of the origin, kept across restarts.
    Local,
    /// `sessionStorage`: this tab only, kept across reloads.
    Session,
}

impl BrowserStorage {
    /// The area if the browser allows it (gloo-storage itself throws when storage is disabled, so this checks first).
    pub fn available(self) -> Option<Self> {
        let window = web_sys::window()?;
        let storage = match self {
            Self::Local => window.local_storage(),
            Self::Session => window.session_storage(),
        };
        storage.ok().flatten().map(|_| self)
    }

    fn raw(self) -> web_sys::Storage {
        match self {
            Self::Local => LocalStorage::raw(),
            Self::Session => SessionStorage::raw(),
        }
    }
}

impl KeyValueStorage for BrowserStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.raw().get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), AuthError> {
        self.raw()
            .set_item(key, value)
            .map_err(|_| AuthError::Storage("browser storage is full or disabled".into()))
    }

    fn remove(&self, key: &str) {
        match self {
            Self::Local => LocalStorage::delete(key),
            Self::Session => SessionStorage::delete(key),
        }
    }

    fn clear(&self) {
        match self {
            Self::Local => LocalStorage::clear(),
            Self::Session => SessionStorage::clear(),
        }
    }
}
