//! Browser events the cache reacts to, delivered by a thin wiring layer (or by tests).

use super::client::QueryClient;
use super::entry::{EntryId, FetchStart};
use super::error::QueryError;
use super::options::{QueryOptions, RefetchOn};

impl<E: QueryError> QueryClient<E> {
    /// The window regained focus: active queries refetch per `refetch_on_window_focus`.
    pub fn on_focus(&self) {
        self.refetch_active(|options| options.refetch_on_window_focus);
    }

    /// The browser came back online: active queries refetch per `refetch_on_reconnect`.
    pub fn on_online(&self) {
        self.refetch_active(|options| options.refetch_on_reconnect);
    }

    /// The document became hidden or visible: refetch intervals pause while hidden and restart when visible.
    pub fn on_visibility_change(&self, hidden: bool) {
        let ids: Vec<EntryId> = {
            let mut core = self.shared.core.borrow_mut();
            core.hidden = hidden;
            core.entries.keys().cloned().collect()
        };
        for id in &ids {
            self.update_interval(id);
        }
    }

    /// Refetches each active entry whose policy (picked by `policy`) asks for it now.
    fn refetch_active(&self, policy: impl Fn(&QueryOptions) -> RefetchOn) {
        let now = self.now();
        let due: Vec<_> = {
            let core = self.shared.core.borrow();
            core.entries
                .iter()
                .filter(|(_, entry)| entry.is_active())
                .filter(|(_, entry)| match policy(&entry.options) {
                    RefetchOn::Never => false,
                    RefetchOn::IfStale => entry.stamp.is_stale(entry.options.stale_time, now),
                    RefetchOn::Always => true,
                })
                .map(|(id, entry)| (id.clone(), entry.ops))
                .collect()
        };
        for (id, ops) in &due {
            (ops.start_fetch)(self, id, FetchStart::JOIN);
        }
    }
}
