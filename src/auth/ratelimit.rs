//! Failed-login throttling per email and per client address. In memory on purpose: it guards
//! against guessing, and a restart granting a few more guesses is acceptable.

use std::collections::HashMap;

use parking_lot::Mutex;

use crate::clock::Millis;

const WINDOW_MS: Millis = 15 * 60 * 1000;
const MAX_PER_EMAIL: usize = 5;
const MAX_PER_ADDR: usize = 20;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Vec<Millis>>>,
}

impl LoginThrottle {
    /// Seconds to wait when `email` or `addr` has too many recent failures.
    pub fn check(&self, email: &str, addr: &str, now: Millis) -> Option<u64> {
        let mut map = self.failures.lock();
        let mut wait = None;
        for (key, max) in [
            (format!("e:{email}"), MAX_PER_EMAIL),
            (format!("a:{addr}"), MAX_PER_ADDR),
        ] {
            let list = map.entry(key).or_default();
            list.retain(|t| now - t < WINDOW_MS);
            if list.len() >= max {
                let oldest = list.first().copied().unwrap_or(now);
                let secs = u64::try_from((oldest + WINDOW_MS - now) / 1000)
                    .unwrap_or(1)
                    .max(1);
                wait = Some(wait.map_or(secs, |w: u64| w.max(secs)));
            }
        }
        wait
    }

    pub fn failed(&self, email: &str, addr: &str, now: Millis) {
        let mut map = self.failures.lock();
        map.entry(format!("e:{email}")).or_default().push(now);
        map.entry(format!("a:{addr}")).or_default().push(now);
    }

    pub fn succeeded(&self, email: &str) {
        self.failures.lock().remove(&format!("e:{email}"));
    }
}
