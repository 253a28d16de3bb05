//! The provider's user directory: the seed's demo customers, all with the password `demo`.

use crate::bank::seed::DEMO_USERS;

/// Password of every demo user.
pub const DEMO_PASSWORD: &str = "demo";

/// A user who can sign in at the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct User {
    /// Subject (also the user name typed in the form).
    pub sub: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Email address.
    pub email: &'static str,
}

/// The user whose subject is `sub`.
pub fn find_user(sub: &str) -> Option<User> {
    DEMO_USERS
        .iter()
        .find(|(s, _, _)| *s == sub)
        .map(|&(sub, name, email)| User { sub, name, email })
}

/// The user with these credentials (user name case-insensitive, surrounding spaces ignored).
pub fn check_credentials(username: &str, password: &str) -> Option<User> {
    let user = find_user(&username.trim().to_ascii_lowercase())?;
    (password == DEMO_PASSWORD).then_some(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_users_sign_in_with_demo() {
        assert_eq!(
            check_credentials(" Alice ", "demo").map(|u| u.sub),
            Some("alice")
        );
        assert_eq!(
            check_credentials("bob", "demo").map(|u| u.name),
            Some("Bob Nguyen")
        );
        assert_eq!(check_credentials("bob", "Demo"), None);
        assert_eq!(check_credentials("mallory", "demo"), None);
    }
}
