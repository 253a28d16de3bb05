//! Runtime configuration, read from `config.json` at start-up.
