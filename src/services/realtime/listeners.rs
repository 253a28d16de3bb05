//! Callback lists whose registrations are [`Subscription`] handles that unsubscribe when dropped.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// A registration; dropping it (or calling [`Subscription::unsubscribe`]) removes the callback.
#[must_use = "the callback is removed as soon as the subscription is dropped"]
pub struct Subscription {
    cancel: Option<Box<dyn FnOnce()>>,
}

impl Subscription {
    /// Removes the callback now.
    pub fn unsubscribe(self) {}
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(cancel) = self.cancel.take() {
            cancel();
        }
    }
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Subscription")
    }
}

type Callback<A> = Rc<dyn Fn(&A)>;

struct Entries<A: ?Sized> {
    next_id: u64,
    callbacks: Vec<(u64, Callback<A>)>,
}

/// Callbacks taking `&A`, called in registration order.
pub(crate) struct Listeners<A: ?Sized> {
    entries: Rc<RefCell<Entries<A>>>,
}

impl<A: ?Sized + 'static> Listeners<A> {
    /// An empty list.
    pub(crate) fn new() -> Self {
        Listeners {
            entries: Rc::new(RefCell::new(Entries {
                next_id: 0,
                callbacks: Vec::new(),
            })),
        }
    }

    /// Registers `callback` until the returned handle is dropped.
    pub(crate) fn add(&self, callback: impl Fn(&A) + 'static) -> Subscription {
        let mut entries = self.entries.borrow_mut();
        let id = entries.next_id;
        entries.next_id += 1;
        entries.callbacks.push((id, Rc::new(callback)));
        let weak: Weak<RefCell<Entries<A>>> = Rc::downgrade(&self.entries);
        let cancel = move || {
            if let Some(entries) = weak.upgrade() {
                entries
                    .borrow_mut()
                    .callbacks
                    .retain(|(entry, _)| *entry != id);
            }
        };
        Subscription {
            cancel: Some(Box::new(cancel)),
        }
    }

    /// Calls every callback; callbacks may (un)subscribe while being called, and one removed
    /// during this round is not called any more.
    pub(crate) fn notify(&self, value: &A) {
        let snapshot: Vec<(u64, Callback<A>)> = self.entries.borrow().callbacks.clone();
        for (id, callback) in snapshot {
            if self.is_registered(id) {
                callback(value);
            }
        }
    }

    fn is_registered(&self, id: u64) -> bool {
        self.entries
            .borrow()
            .callbacks
            .iter()
            .any(|(entry, _)| *entry == id)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn dropping_the_handle_unsubscribes() {
        let listeners: Listeners<u32> = Listeners::new();
        let seen = Rc::new(Cell::new(0));
        let counter = seen.clone();
        let handle = listeners.add(move |v| counter.set(counter.get() + v));
        listeners.notify(&2);
        drop(handle);
        listeners.notify(&5);
        assert_eq!(seen.get(), 2);
    }

    #[test]
    fn a_callback_may_unsubscribe_another_during_notify() {
        let listeners: Rc<Listeners<u32>> = Rc::new(Listeners::new());
        let second_calls = Rc::new(Cell::new(0));
        let slot: Rc<RefCell<Option<Subscription>>> = Rc::new(RefCell::new(None));
        let slot_in_first = slot.clone();
        let _first = listeners.add(move |_| drop(slot_in_first.borrow_mut().take()));
        let calls = second_calls.clone();
        *slot.borrow_mut() = Some(listeners.add(move |_| calls.set(calls.get() + 1)));
        listeners.notify(&1);
        assert_eq!(second_calls.get(), 0);
    }

    #[test]
    fn unsubscribe_after_the_list_is_gone_is_harmless() {
        let listeners: Listeners<u32> = Listeners::new();
        let handle = listeners.add(|_| {});
        drop(listeners);
        handle.unsubscribe();
    }
}
