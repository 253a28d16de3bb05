//! Durations the way people read them.

use std::time::Duration;

/// `850 ms`, `12.3 s` or `7 min 31 s`.
pub fn human(duration: Duration) -> String {
    let millis = duration.as_millis();
    match millis {
        0..1_000 => format!("{millis} ms"),
        1_000..60_000 => format!("{:.1} s", duration.as_secs_f64()),
        _ => format!("{} min {:02} s", millis / 60_000, (millis % 60_000) / 1_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_a_unit_by_magnitude() {
        assert_eq!(human(Duration::from_millis(850)), "850 ms");
        assert_eq!(human(Duration::from_millis(12_340)), "12.3 s");
        assert_eq!(human(Duration::from_secs(451)), "7 min 31 s");
    }
}
