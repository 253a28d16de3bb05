//! What the app knows about being offline: whether the bank is reachable, which data on which page came
//! from the service worker's cache (and from when), which requests must skip the cache once, and whether a
//! new version of the app is waiting. Pure; the service-worker shell and the interceptor feed it.

use std::collections::{BTreeMap, BTreeSet};

/// A response the service worker answered from its cache.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CachedCopy {
    /// When the worker stored it (ms since the epoch).
    cached_at_ms: u64,
    /// The pages (paths) that received it.
    pages: BTreeSet<String>,
}

/// The offline picture of one page load.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfflineState {
    unreachable: bool,
    browser_offline: bool,
    cached: BTreeMap<String, CachedCopy>,
    refresh: BTreeSet<String>,
    update_waiting: bool,
}

impl OfflineState {
    /// The worker answered request `key` with its copy from `cached_at_ms`, shown on `page`.
    pub fn served_from_cache(&mut self, key: &str, cached_at_ms: u64, page: &str) {
        let copy = self.cached.entry(key.to_owned()).or_insert(CachedCopy {
            cached_at_ms,
            pages: BTreeSet::new(),
        });
        copy.cached_at_ms = cached_at_ms;
        copy.pages.insert(page.to_owned());
    }

    /// The bank answered request `key` itself: its data is current and the bank is reachable.
    pub fn served_by_network(&mut self, key: &str) {
        self.cached.remove(key);
        self.unreachable = false;
    }

    /// A request failed on the network: the bank is unreachable.
    pub fn network_failed(&mut self) {
        self.unreachable = true;
    }

    /// The worker reached the bank behind a cached answer for `key`; `changed` data is fetched again once,
    /// bypassing the cache. Returns `changed` (the caller then invalidates its queries).
    pub fn revalidated(&mut self, key: &str, changed: bool) -> bool {
        self.cached.remove(key);
        self.unreachable = false;
        if changed {
            self.refresh.insert(key.to_owned());
        }
        changed
    }

    /// The worker could not reach the bank behind a cached answer for `key`.
    pub fn revalidation_failed(&mut self, key: &str, cached_at_ms: u64) {
        self.unreachable = true;
        if let Some(copy) = self.cached.get_mut(key) {
            copy.cached_at_ms = cached_at_ms;
        }
    }

    /// The browser's own `navigator.onLine`.
    pub fn set_browser_online(&mut self, online: bool) {
        self.browser_offline = !online;
    }

    /// True once if request `key` must ask the network first (its data changed behind a cached answer).
    pub fn take_refresh(&mut self, key: &str) -> bool {
        self.refresh.remove(key)
    }

    /// A new version of the app is installed and waits for the user's reload.
    pub fn set_update_waiting(&mut self) {
        self.update_waiting = true;
    }

    /// Whether "a new version is available" should be offered.
    pub fn update_waiting(&self) -> bool {
        self.update_waiting
    }

    /// Offline: the browser says so, or the bank could not be reached.
    pub fn is_offline(&self) -> bool {
        self.browser_offline || self.unreachable
    }

    /// While offline: when the oldest cached data shown on `page` was stored (ms since the epoch).
    pub fn data_from(&self, page: &str) -> Option<u64> {
        if !self.is_offline() {
            return None;
        }
        self.cached
            .values()
            .filter(|copy| copy.pages.contains(page))
            .map(|copy| copy.cached_at_ms)
            .min()
    }

    /// Sign-out: nothing cached is shown any more and no refresh is pending.
    pub fn forget_data(&mut self) {
        self.cached.clear();
        self.refresh.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_data_is_reported_only_while_offline_and_only_for_the_pages_that_show_it() {
        let mut state = OfflineState::default();
        state.served_from_cache("/api/accounts", 2_000, "/");
        assert_eq!(state.data_from("/"), None, "not known to be offline yet");
        state.revalidation_failed("/api/accounts", 1_000);
        assert!(state.is_offline());
        assert_eq!(state.data_from("/"), Some(1_000));
        assert_eq!(state.data_from("/transfers/history"), None);
        state.served_from_cache("/api/accounts/1/balance", 500, "/");
        assert_eq!(state.data_from("/"), Some(500), "the oldest data counts");
    }

    #[test]
    fn the_network_answering_again_ends_offline_and_clears_the_copy() {
        let mut state = OfflineState::default();
        state.served_from_cache("/api/accounts", 1_000, "/");
        state.network_failed();
        assert_eq!(state.data_from("/"), Some(1_000));
        state.served_by_network("/api/accounts");
        assert!(!state.is_offline());
        assert_eq!(state.data_from("/"), None);
    }

    #[test]
    fn changed_data_is_fetched_again_once_past_the_cache() {
        let mut state = OfflineState::default();
        state.served_from_cache("/api/accounts", 1_000, "/");
        assert!(!state.revalidated("/api/accounts", false));
        assert!(!state.take_refresh("/api/accounts"));
        assert!(state.revalidated("/api/accounts", true));
        assert!(state.take_refresh("/api/accounts"));
        assert!(!state.take_refresh("/api/accounts"), "only once");
    }

    #[test]
    fn the_browser_going_offline_counts_and_sign_out_forgets_the_data() {
        let mut state = OfflineState::default();
        state.set_browser_online(false);
        assert!(state.is_offline());
        state.served_from_cache("/api/accounts", 1_000, "/");
        state.revalidated("/api/x", true);
        state.forget_data();
        assert_eq!(state.data_from("/"), None);
        assert!(!state.take_refresh("/api/x"));
        state.set_browser_online(true);
        assert!(!state.is_offline());
        assert!(!state.update_waiting());
        state.set_update_waiting();
        assert!(state.update_waiting());
    }
}
