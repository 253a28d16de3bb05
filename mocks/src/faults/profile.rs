//! The fault profile: what to inject, set by flags or `PUT /admin/faults`.

use serde::{Deserialize, Serialize};

/// Longest delay a profile may add, in ms.
const MAX_DELAY_MS: u64 = 60_000;

/// How `Retry-After` is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "camelCase")]
pub enum RetryAfterFormat {
    /// Delay in seconds, e.g. `Retry-After: 2`.
    #[default]
    Seconds,
    /// An HTTP-date, e.g. `Retry-After: Tue, 24 Nov 2026 03:07:26 GMT`.
    HttpDate,
}

/// What faults to inject; the default injects none. Shares are probabilities from 0 to 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct FaultProfile {
    /// Latency added before every matching request, in ms.
    pub latency_ms: u64,
    /// Extra random latency, uniformly 0..=jitter, in ms.
    pub jitter_ms: u64,
    /// Share of requests answered 500.
    pub error500_rate: f64,
    /// Share of requests answered 503 (with `Retry-After`).
    pub error503_rate: f64,
    /// Share of requests answered 429 (with `Retry-After`).
    pub rate_limit_rate: f64,
    /// `Retry-After` delay in seconds.
    pub retry_after_secs: u64,
    /// `Retry-After` form.
    pub retry_after_format: RetryAfterFormat,
    /// Share of committed transfers whose connection is dropped before the client gets the response.
    pub drop_after_commit_rate: f64,
    /// With `drop_after_commit_rate`: send the status line, the headers and the start of the body before the
    /// connection breaks, instead of breaking it before anything is written. A browser resends a request on
    /// its own when a reused connection closes with no reply at all; it cannot once the response has begun,
    /// so this is the drop the page's own retry has to handle.
    pub drop_after_headers: bool,
    /// Time over which each response body trickles out (in 10 chunks), in ms.
    pub slow_body_ms: u64,
    /// Time a `POST /api/transfers` stays in flight after claiming its idempotency key, in ms.
    pub processing_delay_ms: u64,
    /// Faults apply to paths starting with this (must be under `/api`).
    pub path_prefix: String,
}

impl Default for FaultProfile {
    fn default() -> Self {
        FaultProfile {
            latency_ms: 0,
            jitter_ms: 0,
            error500_rate: 0.0,
            error503_rate: 0.0,
            rate_limit_rate: 0.0,
            retry_after_secs: 1,
            retry_after_format: RetryAfterFormat::Seconds,
            drop_after_commit_rate: 0.0,
            drop_after_headers: false,
            slow_body_ms: 0,
            processing_delay_ms: 0,
            path_prefix: "/api/".to_owned(),
        }
    }
}

/// Why a profile is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FaultProfileError {
    /// A share outside 0–1, or shares of error answers adding up to more than 1.
    #[error("{0} must be a share between 0 and 1")]
    Share(&'static str),
    /// error500Rate + error503Rate + rateLimitRate > 1.
    #[error("error500Rate + error503Rate + rateLimitRate must not exceed 1")]
    SharesTooLarge,
    /// A delay over a minute.
    #[error("{0} must be at most {MAX_DELAY_MS} ms")]
    Delay(&'static str),
    /// retryAfterSecs over a day.
    #[error("retryAfterSecs must be at most 86400")]
    RetryAfter,
    /// pathPrefix outside /api.
    #[error("pathPrefix must start with /api")]
    PathPrefix,
}

impl FaultProfile {
    /// Checks every field's range.
    pub fn validate(&self) -> Result<(), FaultProfileError> {
        let shares = [
            ("error500Rate", self.error500_rate),
            ("error503Rate", self.error503_rate),
            ("rateLimitRate", self.rate_limit_rate),
            ("dropAfterCommitRate", self.drop_after_commit_rate),
        ];
        if let Some((name, _)) = shares
            .iter()
            .find(|(_, share)| !(0.0..=1.0).contains(share))
        {
            return Err(FaultProfileError::Share(name));
        }
        if self.error500_rate + self.error503_rate + self.rate_limit_rate > 1.0 + 1e-9 {
            return Err(FaultProfileError::SharesTooLarge);
        }
        let delays = [
            ("latencyMs", self.latency_ms),
            ("jitterMs", self.jitter_ms),
            ("slowBodyMs", self.slow_body_ms),
            ("processingDelayMs", self.processing_delay_ms),
        ];
        if let Some((name, _)) = delays.iter().find(|(_, ms)| *ms > MAX_DELAY_MS) {
            return Err(FaultProfileError::Delay(name));
        }
        if self.retry_after_secs > 86_400 {
            return Err(FaultProfileError::RetryAfter);
        }
        if !self.path_prefix.starts_with("/api") {
            return Err(FaultProfileError::PathPrefix);
        }
        Ok(())
    }

    /// True when the profile injects nothing.
    pub fn is_quiet(&self) -> bool {
        let quiet = FaultProfile {
            retry_after_secs: self.retry_after_secs,
            retry_after_format: self.retry_after_format,
            drop_after_headers: self.drop_after_headers,
            path_prefix: self.path_prefix.clone(),
            ..FaultProfile::default()
        };
        *self == quiet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_quiet_and_valid() {
        assert!(FaultProfile::default().is_quiet());
        assert_eq!(FaultProfile::default().validate(), Ok(()));
    }

    #[test]
    fn refuses_out_of_range_values() {
        let share = FaultProfile {
            error503_rate: 1.5,
            ..FaultProfile::default()
        };
        assert_eq!(
            share.validate(),
            Err(FaultProfileError::Share("error503Rate"))
        );
        let nan = FaultProfile {
            error500_rate: f64::NAN,
            ..FaultProfile::default()
        };
        assert!(nan.validate().is_err());
        let sum = FaultProfile {
            error500_rate: 0.6,
            rate_limit_rate: 0.6,
            ..FaultProfile::default()
        };
        assert_eq!(sum.validate(), Err(FaultProfileError::SharesTooLarge));
        let prefix = FaultProfile {
            path_prefix: "/admin".into(),
            ..FaultProfile::default()
        };
        assert_eq!(prefix.validate(), Err(FaultProfileError::PathPrefix));
    }

    #[test]
    fn reads_camel_case_json_with_defaults() {
        let profile: FaultProfile =
            serde_json::from_str(r#"{"error503Rate": 0.3, "retryAfterFormat": "httpDate"}"#)
                .unwrap();
        assert_eq!(profile.error503_rate, 0.3);
        assert_eq!(profile.retry_after_format, RetryAfterFormat::HttpDate);
        assert_eq!(profile.path_prefix, "/api/");
        assert!(serde_json::from_str::<FaultProfile>(r#"{"typo": 1}"#).is_err());
    }
}
