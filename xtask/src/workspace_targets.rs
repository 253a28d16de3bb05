//! The build targets of the workspace's packages, from `cargo metadata`.

use std::process::Command;

use serde_json::Value;

use crate::error::XtaskError;
use crate::process::display;

/// One target (a package has one per lib, bin, test, bench…; a target with several kinds appears once per kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The package that declares it.
    pub package: String,
    /// The target's name (`--test <name>`, `--bench <name>`).
    pub name: String,
    /// `lib`, `bin`, `test`, `bench`, …
    pub kind: String,
}

/// Every target of every workspace package.
pub fn list() -> Result<Vec<Target>, XtaskError> {
    let mut cmd = Command::new("cargo");
    cmd.args(["metadata", "--format-version", "1", "--no-deps"]);
    let command = display(&cmd);
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
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| XtaskError::Metadata(format!("unreadable `{command}` output: {e}")))?;
    Ok(targets_of(&metadata))
}

/// The targets listed in `cargo metadata` JSON.
fn targets_of(metadata: &Value) -> Vec<Target> {
    let packages = metadata["packages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    packages
        .iter()
        .flat_map(|package| {
            let package_name = package["name"].as_str().unwrap_or_default();
            let targets = package["targets"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default();
            targets.iter().flat_map(move |target| {
                let kinds = target["kind"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                kinds
                    .iter()
                    .filter_map(Value::as_str)
                    .map(move |kind| Target {
                        package: package_name.to_owned(),
                        name: target["name"].as_str().unwrap_or_default().to_owned(),
                        kind: kind.to_owned(),
                    })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_one_entry_per_target_and_kind() {
        let metadata = serde_json::json!({ "packages": [
            { "name": "digibank-mock", "targets": [{ "name": "digibank_mock", "kind": ["lib"] }] },
            { "name": "digibank", "targets": [
                { "name": "http_chain", "kind": ["bench"] },
                { "name": "digibank", "kind": ["lib", "cdylib"] },
            ]},
        ]});
        let found: Vec<(String, String, String)> = targets_of(&metadata)
            .into_iter()
            .map(|t| (t.package, t.name, t.kind))
            .collect();
        let expected = [
            ("digibank-mock", "digibank_mock", "lib"),
            ("digibank", "http_chain", "bench"),
            ("digibank", "digibank", "lib"),
            ("digibank", "digibank", "cdylib"),
        ];
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(p, n, k)| (p.to_string(), n.to_string(), k.to_string()))
            .collect();
        assert_eq!(found, expected);
    }
}
