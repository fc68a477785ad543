//! Injected time. Every "now" in the product comes from a [`Clock`], so tests can move time
//! (reply windows, session expiry, retries) without sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// UTC milliseconds since the Unix epoch.
pub type Millis = i64;

pub const DAY_MS: Millis = 24 * 60 * 60 * 1000;

pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> Millis;
    /// Moves the clock forward by `ms` (demo time travel); answers the new offset, or `None`
    /// when this clock follows the wall clock only (`serve`).
    fn advance_by(&self, _ms: Millis) -> Option<Millis> {
        None
    }
}

pub type SharedClock = Arc<dyn Clock>;

#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place that reads the wall clock
    fn now(&self) -> Millis {
        chrono::Utc::now().timestamp_millis()
    }
}

/// For tests: runs with the wall clock, plus whatever the test jumped ahead. Time keeps flowing
/// (so timers and backoff behave), and a test can skip a day without waiting for it.
#[derive(Debug, Default)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }
    pub fn advance(&self, ms: Millis) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Millis {
        SystemClock.now() + self.0.load(Ordering::SeqCst)
    }
    fn advance_by(&self, ms: Millis) -> Option<Millis> {
        Some(self.0.fetch_add(ms, Ordering::SeqCst) + ms)
    }
}

/// The demo's clock: the wall clock plus an offset that `advanceClock` moves forward (kept in
/// the store, so a restarted demo stays where it travelled to).
#[derive(Debug, Default)]
pub struct OffsetClock(AtomicI64);

impl OffsetClock {
    pub fn new(offset: Millis) -> Arc<Self> {
        Arc::new(Self(AtomicI64::new(offset)))
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> Millis {
        SystemClock.now() + self.0.load(Ordering::SeqCst)
    }
    fn advance_by(&self, ms: Millis) -> Option<Millis> {
        Some(self.0.fetch_add(ms, Ordering::SeqCst) + ms)
    }
}

pub fn to_rfc3339(ms: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub fn to_datetime(ms: Millis) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}
