//! What the auth layer tells the UI and the other services.

/// Why the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoutReason {
    /// The user signed out in this tab.
    UserRequested,
    /// Another tab signed out (BroadcastChannel).
    OtherTab,
    /// The session could not be renewed and has ended.
    SessionExpired,
}

/// A change in the session that the UI may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthEvent {
    /// A new session began (sign-in or restore).
    SignedIn,
    /// The access token was renewed (here or by another tab).
    Renewed,
    /// The session cannot be renewed and ends soon: "your session ends in 1 minute".
    ExpiresSoon {
        /// Whole seconds left.
        seconds_left: u64,
    },
    /// The access token has expired and could not be renewed.
    Expired,
    /// A renewal attempt failed; `transient` failures are retried.
    RenewFailed {
        /// True for network trouble (retried), false when the provider refused.
        transient: bool,
    },
    /// The tokens were cleared.
    SignedOut(LogoutReason),
    /// The user's profile became known after start-up (from the userinfo endpoint).
    UserLoaded,
}
