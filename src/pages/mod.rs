//! Screens, one per route.
