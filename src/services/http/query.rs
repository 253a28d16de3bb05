//! Query strings: built from pairs or from any `Serialize` struct (e.g. `TransactionQuery`), percent-encoded.

use serde::Serialize;
use serde_json::Value;

/// Why a value cannot be a query string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// The value did not serialize.
    #[error("the query did not serialize: {0}")]
    Serialize(String),
    /// Only a flat object (or nothing) makes a query string.
    #[error("a query must be a flat object of scalars or lists of scalars, found {0}")]
    NotFlat(&'static str),
}

/// Ordered `name=value` pairs of a URL query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// No parameters.
    pub fn new() -> Self {
        Query(Vec::new())
    }

    /// Builds a query from a struct or map: `None`/null fields are left out, lists repeat their name.
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> Result<Query, QueryError> {
        let value =
            serde_json::to_value(value).map_err(|e| QueryError::Serialize(e.to_string()))?;
        let object = match value {
            Value::Null => return Ok(Query::new()),
            Value::Object(object) => object,
            other => return Err(QueryError::NotFlat(json_kind(&other))),
        };
        let mut query = Query::new();
        for (name, value) in object {
            match value {
                Value::Array(items) => {
                    for item in items {
                        query.push_scalar(&name, item)?;
                    }
                }
                scalar => query.push_scalar(&name, scalar)?,
            }
        }
        Ok(query)
    }

    /// Appends one parameter.
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The pairs in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// True when there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `a=1&b=x%20y` (no leading `?`).
    pub fn encode(&self) -> String {
        let encoded: Vec<String> = self
            .0
            .iter()
            .map(|(n, v)| format!("{}={}", percent_encode(n), percent_encode(v)))
            .collect();
        encoded.join("&")
    }

    fn push_scalar(&mut self, name: &str, value: Value) -> Result<(), QueryError> {
        let text = match value {
            Value::Null => return Ok(()),
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            other => return Err(QueryError::NotFlat(json_kind(&other))),
        };
        self.push(name, text);
        Ok(())
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for Query {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        Query(
            iter.into_iter()
                .map(|(n, v)| (n.into(), v.into()))
                .collect(),
        )
    }
}

/// A JSON value's kind, for error messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a nested list",
        Value::Object(_) => "a nested object",
    }
}

/// Percent-encodes everything except RFC 3986 unreserved characters.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use digibank_api_types::{TransactionQuery, TransactionType};

    #[test]
    fn a_wire_query_struct_becomes_camel_case_pairs_without_nones() {
        let q = TransactionQuery {
            page: Some(2),
            page_size: Some(50),
            q: Some("coffee & cake".into()),
            from: None,
            to: None,
            transaction_type: Some(TransactionType::Card),
        };
        let query = Query::from_serialize(&q).expect("flat");
        assert_eq!(query.get("pageSize"), Some("50"));
        assert_eq!(query.get("from"), None);
        let encoded = query.encode();
        assert!(encoded.contains("q=coffee%20%26%20cake"), "{encoded}");
        assert!(encoded.contains("page=2"), "{encoded}");
    }

    #[test]
    fn nothing_lists_and_nesting() {
        assert!(
            Query::from_serialize(&())
                .expect("unit is empty")
                .is_empty()
        );
        let q = Query::from_serialize(&serde_json::json!({"id": ["a", "b"]})).expect("list");
        assert_eq!(q.encode(), "id=a&id=b");
        assert_eq!(
            Query::from_serialize(&serde_json::json!({"a": {"b": 1}})),
            Err(QueryError::NotFlat("a nested object"))
        );
        assert_eq!(
            Query::from_serialize(&5),
            Err(QueryError::NotFlat("a number"))
        );
    }

    #[test]
    fn encoding_keeps_only_unreserved_characters() {
        assert_eq!(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(percent_encode("é/?="), "%C3%A9%2F%3F%3D");
    }
}
