//! `cargo xtask preview [--port N]`: the release build served by the mock bank itself, app and API on one origin.

use crate::error::XtaskError;
use crate::mock_bank::{self, MockBank, MockLog};
use crate::paths::dist_dir;
use crate::{release_build, service, setup};

/// Port used when `--port` is not given.
const DEFAULT_PORT: &str = "8080";

/// Builds the release bundle and serves it until Ctrl-C.
pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let port = parse_port(args)?;
    setup::run()?;
    let dist = dist_dir();
    release_build::build(&dist)?;
    let binary = mock_bank::build()?;
    let dist = dist.to_string_lossy();
    let mock_args = ["--port", &port, "--admin-port", "0", "--static", &dist];
    let mut mock = MockBank::start(&binary, "preview", &mock_args, MockLog::Terminal)?;
    println!(
        "\n  preview: {} (release build and mock bank on one origin; Ctrl-C stops it)\n",
        mock.url
    );
    service::supervise(&mut [mock.service()], || {})
}

/// The value of `--port N`, or the default.
fn parse_port(args: &[String]) -> Result<String, XtaskError> {
    match args {
        [] => Ok(DEFAULT_PORT.to_owned()),
        [flag, port] if flag == "--port" && port.parse::<u16>().is_ok() => Ok(port.clone()),
        _ => Err(XtaskError::Usage(
            "usage: cargo xtask preview [--port N]".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_defaults_to_8080_and_accepts_a_flag() {
        assert_eq!(parse_port(&[]).ok().as_deref(), Some("8080"));
        let args = ["--port".to_owned(), "9000".to_owned()];
        assert_eq!(parse_port(&args).ok().as_deref(), Some("9000"));
    }

    #[test]
    fn rejects_a_bad_port() {
        let args = ["--port".to_owned(), "http".to_owned()];
        assert!(matches!(parse_port(&args), Err(XtaskError::Usage(_))));
    }
}
