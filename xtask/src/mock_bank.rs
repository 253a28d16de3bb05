//! The mock bank as a child process: built with cargo, started on the ports asked for, its URLs read from its
//! `digibank-mock listening on <url> admin <admin-url>` line.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::cargo_artifacts;
use crate::error::XtaskError;
use crate::service::Service;

/// Lifetime of the tokens xtask mints (4 h): the browser stage mints one before compiling its tests, and a cold
/// compile on two cores takes longer than the mock's default 5-minute access tokens.
pub const MINTED_TOKEN_LIFETIME_SECS: u64 = 4 * 3600;
/// How long a built mock bank may take to print its listening line.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Where a mock bank's own output goes.
pub enum MockLog {
    /// The terminal, each line prefixed with the instance name.
    Terminal,
    /// A file (tests keep the terminal for the runners' output).
    File(PathBuf),
}

/// A running mock bank.
pub struct MockBank {
    /// Public base URL, e.g. `http://127.0.0.1:43123`.
    pub url: String,
    /// Admin base URL (never for browsers).
    pub admin_url: String,
    service: Service,
}

/// Builds the mock bank binary (debug profile, shared with `cargo test`) and returns its path.
pub fn build() -> Result<PathBuf, XtaskError> {
    let mut cmd = Command::new("cargo");
    cmd.args([
        "build",
        "--package",
        "digibank-mock",
        "--bin",
        "digibank-mock",
    ]);
    let built = cargo_artifacts::build(&mut cmd)?;
    let binary = built
        .into_iter()
        .find(|e| e.target == "digibank-mock" && e.kinds.iter().any(|k| k == "bin"));
    binary
        .map(|e| e.path)
        .ok_or_else(|| XtaskError::MockBank("cargo built no `digibank-mock` executable".into()))
}

impl MockBank {
    /// Starts `binary` with `args` and waits for its listening line.
    pub fn start(
        binary: &Path,
        name: &str,
        args: &[&str],
        log: MockLog,
    ) -> Result<MockBank, XtaskError> {
        let mut cmd = Command::new(binary);
        cmd.args(args).stdin(Stdio::null()).stdout(Stdio::piped());
        if let MockLog::File(path) = &log {
            File::create(path).map_err(XtaskError::io(format!("creating {}", path.display())))?;
            cmd.stderr(open_for_append(path)?);
        }
        let mut service = Service::spawn(name, &mut cmd)?;
        let stdout = service
            .take_stdout()
            .ok_or_else(|| XtaskError::MockBank("no stdout pipe".into()))?;
        let (tx, rx) = mpsc::channel();
        forward_output(BufReader::new(stdout), name.to_owned(), log, tx)?;
        let line = rx.recv_timeout(START_TIMEOUT).map_err(|_| {
            let status = service
                .check_running()
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            XtaskError::MockBank(format!("`{name}` did not report its address {status}"))
        })?;
        let (url, admin_url) = parse_listening_line(&line)
            .ok_or_else(|| XtaskError::MockBank(format!("unexpected listening line: {line}")))?;
        println!("{name}: {url} (admin {admin_url})");
        Ok(MockBank {
            url,
            admin_url,
            service,
        })
    }

    /// Mints an access token for `sub` through the admin listener, valid for [`MINTED_TOKEN_LIFETIME_SECS`].
    pub fn mint_token(&self, sub: &str) -> Result<String, XtaskError> {
        let endpoint = format!("{}/admin/tokens", self.admin_url);
        let body = serde_json::json!({ "sub": sub, "expiresIn": MINTED_TOKEN_LIFETIME_SECS });
        let response = ureq::post(&endpoint)
            .send_json(body)
            .map_err(|e| XtaskError::MockBank(format!("POST {endpoint}: {e}")))?;
        let body: serde_json::Value = response
            .into_json()
            .map_err(|e| XtaskError::MockBank(format!("POST {endpoint}: bad JSON: {e}")))?;
        body["accessToken"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| {
                XtaskError::MockBank(format!("POST {endpoint}: no `accessToken` in {body}"))
            })
    }

    /// The underlying process, for supervision.
    pub fn service(&mut self) -> &mut Service {
        &mut self.service
    }
}

/// Copies the mock's stdout to its log on a thread, sending the listening line through `tx` when it appears.
fn forward_output(
    stdout: impl BufRead + Send + 'static,
    name: String,
    log: MockLog,
    tx: mpsc::Sender<String>,
) -> Result<(), XtaskError> {
    let mut sink: Box<dyn Write + Send> = match &log {
        MockLog::Terminal => Box::new(std::io::stdout()),
        MockLog::File(path) => Box::new(open_for_append(path)?),
    };
    let prefix = match log {
        MockLog::Terminal => format!("[{name}] "),
        MockLog::File(_) => String::new(),
    };
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            if parse_listening_line(&line).is_some() {
                let _ = tx.send(line.clone());
            }
            let _ = writeln!(sink, "{prefix}{line}");
        }
    });
    Ok(())
}

/// Opens a log file so that several writers (the mock's stderr, the stdout copier) each add whole lines at its end.
fn open_for_append(path: &Path) -> Result<File, XtaskError> {
    File::options()
        .append(true)
        .open(path)
        .map_err(XtaskError::io(format!("opening {}", path.display())))
}

/// `(url, admin_url)` from `digibank-mock listening on <url> admin <admin-url>`.
fn parse_listening_line(line: &str) -> Option<(String, String)> {
    let rest = line.trim().strip_prefix("digibank-mock listening on ")?;
    let (url, admin) = rest.split_once(" admin ")?;
    Some((url.trim().to_owned(), admin.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_urls_from_the_listening_line() {
        let line = "digibank-mock listening on http://127.0.0.1:41000 admin http://127.0.0.1:41001";
        let urls = parse_listening_line(line);
        assert_eq!(
            urls,
            Some((
                "http://127.0.0.1:41000".into(),
                "http://127.0.0.1:41001".into()
            ))
        );
    }

    #[test]
    fn ignores_log_lines() {
        assert_eq!(
            parse_listening_line("INFO digibank_mock: request GET /api/health"),
            None
        );
    }
}
