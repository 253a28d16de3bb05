//! An account at another bank (the destination of an external transfer), checked the same way by the app as
//! the customer types it and by the bank: 8 to 17 digits, or an IBAN with a valid checksum
//! (spaces allowed, letters in any case), normalised to the form the bank expects.

/// The number without spaces (and an IBAN in upper case), or `None` when it is neither form.
pub fn normalize_external_number(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    is_external_number(&compact).then_some(compact)
}

/// An account at another bank in the exact form the API takes: 8–17 digits, or an IBAN with a valid checksum.
pub fn is_external_number(text: &str) -> bool {
    let digits = (8..=17).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    digits || is_iban(text)
}

/// Two letters, two check digits, up to 30 letters or digits, and the ISO 13616 mod-97 checksum equal to 1.
fn is_iban(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shape = (15..=34).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    shape && iban_remainder(bytes) == 1
}

/// The IBAN's value modulo 97, country and check digits moved to the end, letters counted as 10–35.
fn iban_remainder(bytes: &[u8]) -> u32 {
    bytes[4..].iter().chain(&bytes[..4]).fold(0u32, |acc, &b| {
        if b.is_ascii_digit() {
            (acc * 10 + u32::from(b - b'0')) % 97
        } else {
            (acc * 100 + u32::from(b - b'A') + 10) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exact_form_excludes_spaces_lower_case_and_bad_checksums() {
        assert!(is_external_number("12345678"));
        assert!(is_external_number("GB82WEST12345698765432"));
        assert!(!is_external_number("GB82WEST12345698765433"));
        assert!(!is_external_number("gb82WEST12345698765432"));
        assert!(!is_external_number("1234567"));
        assert!(!is_external_number("12345678901234567890"));
        assert!(!is_external_number("1234-5678"));
    }

    #[test]
    fn digits_and_ibans_are_accepted_and_normalised() {
        assert_eq!(
            normalize_external_number("12345678"),
            Some("12345678".into())
        );
        assert_eq!(
            normalize_external_number(" 1234 5678 9012 "),
            Some("123456789012".into())
        );
        assert_eq!(
            normalize_external_number("gb82 west 1234 5698 7654 32"),
            Some("GB82WEST12345698765432".into())
        );
        assert_eq!(
            normalize_external_number("DE89370400440532013000"),
            Some("DE89370400440532013000".into())
        );
    }

    #[test]
    fn everything_else_is_refused() {
        for bad in [
            "",
            "1234567",
            "123456789012345678",
            "1234-5678",
            "GB82WEST12345698765433",
            "GB82",
            "XX00ABC",
        ] {
            assert_eq!(normalize_external_number(bad), None, "{bad}");
        }
    }
}
