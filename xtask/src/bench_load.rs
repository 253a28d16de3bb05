//! `cargo xtask bench load [--] [ARGS]`: page-load benchmark of digibank against the React peer
//! (benches/load/README.md). Builds the release bundle and the peer, serves each from its own mock bank on
//! 127.0.0.1 (the same binary; digibank twice: as built, and a copy keeping tokens in sessionStorage for the
//! returning-user scenario), runs the Playwright driver with their URLs and stops every server at the end.
//! ARGS go to the driver (`--runs 3 --profiles none --apps digibank`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::XtaskError;
use crate::mock_bank::{self, MockBank, MockLog};
use crate::paths::{log_dir, workspace_root};
use crate::process::run as run_command;
use crate::{release_build, setup};

/// The driver's npm package (playwright-core pinned in its lockfile).
const DRIVER_DIR: &str = "benches/load";
/// The React peer's package; `npm run build` writes its `dist/`.
const PEER_DIR: &str = "benches/react-peer";

/// Which apps the driver will load, from its `--apps` argument; only those are built.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Selection {
    digibank: bool,
    react: bool,
    /// The arguments for the driver, without a leading `--`.
    driver_args: Vec<String>,
}

/// What the bench serves: digibank as built, digibank with `tokenStorage: "session"`, the peer.
struct Bundles {
    digibank: Option<(PathBuf, PathBuf)>,
    react: Option<PathBuf>,
}

/// The running mock banks (stopped when dropped).
struct Servers {
    digibank: Option<(MockBank, MockBank)>,
    react: Option<MockBank>,
}

/// Builds everything the selected apps need, serves them and runs the driver.
pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let selection = Selection::parse(args)?;
    setup::run()?;
    let out = log_dir().join("bench-load");
    std::fs::create_dir_all(&out).map_err(XtaskError::io(format!("creating {}", out.display())))?;
    let bundles = build_bundles(&selection, &out)?;
    npm(DRIVER_DIR, &["ci", "--no-audit", "--no-fund"])?;
    let binary = mock_bank::build()?;
    let servers = start_servers(&binary, &bundles, &out)?;
    run_driver(&servers, &selection, &out)
}

impl Selection {
    /// Reads `--apps a,b` (or `--apps=a,b`) out of the driver's arguments; both apps when it is absent.
    fn parse(args: &[String]) -> Result<Selection, XtaskError> {
        let driver_args: Vec<String> = match args.split_first() {
            Some((first, rest)) if first == "--" => rest.to_vec(),
            _ => args.to_vec(),
        };
        let apps = apps_value(&driver_args)?;
        let Some(apps) = apps else {
            return Ok(Selection {
                digibank: true,
                react: true,
                driver_args,
            });
        };
        let names: Vec<&str> = apps
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        if let Some(unknown) = names.iter().find(|a| !["digibank", "react"].contains(a)) {
            return Err(XtaskError::Usage(format!(
                "bench load: unknown app `{unknown}` in --apps (expected digibank, react)"
            )));
        }
        Ok(Selection {
            digibank: names.contains(&"digibank"),
            react: names.contains(&"react"),
            driver_args,
        })
    }
}

/// The value of the last `--apps` flag, if any.
fn apps_value(args: &[String]) -> Result<Option<String>, XtaskError> {
    let mut value = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if let Some(inline) = arg.strip_prefix("--apps=") {
            value = Some(inline.to_owned());
        } else if arg == "--apps" {
            let next = rest.next().ok_or_else(|| {
                XtaskError::Usage(
                    "bench load: --apps needs a value (digibank, react or both)".into(),
                )
            })?;
            value = Some(next.clone());
        }
    }
    Ok(value)
}

/// The release bundle and its session-storage copy, and the peer's production build, as selected.
fn build_bundles(selection: &Selection, out: &Path) -> Result<Bundles, XtaskError> {
    let digibank = if selection.digibank {
        let dist = out.join("digibank");
        release_build::build(&dist)?;
        let session = out.join("digibank-session");
        copy_with_session_storage(&dist, &session)?;
        Some((dist, session))
    } else {
        None
    };
    let react = if selection.react {
        Some(build_peer(out)?)
    } else {
        None
    };
    Ok(Bundles { digibank, react })
}

/// Copies `dist` to `copy` with `"tokenStorage": "session"` in config.json (and its .br / .gz redone).
fn copy_with_session_storage(dist: &Path, copy: &Path) -> Result<(), XtaskError> {
    if copy.exists() {
        std::fs::remove_dir_all(copy)
            .map_err(XtaskError::io(format!("removing {}", copy.display())))?;
    }
    copy_dir(dist, copy)?;
    let config = copy.join("config.json");
    let text = std::fs::read_to_string(&config)
        .map_err(XtaskError::io(format!("reading {}", config.display())))?;
    let rewritten = with_token_storage(&text, "session")?;
    write_with_variants(&config, rewritten.as_bytes())
}

/// config.json's text with `tokenStorage` set to `mode`.
fn with_token_storage(config: &str, mode: &str) -> Result<String, XtaskError> {
    let mut value: serde_json::Value = serde_json::from_str(config)
        .map_err(|e| XtaskError::Bench(format!("config.json is not JSON: {e}")))?;
    let object = value
        .as_object_mut()
        .ok_or_else(|| XtaskError::Bench("config.json is not a JSON object".into()))?;
    object.insert("tokenStorage".into(), mode.into());
    serde_json::to_string_pretty(&value).map_err(|e| XtaskError::Bench(format!("config.json: {e}")))
}

/// Writes `file` and the `.br` / `.gz` variants the mock bank serves in its place.
fn write_with_variants(file: &Path, bytes: &[u8]) -> Result<(), XtaskError> {
    std::fs::write(file, bytes).map_err(XtaskError::io(format!("writing {}", file.display())))?;
    release_build::write_variants(file, bytes).map(|_| ())
}

/// `npm ci` and `npm run build` in the peer's folder, then its dist/ copied into `out` and precompressed like
/// digibank's bundle (the peer's own folder is left as its build wrote it).
fn build_peer(out: &Path) -> Result<PathBuf, XtaskError> {
    let peer = workspace_root().join(PEER_DIR);
    if !peer.join("package.json").is_file() {
        return Err(XtaskError::Bench(format!(
            "the React peer is missing ({} has no package.json); run with `--apps digibank`",
            peer.display()
        )));
    }
    npm(PEER_DIR, &["ci", "--no-audit", "--no-fund"])?;
    npm(PEER_DIR, &["run", "build"])?;
    let copy = out.join("react-peer");
    if copy.exists() {
        std::fs::remove_dir_all(&copy)
            .map_err(XtaskError::io(format!("removing {}", copy.display())))?;
    }
    copy_dir(&peer.join("dist"), &copy)?;
    let written = release_build::precompress(&copy)?;
    println!(
        "React peer: {written} precompressed files in {}",
        copy.display()
    );
    Ok(copy)
}

/// `npm ARGS` in `dir` (relative to the workspace); never lets a package download a browser.
fn npm(dir: &str, args: &[&str]) -> Result<(), XtaskError> {
    run_command(
        Command::new("npm")
            .args(args)
            .current_dir(workspace_root().join(dir))
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

/// Copies the files of `from` into `to`, recursively.
fn copy_dir(from: &Path, to: &Path) -> Result<(), XtaskError> {
    for file in crate::paths::files_under(from)? {
        let relative = file.strip_prefix(from).unwrap_or(&file);
        let target = to.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(XtaskError::io(format!("creating {}", parent.display())))?;
        }
        std::fs::copy(&file, &target).map_err(XtaskError::io(format!(
            "copying {} to {}",
            file.display(),
            target.display()
        )))?;
    }
    Ok(())
}

/// One mock bank per bundle, on free ports of 127.0.0.1, logging to `out/mock-<name>.log`. The React peer is
/// served as the guide deploys it, without digibank's security headers: its build uses `eval` and `data:`
/// images, which digibank's policy refuses (docs/performance.md).
fn start_servers(binary: &Path, bundles: &Bundles, out: &Path) -> Result<Servers, XtaskError> {
    let serve = |name: &str, dir: &Path, extra: &[&str]| {
        let dir = dir.to_string_lossy();
        let mut args = vec!["--port", "0", "--admin-port", "0", "--static", &dir];
        args.extend_from_slice(extra);
        let log = MockLog::File(out.join(format!("mock-{name}.log")));
        MockBank::start(binary, &format!("bench-{name}"), &args, log)
    };
    let digibank = match &bundles.digibank {
        Some((dist, session)) => Some((
            serve("digibank", dist, &[])?,
            serve("digibank-session", session, &[])?,
        )),
        None => None,
    };
    let react = match &bundles.react {
        Some(dist) => Some(serve("react", dist, &["--no-security-headers"])?),
        None => None,
    };
    Ok(Servers { digibank, react })
}

/// `node benches/load/load.mjs` with the servers' URLs, the output folder and the user's arguments.
fn run_driver(servers: &Servers, selection: &Selection, out: &Path) -> Result<(), XtaskError> {
    let mut cmd = Command::new("node");
    cmd.arg(Path::new(DRIVER_DIR).join("load.mjs"))
        .arg("--out")
        .arg(out)
        .args(["--command", &command_line(&selection.driver_args)]);
    if let Some((memory, session)) = &servers.digibank {
        cmd.args([
            "--digibank",
            &memory.url,
            "--digibank-session",
            &session.url,
        ]);
    }
    if let Some(react) = &servers.react {
        cmd.args(["--react", &react.url, "--react-admin", &react.admin_url]);
    }
    if !selection.react {
        cmd.args(["--apps", "digibank"]);
    }
    cmd.args(&selection.driver_args);
    run_command(&mut cmd)
}

/// The command as the user typed it, for the report.
fn command_line(driver_args: &[String]) -> String {
    let mut words = vec!["cargo xtask bench load".to_owned()];
    if !driver_args.is_empty() {
        words.push("--".into());
        words.extend(driver_args.iter().map(|a| shell_word(a)));
    }
    words.join(" ")
}

/// `word`, single-quoted when it holds anything a shell would split or expand.
fn shell_word(word: &str) -> String {
    let plain = word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.,=/:".contains(c));
    if plain && !word.is_empty() {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn both_apps_by_default_and_a_leading_separator_is_dropped() {
        let selection = Selection::parse(&strings(&["--", "--runs", "3"])).ok();
        assert_eq!(
            selection,
            Some(Selection {
                digibank: true,
                react: true,
                driver_args: strings(&["--runs", "3"])
            })
        );
    }

    #[test]
    fn apps_picks_what_is_built_in_either_spelling() {
        let only = Selection::parse(&strings(&["--apps", "digibank", "--runs", "1"])).ok();
        assert_eq!(only.map(|s| (s.digibank, s.react)), Some((true, false)));
        let inline = Selection::parse(&strings(&["--apps=react"])).ok();
        assert_eq!(inline.map(|s| (s.digibank, s.react)), Some((false, true)));
        let both = Selection::parse(&strings(&["--apps", "react, digibank"])).ok();
        assert_eq!(both.map(|s| (s.digibank, s.react)), Some((true, true)));
    }

    #[test]
    fn unknown_or_missing_apps_are_usage_errors() {
        assert!(matches!(
            Selection::parse(&strings(&["--apps", "vue"])),
            Err(XtaskError::Usage(_))
        ));
        assert!(matches!(
            Selection::parse(&strings(&["--apps"])),
            Err(XtaskError::Usage(_))
        ));
    }

    #[test]
    fn token_storage_is_set_and_other_keys_kept() {
        let config = r#"{"apiBaseUrl":"/api","tokenStorage":"memory"}"#;
        let rewritten = with_token_storage(config, "session").unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(&rewritten).unwrap_or_default();
        assert_eq!(value["tokenStorage"], "session");
        assert_eq!(value["apiBaseUrl"], "/api");
    }

    #[test]
    fn the_reported_command_quotes_only_what_needs_it() {
        assert_eq!(command_line(&[]), "cargo xtask bench load");
        assert_eq!(
            command_line(&strings(&["--runs", "7", "--profiles", "none,cpu4"])),
            "cargo xtask bench load -- --runs 7 --profiles none,cpu4"
        );
        assert_eq!(shell_word("a b"), "'a b'");
    }
}
