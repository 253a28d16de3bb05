//! `Listeners`: a list of callbacks with subscriptions that unsubscribe when dropped.

use std::sync::{Arc, Mutex, Weak};

use super::cancel::lock;

/// A callback taking `&E`.
type Callback<E> = Arc<dyn Fn(&E) + Send + Sync>;

/// Callbacks for events of type `E`; cloning shares the list.
pub struct Listeners<E> {
    inner: Arc<Mutex<ListenerList<E>>>,
}

struct ListenerList<E> {
    next_id: u64,
    callbacks: Vec<(u64, Callback<E>)>,
}

impl<E> Clone for Listeners<E> {
    fn clone(&self) -> Self {
        Listeners {
            inner: self.inner.clone(),
        }
    }
}

impl<E> Default for Listeners<E> {
    fn default() -> Self {
        Listeners {
            inner: Arc::new(Mutex::new(ListenerList {
                next_id: 0,
                callbacks: Vec::new(),
            })),
        }
    }
}

impl<E: 'static> Listeners<E> {
    /// An empty list.
    pub fn new() -> Self {
        Listeners::default()
    }

    /// Adds `callback` until the returned subscription is dropped.
    #[must_use = "dropping the subscription unsubscribes at once"]
    pub fn subscribe(&self, callback: impl Fn(&E) + Send + Sync + 'static) -> Subscription {
        let id = {
            let mut list = lock(&self.inner);
            list.next_id += 1;
            let id = list.next_id;
            list.callbacks.push((id, Arc::new(callback)));
            id
        };
        let weak: Weak<Mutex<ListenerList<E>>> = Arc::downgrade(&self.inner);
        Subscription {
            unsubscribe: Some(Box::new(move || {
                if let Some(inner) = weak.upgrade() {
                    lock(&inner).callbacks.retain(|(i, _)| *i != id);
                }
            })),
        }
    }

    /// Calls every callback with `event` (outside the lock, so callbacks may subscribe or unsubscribe).
    pub fn emit(&self, event: &E) {
        let callbacks: Vec<Callback<E>> = lock(&self.inner)
            .callbacks
            .iter()
            .map(|(_, c)| c.clone())
            .collect();
        callbacks.iter().for_each(|callback| callback(event));
    }

    /// Number of subscribers.
    pub fn len(&self) -> usize {
        lock(&self.inner).callbacks.len()
    }

    /// True when nobody listens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Keeps a callback subscribed; dropping it unsubscribes.
pub struct Subscription {
    unsubscribe: Option<Box<dyn FnOnce() + Send + Sync>>,
}

impl Subscription {
    /// Keeps the callback subscribed for the life of the program.
    pub fn forever(mut self) {
        self.unsubscribe = None;
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(unsubscribe) = self.unsubscribe.take() {
            unsubscribe();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn subscribe_emit_and_unsubscribe_on_drop() {
        let listeners = Listeners::<u32>::new();
        let total = Arc::new(AtomicUsize::new(0));
        let t = total.clone();
        let sub = listeners.subscribe(move |n| {
            t.fetch_add(*n as usize, Ordering::SeqCst);
        });
        listeners.emit(&3);
        drop(sub);
        listeners.emit(&4);
        assert_eq!(total.load(Ordering::SeqCst), 3);
        assert!(listeners.is_empty());
        let t = total.clone();
        listeners
            .subscribe(move |n| {
                t.fetch_add(*n as usize, Ordering::SeqCst);
            })
            .forever();
        listeners.emit(&10);
        assert_eq!(total.load(Ordering::SeqCst), 13);
    }
}
