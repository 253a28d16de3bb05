//! Page requests and slicing, shared by every list.

use digibank_api_types::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page};

use crate::bank::BankError;

/// A validated page request (page from 1, size 1–100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// Page number from 1.
    pub page: u32,
    /// Items per page.
    pub size: u32,
}

impl PageRequest {
    /// Validates optional query values, applying the defaults (page 1, 20 items).
    pub fn new(page: Option<u32>, size: Option<u32>) -> Result<Self, BankError> {
        let page = page.unwrap_or(1);
        let size = size.unwrap_or(DEFAULT_PAGE_SIZE);
        if page == 0 {
            return Err(BankError::field("page", "out_of_range", "page starts at 1"));
        }
        if size == 0 || size > MAX_PAGE_SIZE {
            return Err(BankError::field(
                "pageSize",
                "out_of_range",
                format!("pageSize must be between 1 and {MAX_PAGE_SIZE}"),
            ));
        }
        Ok(PageRequest { page, size })
    }

    /// Takes this page out of `items` (already filtered and ordered), counting all of them.
    pub fn slice<T>(self, items: impl Iterator<Item = T>) -> Page<T> {
        let skip = (u64::from(self.page) - 1) * u64::from(self.size);
        let mut total = 0u64;
        let mut out = Vec::with_capacity(self.size as usize);
        for item in items {
            if total >= skip && out.len() < self.size as usize {
                out.push(item);
            }
            total += 1;
        }
        Page {
            items: out,
            page: self.page,
            page_size: self.size,
            total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_and_counts() {
        let page = PageRequest::new(Some(2), Some(3)).unwrap().slice(1..=8);
        assert_eq!(
            (page.items, page.total, page.page, page.page_size),
            (vec![4, 5, 6], 8, 2, 3)
        );
        assert!(PageRequest::new(Some(0), None).is_err());
        assert!(PageRequest::new(None, Some(101)).is_err());
        assert_eq!(
            PageRequest::new(None, None).unwrap(),
            PageRequest { page: 1, size: 20 }
        );
    }
}
