//! A string key-value store shaped like Web Storage, so storage logic is tested natively over a fake.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::AuthError;

/// The subset of Web Storage (`localStorage`, `sessionStorage`) the auth layer uses.
pub trait KeyValueStorage {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key` (fails on quota or disabled storage).
    fn set(&self, key: &str, value: &str) -> Result<(), AuthError>;
    /// Removes `key`; a missing key is not an error.
    fn remove(&self, key: &str);
    /// Removes every key.
    fn clear(&self);
}

/// An in-memory Web Storage: the native fake, and the browser fallback when storage is disabled.
/// Clones share one map, like two tabs sharing one `localStorage`.
#[derive(Debug, Clone, Default)]
pub struct MemoryStorage {
    items: Rc<RefCell<BTreeMap<String, String>>>,
}

impl MemoryStorage {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every key currently stored, sorted.
    pub fn keys(&self) -> Vec<String> {
        self.items.borrow().keys().cloned().collect()
    }

    /// Every stored value concatenated, to search for leaked secrets in tests.
    pub fn dump(&self) -> String {
        self.items
            .borrow()
            .iter()
            .map(|(k, v)| format!("{k}={v}\n"))
            .collect()
    }
}

impl KeyValueStorage for MemoryStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.items.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), AuthError> {
        self.items
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.items.borrow_mut().remove(key);
    }

    fn clear(&self) {
        self.items.borrow_mut().clear();
    }
}
