//! `cargo xtask test`: setup, native tests, browser tests against two mock banks, then the end-to-end suite against
//! the release build; every stage runs, every server started is stopped, and a summary closes the output.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::cargo_artifacts::{self, Executable};
use crate::error::XtaskError;
use crate::interrupt;
use crate::mock_bank::{self, MockBank, MockLog};
use crate::paths::{log_dir, test_dist_dir, workspace_root};
use crate::process::{TestRun, run_tests};
use crate::test_tally::TestTally;
use crate::timing::human;
use crate::{release_build, setup};

/// Flags of the faulty mock bank: 30 % of /api requests answered 503.
const FAULTY_MOCK_ARGS: [&str; 2] = ["--fault-503-rate", "0.3"];
/// The folder of the WebDriver tests' package.
const E2E_DIR: &str = "e2e";
/// The user the browser tests act as.
const TEST_USER: &str = "alice";

/// A test stage: runs its runner with whatever servers it needs, passing `extra` arguments to it.
type StageFn = fn(extra: &[String]) -> TestRun;
/// The stages, in order.
const STAGES: [(&str, StageFn); 3] = [
    ("native", native),
    ("browser", browser),
    ("e2e", end_to_end),
];

/// One stage's result.
struct Stage {
    name: &'static str,
    tally: TestTally,
    outcome: Result<(), XtaskError>,
    took: Duration,
}

/// Runs the selected stages (all when `args` names none) and prints the summary. Arguments after `--` go to each
/// selected stage's runner: a test-name filter, or `--test <file>` for the native and browser stages.
pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let (names, extra) = split_selection(args)?;
    let setup_started = Instant::now();
    setup::run()?;
    let setup_took = setup_started.elapsed();
    let mut results = Vec::new();
    let selected = STAGES
        .into_iter()
        .filter(|(name, _)| names.is_empty() || names.iter().any(|n| n == name));
    for (name, stage) in selected {
        if interrupt::requested() {
            return Err(XtaskError::Interrupted);
        }
        println!("\n=== test stage: {name} ===");
        let started = Instant::now();
        let (tally, outcome) = stage(extra);
        results.push(Stage {
            name,
            tally,
            outcome,
            took: started.elapsed(),
        });
    }
    print_summary(setup_took, &results);
    let failed = results.iter().filter(|s| s.outcome.is_err()).count();
    if failed == 0 {
        Ok(())
    } else {
        Err(XtaskError::TestStagesFailed {
            failed,
            total: results.len(),
        })
    }
}

/// Splits `[stage ...] [-- runner args]` and rejects unknown stage names.
fn split_selection(args: &[String]) -> Result<(&[String], &[String]), XtaskError> {
    let split = args.iter().position(|a| a == "--");
    let (names, extra) = match split {
        Some(at) => (&args[..at], &args[at + 1..]),
        None => (args, &args[args.len()..]),
    };
    match names.iter().find(|n| !STAGES.iter().any(|(s, _)| s == n)) {
        Some(unknown) => Err(XtaskError::Usage(format!(
            "unknown test stage `{unknown}` (stages: native, browser, e2e)"
        ))),
        None => Ok((names, extra)),
    }
}

/// `cargo test --workspace` (the browser and e2e suites are gated and do not run here).
fn native(extra: &[String]) -> TestRun {
    run_tests(
        Command::new("cargo")
            .args(["test", "--workspace"])
            .args(extra),
    )
}

/// `wasm-pack test --headless --chrome` with a clean and a faulty mock bank, their URLs and a token for the test
/// user compiled into the tests (`option_env!`).
fn browser(extra: &[String]) -> TestRun {
    let mocks = start_browser_mocks();
    let (clean, faulty, token) = match mocks {
        Ok(mocks) => mocks,
        Err(error) => return (TestTally::default(), Err(error)),
    };
    let mut cmd = Command::new("wasm-pack");
    cmd.args(["test", "--headless", "--chrome"])
        .env("DIGIBANK_MOCK_URL", &clean.url)
        .env("DIGIBANK_MOCK_ADMIN_URL", &clean.admin_url)
        .env("DIGIBANK_MOCK_FAULTY_URL", &faulty.url)
        .env("DIGIBANK_TEST_TOKEN", &token);
    if !extra.is_empty() {
        cmd.arg("--").args(extra);
    }
    run_tests(&mut cmd)
}

/// The clean mock bank, the faulty one and a token minted on the clean one.
fn start_browser_mocks() -> Result<(MockBank, MockBank, String), XtaskError> {
    let binary = mock_bank::build()?;
    let logs = log_dir();
    std::fs::create_dir_all(&logs)
        .map_err(XtaskError::io(format!("creating {}", logs.display())))?;
    let any_ports = ["--port", "0", "--admin-port", "0"];
    let clean = MockBank::start(
        &binary,
        "mock-clean",
        &any_ports,
        MockLog::File(logs.join("mock-clean.log")),
    )?;
    let faulty_args: Vec<&str> = any_ports.iter().chain(&FAULTY_MOCK_ARGS).copied().collect();
    let faulty = MockBank::start(
        &binary,
        "mock-faulty",
        &faulty_args,
        MockLog::File(logs.join("mock-faulty.log")),
    )?;
    let token = clean.mint_token(TEST_USER)?;
    Ok((clean, faulty, token))
}

/// The release bundle (as `cargo xtask preview` ships it) into target/xtask/dist-<pid>, then the e2e package's WebDriver tests
/// against that bundle. Their harnesses are built with `cargo test --workspace --features
/// digibank-e2e/e2e --no-run` (the native stage's feature set, so its build is reused) and
/// run directly.
fn end_to_end(extra: &[String]) -> TestRun {
    let dist = test_dist_dir();
    let run = test_bundle(&dist, extra);
    if let Err(error) = std::fs::remove_dir_all(&dist) {
        eprintln!("xtask test: could not remove {}: {error}", dist.display());
    }
    run
}

/// Builds the bundle into `dist` and runs the e2e harnesses against it, `extra` being a test-name filter.
fn test_bundle(dist: &Path, extra: &[String]) -> TestRun {
    let tests = match release_build::build(dist).and_then(|()| build_e2e_tests()) {
        Ok(tests) => tests,
        Err(error) => return (TestTally::default(), Err(error)),
    };
    let mut tally = TestTally::default();
    let mut outcome = Ok(());
    for test in tests {
        let mut cmd = Command::new(&test);
        cmd.args(extra);
        let (counts, result) = run_tests(cmd.env("DIGIBANK_DIST", dist).current_dir(E2E_DIR));
        tally = tally.plus(counts);
        outcome = outcome.and(result);
    }
    (tally, outcome)
}

/// Builds the workspace's tests with the e2e feature and returns the e2e package's test harnesses.
fn build_e2e_tests() -> Result<Vec<PathBuf>, XtaskError> {
    let mut cmd = Command::new("cargo");
    cmd.args([
        "test",
        "--workspace",
        "--features",
        "digibank-e2e/e2e",
        "--no-run",
    ]);
    let manifest = workspace_root().join(E2E_DIR).join("Cargo.toml");
    let built = cargo_artifacts::build(&mut cmd)?;
    let is_e2e_test =
        |e: &Executable| e.manifest_path == manifest && e.kinds.iter().any(|k| k == "test");
    let tests: Vec<PathBuf> = built
        .into_iter()
        .filter(is_e2e_test)
        .map(|e| e.path)
        .collect();
    if tests.is_empty() {
        return Err(XtaskError::Metadata(format!(
            "cargo built no test of {}",
            manifest.display()
        )));
    }
    Ok(tests)
}

/// One line per stage, then the totals as `total: N passed, M failed` (the plain closing line CI reads).
fn print_summary(setup_took: Duration, stages: &[Stage]) {
    println!("\n=== xtask test summary ===");
    println!("{:<8} {:<7} {:>12}", "setup", "ok", human(setup_took));
    let mut total = TestTally::default();
    for stage in stages {
        total = total.plus(stage.tally);
        let verdict = if stage.outcome.is_ok() {
            "ok"
        } else {
            "FAILED"
        };
        let t = stage.tally;
        let detail = match &stage.outcome {
            Ok(()) => format!(
                "{} passed, {} failed, {} ignored",
                t.passed, t.failed, t.ignored
            ),
            Err(error) => format!("{} passed, {} failed: {error}", t.passed, t.failed),
        };
        println!(
            "{:<8} {:<7} {:>12}  {detail}",
            stage.name,
            verdict,
            human(stage.took)
        );
    }
    println!("total: {} passed, {} failed", total.passed, total.failed);
}
