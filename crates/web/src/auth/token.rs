//! Secrets handed to clients (session cookies, API tokens) and their stored form. Only the
//! SHA-256 of a secret is stored, so a copy of the database does not let anyone sign in.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// `n` random bytes as hex, from the operating system's generator.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A new session secret (256 bits).
pub fn new_session_secret() -> String {
    random_hex(32)
}

/// A new API token: a recognisable prefix (so leaked tokens can be found by scanners) and
/// 256 random bits.
pub fn new_api_token() -> String {
    format!("jms_{}", random_hex(32))
}

/// The stored form of a secret.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_only_digests_are_stored() {
        let a = new_session_secret();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_session_secret());
        assert!(new_api_token().starts_with("jms_"));
        assert_eq!(digest("abc").len(), 64);
        assert_ne!(digest(&a), a);
    }
}
