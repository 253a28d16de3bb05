//! Adding up the `test result:` lines that libtest and wasm-bindgen-test-runner print.

/// Passed, failed and ignored tests over one or more runners.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TestTally {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
    /// Tests that were ignored.
    pub ignored: u64,
}

impl TestTally {
    /// Adds the counts of a line like `test result: ok. 3 passed; 0 failed; 1 ignored; ...`; other lines add nothing.
    pub fn add_line(&mut self, line: &str) {
        let Some((_, counts)) = line.trim().split_once("test result: ") else {
            return;
        };
        for part in counts.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(number)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(number) = number.parse::<u64>() else {
                continue;
            };
            match label {
                "passed" => self.passed += number,
                "failed" => self.failed += number,
                "ignored" => self.ignored += number,
                _ => {}
            }
        }
    }

    /// Both tallies together.
    pub fn plus(self, other: TestTally) -> TestTally {
        TestTally {
            passed: self.passed + other.passed,
            failed: self.failed + other.failed,
            ignored: self.ignored + other.ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_libtest_summary_line() {
        let mut tally = TestTally::default();
        tally.add_line("test result: ok. 12 passed; 1 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        assert_eq!(
            tally,
            TestTally {
                passed: 12,
                failed: 1,
                ignored: 2
            }
        );
    }

    #[test]
    fn adds_up_several_runners_and_ignores_other_lines() {
        let mut tally = TestTally::default();
        tally
            .add_line("test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out");
        tally.add_line("test money::parses ... ok");
        tally.add_line("test result: FAILED. 1 passed; 2 failed; 0 ignored");
        assert_eq!(
            tally,
            TestTally {
                passed: 4,
                failed: 2,
                ignored: 0
            }
        );
    }

    #[test]
    fn plus_adds_each_count() {
        let a = TestTally {
            passed: 1,
            failed: 2,
            ignored: 3,
        };
        assert_eq!(
            a.plus(a),
            TestTally {
                passed: 2,
                failed: 4,
                ignored: 6
            }
        );
    }
}
