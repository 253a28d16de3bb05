//! `cargo xtask bench <mock|http|query> [args]`: the benchmarks, outside `cargo xtask test`.

use std::process::Command;

use crate::error::XtaskError;
use crate::process::run as run_command;

/// Runs the chosen benchmark; extra arguments go to it.
pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let Some((which, rest)) = args.split_first() else {
        return Err(XtaskError::Usage(
            "usage: cargo xtask bench <mock|http|query> [args]".into(),
        ));
    };
    match which.as_str() {
        "mock" => crate::bench_mock::run(rest).map_err(XtaskError::Bench),
        "http" => cargo_bench("http_chain", rest),
        "query" => cargo_bench("query_cache", rest),
        other => Err(XtaskError::Usage(format!(
            "unknown benchmark `{other}`: expected mock, http or query"
        ))),
    }
}

/// `cargo bench --package <owner> --bench <name> -- <args>`, after checking that some package has that bench.
fn cargo_bench(name: &str, args: &[String]) -> Result<(), XtaskError> {
    let package = package_with_bench(name)?.ok_or_else(|| {
        XtaskError::Bench(format!(
            "no package of the workspace has a bench target `{name}` yet"
        ))
    })?;
    let mut cmd = Command::new("cargo");
    cmd.args(["bench", "--package", &package, "--bench", name]);
    if !args.is_empty() {
        cmd.arg("--").args(args);
    }
    run_command(&mut cmd)
}

/// The workspace package that declares bench target `name`, from `cargo metadata`.
fn package_with_bench(name: &str) -> Result<Option<String>, XtaskError> {
    let mut cmd = Command::new("cargo");
    cmd.args(["metadata", "--format-version", "1", "--no-deps"]);
    let command = crate::process::display(&cmd);
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
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| XtaskError::Bench(format!("unreadable `cargo metadata` output: {e}")))?;
    Ok(bench_owner(&metadata, name))
}

/// The package in `metadata` with a target of kind `bench` named `name`.
fn bench_owner(metadata: &serde_json::Value, name: &str) -> Option<String> {
    metadata["packages"].as_array()?.iter().find_map(|package| {
        let targets = package["targets"].as_array()?;
        let has_bench = targets.iter().any(|t| {
            t["name"] == name
                && t["kind"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|k| k == "bench"))
        });
        has_bench
            .then(|| package["name"].as_str().map(str::to_owned))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_package_that_owns_a_bench() {
        let metadata = serde_json::json!({ "packages": [
            { "name": "digibank-mock", "targets": [{ "name": "digibank-mock", "kind": ["bin"] }] },
            { "name": "digibank", "targets": [{ "name": "http_chain", "kind": ["bench"] }] },
        ]});
        assert_eq!(
            bench_owner(&metadata, "http_chain").as_deref(),
            Some("digibank")
        );
        assert_eq!(bench_owner(&metadata, "query_cache"), None);
    }
}
