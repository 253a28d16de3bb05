//! Command-line flags of the mock bank.

use std::path::PathBuf;

use clap::{Args, Parser};
use time::Date;

use crate::faults::{FaultProfile, RetryAfterFormat};
use crate::oidc::OidcFlags;

/// Default access-token lifetime, in seconds.
pub const DEFAULT_ACCESS_TOKEN_TTL: u64 = 300;
/// Default time a pending transfer takes to settle, in ms.
pub const DEFAULT_SETTLE_DELAY_MS: u64 = 1500;
/// Default PRNG seed of the demo data.
pub const DEFAULT_SEED: u64 = 1;
/// Default last day of the generated history.
pub const DEFAULT_SEED_DATE: Date = time::macros::date!(2026 - 11 - 01);
/// Default number of generated transactions per account.
pub const DEFAULT_TRANSACTIONS_PER_ACCOUNT: u32 = 3000;

/// digibank mock bank: the bank API on loopback, plus an admin listener for tests and demos.
///
/// Demo users: alice and bob. Mint a token with `POST /admin/tokens {"sub":"alice"}` on the admin listener.
#[derive(Debug, Clone, Parser)]
#[command(name = "digibank-mock", version)]
pub struct Config {
    /// Port of the public listener on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8081, env = "DIGIBANK_MOCK_PORT")]
    pub port: u16,
    /// Port of the admin listener on 127.0.0.1 (0 picks a free one); never proxied to browsers.
    #[arg(long, default_value_t = 8082, env = "DIGIBANK_MOCK_ADMIN_PORT")]
    pub admin_port: u16,
    /// Origin browsers see (e.g. the trunk proxy's http://127.0.0.1:8080); https here makes cookies Secure.
    #[arg(long)]
    pub public_url: Option<String>,
    /// Serve a built SPA (trunk's dist/) from this folder, with index.html for unknown paths.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// Serve `--static` without the app's security headers (docs/security.md): only for a bundle built for
    /// another policy, such as the load benchmark's React peer.
    #[arg(long)]
    pub no_security_headers: bool,
    /// Lifetime of access tokens, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_ACCESS_TOKEN_TTL, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub access_token_ttl: u64,
    /// Time a new transfer stays pending before it settles, in ms.
    #[arg(long, value_name = "MS", default_value_t = DEFAULT_SETTLE_DELAY_MS, value_parser = clap::value_parser!(u64).range(0..=3_600_000))]
    pub settle_delay_ms: u64,
    /// Seed of the generated demo data (same seed, same data).
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Last day of the generated transaction history (YYYY-MM-DD); the data never depends on the wall clock.
    #[arg(long, value_name = "YYYY-MM-DD", default_value = "2026-11-01", value_parser = parse_date_flag)]
    pub seed_date: Date,
    /// Generated transactions per account.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TRANSACTIONS_PER_ACCOUNT, value_parser = clap::value_parser!(u32).range(0..=20_000))]
    pub transactions_per_account: u32,
    /// Reset all data to the seed every SECS seconds (long-running demos); `POST /admin/reset` resets at once.
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub reset_interval: Option<u64>,
    /// Fault profile at start (change it later with `PUT /admin/faults`).
    #[command(flatten)]
    pub faults: FaultFlags,
    /// OpenID provider and external-issuer settings.
    #[command(flatten)]
    pub oidc: OidcFlags,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            admin_port: 0,
            public_url: None,
            static_dir: None,
            no_security_headers: false,
            access_token_ttl: DEFAULT_ACCESS_TOKEN_TTL,
            settle_delay_ms: DEFAULT_SETTLE_DELAY_MS,
            seed: DEFAULT_SEED,
            seed_date: DEFAULT_SEED_DATE,
            transactions_per_account: DEFAULT_TRANSACTIONS_PER_ACCOUNT,
            reset_interval: None,
            faults: FaultFlags::default(),
            oidc: OidcFlags::default(),
        }
    }
}

/// Fault flags; they apply to `/api` requests only.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Fault injection (applies to /api only)")]
pub struct FaultFlags {
    /// Latency added to every request, in ms.
    #[arg(long = "fault-latency-ms", value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,
    /// Extra random latency of 0..=MS, in ms.
    #[arg(long = "fault-jitter-ms", value_name = "MS", default_value_t = 0)]
    pub jitter_ms: u64,
    /// Share (0–1) of requests answered 500.
    #[arg(long = "fault-500-rate", value_name = "SHARE", default_value_t = 0.0, value_parser = parse_share)]
    pub error500_rate: f64,
    /// Share (0–1) of requests answered 503 with Retry-After.
    #[arg(long = "fault-503-rate", value_name = "SHARE", default_value_t = 0.0, value_parser = parse_share)]
    pub error503_rate: f64,
    /// Share (0–1) of requests answered 429 with Retry-After.
    #[arg(long = "fault-429-rate", value_name = "SHARE", default_value_t = 0.0, value_parser = parse_share)]
    pub rate_limit_rate: f64,
    /// Retry-After delay of 429/503 answers, in seconds.
    #[arg(long = "fault-retry-after", value_name = "SECS", default_value_t = 1)]
    pub retry_after_secs: u64,
    /// Retry-After form: seconds or an HTTP-date.
    #[arg(long = "fault-retry-after-format", value_enum, default_value_t = RetryAfterFormat::Seconds)]
    pub retry_after_format: RetryAfterFormat,
    /// Share (0–1) of committed transfers whose connection is dropped before the response arrives.
    #[arg(long = "fault-drop-after-commit-rate", value_name = "SHARE", default_value_t = 0.0, value_parser = parse_share)]
    pub drop_after_commit_rate: f64,
    /// Send every response body slowly, spread over MS.
    #[arg(long = "fault-slow-body-ms", value_name = "MS", default_value_t = 0)]
    pub slow_body_ms: u64,
    /// Keep each POST /api/transfers in flight this long (a concurrent retry then gets 409).
    #[arg(
        long = "fault-processing-delay-ms",
        value_name = "MS",
        default_value_t = 0
    )]
    pub processing_delay_ms: u64,
    /// Apply faults only to paths starting with this.
    #[arg(
        long = "fault-path-prefix",
        value_name = "PATH",
        default_value = "/api/"
    )]
    pub path_prefix: String,
}

impl Default for FaultFlags {
    fn default() -> Self {
        let p = FaultProfile::default();
        FaultFlags {
            latency_ms: p.latency_ms,
            jitter_ms: p.jitter_ms,
            error500_rate: p.error500_rate,
            error503_rate: p.error503_rate,
            rate_limit_rate: p.rate_limit_rate,
            retry_after_secs: p.retry_after_secs,
            retry_after_format: p.retry_after_format,
            drop_after_commit_rate: p.drop_after_commit_rate,
            slow_body_ms: p.slow_body_ms,
            processing_delay_ms: p.processing_delay_ms,
            path_prefix: p.path_prefix,
        }
    }
}

impl FaultFlags {
    /// The profile these flags describe.
    pub fn profile(&self) -> FaultProfile {
        FaultProfile {
            latency_ms: self.latency_ms,
            jitter_ms: self.jitter_ms,
            error500_rate: self.error500_rate,
            error503_rate: self.error503_rate,
            rate_limit_rate: self.rate_limit_rate,
            retry_after_secs: self.retry_after_secs,
            retry_after_format: self.retry_after_format,
            drop_after_commit_rate: self.drop_after_commit_rate,
            slow_body_ms: self.slow_body_ms,
            processing_delay_ms: self.processing_delay_ms,
            path_prefix: self.path_prefix.clone(),
            ..FaultProfile::default()
        }
    }
}

fn parse_share(text: &str) -> Result<f64, String> {
    let share: f64 = text
        .parse()
        .map_err(|_| format!("'{text}' is not a number"))?;
    (0.0..=1.0)
        .contains(&share)
        .then_some(share)
        .ok_or_else(|| format!("{share} is not a share between 0 and 1"))
}

fn parse_date_flag(text: &str) -> Result<Date, String> {
    crate::dates::parse_date(text).ok_or_else(|| format!("'{text}' is not a date like 2026-11-01"))
}
