//! The sign-out wipe of Web Storage.

use super::KeyValueStorage;

/// Removes everything from `storages` (the origin's localStorage and sessionStorage belong to this app alone):
/// no token or user data survives a sign-out, whichever layer wrote it.
pub fn clear_app_storage(storages: &[&dyn KeyValueStorage]) {
    for storage in storages {
        storage.clear();
    }
}
