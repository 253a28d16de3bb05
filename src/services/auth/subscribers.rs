//! A list of callbacks with unsubscribe-on-drop, for auth events and the logout fan-out.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

type Callback<T> = Rc<dyn Fn(&T)>;

/// The registered callbacks for events of type `T`.
pub struct Subscribers<T> {
    list: Rc<RefCell<List<T>>>,
}

struct List<T> {
    next_id: u64,
    callbacks: Vec<(u64, Callback<T>)>,
}

impl<T: 'static> Subscribers<T> {
    /// An empty list.
    pub fn new() -> Self {
        Self {
            list: Rc::new(RefCell::new(List {
                next_id: 0,
                callbacks: Vec::new(),
            })),
        }
    }

    /// Registers `callback` until the returned [`Subscription`] is dropped.
    pub fn subscribe(&self, callback: impl Fn(&T) + 'static) -> Subscription {
        let id = {
            let mut list = self.list.borrow_mut();
            list.next_id += 1;
            let id = list.next_id;
            list.callbacks.push((id, Rc::new(callback)));
            id
        };
        let weak: Weak<RefCell<List<T>>> = Rc::downgrade(&self.list);
        Subscription::new(move || {
            if let Some(list) = weak.upgrade() {
                list.borrow_mut()
                    .callbacks
                    .retain(|(other, _)| *other != id);
            }
        })
    }

    /// Calls every callback with `value`; callbacks may subscribe, unsubscribe or emit again.
    pub fn emit(&self, value: &T) {
        let callbacks: Vec<Callback<T>> = self
            .list
            .borrow()
            .callbacks
            .iter()
            .map(|(_, cb)| cb.clone())
            .collect();
        for callback in callbacks {
            callback(value);
        }
    }

    /// How many callbacks are registered.
    pub fn len(&self) -> usize {
        self.list.borrow().callbacks.len()
    }

    /// True when nobody listens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<T: 'static> Default for Subscribers<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Keeps a callback registered; dropping it unsubscribes.
#[must_use = "dropping a Subscription unsubscribes at once; call .detach() to keep it for the page's lifetime"]
pub struct Subscription {
    unsubscribe: Option<Box<dyn FnOnce()>>,
}

impl Subscription {
    /// A subscription that runs `unsubscribe` when dropped.
    pub fn new(unsubscribe: impl FnOnce() + 'static) -> Self {
        Self {
            unsubscribe: Some(Box::new(unsubscribe)),
        }
    }

    /// Keeps the callback registered for the rest of the page's life.
    pub fn detach(mut self) {
        self.unsubscribe.take();
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(unsubscribe) = self.unsubscribe.take() {
            unsubscribe();
        }
    }
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Subscription")
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn callbacks_run_until_their_subscription_drops() {
        let subscribers = Subscribers::<u32>::new();
        let total = Rc::new(Cell::new(0));
        let sum = total.clone();
        let subscription = subscribers.subscribe(move |n| sum.set(sum.get() + n));
        let kept = total.clone();
        subscribers
            .subscribe(move |n| kept.set(kept.get() + 10 * n))
            .detach();
        subscribers.emit(&1);
        assert_eq!(total.get(), 11);
        drop(subscription);
        subscribers.emit(&1);
        assert_eq!(total.get(), 21);
        assert_eq!(subscribers.len(), 1);
    }

    #[test]
    fn a_callback_may_unsubscribe_itself_while_running() {
        let subscribers = Rc::new(Subscribers::<()>::new());
        let slot: Rc<RefCell<Option<Subscription>>> = Rc::new(RefCell::new(None));
        let calls = Rc::new(Cell::new(0));
        let (slot_in, calls_in) = (slot.clone(), calls.clone());
        *slot.borrow_mut() = Some(subscribers.subscribe(move |_| {
            calls_in.set(calls_in.get() + 1);
            slot_in.borrow_mut().take();
        }));
        subscribers.emit(&());
        subscribers.emit(&());
        assert_eq!(calls.get(), 1);
        assert!(subscribers.is_empty());
    }
}
