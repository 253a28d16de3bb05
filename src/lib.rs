//! digibank: a digital-banking single-page app (Leptos CSR, WebAssembly).
//!
//! Layers, lowest first: `services` (http, auth, query, realtime, errors; no UI), `app` (router, providers,
//! glue), `pages` and `components` (screens and widgets). Lower layers never import higher ones.

pub mod app;
pub mod components;
pub mod config;
pub mod pages;
pub mod services;
