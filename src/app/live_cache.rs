//! Applies the cache side of live actions to the query cache: balances are written in place (no request),
//! transactions and resyncs invalidate (active queries refetch over REST).

use std::time::Duration;

use digibank_api_types::{Account, Balance};

use super::live_events::{ListPatch, patch_accounts, patch_balance};
use crate::services::keys::{AccountsKey, BalanceKey, account_root, accounts_root};
use crate::services::query::{QueryClient, QueryError, ToQueryKey};
use crate::services::realtime::BalanceUpdate;

/// Writes `update` into the cached account list and the account's cached balance. If the list does not know
/// the account (or its currency differs), the list is refetched instead. Returns true when something was written.
pub fn patch_cached_balance<E: QueryError>(
    queries: &QueryClient<E>,
    update: &BalanceUpdate,
) -> bool {
    let list_key = AccountsKey.to_query_key();
    let mut refetch = false;
    let list_written = queries.update_query_data::<Vec<Account>>(&list_key, |cached| {
        match patch_accounts(cached?, update) {
            ListPatch::Patched(list) => Some(list),
            ListPatch::Unchanged => None,
            ListPatch::Unknown => {
                refetch = true;
                None
            }
        }
    });
    if refetch {
        queries.invalidate_queries(&list_key);
    }
    let balance_key = BalanceKey(update.account_id.clone()).to_query_key();
    let balance_written = queries.update_query_data::<Balance>(&balance_key, |cached| {
        patch_balance(cached?, update).filter(|patched| Some(patched) != cached)
    });
    list_written || balance_written
}

/// Refetches one account's transaction pages.
pub fn invalidate_transactions<E: QueryError>(queries: &QueryClient<E>, account_id: &str) {
    queries.invalidate_queries(&account_root(account_id).child("transactions"));
}

/// Refetches everything live updates feed: the account list, every balance and every transaction page.
pub fn resync_accounts<E: QueryError>(queries: &QueryClient<E>) {
    queries.invalidate_queries(&accounts_root());
}

/// Refetches as [`resync_accounts`] does if the cached account list was loaded before `since` (on the cache's
/// clock); a list loaded since then, or not loaded yet, already reflects the bank after the socket connected.
/// Returns true when it refetched.
pub fn resync_if_loaded_before<E: QueryError>(queries: &QueryClient<E>, since: Duration) -> bool {
    let loaded_at = queries
        .get_query_state::<Vec<Account>>(&AccountsKey.to_query_key())
        .and_then(|state| state.data_updated_at);
    let stale = loaded_at.is_some_and(|at| at < since);
    if stale {
        resync_accounts(queries);
    }
    stale
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use digibank_api_types::{AccountStatus, AccountType, Amount, Currency};
    use futures::future::ready;

    use super::*;
    use crate::services::http::ApiError;
    use crate::services::query::ManualTime;

    fn account(id: &str, cents: i64) -> Account {
        Account {
            id: id.into(),
            name: id.into(),
            account_type: AccountType::Checking,
            masked_number: "••••0001".into(),
            currency: Currency::USD,
            balance: Amount::from_minor(cents),
            available_balance: Amount::from_minor(cents),
            status: AccountStatus::Open,
        }
    }

    fn update(id: &str, cents: i64) -> BalanceUpdate {
        BalanceUpdate {
            account_id: id.into(),
            balance: Amount::from_minor(cents),
            available_balance: Amount::from_minor(cents - 100),
            currency: Currency::USD,
            as_of: "2026-11-24T09:00:01Z".into(),
            seq: 1,
        }
    }

    /// A cache on fake time watching the account list, with a fetcher that counts its requests.
    fn watched_list() -> (ManualTime, QueryClient<ApiError>, Rc<Cell<u32>>, impl Sized) {
        let time = ManualTime::new();
        let queries = QueryClient::<ApiError>::new(time.clone());
        let fetches = Rc::new(Cell::new(0));
        let count = fetches.clone();
        let observer = queries.observe(
            &AccountsKey.to_query_key(),
            move || {
                count.set(count.get() + 1);
                ready(Ok::<_, ApiError>(vec![
                    account("1", 10_000),
                    account("2", 20_000),
                ]))
            },
            queries.query_defaults(),
            |_| {},
        );
        time.run();
        (time, queries, fetches, observer)
    }

    #[test]
    fn a_balance_update_changes_the_cache_without_a_request() {
        let (time, queries, fetches, _observer) = watched_list();
        queries.set_query_data(
            &BalanceKey("2".into()).to_query_key(),
            Balance {
                account_id: "2".into(),
                balance: Amount::from_minor(20_000),
                available_balance: Amount::from_minor(20_000),
                currency: Currency::USD,
                as_of: "2026-11-24T09:00:00Z".into(),
            },
        );
        assert!(patch_cached_balance(&queries, &update("2", 25_000)));
        time.run();
        let list: Vec<Account> = queries.get_query_data(&AccountsKey.to_query_key()).unwrap();
        assert_eq!(list[1].balance, Amount::from_minor(25_000));
        assert_eq!(list[1].available_balance, Amount::from_minor(24_900));
        let balance: Balance = queries
            .get_query_data(&BalanceKey("2".into()).to_query_key())
            .unwrap();
        assert_eq!(balance.balance, Amount::from_minor(25_000));
        assert_eq!(fetches.get(), 1, "no request");
        assert!(
            !patch_cached_balance(&queries, &update("2", 25_000)),
            "same figures: nothing to write"
        );
    }

    #[test]
    fn an_unknown_account_refetches_the_list_and_resync_refetches_it_too() {
        let (time, queries, fetches, _observer) = watched_list();
        assert!(!patch_cached_balance(&queries, &update("9", 1)));
        time.run();
        assert_eq!(fetches.get(), 2);
        resync_accounts(&queries);
        time.run();
        assert_eq!(fetches.get(), 3);
    }

    #[test]
    fn the_first_connect_refetches_only_a_list_loaded_before_it() {
        let (time, queries, fetches, _observer) = watched_list();
        assert!(
            !resync_if_loaded_before(&queries, queries.now()),
            "loaded just now"
        );
        time.advance(Duration::from_secs(5));
        assert!(resync_if_loaded_before(&queries, queries.now()));
        time.run();
        assert_eq!(fetches.get(), 2);
        let empty = QueryClient::<ApiError>::new(ManualTime::new());
        assert!(
            !resync_if_loaded_before(&empty, Duration::from_secs(9)),
            "nothing loaded yet"
        );
    }

    #[test]
    fn nothing_cached_means_nothing_written() {
        let queries = QueryClient::<ApiError>::new(ManualTime::new());
        assert!(!patch_cached_balance(&queries, &update("1", 1)));
        assert_eq!(
            queries.entries().len(),
            0,
            "no entry is created for an update"
        );
        invalidate_transactions(&queries, "1");
    }
}
