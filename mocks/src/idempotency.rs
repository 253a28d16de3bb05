//! Idempotency keys of money-moving POSTs: a committed response is stored per customer and key and
//! replayed for the same request; a different request under the same key, or one while the first is
//! still running, is refused. A request that did not commit (4xx) releases its key.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use axum::http::StatusCode;

/// Longest accepted key.
pub const MAX_KEY_LEN: usize = 255;

/// A stored response, replayed byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    /// Its status.
    pub status: StatusCode,
    /// Its JSON body.
    pub body: Bytes,
}

/// The answer to a claim on a key.
#[derive(Debug)]
pub enum Claim {
    /// The key is new: run the request, then [`ClaimGuard::complete`] (dropping the guard releases the key).
    Proceed(ClaimGuard),
    /// The same request already committed: replay this.
    Replay(StoredResponse),
    /// The same request is still running.
    InFlight,
    /// The key was used for a different request.
    Mismatch,
}

#[derive(Debug)]
enum Entry {
    InFlight {
        fingerprint: Vec<u8>,
    },
    Done {
        fingerprint: Vec<u8>,
        response: StoredResponse,
    },
}

/// Records by (owner, key). A B-tree, not a hash map: a hash map's occasional full rehash of every record
/// held the lock for 100+ ms once hundreds of thousands of keys were stored, which every request then waited for.
type Entries = BTreeMap<(String, String), Entry>;

/// Idempotency records of all customers.
#[derive(Debug, Default)]
pub struct IdempotencyStore {
    entries: Arc<Mutex<Entries>>,
}

impl IdempotencyStore {
    /// Claims `key` of `owner` for a request whose canonical form is `fingerprint`.
    pub fn claim(&self, owner: &str, key: &str, fingerprint: Vec<u8>) -> Claim {
        let mut entries = lock(&self.entries);
        let id = (owner.to_owned(), key.to_owned());
        match entries.get(&id) {
            Some(
                Entry::Done {
                    fingerprint: stored,
                    ..
                }
                | Entry::InFlight {
                    fingerprint: stored,
                },
            ) if *stored != fingerprint => Claim::Mismatch,
            Some(Entry::Done { response, .. }) => Claim::Replay(response.clone()),
            Some(Entry::InFlight { .. }) => Claim::InFlight,
            None => {
                entries.insert(id.clone(), Entry::InFlight { fingerprint });
                Claim::Proceed(ClaimGuard {
                    entries: Arc::clone(&self.entries),
                    id: Some(id),
                })
            }
        }
    }

    /// Forgets every key (reset to the seed).
    pub fn clear(&self) {
        lock(&self.entries).clear();
    }
}

/// An in-flight claim; completing stores the response, dropping releases the key.
#[derive(Debug)]
pub struct ClaimGuard {
    entries: Arc<Mutex<Entries>>,
    id: Option<(String, String)>,
}

impl ClaimGuard {
    /// Stores the committed response for replays.
    pub fn complete(mut self, response: StoredResponse) {
        if let Some(id) = self.id.take() {
            let mut entries = lock(&self.entries);
            if let Some(entry) = entries.get_mut(&id)
                && let Entry::InFlight { fingerprint } = entry
            {
                let fingerprint = std::mem::take(fingerprint);
                *entry = Entry::Done {
                    fingerprint,
                    response,
                };
            }
        }
    }
}

impl Drop for ClaimGuard {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            let mut entries = lock(&self.entries);
            if matches!(entries.get(&id), Some(Entry::InFlight { .. })) {
                entries.remove(&id);
            }
        }
    }
}

fn lock(entries: &Mutex<Entries>) -> MutexGuard<'_, Entries> {
    entries
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> StoredResponse {
        StoredResponse {
            status: StatusCode::CREATED,
            body: Bytes::from_static(b"{}"),
        }
    }

    #[test]
    fn replays_refuses_and_releases() {
        let store = IdempotencyStore::default();
        let Claim::Proceed(guard) = store.claim("alice", "k1", b"a".to_vec()) else {
            panic!("fresh key")
        };
        assert!(matches!(
            store.claim("alice", "k1", b"a".to_vec()),
            Claim::InFlight
        ));
        assert!(matches!(
            store.claim("alice", "k1", b"b".to_vec()),
            Claim::Mismatch
        ));
        assert!(matches!(
            store.claim("bob", "k1", b"b".to_vec()),
            Claim::Proceed(_)
        ));
        guard.complete(stored());
        assert!(
            matches!(store.claim("alice", "k1", b"a".to_vec()), Claim::Replay(r) if r == stored())
        );
        assert!(matches!(
            store.claim("alice", "k1", b"b".to_vec()),
            Claim::Mismatch
        ));
        drop(store.claim("alice", "k2", b"a".to_vec()));
        assert!(matches!(
            store.claim("alice", "k2", b"z".to_vec()),
            Claim::Proceed(_)
        ));
    }
}
