//! Telling the other tabs that this one signed out.

/// Announces a sign-out to the browser's other tabs (BroadcastChannel `digibank-auth` in the browser).
pub trait LogoutBroadcast {
    /// Sends the announcement; tabs that receive it sign out locally.
    fn announce(&self);
}

/// For browsers without BroadcastChannel: other tabs notice the sign-out at their next renewal.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoBroadcast;

impl LogoutBroadcast for NoBroadcast {
    fn announce(&self) {}
}
