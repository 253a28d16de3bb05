//! The digibank SPA entry point (built by trunk).

fn main() {
    digibank::app::start();
}
