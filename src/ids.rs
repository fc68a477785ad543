//! Time-ordered identifiers (ULIDs) and random secrets.

use std::sync::{Mutex, PoisonError};

use rand::{Rng, RngCore};

/// The last id's (millisecond, random part), so ids made in the same millisecond still sort in
/// the order they were made (the ULID crate's monotonic generator, but for the injected clock).
static LAST: Mutex<(u64, u128)> = Mutex::new((0, 0));

/// Random parts start below 2^79, so counting up within a millisecond cannot overflow 80 bits.
const RANDOM_MASK: u128 = (1 << 79) - 1;

/// A ULID for `now_ms`: time-ordered, and in creation order within one millisecond.
pub fn new_id(now_ms: i64) -> String {
    let ms = u64::try_from(now_ms).unwrap_or_default();
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    let random = if last.0 == ms {
        last.1 + 1
    } else {
        rand::rng().random::<u128>() & RANDOM_MASK
    };
    *last = (ms, random);
    ulid::Ulid::from_parts(ms, random)
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

#[cfg(test)]
mod tests {
    #[test]
    fn ids_of_one_millisecond_sort_in_creation_order() {
        let ids: Vec<String> = (0..1000)
            .map(|_| super::new_id(1_764_000_000_000))
            .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
    }
}
