//! Running programs to completion: echoed, timed, checked.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use crate::error::XtaskError;
use crate::test_tally::TestTally;

/// A command the way a person would type it (environment overrides first).
pub fn display(cmd: &Command) -> String {
    let envs = cmd
        .get_envs()
        .filter_map(|(k, v)| Some(format!("{}={}", k.to_string_lossy(), v?.to_string_lossy())));
    let words = std::iter::once(cmd.get_program().to_string_lossy().into_owned())
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    envs.filter(|e| !e.starts_with("PATH="))
        .chain(words)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a command with the terminal as its stdio, printing it first; fails unless it exits 0.
pub fn run(cmd: &mut Command) -> Result<(), XtaskError> {
    let command = display(cmd);
    println!("$ {command}");
    let status = cmd.status().map_err(|source| XtaskError::Spawn {
        command: command.clone(),
        source,
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(XtaskError::Failed { command, status })
    }
}

/// The trimmed stdout of a command that exits 0, or `None` (not installed, or failing): for version probes.
pub fn probe(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// What a test runner reported, and whether it exited 0.
pub type TestRun = (TestTally, Result<(), XtaskError>);

/// Runs a test runner, echoing its stdout line by line and adding up its `test result:` lines.
/// The tally is returned even when the runner fails, so the summary can show it.
pub fn run_tests(cmd: &mut Command) -> TestRun {
    let command = display(cmd);
    println!("$ {command}");
    let mut tally = TestTally::default();
    let mut child = match cmd.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(source) => return (tally, Err(XtaskError::Spawn { command, source })),
    };
    if let Some(stdout) = child.stdout.take() {
        let mut out = std::io::stdout();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            tally.add_line(&line);
            let _ = writeln!(out, "{line}");
        }
    }
    let outcome = match child.wait() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(XtaskError::Failed { command, status }),
        Err(error) => Err(XtaskError::io(format!("waiting for `{command}`"))(error)),
    };
    (tally, outcome)
}
