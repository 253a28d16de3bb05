//! The rules of an account name, checked as the customer types exactly as the bank checks them
//! (`PUT /accounts/{id}`): trimmed, 1–40 characters, letters, digits, spaces and `- ' & .`; inner runs of
//! spaces become one.

/// Longest account name.
pub const MAX_NAME_LEN: usize = 40;

/// Why a name is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountNameError {
    /// Empty after trimming, or too long.
    #[error("Name must be 1 to {MAX_NAME_LEN} characters")]
    Length,
    /// A character outside the allowed set.
    #[error("Name may not contain '{0}'; use letters, digits, spaces and - ' & .")]
    Character(String),
}

/// The name the bank will store, or why it refuses it.
pub fn validate_account_name(name: &str) -> Result<String, AccountNameError> {
    let name = name.trim();
    let length = name.chars().count();
    if length == 0 || length > MAX_NAME_LEN {
        return Err(AccountNameError::Length);
    }
    if let Some(bad) = name.chars().find(|c| !is_allowed(*c)) {
        return Err(AccountNameError::Character(
            bad.escape_default().to_string(),
        ));
    }
    Ok(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Letters and digits of any script, space, and `- ' & .`.
fn is_allowed(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '&' | '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_names_are_tidied_like_the_bank_does() {
        assert_eq!(
            validate_account_name("  Holiday   fund ").unwrap(),
            "Holiday fund"
        );
        assert_eq!(
            validate_account_name("Rock & Roll Fund").unwrap(),
            "Rock & Roll Fund"
        );
        assert_eq!(
            validate_account_name("O'Neil-Smith Jr.").unwrap(),
            "O'Neil-Smith Jr."
        );
        assert_eq!(
            validate_account_name("Épargne 2026").unwrap(),
            "Épargne 2026"
        );
        assert_eq!(validate_account_name(&"x".repeat(40)).unwrap().len(), 40);
        assert!(
            validate_account_name(&"é".repeat(40)).is_ok(),
            "characters are counted, not bytes"
        );
    }

    #[test]
    fn bad_names_get_the_bank_s_message() {
        assert_eq!(validate_account_name(""), Err(AccountNameError::Length));
        assert_eq!(validate_account_name("   "), Err(AccountNameError::Length));
        assert_eq!(
            validate_account_name(&"x".repeat(41)),
            Err(AccountNameError::Length)
        );
        assert_eq!(
            validate_account_name("<script>").unwrap_err().to_string(),
            "Name may not contain '<'; use letters, digits, spaces and - ' & ."
        );
        assert_eq!(
            validate_account_name("tab\there"),
            Err(AccountNameError::Character("\\t".into()))
        );
        assert!(validate_account_name("Bills 💸").is_err());
        assert!(validate_account_name("a/b").is_err());
    }
}
