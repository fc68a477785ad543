//! Token buckets for per-number throughput (130429) and the per-(number, recipient) pair
//! limit (131056). They refill from the injected clock, so a test that never advances
//! the clock sees a fixed budget and hits the limit deterministically.

use std::collections::HashMap;

/// Pair limit: one message per 6 s, with a burst of 45 "borrowed" from the future.
const PAIR_BURST: f64 = 45.0;
const PAIR_REFILL_MS: f64 = 6_000.0;

#[derive(Debug, Clone)]
pub(crate) struct TokenBucket {
    capacity: f64,
    /// Tokens added per millisecond.
    rate: f64,
    tokens: f64,
    last: i64,
}

impl TokenBucket {
    pub fn new(capacity: f64, rate_per_ms: f64, now: i64) -> Self {
        TokenBucket {
            capacity,
            rate: rate_per_ms,
            tokens: capacity,
            last: now,
        }
    }

    fn refill(&mut self, now: i64) {
        // A clock that moved backwards refills nothing rather than draining the bucket.
        if now > self.last {
            let elapsed = (now - self.last) as f64;
            self.tokens = (self.tokens + elapsed * self.rate).min(self.capacity);
            self.last = now;
        }
    }

    pub fn has_token(&mut self, now: i64) -> bool {
        self.refill(now);
        self.tokens >= 1.0
    }

    pub fn take(&mut self, now: i64) {
        self.refill(now);
        self.tokens -= 1.0;
    }
}

/// Which limit refused a send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Throttled {
    Throughput,
    Pair,
}

#[derive(Debug)]
pub(crate) struct Limits {
    per_sec: u32,
    numbers: HashMap<String, TokenBucket>,
    pairs: HashMap<(String, String), TokenBucket>,
}

impl Limits {
    pub fn new(per_sec: u32) -> Self {
        Limits {
            per_sec,
            numbers: HashMap::new(),
            pairs: HashMap::new(),
        }
    }

    /// New rate for every number; buckets restart full at the new size.
    pub fn set_rate(&mut self, per_sec: u32) {
        self.per_sec = per_sec;
        self.numbers.clear();
    }

    /// Takes one token from both buckets, or none when either is empty.
    pub fn admit(
        &mut self,
        pnid: &str,
        wa_id: &str,
        pair_limit: bool,
        now: i64,
    ) -> Result<(), Throttled> {
        let per_sec = f64::from(self.per_sec);
        let number = self
            .numbers
            .entry(pnid.to_owned())
            .or_insert_with(|| TokenBucket::new(per_sec, per_sec / 1000.0, now));
        if !number.has_token(now) {
            return Err(Throttled::Throughput);
        }
        if pair_limit {
            let pair = self
                .pairs
                .entry((pnid.to_owned(), wa_id.to_owned()))
                .or_insert_with(|| TokenBucket::new(PAIR_BURST, 1.0 / PAIR_REFILL_MS, now));
            if !pair.has_token(now) {
                return Err(Throttled::Pair);
            }
            pair.take(now);
        }
        number.take(now);
        Ok(())
    }
}
