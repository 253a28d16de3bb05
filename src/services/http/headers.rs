//! An ordered, case-insensitive header map whose `Debug` output never shows credentials.

use std::fmt;

/// Header names whose values are credentials and are redacted from `Debug` output.
const SECRET_HEADERS: [&str; 4] = ["authorization", "cookie", "set-cookie", "x-xsrf-token"];

/// HTTP headers; names are stored lower-case, one value per name.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// No headers.
    pub fn new() -> Self {
        Headers(Vec::new())
    }

    /// The value of `name` (any case), if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// True when `name` (any case) is present.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets `name` to `value`, replacing any earlier value.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self
            .0
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(entry) => entry.1 = value,
            None => self.0.push((name.to_ascii_lowercase(), value)),
        }
    }

    /// Sets `name` only when it is not present yet.
    pub fn set_default(&mut self, name: &str, value: &str) {
        if !self.contains(name) {
            self.set(name, value);
        }
    }

    /// Removes `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let index = self
            .0
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case(name))?;
        Some(self.0.remove(index).1)
    }

    /// The `(name, value)` pairs in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Number of headers.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no headers.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<N: AsRef<str>, V: Into<String>> FromIterator<(N, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        let mut headers = Headers::new();
        for (name, value) in iter {
            headers.set(name.as_ref(), value);
        }
        headers
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.0.iter().map(|(n, v)| {
            let value = if SECRET_HEADERS.contains(&n.as_str()) {
                "[redacted]"
            } else {
                v.as_str()
            };
            (n.as_str(), value)
        });
        f.debug_map().entries(shown).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_case_insensitive_and_set_replaces() {
        let mut h = Headers::new();
        h.set("Content-Type", "text/plain");
        h.set("content-type", "application/json");
        assert_eq!(h.get("CONTENT-TYPE"), Some("application/json"));
        assert_eq!(h.len(), 1);
        h.set_default("Content-Type", "x");
        assert_eq!(h.get("content-type"), Some("application/json"));
        assert_eq!(
            h.remove("Content-type").as_deref(),
            Some("application/json")
        );
        assert!(h.is_empty());
    }

    #[test]
    fn debug_redacts_credentials() {
        let h: Headers = [
            ("Authorization", "Bearer secret-token"),
            ("X-Request-ID", "abc"),
        ]
        .into_iter()
        .collect();
        let shown = format!("{h:?}");
        assert!(!shown.contains("secret-token"), "{shown}");
        assert!(
            shown.contains("[redacted]") && shown.contains("abc"),
            "{shown}"
        );
    }
}
