//! Reusable widgets.

mod page_heading;
mod toast_region;

pub use page_heading::PageHeading;
pub use toast_region::ToastRegion;
