//! A compact JWS (`header.payload.signature`) taken apart before any signature check: the header's `alg` and
//! `kid`, the exact signing input and the decoded signature. Nothing here is trusted yet.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

use super::IdTokenRejection;

/// The parts of a compact JWS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompactJws {
    /// The header's `alg`, as sent.
    pub alg: String,
    /// The header's `kid`, if any.
    pub kid: Option<String>,
    /// `base64url(header) "." base64url(payload)`, the bytes the signature covers.
    pub signing_input: Vec<u8>,
    /// The signature, decoded.
    pub signature: Vec<u8>,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

impl CompactJws {
    /// Splits `token` into its three parts; anything but three base64url parts with a JSON header is malformed.
    pub fn parse(token: &str) -> Result<Self, IdTokenRejection> {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed());
        };
        let signing_input = token.as_bytes()[..header.len() + 1 + payload.len()].to_vec();
        let header_json = URL_SAFE_NO_PAD.decode(header).map_err(|_| malformed())?;
        let header: Header = serde_json::from_slice(&header_json).map_err(|_| malformed())?;
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| IdTokenRejection::Signature)?;
        Ok(Self {
            alg: header.alg,
            kid: header.kid,
            signing_input,
            signature,
        })
    }
}

fn malformed() -> IdTokenRejection {
    IdTokenRejection::Other("it is malformed".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(text: &str) -> String {
        URL_SAFE_NO_PAD.encode(text)
    }

    #[test]
    fn the_parts_and_the_exact_signing_input_are_taken_apart() {
        let token = format!(
            "{}.{}.{}",
            b64(r#"{"alg":"ES256","kid":"k1"}"#),
            b64("{}"),
            b64("sig")
        );
        let jws = CompactJws::parse(&token).unwrap();
        assert_eq!(
            (jws.alg.as_str(), jws.kid.as_deref()),
            ("ES256", Some("k1"))
        );
        assert_eq!(
            jws.signing_input,
            token.rsplit_once('.').unwrap().0.as_bytes()
        );
        assert_eq!(jws.signature, b"sig");
    }

    #[test]
    fn malformed_tokens_are_rejected_without_panicking() {
        let header = b64(r#"{"alg":"RS256"}"#);
        for token in [
            String::new(),
            "a.b".into(),
            "a.b.c.d".into(),
            format!("{}.{}.{}", b64("not json"), b64("{}"), b64("s")),
            format!("!!.{}.{}", b64("{}"), b64("s")),
            format!("{}.{}.{}", b64(r#"{"kid":"no alg"}"#), b64("{}"), b64("s")),
        ] {
            assert!(
                matches!(CompactJws::parse(&token), Err(IdTokenRejection::Other(_))),
                "{token}"
            );
        }
        let bad_signature = format!("{header}.{}.not*base64", b64("{}"));
        assert_eq!(
            CompactJws::parse(&bad_signature),
            Err(IdTokenRejection::Signature)
        );
    }
}
