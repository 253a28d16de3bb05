//! A Socket.IO namespace (`/`, `/admin`): the multiplexing key written before a packet's data.

use std::fmt;

use super::CodecError;

/// A valid namespace: starts with `/` and contains no `,` (the separator on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Namespace(String);

impl Namespace {
    /// Validates a namespace name.
    pub fn new(name: &str) -> Result<Self, CodecError> {
        if name.starts_with('/') && !name.contains(',') {
            Ok(Namespace(name.to_owned()))
        } else {
            Err(CodecError::InvalidNamespace(name.to_owned()))
        }
    }

    /// The main namespace `/`.
    pub fn root() -> Self {
        Namespace("/".to_owned())
    }

    /// The name, e.g. `/admin`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The wire prefix: nothing for `/`, otherwise the name and a comma (`/admin,`).
    pub fn wire_prefix(&self) -> String {
        if self.0 == "/" {
            String::new()
        } else {
            format!("{},", self.0)
        }
    }

    /// Splits a leading namespace off a packet body (after the type digit); no prefix means `/`.
    pub(crate) fn split_prefix(body: &str) -> (Namespace, &str) {
        if !body.starts_with('/') {
            return (Namespace::root(), body);
        }
        match body.split_once(',') {
            Some((name, rest)) => (Namespace(name.to_owned()), rest),
            None => (Namespace(body.to_owned()), ""),
        }
    }
}

impl Default for Namespace {
    fn default() -> Self {
        Namespace::root()
    }
}

impl fmt::Display for Namespace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_names() {
        assert_eq!(Namespace::new("/admin").unwrap().as_str(), "/admin");
        assert!(Namespace::new("admin").is_err());
        assert!(Namespace::new("/a,b").is_err());
        assert!(Namespace::new("").is_err());
    }

    #[test]
    fn root_has_no_wire_prefix() {
        assert_eq!(Namespace::root().wire_prefix(), "");
        assert_eq!(Namespace::new("/admin").unwrap().wire_prefix(), "/admin,");
    }

    #[test]
    fn splits_prefixes_like_socket_io_parser() {
        assert_eq!(
            Namespace::split_prefix(r#"/admin,12["x"]"#),
            (Namespace::new("/admin").unwrap(), r#"12["x"]"#)
        );
        assert_eq!(
            Namespace::split_prefix("/admin"),
            (Namespace::new("/admin").unwrap(), "")
        );
        assert_eq!(
            Namespace::split_prefix(r#"["x"]"#),
            (Namespace::root(), r#"["x"]"#)
        );
    }
}
