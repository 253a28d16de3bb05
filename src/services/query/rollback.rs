//! Optimistic updates: write the expected data now, restore the old data if the mutation fails.

use super::client::{QueryClient, WeakQueryClient};
use super::entry::{EntryId, QueryData};
use super::error::QueryError;
use super::key::QueryKey;
use super::reducer::QueryAction;

/// Undoes optimistic writes; dropping it without calling [`Rollback::rollback`] keeps them.
#[must_use = "keep the rollback until the mutation settles"]
#[derive(Default)]
pub struct Rollback {
    undo: Vec<Box<dyn FnOnce()>>,
}

impl Rollback {
    /// Nothing to undo.
    pub fn none() -> Self {
        Self::default()
    }

    /// Also undoes `other` (undone in reverse order of writing).
    pub fn and(mut self, other: Rollback) -> Self {
        self.undo.extend(other.undo);
        self
    }

    /// Restores every entry to what it held before its optimistic write.
    pub fn rollback(self) {
        for undo in self.undo.into_iter().rev() {
            undo();
        }
    }
}

impl<E: QueryError> QueryClient<E> {
    /// Cancels the running fetch of `key` (so it cannot overwrite the guess), writes `update(current)`,
    /// and returns how to restore the current data. `None` from `update` writes nothing.
    pub fn optimistic_update<T: QueryData>(
        &self,
        key: &QueryKey,
        update: impl FnOnce(Option<&T>) -> Option<T>,
    ) -> Rollback {
        self.cancel_exact::<T>(key);
        let previous = self.get_query_data::<T>(key);
        if !self.update_query_data(key, update) {
            return Rollback::none();
        }
        let (client, key) = (self.downgrade(), key.clone());
        Rollback {
            undo: vec![Box::new(move || restore(&client, &key, previous))],
        }
    }

    /// Cancels the running fetch of exactly `key` for type `T`.
    fn cancel_exact<T: QueryData>(&self, key: &QueryKey) {
        let id = EntryId::of::<T>(key);
        let cancelled = {
            let mut core = self.shared.core.borrow_mut();
            core.entries
                .get_mut(&id)
                .and_then(|entry| entry.in_flight.take())
        };
        if let Some(in_flight) = cancelled {
            drop(in_flight);
            self.dispatch::<T>(&id, QueryAction::Cancel);
        }
    }
}

/// Puts `previous` back (or empties the entry when there was no data).
fn restore<T: QueryData, E: QueryError>(
    client: &WeakQueryClient<E>,
    key: &QueryKey,
    previous: Option<T>,
) {
    let Some(client) = client.upgrade() else {
        return;
    };
    match previous {
        Some(data) => client.set_query_data(key, data),
        None => client.dispatch::<T>(&EntryId::of::<T>(key), QueryAction::Reset),
    }
}
