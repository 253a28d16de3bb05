//! Unguessable values (OAuth `state`, OIDC `nonce`, PKCE verifier) from the platform's CSPRNG
//! (`crypto.getRandomValues` in the browser, the OS generator natively).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::AuthError;

/// Bytes of entropy in every generated value: 256 bits, twice the 128-bit minimum.
pub const RANDOM_BYTES: usize = 32;

/// A fresh base64url (no padding) string carrying [`RANDOM_BYTES`] of entropy (43 characters).
pub fn random_token() -> Result<String, AuthError> {
    let mut bytes = [0u8; RANDOM_BYTES];
    getrandom::fill(&mut bytes)
        .map_err(|e| AuthError::Config(format!("no secure random source: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn tokens_are_43_url_safe_characters() {
        let token = random_token().unwrap();
        assert_eq!(token.len(), 43);
        assert!(
            token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{token}"
        );
    }

    #[test]
    fn tokens_are_unique_and_carry_at_least_128_bits() {
        let tokens: HashSet<String> = (0..2000).map(|_| random_token().unwrap()).collect();
        assert_eq!(tokens.len(), 2000);
        let decoded: Vec<Vec<u8>> = tokens
            .iter()
            .map(|t| URL_SAFE_NO_PAD.decode(t).unwrap())
            .collect();
        assert!(decoded.iter().all(|bytes| bytes.len() * 8 >= 128));
        // Every byte value should appear across 64 000 random bytes; a stuck or biased source would not.
        let seen: HashSet<u8> = decoded.iter().flatten().copied().collect();
        assert_eq!(seen.len(), 256);
        // Each bit position is set in roughly half of the samples (binomial, n = 2000: 40 % – 60 % is > 8 sigma).
        for bit in 0..8 {
            let set = decoded
                .iter()
                .filter(|bytes| bytes[0] & (1 << bit) != 0)
                .count();
            assert!(
                (800..1200).contains(&set),
                "bit {bit} set {set} times out of 2000"
            );
        }
    }
}
