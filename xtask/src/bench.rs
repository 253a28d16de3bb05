//! `cargo xtask bench <mock|http|query|load> [args]`: the benchmarks, outside `cargo xtask test`.

use std::process::Command;

use crate::error::XtaskError;
use crate::process::run as run_command;
use crate::workspace_targets;

/// Runs the chosen benchmark; extra arguments go to it.
pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let Some((which, rest)) = args.split_first() else {
        return Err(XtaskError::Usage(
            "usage: cargo xtask bench <mock|http|query|load> [args]".into(),
        ));
    };
    match which.as_str() {
        "mock" => crate::bench_mock::run(rest).map_err(XtaskError::Bench),
        "http" => cargo_bench("http_chain", rest),
        "query" => cargo_bench("query_cache", rest),
        "load" => crate::bench_load::run(rest),
        other => Err(XtaskError::Usage(format!(
            "unknown benchmark `{other}`: expected mock, http, query or load"
        ))),
    }
}

/// `cargo bench --package <owner> --bench <name> -- <args>`, after checking that some package has that bench.
fn cargo_bench(name: &str, args: &[String]) -> Result<(), XtaskError> {
    let targets = workspace_targets::list()?;
    let owner = targets
        .iter()
        .find(|t| t.kind == "bench" && t.name == name)
        .ok_or_else(|| {
            XtaskError::Bench(format!(
                "no package of the workspace has a bench target `{name}` yet"
            ))
        })?;
    let mut cmd = Command::new("cargo");
    cmd.args(["bench", "--package", &owner.package, "--bench", name]);
    if !args.is_empty() {
        cmd.arg("--").args(args);
    }
    run_command(&mut cmd)
}
