//! Decoding 2xx JSON bodies into wire types: any mismatch is `ApiError::Decode`, never a panic.

use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::response::Response;

/// The body as `T`; an empty body (204) reads as JSON `null`, which suits `()` and `Option<_>`.
pub fn decode_json<T: DeserializeOwned>(response: &Response) -> Result<T, ApiError> {
    let body: &[u8] = if response.body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        &response.body
    };
    serde_json::from_slice(body).map_err(|e| ApiError::Decode {
        request_id: response.request_id.clone(),
        what: format!("{}: {e}", short_type_name::<T>()),
    })
}

/// `Vec<digibank_api_types::Account>` → `Vec<Account>`.
fn short_type_name<T>() -> String {
    let full = std::any::type_name::<T>();
    let mut out = String::with_capacity(full.len());
    for piece in full.split_inclusive(['<', '>', ',', ' ']) {
        out.push_str(piece.rsplit("::").next().unwrap_or(piece));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::http::RequestId;
    use digibank_api_types::{Amount, Balance, Health};

    fn ok(body: &str) -> Response {
        let mut r = Response::new(200, RequestId::from("r"));
        r.body = body.as_bytes().to_vec();
        r
    }

    fn balance_json(amount: &str) -> String {
        format!(
            r#"{{"accountId":"a1","balance":{amount},"availableBalance":"10.00","currency":"USD","asOf":"2024-01-01T00:00:00Z","extra":[1,2]}}"#
        )
    }

    #[test]
    fn amounts_decode_exactly_as_numbers_or_strings_and_extra_fields_are_ignored() {
        let from_number: Balance = decode_json(&ok(&balance_json("125430.00"))).expect("number");
        let from_string: Balance =
            decode_json(&ok(&balance_json("\"125430.00\""))).expect("string");
        assert_eq!(from_number.balance, Amount::from_minor(12_543_000));
        assert_eq!(from_number, from_string);
        let tricky: Balance = decode_json(&ok(&balance_json("0.30"))).expect("no float rounding");
        assert_eq!(tricky.balance, Amount::from_minor(30));
    }

    #[test]
    fn wrong_types_missing_fields_and_huge_numbers_are_decode_errors() {
        for body in [
            balance_json("\"abc\""),
            balance_json("1e400"),
            balance_json("99999999999999999999999"),
            balance_json("0.001"),
            balance_json("true"),
            r#"{"accountId":"a1"}"#.to_owned(),
            "[]".to_owned(),
            "not json".to_owned(),
            "{\"accountId\": ".to_owned(),
        ] {
            let err = decode_json::<Balance>(&ok(&body)).expect_err(&body);
            let ApiError::Decode { what, request_id } = &err else {
                panic!("{err:?}")
            };
            assert!(what.starts_with("Balance: "), "{what}");
            assert_eq!(request_id.as_str(), "r");
        }
        let deep = "[".repeat(100_000);
        assert!(decode_json::<serde_json::Value>(&ok(&deep)).is_err());
    }

    #[test]
    fn empty_bodies_read_as_null() {
        decode_json::<()>(&ok("")).expect("unit");
        assert_eq!(decode_json::<Option<Health>>(&ok("")).expect("none"), None);
        assert!(decode_json::<Health>(&ok("")).is_err());
    }
}
