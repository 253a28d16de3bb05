//! Typed, hierarchical query keys (`["accounts", id, "balance"]`) with prefix matching.

use std::fmt;
use std::sync::Arc;

/// One segment of a [`QueryKey`]: text, an integer, a flag or an absent optional value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeySegment {
    /// Text, e.g. `"accounts"` or an account id.
    Text(Arc<str>),
    /// A whole number, e.g. a page.
    Int(i64),
    /// A flag.
    Bool(bool),
    /// An optional value that is absent (a filter that is not set).
    Null,
}

impl fmt::Display for KeySegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySegment::Text(text) => write!(f, "{text:?}"),
            KeySegment::Int(number) => write!(f, "{number}"),
            KeySegment::Bool(flag) => write!(f, "{flag}"),
            KeySegment::Null => f.write_str("null"),
        }
    }
}

impl From<&str> for KeySegment {
    fn from(text: &str) -> Self {
        KeySegment::Text(Arc::from(text))
    }
}

impl From<String> for KeySegment {
    fn from(text: String) -> Self {
        KeySegment::Text(Arc::from(text))
    }
}

impl From<&String> for KeySegment {
    fn from(text: &String) -> Self {
        KeySegment::from(text.as_str())
    }
}

impl From<bool> for KeySegment {
    fn from(flag: bool) -> Self {
        KeySegment::Bool(flag)
    }
}

macro_rules! int_segment {
    ($($t:ty),*) => {$(
        impl From<$t> for KeySegment {
            fn from(number: $t) -> Self {
                KeySegment::Int(i64::from(number))
            }
        }
    )*};
}
int_segment!(i8, i16, i32, i64, u8, u16, u32);

macro_rules! wide_int_segment {
    ($($t:ty),*) => {$(
        /// Values beyond `i64` become their decimal text, so equal numbers always make equal segments.
        impl From<$t> for KeySegment {
            fn from(number: $t) -> Self {
                i64::try_from(number).map_or_else(|_| KeySegment::from(number.to_string()), KeySegment::Int)
            }
        }
    )*};
}
wide_int_segment!(u64, usize, isize);

impl<T: Into<KeySegment>> From<Option<T>> for KeySegment {
    fn from(value: Option<T>) -> Self {
        value.map_or(KeySegment::Null, Into::into)
    }
}

/// A hierarchical cache key; cheap to clone. Build it with [`query_key!`](crate::query_key).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QueryKey(Arc<[KeySegment]>);

impl QueryKey {
    /// A key made of the given segments.
    pub fn new(segments: Vec<KeySegment>) -> Self {
        QueryKey(Arc::from(segments))
    }

    /// The segments, outermost first.
    pub fn segments(&self) -> &[KeySegment] {
        &self.0
    }

    /// True when `prefix`'s segments are the first segments of this key (every key starts with the empty key).
    pub fn starts_with(&self, prefix: &QueryKey) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// This key with one more segment appended.
    pub fn child(&self, segment: impl Into<KeySegment>) -> QueryKey {
        let mut segments = self.0.to_vec();
        segments.push(segment.into());
        QueryKey::new(segments)
    }
}

impl fmt::Display for QueryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (index, segment) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{segment}")?;
        }
        f.write_str("]")
    }
}

/// Anything a query can be keyed by: a [`QueryKey`] itself, or typed parameters that know their key.
pub trait ToQueryKey {
    /// The cache key for these parameters.
    fn to_query_key(&self) -> QueryKey;
}

impl ToQueryKey for QueryKey {
    fn to_query_key(&self) -> QueryKey {
        self.clone()
    }
}

/// Builds a [`QueryKey`](crate::services::query::QueryKey) from segments: `query_key!["accounts", id, "balance"]`.
#[macro_export]
macro_rules! query_key {
    ($($segment:expr),* $(,)?) => {
        $crate::services::query::QueryKey::new(vec![$($crate::services::query::KeySegment::from($segment)),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_with_equal_segments_are_equal_whatever_the_integer_type() {
        assert_eq!(
            query_key!["accounts", 7u32, "transactions"],
            query_key!["accounts", 7i64, "transactions"]
        );
        assert_eq!(query_key![u64::MAX], query_key![u64::MAX.to_string()]);
    }

    #[test]
    fn prefix_matching_is_by_whole_segments() {
        let balance = query_key!["accounts", "a1", "balance"];
        assert!(balance.starts_with(&query_key!["accounts"]));
        assert!(balance.starts_with(&query_key!["accounts", "a1"]));
        assert!(balance.starts_with(&query_key![]));
        assert!(!balance.starts_with(&query_key!["account"]));
        assert!(!balance.starts_with(&query_key!["accounts", "a2"]));
        assert!(!query_key!["accounts"].starts_with(&balance));
    }

    #[test]
    fn optional_filters_become_null_segments() {
        let none: Option<&str> = None;
        assert_eq!(query_key![none].segments(), &[KeySegment::Null]);
        assert_eq!(query_key![Some("x")], query_key!["x"]);
    }

    #[test]
    fn child_appends_and_display_reads_like_an_array() {
        let key = query_key!["accounts"].child("a1").child(2u32).child(true);
        assert_eq!(key.to_string(), r#"["accounts", "a1", 2, true]"#);
    }
}
