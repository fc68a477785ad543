//! Failed-login throttling per email and per client address. In memory on purpose: it guards
//! against guessing, and a restart granting a few more guesses is acceptable.
//!
//! Everything here is keyed by what clients send, so it is bounded by construction: a key is
//! remembered only after a failed attempt (a check never inserts), each key keeps at most as
//! many timestamps as its limit, entries older than the window are pruned, and each table holds
//! at most [`MAX_KEYS`] keys (when full, the key whose last failure is oldest is forgotten).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;

use parking_lot::Mutex;

use crate::clock::Millis;

const WINDOW_MS: Millis = 15 * 60 * 1000;
const MAX_PER_EMAIL: usize = 5;
const MAX_PER_ADDR: usize = 20;
/// Most emails (and, separately, most client addresses) remembered at once.
pub const MAX_KEYS: usize = 10_000;
/// Expired entries are swept at most this often (and whenever a table is full).
const PRUNE_EVERY_MS: Millis = 60 * 1000;

#[derive(Default)]
pub struct LoginThrottle {
    inner: Mutex<Counters>,
}

#[derive(Default)]
struct Counters {
    emails: Table,
    addrs: Table,
    next_prune_at: Millis,
}

/// Recent failure times per key, oldest first, never more than the key's limit.
#[derive(Default)]
struct Table(HashMap<String, VecDeque<Millis>>);

impl Table {
    /// Seconds until `key` may try again, without changing anything.
    fn wait(&self, key: &str, max: usize, now: Millis) -> Option<u64> {
        let list = self.0.get(key)?;
        let recent = list.iter().filter(|t| now - **t < WINDOW_MS).count();
        if recent < max {
            return None;
        }
        let oldest = list
            .iter()
            .copied()
            .find(|t| now - t < WINDOW_MS)
            .unwrap_or(now);
        Some(
            u64::try_from((oldest + WINDOW_MS - now) / 1000)
                .unwrap_or(1)
                .max(1),
        )
    }

    fn record(&mut self, key: &str, max: usize, now: Millis) {
        if let Some(list) = self.0.get_mut(key) {
            list.retain(|t| now - t < WINDOW_MS);
            while list.len() >= max {
                list.pop_front();
            }
            list.push_back(now);
            return;
        }
        if self.0.len() >= MAX_KEYS {
            self.prune(now);
        }
        if self.0.len() >= MAX_KEYS {
            let oldest = self
                .0
                .iter()
                .min_by_key(|(_, l)| l.back().copied().unwrap_or(Millis::MIN))
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                self.0.remove(&k);
            }
        }
        self.0.insert(key.to_string(), VecDeque::from([now]));
    }

    fn prune(&mut self, now: Millis) {
        self.0
            .retain(|_, l| l.back().is_some_and(|t| now - t < WINDOW_MS));
    }

    fn forget(&mut self, key: &str) {
        self.0.remove(key);
    }
}

impl Counters {
    fn maybe_prune(&mut self, now: Millis) {
        if now >= self.next_prune_at {
            self.emails.prune(now);
            self.addrs.prune(now);
            self.next_prune_at = now + PRUNE_EVERY_MS;
        }
    }
}

/// The throttling key of a client address: IPv4 as is, IPv6 by its /64 prefix (one subscriber
/// usually holds a whole /64, so counting single v6 addresses would be no limit at all).
fn addr_key(addr: &str) -> String {
    match addr.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(IpAddr::V6(v6)) => v6
            .to_ipv4_mapped()
            .map_or_else(String::new, |v4| v4.to_string()),
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => addr.chars().take(64).collect(),
    }
}

impl LoginThrottle {
    /// Seconds to wait when `email` or `addr` has too many recent failures. Never allocates.
    pub fn check(&self, email: &str, addr: &str, now: Millis) -> Option<u64> {
        let addr = addr_key(addr);
        let inner = self.inner.lock();
        let by_email = inner.emails.wait(email, MAX_PER_EMAIL, now);
        let by_addr = inner.addrs.wait(&addr, MAX_PER_ADDR, now);
        match (by_email, by_addr) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    pub fn failed(&self, email: &str, addr: &str, now: Millis) {
        let addr = addr_key(addr);
        let mut inner = self.inner.lock();
        inner.maybe_prune(now);
        inner.emails.record(email, MAX_PER_EMAIL, now);
        inner.addrs.record(&addr, MAX_PER_ADDR, now);
    }

    /// Seconds to wait when `email` has too many recent failures (a signed-in user proving
    /// their password again, e.g. to change it: the address is not what limits them).
    pub fn check_email(&self, email: &str, now: Millis) -> Option<u64> {
        self.inner.lock().emails.wait(email, MAX_PER_EMAIL, now)
    }

    pub fn failed_email(&self, email: &str, now: Millis) {
        let mut inner = self.inner.lock();
        inner.maybe_prune(now);
        inner.emails.record(email, MAX_PER_EMAIL, now);
    }

    pub fn succeeded(&self, email: &str) {
        self.inner.lock().emails.forget(email);
    }

    /// How many emails and addresses are remembered (for tests and metrics).
    pub fn entries(&self) -> usize {
        let inner = self.inner.lock();
        inner.emails.0.len() + inner.addrs.0.len()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn tables_stay_bounded_and_forget_old_failures() {
        let t = LoginThrottle::default();
        for i in 0..(MAX_KEYS + 500) {
            // Distinct addresses too, so no address limit stops the flood.
            t.failed(
                &format!("u{i}@example.com"),
                &format!("10.0.{}.{}", i / 250, i % 250),
                0,
            );
        }
        assert_eq!(t.entries(), 2 * MAX_KEYS, "both tables are capped");
        // Past the window, the next failure sweeps every expired entry.
        t.failed("late@example.com", "10.9.9.9", WINDOW_MS + PRUNE_EVERY_MS);
        assert_eq!(t.entries(), 2);
    }

    #[test]
    fn a_key_keeps_at_most_its_limit_and_checks_insert_nothing() {
        let t = LoginThrottle::default();
        for i in 0..1000 {
            assert_eq!(t.check(&format!("x{i}@example.com"), "10.0.0.1", 0), None);
        }
        assert_eq!(t.entries(), 0, "a check alone remembers nothing");
        for _ in 0..100 {
            t.failed("a@example.com", "10.0.0.1", 0);
        }
        let inner = t.inner.lock();
        assert_eq!(inner.emails.0["a@example.com"].len(), MAX_PER_EMAIL);
        assert_eq!(inner.addrs.0["10.0.0.1"].len(), MAX_PER_ADDR);
    }

    #[test]
    fn ipv6_addresses_count_per_64() {
        assert_eq!(
            addr_key("2001:db8:1:2:aaaa::1"),
            addr_key("2001:db8:1:2:bbbb::9")
        );
        assert_ne!(addr_key("2001:db8:1:2::1"), addr_key("2001:db8:1:3::1"));
        assert_eq!(addr_key("::ffff:192.0.2.1"), "192.0.2.1");
        assert_eq!(addr_key("192.0.2.1"), "192.0.2.1");
    }
}
