//! `cargo xtask setup`: installs what is missing, from package registries only, and says how long each step took.
//! Every step first checks what is there, so a second run finishes in seconds.

use std::fmt;
use std::hash::{DefaultHasher, Hasher};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::error::XtaskError;
use crate::paths::{node_bin_dir, workspace_root};
use crate::process::{probe, run as run_command};
use crate::split_build;
use crate::timing::human;

/// trunk's version: 0.22 needs a newer rustc than the project's 1.95.
const TRUNK_VERSION: &str = "0.21.14";
/// Oldest wasm-opt that builds a working app (Debian's 108 breaks it at start-up).
const MIN_WASM_OPT: u32 = 116;
/// Written into node_modules after `npm ci`: a hash of package.json and package-lock.json.
const NPM_STAMP: &str = ".xtask-npm-ci";

/// Whether `apt-get update` already ran in this process.
static APT_UPDATED: AtomicBool = AtomicBool::new(false);

/// What a check found.
enum Check {
    /// Present and usable; the text says what was found.
    Ready(String),
    /// Not installed.
    Missing,
    /// Installed but not usable as is; the text says what was found.
    Wrong(String),
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Check::Ready(found) => write!(f, "ready ({found})"),
            Check::Missing => write!(f, "missing"),
            Check::Wrong(found) => write!(f, "wrong ({found})"),
        }
    }
}

/// Runs every step.
pub fn run() -> Result<(), XtaskError> {
    let started = Instant::now();
    let bindgen = wasm_bindgen_version()?;
    ensure("wasm32-unknown-unknown target", check_wasm_target, || {
        run_command(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
    })?;
    ensure(
        "node + npm",
        || version_check("npm", None),
        || apt_install(&["nodejs", "npm"]),
    )?;
    ensure(
        "npm packages (wasm-opt, interop servers)",
        check_npm_packages,
        install_npm_packages,
    )?;
    ensure("chromium + chromedriver", check_chromium, || {
        apt_install(&["chromium", "chromium-driver"])
    })?;
    ensure(
        &format!("trunk {TRUNK_VERSION}"),
        || version_check("trunk", Some(TRUNK_VERSION)),
        || {
            run_command(Command::new("cargo").args([
                "install",
                "--locked",
                "--force",
                "trunk",
                "--version",
                TRUNK_VERSION,
            ]))
        },
    )?;
    // Without --locked: the CLI's own lockfile pins a webpki-roots release that is missing from the index.
    ensure(
        &format!("wasm-bindgen-cli {bindgen}"),
        || check_wasm_bindgen(&bindgen),
        || {
            run_command(Command::new("cargo").args([
                "install",
                "--force",
                "wasm-bindgen-cli",
                "--version",
                &bindgen,
            ]))
        },
    )?;
    ensure(
        "wasm-pack",
        || version_check("wasm-pack", None),
        || run_command(Command::new("cargo").args(["install", "--locked", "wasm-pack"])),
    )?;
    ensure(
        &format!("wasm-split-cli {}", split_build::SPLITTER_VERSION),
        check_splitter,
        split_build::install_splitter,
    )?;
    println!("setup: all tools ready in {}", human(started.elapsed()));
    Ok(())
}

/// Checks one tool, installs it if needed, checks again, and prints what happened with timings.
fn ensure(
    name: &str,
    check: impl Fn() -> Check,
    install: impl FnOnce() -> Result<(), XtaskError>,
) -> Result<(), XtaskError> {
    let started = Instant::now();
    match check() {
        Check::Ready(found) => {
            println!("setup: {name}: {found} ({})", human(started.elapsed()));
            return Ok(());
        }
        Check::Missing => println!("setup: {name}: missing, installing"),
        Check::Wrong(found) => println!("setup: {name}: found {found}, reinstalling"),
    }
    install()?;
    match check() {
        Check::Ready(found) => {
            println!(
                "setup: {name}: installed {found} in {}",
                human(started.elapsed())
            );
            Ok(())
        }
        other => Err(XtaskError::Setup(format!(
            "{name} is still {other} after installing"
        ))),
    }
}

/// Ready if the route splitter of the release build is installed (its CLI has no `--version`).
fn check_splitter() -> Check {
    if split_build::splitter().exists() {
        Check::Ready(split_build::SPLITTER_VERSION.to_string())
    } else {
        Check::Missing
    }
}

/// Ready if `program --version` runs and (when given) mentions `expected`.
fn version_check(program: &str, expected: Option<&str>) -> Check {
    match probe(program, &["--version"]) {
        None => Check::Missing,
        Some(found) if expected.is_none_or(|v| found.split_whitespace().any(|word| word == v)) => {
            Check::Ready(found)
        }
        Some(found) => Check::Wrong(found),
    }
}

fn check_wasm_target() -> Check {
    match probe("rustup", &["target", "list", "--installed"]) {
        Some(list) if list.lines().any(|t| t.trim() == "wasm32-unknown-unknown") => {
            Check::Ready("installed".into())
        }
        _ => Check::Missing,
    }
}

/// wasm-bindgen at the exact version of the wasm-bindgen crate, plus its test runner (used by wasm-pack test).
fn check_wasm_bindgen(version: &str) -> Check {
    match version_check("wasm-bindgen", Some(version)) {
        Check::Ready(found) if probe("wasm-bindgen-test-runner", &["--version"]).is_none() => {
            Check::Wrong(format!("{found} without wasm-bindgen-test-runner"))
        }
        other => other,
    }
}

/// The version of the `wasm-bindgen` crate in Cargo.lock.
fn wasm_bindgen_version() -> Result<String, XtaskError> {
    let path = workspace_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&path)
        .map_err(XtaskError::io(format!("reading {}", path.display())))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| XtaskError::Setup(format!("no wasm-bindgen package in {}", path.display())))
}

/// The version of package `name` in a Cargo.lock text.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    lines.find(|line| line.trim() == wanted)?;
    let version = lines
        .next()?
        .trim()
        .strip_prefix("version = \"")?
        .strip_suffix('"')?;
    Some(version.to_owned())
}

/// Chromium and chromedriver installed, of the same major version.
fn check_chromium() -> Check {
    let (Some(browser), Some(driver)) = (
        probe("chromium", &["--version"]),
        probe("chromedriver", &["--version"]),
    ) else {
        return Check::Missing;
    };
    match (major_version(&browser), major_version(&driver)) {
        (Some(a), Some(b)) if a == b => Check::Ready(format!("{browser}; {driver}")),
        _ => Check::Wrong(format!("{browser}; {driver}")),
    }
}

/// The major version in `Chromium 142.0.7444.175 built on Debian` or `ChromeDriver 142.0.7444.175 (…)`.
fn major_version(text: &str) -> Option<u32> {
    text.split_whitespace()
        .nth(1)?
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// `npm ci` done for the current package.json + lockfile, and wasm-opt from npm recent enough.
fn check_npm_packages() -> Check {
    let stamp = std::fs::read_to_string(npm_stamp_path()).unwrap_or_default();
    if stamp.trim() != npm_inputs_hash() {
        return Check::Missing;
    }
    let wasm_opt = node_bin_dir().join("wasm-opt");
    match probe(&wasm_opt.to_string_lossy(), &["--version"]) {
        Some(found) if wasm_opt_version(&found).is_some_and(|v| v >= MIN_WASM_OPT) => {
            Check::Ready(found)
        }
        Some(found) => Check::Wrong(found),
        None => Check::Missing,
    }
}

fn install_npm_packages() -> Result<(), XtaskError> {
    run_command(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    let path = npm_stamp_path();
    std::fs::write(&path, npm_inputs_hash())
        .map_err(XtaskError::io(format!("writing {}", path.display())))
}

fn npm_stamp_path() -> PathBuf {
    workspace_root().join("node_modules").join(NPM_STAMP)
}

/// A hash of package.json and package-lock.json (empty input when they are missing: `npm ci` will say why).
fn npm_inputs_hash() -> String {
    let mut hasher = DefaultHasher::new();
    for file in ["package.json", "package-lock.json"] {
        hasher.write(&std::fs::read(workspace_root().join(file)).unwrap_or_default());
    }
    format!("{:016x}", hasher.finish())
}

/// 132 from `wasm-opt version 132 (version_132)`.
fn wasm_opt_version(text: &str) -> Option<u32> {
    text.split_once("version ")?
        .1
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// `apt-get install -y` (after one `apt-get update`), through sudo unless already root.
fn apt_install(packages: &[&str]) -> Result<(), XtaskError> {
    if !APT_UPDATED.swap(true, Ordering::SeqCst) {
        run_command(apt_get().arg("update"))?;
    }
    run_command(
        apt_get()
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages),
    )
}

fn apt_get() -> Command {
    let as_root = probe("id", &["-u"]).is_some_and(|uid| uid == "0");
    let mut cmd = if as_root {
        Command::new("apt-get")
    } else {
        sudo_apt_get()
    };
    cmd.env("DEBIAN_FRONTEND", "noninteractive");
    cmd
}

fn sudo_apt_get() -> Command {
    let mut cmd = Command::new("sudo");
    cmd.args(["--preserve-env=DEBIAN_FRONTEND", "apt-get"]);
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_package_version_from_cargo_lock() {
        let lock = "[[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.50\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"registry\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "trunk"), None);
    }

    #[test]
    fn reads_major_versions_of_chromium_and_its_driver() {
        assert_eq!(
            major_version("Chromium 142.0.7444.175 built on Debian GNU/Linux 12 (bookworm)"),
            Some(142)
        );
        assert_eq!(
            major_version("ChromeDriver 142.0.7444.175 (abc-refs/branch-heads/7444@{#2345})"),
            Some(142)
        );
        assert_eq!(major_version("chromium"), None);
    }

    #[test]
    fn reads_the_wasm_opt_version() {
        assert_eq!(
            wasm_opt_version("wasm-opt version 132 (version_132)"),
            Some(132)
        );
        assert_eq!(wasm_opt_version("wasm-opt version 108"), Some(108));
        assert_eq!(wasm_opt_version("wasm-opt"), None);
    }
}
