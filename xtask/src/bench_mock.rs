//! `cargo xtask bench mock [--seconds N] [--connections N] [--threads N]`: loopback load test of the release
//! mock bank with `wrk` (Debian's package, installed with apt-get when missing and running as root).
//!
//! Two runs, each bounded in time: `GET /api/accounts` and `POST /api/transfers` where every request carries a
//! fresh `Idempotency-Key` (a Lua script numbers them), so each one really commits a transfer. Prints requests/s
//! and latency percentiles; the figures go to docs/mock.md. `oha` is not used: it cannot vary a header per request.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::mock_bank::{MockBank, MockLog};
use crate::paths::{log_dir, workspace_root};

/// How hard and how long to push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Options {
    seconds: u32,
    connections: u32,
    threads: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seconds: 10,
            connections: 16,
            threads: 1,
        }
    }
}

/// What one wrk run measured (times in microseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Measurement {
    requests: u64,
    duration_us: u64,
    socket_errors: u64,
    non_2xx: u64,
    p50_us: u64,
    p90_us: u64,
    p99_us: u64,
    max_us: u64,
}

impl Measurement {
    fn requests_per_second(&self) -> f64 {
        self.requests as f64 / (self.duration_us.max(1) as f64 / 1e6)
    }
}

/// Runs the benchmark.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_options(args)?;
    let wrk = find_or_install_wrk()?;
    let load_before = load_average();
    let binary = build_release_mock()?;
    let scratch = log_dir().join("bench-mock");
    fs::create_dir_all(&scratch).map_err(|e| format!("creating {}: {e}", scratch.display()))?;
    let mock_args = ["--port", "0", "--admin-port", "0"];
    let mock = MockBank::start(
        &binary,
        "mock-bank",
        &mock_args,
        MockLog::File(scratch.join("mock.log")),
    )
    .map_err(|e| e.to_string())?;
    let token = mock.mint_token("alice").map_err(|e| e.to_string())?;
    let runs = [
        (
            "GET /api/accounts",
            format!("{}/api/accounts", mock.url),
            get_script(&token),
        ),
        (
            "POST /api/transfers (new key each)",
            format!("{}/api/transfers", mock.url),
            post_script(&token, &run_nonce()),
        ),
    ];
    let mut results = Vec::new();
    for (name, url, script) in runs {
        let measurement = measure(&wrk, options, &scratch, &url, &script)?;
        if measurement.non_2xx > 0 || measurement.socket_errors > 0 {
            return Err(format!(
                "{name}: {} non-2xx answers and {} socket errors; see {}",
                measurement.non_2xx,
                measurement.socket_errors,
                scratch.display()
            ));
        }
        results.push((name, measurement));
    }
    print_report(options, &results, load_before.zip(load_average()));
    Ok(())
}

/// The 1-minute load average (Linux), to tell a quiet machine from a busy one.
fn load_average() -> Option<f64> {
    fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number: u32 = value
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{flag}: '{value}' is not a positive number"))?;
        match flag.as_str() {
            "--seconds" => options.seconds = number.min(120),
            "--connections" => options.connections = number,
            "--threads" => options.threads = number,
            other => {
                return Err(format!(
                    "unknown flag {other}; usage: cargo xtask bench mock [--seconds N] [--connections N] [--threads N]"
                ));
            }
        }
    }
    Ok(options)
}

/// `wrk` on PATH, or installed from Debian's archive when we are root.
fn find_or_install_wrk() -> Result<PathBuf, String> {
    if let Some(found) = on_path("wrk") {
        return Ok(found);
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        return Err("wrk is not installed: run `sudo apt-get install wrk`".into());
    }
    println!("$ apt-get install -y wrk");
    let status = Command::new("apt-get")
        .args(["install", "-y", "-q", "wrk"])
        .status()
        .map_err(|e| format!("apt-get: {e}"))?;
    if !status.success() {
        return Err("apt-get install wrk failed (try `apt-get update` first)".into());
    }
    on_path("wrk").ok_or_else(|| "wrk is still not on PATH after installing it".into())
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

/// Builds the mock bank with the release profile and returns the executable.
fn build_release_mock() -> Result<PathBuf, String> {
    let mut cmd = Command::new("cargo");
    cmd.args([
        "build",
        "--release",
        "--package",
        "digibank-mock",
        "--bin",
        "digibank-mock",
    ]);
    crate::process::run(&mut cmd).map_err(|e| e.to_string())?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let binary = target.join("release").join("digibank-mock");
    binary
        .is_file()
        .then_some(binary.clone())
        .ok_or_else(|| format!("{} was not built", binary.display()))
}

/// A prefix that keeps idempotency keys unique across runs against the same server.
fn run_nonce() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    format!("bench-{now}")
}

/// Prints one machine-readable line with the figures when wrk finishes.
const REPORT_LUA: &str = r#"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d socket_errors=%d non_2xx=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"#;

fn get_script(token: &str) -> String {
    format!(
        "wrk.method = \"GET\"\nwrk.headers[\"Authorization\"] = \"Bearer {token}\"\n{REPORT_LUA}"
    )
}

/// POSTs 0.01 USD from checking to savings, numbering the idempotency keys per wrk thread.
fn post_script(token: &str, nonce: &str) -> String {
    format!(
        r#"wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer {token}"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{{"fromAccountId":"1","toAccountId":"2","amount":"0.01","currency":"USD","description":"bench"}}'
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
local sent = 0
request = function()
  sent = sent + 1
  wrk.headers["Idempotency-Key"] = "{nonce}-" .. thread_id .. "-" .. sent
  return wrk.format(nil, nil, wrk.headers, wrk.body)
end
{REPORT_LUA}"#
    )
}

/// One wrk run with `script` against `url`.
fn measure(
    wrk: &Path,
    options: Options,
    scratch: &Path,
    url: &str,
    script: &str,
) -> Result<Measurement, String> {
    let script_path = scratch.join(format!(
        "script-{}.lua",
        url.rsplit('/').next().unwrap_or("run")
    ));
    fs::write(&script_path, script)
        .map_err(|e| format!("writing {}: {e}", script_path.display()))?;
    let mut cmd = Command::new(wrk);
    cmd.arg(format!("--threads={}", options.threads))
        .arg(format!("--connections={}", options.connections))
        .arg(format!("--duration={}s", options.seconds))
        .arg(format!("--script={}", script_path.display()))
        .arg(url)
        .stdin(Stdio::null());
    println!("$ {}", crate::process::display(&cmd));
    let output = cmd.output().map_err(|e| format!("running wrk: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "wrk failed: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    stdout
        .lines()
        .find_map(parse_report)
        .ok_or_else(|| format!("no BENCH line in wrk's output:\n{stdout}"))
}

/// Reads the `BENCH key=value …` line printed by [`REPORT_LUA`].
fn parse_report(line: &str) -> Option<Measurement> {
    let fields = line.strip_prefix("BENCH ")?;
    let value = |key: &str| -> Option<u64> {
        fields
            .split(' ')
            .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('=')?.parse().ok())
    };
    Some(Measurement {
        requests: value("requests")?,
        duration_us: value("duration_us")?,
        socket_errors: value("socket_errors")?,
        non_2xx: value("non_2xx")?,
        p50_us: value("p50_us")?,
        p90_us: value("p90_us")?,
        p99_us: value("p99_us")?,
        max_us: value("max_us")?,
    })
}

fn print_report(options: Options, results: &[(&str, Measurement)], load: Option<(f64, f64)>) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!();
    println!(
        "mock bank (release) on loopback, {cores} cores shared with wrk; {} s per run, {} connections, {} wrk thread(s)",
        options.seconds, options.connections, options.threads
    );
    if let Some((before, after)) = load {
        let note = if before > cores as f64 / 2.0 {
            " (busy machine: other work competes for the cores, tail latencies are inflated)"
        } else {
            ""
        };
        println!("load average before {before:.2}, after {after:.2}{note}");
    }
    println!(
        "{:<38} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "endpoint", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms"
    );
    for (name, m) in results {
        let ms = |us: u64| us as f64 / 1000.0;
        println!(
            "{:<38} {:>10} {:>9.0} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
            name,
            m.requests,
            m.requests_per_second(),
            ms(m.p50_us),
            ms(m.p90_us),
            ms(m.p99_us),
            ms(m.max_us)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_report_line() {
        let line = "BENCH requests=1200 duration_us=2000000 socket_errors=0 non_2xx=3 p50_us=400 p90_us=700 p99_us=1500 max_us=9000";
        let m = parse_report(line).unwrap();
        assert_eq!((m.requests, m.non_2xx, m.p99_us), (1200, 3, 1500));
        assert_eq!(m.requests_per_second(), 600.0);
        assert!(parse_report("Running 10s test").is_none());
    }

    #[test]
    fn parses_flags() {
        let args: Vec<String> = ["--seconds", "3", "--connections", "8"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            parse_options(&args),
            Ok(Options {
                seconds: 3,
                connections: 8,
                threads: 1
            })
        );
        assert!(parse_options(&["--seconds".to_string()]).is_err());
        assert!(parse_options(&["--fast".to_string(), "1".to_string()]).is_err());
    }
}
