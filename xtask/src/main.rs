//! `cargo xtask <command>`: project automation.

fn main() {
    eprintln!("usage: cargo xtask <setup|dev|test|preview|size>");
    std::process::exit(2);
}
