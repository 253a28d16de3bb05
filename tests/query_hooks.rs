#![cfg(target_arch = "wasm32")]
//! Browser tests of the query hooks: small components mounted into fresh elements, fake fetchers.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use digibank::query_key;
use digibank::services::query::{
    BrowserTime, FetchStatus, ManualTime, MutationStatus, QueryClient, QueryError, QueryStatus,
    RetryHint, Scheduler, UseApiOptions, UseMutationOptions, UseQueryOptions, UseQueryReturn,
    provide_query_client, use_api, use_api_with_options, use_mutation_with_options, use_query,
    use_query_with_options,
};
use futures::channel::oneshot;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fetch error with a chosen retry hint.
#[derive(Clone, Debug, PartialEq)]
struct Failure(RetryHint);

impl QueryError for Failure {
    fn retry_hint(&self) -> RetryHint {
        self.0
    }
}

/// The answer channels of the calls still waiting.
type Waiting<T> = Rc<RefCell<VecDeque<oneshot::Sender<Result<T, Failure>>>>>;

/// A fetcher whose calls wait until the test answers them, counting calls and abandoned calls.
#[derive(Clone)]
struct Gate<T> {
    waiting: Waiting<T>,
    calls: Rc<Cell<usize>>,
    dropped: Rc<Cell<usize>>,
}

impl<T: 'static> Gate<T> {
    fn new() -> Self {
        Gate {
            waiting: Rc::default(),
            calls: Rc::default(),
            dropped: Rc::default(),
        }
    }

    fn fetch(&self) -> impl Future<Output = Result<T, Failure>> + use<T> {
        self.calls.set(self.calls.get() + 1);
        let (answer, answered) = oneshot::channel();
        self.waiting.borrow_mut().push_back(answer);
        let guard = DropCounter(Rc::clone(&self.dropped));
        async move {
            let result = answered.await;
            std::mem::forget(guard);
            result.unwrap_or(Err(Failure(RetryHint::Never)))
        }
    }

    fn answer(&self, result: Result<T, Failure>) {
        let next = self.waiting.borrow_mut().pop_front();
        assert!(
            next.expect("a call is waiting").send(result).is_ok(),
            "the call is still listening"
        );
    }
}

struct DropCounter(Rc<Cell<usize>>);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

/// A fresh element in the page.
fn container() -> web_sys::HtmlElement {
    let element = document()
        .create_element("div")
        .expect("div")
        .unchecked_into::<web_sys::HtmlElement>();
    document()
        .body()
        .expect("body")
        .append_child(&element)
        .expect("appended");
    element
}

/// Lets effects and renders run: a bounded number of executor ticks until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..50 {
        if done() {
            return;
        }
        tick().await;
    }
    panic!("timed out waiting for {what}");
}

/// Like [`until`] but also lets real browser timers run (for `BrowserTime`), bounded to about a second.
async fn until_real(what: &str, done: impl Fn() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        BrowserTime.sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

/// How a query hook renders.
fn describe<T: std::fmt::Debug + Clone + Send + Sync>(query: UseQueryReturn<T, Failure>) -> String {
    match (query.data.get(), query.error.get(), query.is_loading.get()) {
        (_, _, true) => "loading".to_string(),
        (Some(data), _, _) => format!("data:{data:?}"),
        (None, Some(error), _) => format!("error:{:?}", error.0),
        (None, None, false) => "idle".to_string(),
    }
}

fn text(element: &web_sys::HtmlElement) -> String {
    element.text_content().unwrap_or_default()
}

fn fake_time_client() -> (ManualTime, QueryClient<Failure>) {
    let time = ManualTime::new();
    (time.clone(), QueryClient::new(time))
}

#[wasm_bindgen_test]
async fn loading_then_data() {
    let (time, client) = fake_time_client();
    let gate = Gate::<u32>::new();
    let element = container();
    let fetcher = gate.clone();
    let _mounted = mount_to(element.clone(), move || {
        provide_query_client(client);
        let accounts = use_query(|| query_key!["accounts"], move |_| fetcher.fetch());
        view! { <p>{move || describe(accounts)}</p> }
    });
    until("loading", || text(&element) == "loading").await;
    time.run();
    gate.answer(Ok(5));
    time.run();
    until("data", || text(&element) == "data:5").await;
    assert_eq!(gate.calls.get(), 1);
}

#[wasm_bindgen_test]
async fn a_failed_attempt_is_retried_by_the_cache_on_browser_timers() {
    let client = QueryClient::<Failure>::new(BrowserTime);
    let calls = Rc::new(Cell::new(0));
    let element = container();
    let counter = Rc::clone(&calls);
    let _mounted = mount_to(element.clone(), move || {
        provide_query_client(client);
        let options = UseQueryOptions::default().retry_delay(|_| Duration::from_millis(20));
        let balance = use_query_with_options(
            || query_key!["accounts", "a1", "balance"],
            move |_| {
                counter.set(counter.get() + 1);
                let attempt = counter.get();
                async move {
                    if attempt == 1 {
                        Err(Failure(RetryHint::Retry))
                    } else {
                        Ok(7u32)
                    }
                }
            },
            options,
        );
        view! { <p>{move || describe(balance)}</p> }
    });
    until_real("data after a retry", || text(&element) == "data:7").await;
    assert_eq!(calls.get(), 2);
}

#[wasm_bindgen_test]
async fn an_error_is_shown_and_refetch_recovers() {
    let (time, client) = fake_time_client();
    let gate = Gate::<u32>::new();
    let element = container();
    let fetcher = gate.clone();
    let refetch = Rc::new(RefCell::new(None));
    let refetch_slot = Rc::clone(&refetch);
    let _mounted = mount_to(element.clone(), move || {
        provide_query_client(client);
        let query = use_query(|| query_key!["transfers"], move |_| fetcher.fetch());
        *refetch_slot.borrow_mut() = Some(query.refetch);
        view! { <p>{move || describe(query)}</p> }
    });
    time.run();
    gate.answer(Err(Failure(RetryHint::Never)));
    time.run();
    until("the error", || text(&element) == "error:Never").await;
    refetch.borrow().expect("mounted").run(());
    until("loading again", || text(&element) == "loading").await;
    time.run();
    gate.answer(Ok(3));
    time.run();
    until("data", || text(&element) == "data:3").await;
}

#[wasm_bindgen_test]
async fn a_mutation_invalidates_and_the_query_refetches() {
    let (time, client) = fake_time_client();
    let element = container();
    let version = Rc::new(Cell::new(0u32));
    let mutate = Rc::new(RefCell::new(None));
    let (server, mutate_slot) = (Rc::clone(&version), Rc::clone(&mutate));
    let _mounted = mount_to(element.clone(), move || {
        provide_query_client(client);
        let reader = Rc::clone(&server);
        let accounts = use_query(
            || query_key!["accounts"],
            move |_| std::future::ready(Ok::<_, Failure>(reader.get())),
        );
        let rename = use_mutation_with_options(
            move |name: String| {
                server.set(server.get() + 1);
                std::future::ready(Ok::<_, Failure>(name))
            },
            UseMutationOptions::default().invalidates(query_key!["accounts"]),
        );
        *mutate_slot.borrow_mut() = Some(rename);
        view! { <p>{move || describe(accounts)}</p> }
    });
    time.run();
    until("first data", || text(&element) == "data:0").await;
    let rename = mutate.borrow().expect("mounted");
    rename.mutate.run("Savings".to_string());
    time.run();
    until("the mutation's success", || {
        rename.status.get_untracked() == MutationStatus::Success
    })
    .await;
    time.run();
    until("refetched data", || text(&element) == "data:1").await;
}

#[wasm_bindgen_test]
async fn a_failed_mutation_rolls_back_its_optimistic_write() {
    let (time, client) = fake_time_client();
    client.set_query_data(&query_key!["accounts", "a1", "name"], "Old".to_string());
    let element = container();
    let errors = Rc::new(Cell::new(0));
    let mutate = Rc::new(RefCell::new(None));
    let (seen_errors, mutate_slot, cache) =
        (Rc::clone(&errors), Rc::clone(&mutate), client.clone());
    let _mounted = mount_to(element.clone(), move || {
        provide_query_client(client);
        let name = use_query_with_options(
            || query_key!["accounts", "a1", "name"],
            |_| std::future::ready(Ok::<_, Failure>("Server".to_string())),
            UseQueryOptions::default().enabled(false),
        );
        let rename = use_mutation_with_options(
            |_: String| std::future::ready(Err::<(), _>(Failure(RetryHint::Never))),
            UseMutationOptions::default()
                .on_mutate(|client: &QueryClient<Failure>, new_name: &String| {
                    let new_name = new_name.clone();
                    client
                        .optimistic_update::<String>(&query_key!["accounts", "a1", "name"], |_| {
                            Some(new_name)
                        })
                })
                .on_error(move |_, _| seen_errors.set(seen_errors.get() + 1)),
        );
        *mutate_slot.borrow_mut() = Some(rename);
        view! { <p>{move || describe(name)}</p> }
    });
    until("cached data", || text(&element) == "data:\"Old\"").await;
    mutate
        .borrow()
        .expect("mounted")
        .mutate
        .run("New".to_string());
    until("the optimistic name", || text(&element) == "data:\"New\"").await;
    time.run();
    until("the rollback", || text(&element) == "data:\"Old\"").await;
    assert_eq!(errors.get(), 1);
    assert_eq!(
        cache
            .get_query_data::<String>(&query_key!["accounts", "a1", "name"])
            .as_deref(),
        Some("Old")
    );
}

#[wasm_bindgen_test]
async fn unmounting_cancels_the_fetch() {
    let (time, client) = fake_time_client();
    let gate = Gate::<u32>::new();
    let element = container();
    let (fetcher, cache) = (gate.clone(), client.clone());
    let mounted = mount_to(element.clone(), move || {
        provide_query_client(client);
        let query = use_query(|| query_key!["accounts"], move |_| fetcher.fetch());
        view! { <p>{move || describe(query)}</p> }
    });
    time.run();
    until("loading", || text(&element) == "loading").await;
    assert_eq!((gate.calls.get(), gate.dropped.get()), (1, 0));
    drop(mounted);
    time.run();
    assert_eq!(gate.dropped.get(), 1, "the fetch future was dropped");
    let state = cache
        .get_query_state::<u32>(&query_key!["accounts"])
        .expect("entry kept until gc");
    assert_eq!(
        (state.status, state.fetch_status),
        (QueryStatus::Pending, FetchStatus::Idle)
    );
}

#[wasm_bindgen_test]
async fn a_reactive_key_moves_to_the_new_entry_keeping_the_previous_page_while_loading() {
    let (time, client) = fake_time_client();
    let gate = Gate::<String>::new();
    let element = container();
    let page = RwSignal::new(1u32);
    let fetcher = gate.clone();
    let _mounted = mount_to(element.clone(), move || {
        provide_query_client(client);
        let transactions = use_query_with_options(
            move || query_key!["accounts", "a1", "transactions", page.get()],
            move |_| fetcher.fetch(),
            UseQueryOptions::default().keep_previous_data(true),
        );
        view! { <p>{move || format!("{:?}", transactions.data.get())}</p> }
    });
    time.run();
    gate.answer(Ok("page 1".into()));
    time.run();
    until("page 1", || text(&element) == "Some(\"page 1\")").await;
    page.set(2);
    until("the second fetch", || {
        time.run();
        gate.calls.get() == 2
    })
    .await;
    assert_eq!(
        text(&element),
        "Some(\"page 1\")",
        "the previous page stays while the next loads"
    );
    time.run();
    gate.answer(Ok("page 2".into()));
    time.run();
    until("page 2", || text(&element) == "Some(\"page 2\")").await;
}

#[wasm_bindgen_test]
async fn a_disabled_query_waits_for_enabled() {
    let (time, client) = fake_time_client();
    let gate = Gate::<u32>::new();
    let element = container();
    let account = RwSignal::new(None::<String>);
    let fetcher = gate.clone();
    let _mounted = mount_to(element.clone(), move || {
        provide_query_client(client);
        let balance = use_query_with_options(
            move || query_key!["accounts", account.get(), "balance"],
            move |_| fetcher.fetch(),
            UseQueryOptions::default().enabled(Signal::derive(move || account.get().is_some())),
        );
        view! { <p>{move || describe(balance)}</p> }
    });
    time.run();
    until("idle", || text(&element) == "idle").await;
    assert_eq!(gate.calls.get(), 0);
    account.set(Some("a1".into()));
    until("the fetch", || {
        time.run();
        gate.calls.get() == 1
    })
    .await;
    gate.answer(Ok(10));
    time.run();
    until("data", || text(&element) == "data:10").await;
}

#[wasm_bindgen_test]
async fn use_api_loads_then_runs_again_on_execute() {
    let gate = Gate::<u32>::new();
    let element = container();
    let execute = Rc::new(RefCell::new(None));
    let (fetcher, execute_slot) = (gate.clone(), Rc::clone(&execute));
    let _mounted = mount_to(element.clone(), move || {
        let api = use_api(move || fetcher.fetch());
        *execute_slot.borrow_mut() = Some(api.execute);
        view! { <p>{move || format!("{}:{:?}:{:?}", api.loading.get(), api.data.get(), api.error.get())}</p> }
    });
    until("loading", || text(&element) == "true:None:None").await;
    gate.answer(Ok(1));
    until("data", || text(&element) == "false:Some(1):None").await;
    execute.borrow().expect("mounted").run(());
    until("reloading", || text(&element) == "true:Some(1):None").await;
    gate.answer(Err(Failure(RetryHint::Never)));
    until("error, data kept", || {
        text(&element) == "false:Some(1):Some(Failure(Never))"
    })
    .await;
}

#[wasm_bindgen_test]
async fn use_api_not_immediate_waits_and_unmount_drops_the_call() {
    let gate = Gate::<u32>::new();
    let element = container();
    let execute = Rc::new(RefCell::new(None));
    let (fetcher, execute_slot) = (gate.clone(), Rc::clone(&execute));
    let mounted = mount_to(element.clone(), move || {
        let api = use_api_with_options(
            move || fetcher.fetch(),
            UseApiOptions::default().immediate(false),
        );
        *execute_slot.borrow_mut() = Some(api.execute);
        view! { <p>{move || format!("{}:{:?}", api.loading.get(), api.data.get())}</p> }
    });
    until("idle", || text(&element) == "false:None").await;
    assert_eq!(gate.calls.get(), 0);
    execute.borrow().expect("mounted").run(());
    until("the call", || gate.calls.get() == 1).await;
    drop(mounted);
    until("the call dropped", || gate.dropped.get() == 1).await;
}
