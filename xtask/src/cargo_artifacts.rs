//! Building with cargo and learning which executables it produced (from its JSON messages), instead of guessing
//! paths under target/.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::error::XtaskError;
use crate::process::display;

/// An executable cargo built: a binary, or a test harness with `--no-run`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Executable {
    /// Cargo.toml of the package it belongs to.
    pub manifest_path: PathBuf,
    /// The target's name (`shell` for tests/shell.rs).
    pub target: String,
    /// The target's kinds (`bin`, `test`, `lib`…).
    pub kinds: Vec<String>,
    /// Where the executable is.
    pub path: PathBuf,
}

/// Runs a cargo build command (`cargo build …`, `cargo test --no-run …`) with progress and diagnostics on the
/// terminal, and returns the executables it produced.
pub fn build(cmd: &mut Command) -> Result<Vec<Executable>, XtaskError> {
    cmd.args(["--message-format", "json-render-diagnostics"]);
    cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let command = display(cmd);
    println!("$ {command}");
    let output = cmd.output().map_err(|source| XtaskError::Spawn {
        command: command.clone(),
        source,
    })?;
    if !output.status.success() {
        return Err(XtaskError::Failed {
            command,
            status: output.status,
        });
    }
    Ok(executables_in(&String::from_utf8_lossy(&output.stdout)))
}

/// The executables named in cargo's `compiler-artifact` messages.
fn executables_in(messages: &str) -> Vec<Executable> {
    let parsed = messages
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok());
    parsed
        .filter_map(|message| {
            let strings = |value: &Value| -> Vec<String> {
                value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            };
            Some(Executable {
                manifest_path: PathBuf::from(message["manifest_path"].as_str()?),
                target: message["target"]["name"].as_str()?.to_owned(),
                kinds: strings(&message["target"]["kind"]),
                path: PathBuf::from(message["executable"].as_str()?),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_artifacts_with_an_executable() {
        let messages = concat!(
            r#"{"reason":"compiler-artifact","manifest_path":"/w/Cargo.toml","target":{"name":"axum","kind":["lib"]},"executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","manifest_path":"/w/e2e/Cargo.toml","target":{"name":"shell","kind":["test"]},"executable":"/t/debug/deps/shell-1f"}"#,
            "\n",
            r#"{"reason":"build-finished","success":true}"#,
        );
        let expected = Executable {
            manifest_path: PathBuf::from("/w/e2e/Cargo.toml"),
            target: "shell".into(),
            kinds: vec!["test".into()],
            path: PathBuf::from("/t/debug/deps/shell-1f"),
        };
        assert_eq!(executables_in(messages), vec![expected]);
    }
}
