//! `cargo xtask <command>`: project automation (see `usage()`).

mod bench;
mod bench_load;
mod bench_mock;
mod cargo_artifacts;
mod compress;
mod content_hash;
mod dev;
mod error;
mod interrupt;
mod mock_bank;
mod paths;
mod preview;
mod process;
mod release_build;
mod release_html;
mod service;
mod setup;
mod size;
mod split_build;
mod test;
mod test_tally;
mod timing;
mod workspace_targets;

use std::process::ExitCode;

use error::XtaskError;

/// The commands and what they do, printed on bad usage.
fn usage() -> &'static str {
    "usage: cargo xtask <command>\n\
     \n\
     commands:\n  \
       setup                  install what is missing (wasm32 target, trunk, wasm-bindgen-cli, wasm-pack,\n                         \
                              Chromium + chromedriver, npm packages incl. wasm-opt)\n  \
       dev                    mock bank on :8081 + `trunk serve` on http://127.0.0.1:8080 until Ctrl-C\n  \
       test [STAGE..] [-- ARGS]  native tests, browser tests (wasm-pack) and end-to-end tests; STAGE picks\n                         \
                              some of native|browser|e2e, ARGS go to their runners (e.g. `e2e -- transfer`)\n  \
       preview [--port N]     release build served by the mock bank on one origin (default port 8080)\n  \
       size                   release build and its raw / gzip / brotli sizes (docs/size.md)\n  \
       bench <mock|http|query> [args]  run a benchmark"
}

fn main() -> ExitCode {
    paths::enter_workspace();
    interrupt::install();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{}", usage());
        return ExitCode::from(2);
    };
    let outcome = match command.as_str() {
        "setup" => setup::run(),
        "dev" => dev::run(),
        "test" => test::run(rest),
        "preview" => preview::run(rest),
        "size" => size::run(rest),
        "bench" => bench::run(rest),
        "help" | "--help" | "-h" => {
            println!("{}", usage());
            Ok(())
        }
        other => Err(XtaskError::Usage(format!(
            "unknown command `{other}`\n\n{}",
            usage()
        ))),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask {command}: error: {error}");
            ExitCode::FAILURE
        }
    }
}
