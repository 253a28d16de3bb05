//! OAuth request parameters (query string or form body), following RFC 6749 §3.1: a parameter without a
//! value counts as absent, and no parameter may appear twice.

use std::collections::HashMap;

use axum::http::{HeaderMap, header};

/// Why the parameters could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamsError {
    /// A parameter was sent more than once.
    #[error("Parameter {0} was sent more than once")]
    Repeated(String),
    /// A POST body that is not `application/x-www-form-urlencoded`.
    #[error("Send the parameters as application/x-www-form-urlencoded")]
    NotAForm,
}

/// Decoded request parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(HashMap<String, String>);

impl Params {
    /// Parameters of a query string (or of a form body's bytes).
    pub fn parse(encoded: &[u8]) -> Result<Params, ParamsError> {
        let mut map = HashMap::new();
        for (name, value) in form_urlencoded::parse(encoded) {
            if value.is_empty() {
                continue;
            }
            if map.insert(name.to_string(), value.into_owned()).is_some() {
                return Err(ParamsError::Repeated(name.into_owned()));
            }
        }
        Ok(Params(map))
    }

    /// Parameters of a form body; the content type must say it is one.
    pub fn form(headers: &HeaderMap, body: &[u8]) -> Result<Params, ParamsError> {
        let essence = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase());
        match essence.as_deref() {
            Some("application/x-www-form-urlencoded") => Params::parse(body),
            _ => Err(ParamsError::NotAForm),
        }
    }

    /// A parameter's value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// Every parameter, for carrying an authorization request through the login form.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn empty_values_are_absent_and_repeats_refused() {
        let params = Params::parse(b"a=1&b=&c=x%20y").unwrap();
        assert_eq!(params.get("a"), Some("1"));
        assert_eq!(params.get("b"), None);
        assert_eq!(params.get("c"), Some("x y"));
        assert_eq!(
            Params::parse(b"a=1&a=2"),
            Err(ParamsError::Repeated("a".into()))
        );
    }

    #[test]
    fn forms_need_their_content_type() {
        let mut headers = HeaderMap::new();
        assert_eq!(Params::form(&headers, b"a=1"), Err(ParamsError::NotAForm));
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded; charset=UTF-8"),
        );
        assert_eq!(Params::form(&headers, b"a=1").unwrap().get("a"), Some("1"));
    }
}
