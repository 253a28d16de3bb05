//! Path patterns such as `/transfers/{id}/cancel` or `/api/accounts/:id`, matched segment by segment.

/// A path pattern: literal segments, `{name}` or `:name` for any one segment, a final `*` for any rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPattern(String);

impl PathPattern {
    /// A pattern from its text.
    pub fn new(pattern: impl Into<String>) -> Self {
        PathPattern(pattern.into())
    }

    /// The pattern text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when `path` (its query, if any, ignored) matches.
    pub fn matches(&self, path: &str) -> bool {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let mut wanted = segments(&self.0);
        let mut given = segments(path);
        loop {
            match (wanted.next(), given.next()) {
                (Some("*"), _) => return true,
                (Some(w), Some(g)) if is_placeholder(w) || w == g => continue,
                (None, None) => return true,
                _ => return false,
            }
        }
    }
}

impl From<&str> for PathPattern {
    fn from(value: &str) -> Self {
        PathPattern::new(value)
    }
}

/// The non-empty `/`-separated segments.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// `{id}` or `:id`.
fn is_placeholder(segment: &str) -> bool {
    segment.starts_with(':') || (segment.starts_with('{') && segment.ends_with('}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_placeholders_and_wildcards() {
        let p = PathPattern::new("/transfers/{id}/cancel");
        assert!(p.matches("/transfers/t-1/cancel"));
        assert!(p.matches("transfers/t-1/cancel/"));
        assert!(!p.matches("/transfers/t-1"));
        assert!(!p.matches("/transfers/t-1/cancel/x"));
        assert!(PathPattern::new("/api/accounts/:id").matches("/api/accounts/42?x=1"));
        assert!(PathPattern::new("/api/*").matches("/api/a/b/c"));
        assert!(PathPattern::new("/transfers").matches("/transfers"));
        assert!(!PathPattern::new("/transfers").matches("/transfers/schedule"));
    }
}
