//! `use_update_account`: rename an account, shown at once and rolled back if the bank refuses
//! (the guide's `useUpdateAccount`, which invalidates `accounts` on success).

use digibank_api_types::{Account, UpdateAccountRequest};

use crate::app::context::use_app_services;
use crate::services::http::ApiError;
use crate::services::keys::{AccountsKey, accounts_root};
use crate::services::query::{
    ToQueryKey, UseMutationOptions, UseMutationReturn, use_mutation_with_options,
};

/// A rename: which account, and its new name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameAccount {
    /// The account.
    pub account_id: String,
    /// The new name.
    pub name: String,
}

/// The rename mutation: optimistic in the cached list, rolled back on error, then `["accounts"]` invalidated.
pub fn use_update_account() -> UseMutationReturn<RenameAccount, Account, ApiError> {
    let services = use_app_services();
    let (accounts, reporter) = (services.accounts.clone(), services.clone());
    let options = UseMutationOptions::default()
        .invalidates(accounts_root())
        .on_mutate(|client, rename: &RenameAccount| {
            let rename = rename.clone();
            client.optimistic_update(
                &AccountsKey.to_query_key(),
                move |list: Option<&Vec<Account>>| {
                    let mut list = list?.clone();
                    list.iter_mut()
                        .filter(|a| a.id == rename.account_id)
                        .for_each(|a| a.name = rename.name.clone());
                    Some(list)
                },
            )
        })
        .on_error(move |error: &ApiError, _| reporter.report(error));
    use_mutation_with_options(
        move |rename: RenameAccount| {
            let accounts = accounts.clone();
            async move {
                accounts
                    .update_account(
                        &rename.account_id,
                        &UpdateAccountRequest { name: rename.name },
                    )
                    .await
            }
        },
        options,
    )
}
