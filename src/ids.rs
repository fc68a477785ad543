//! Time-ordered identifiers (ULIDs) and random secrets.

use rand::{Rng, RngCore};

pub fn new_id(now_ms: i64) -> String {
    let ms = u64::try_from(now_ms).unwrap_or_default();
    ulid::Ulid::from_parts(ms, rand::rng().random())
        .to_string()
        .to_lowercase()
}

/// 32 random bytes, URL-safe base64: session cookies, API tokens, secrets.
pub fn secret() -> String {
    use base64::Engine;
    let mut b = [0u8; 32];
    rand::rng().fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

pub fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(data))
}
