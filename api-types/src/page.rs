//! The one list shape of the API.

use serde::{Deserialize, Serialize};

/// One page of a list: `{items, page, pageSize, total}`. Pages count from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// This page's number, from 1.
    pub page: u32,
    /// Items per page.
    pub page_size: u32,
    /// Items in the whole list.
    pub total: u64,
}

impl<T> Page<T> {
    /// Number of pages in the whole list (at least 1).
    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(u64::from(self.page_size.max(1))).max(1)
    }
}

/// Default page size of every list.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// Largest page size a client may ask for.
pub const MAX_PAGE_SIZE: u32 = 100;
