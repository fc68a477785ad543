//! Background work has one shape: a [`Service`] runs until its stop signal fires, and the
//! [`Supervisor`] runs every service, restarts one that panics, fails or returns early (with
//! backoff: 0.5 s doubling, at most 30 s; the count resets after a minute of running), reports
//! each one's state (`/healthz` fails while one is down) and stops them all on shutdown.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use parking_lot::Mutex;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::Result;

/// Fires (turns true) when the process is stopping.
pub type Stop = watch::Receiver<bool>;

pub trait Service: Send + Sync + 'static {
    /// A short name for logs and `/healthz`, e.g. `inbox`.
    fn name(&self) -> &'static str;
    /// Runs until `stop` fires (then answers `Ok`). Returning earlier, an error or a panic
    /// counts as a failure and the supervisor starts it again.
    fn run(&self, stop: Stop) -> BoxFuture<'static, Result<()>>;
}

/// A service made of a name and a function that starts a run.
pub struct FnService<F> {
    name: &'static str,
    start: F,
}

impl<F> FnService<F>
where
    F: Fn(Stop) -> BoxFuture<'static, Result<()>> + Send + Sync + 'static,
{
    pub fn new(name: &'static str, start: F) -> Arc<Self> {
        Arc::new(Self { name, start })
    }
}

impl<F> Service for FnService<F>
where
    F: Fn(Stop) -> BoxFuture<'static, Result<()>> + Send + Sync + 'static,
{
    fn name(&self) -> &'static str {
        self.name
    }
    fn run(&self, stop: Stop) -> BoxFuture<'static, Result<()>> {
        (self.start)(stop)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Running,
    /// Failed `failures` times in a row; waiting to start again. The reason is for the log only.
    Restarting {
        failures: u32,
        reason: String,
    },
    Stopped,
}

struct Worker {
    name: &'static str,
    state: Arc<Mutex<State>>,
    task: Option<JoinHandle<()>>,
}

#[derive(Clone)]
pub struct Supervisor {
    stop: Arc<watch::Sender<bool>>,
    workers: Arc<Mutex<Vec<Worker>>>,
}

impl Default for Supervisor {
    fn default() -> Self {
        Self {
            stop: Arc::new(watch::Sender::new(false)),
            workers: Arc::default(),
        }
    }
}

const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// A run this long counts as healthy: the next failure starts the backoff afresh.
const STABLE_AFTER: Duration = Duration::from_secs(60);

fn backoff(failures: u32) -> Duration {
    (Duration::from_millis(500) * 2u32.saturating_pow(failures.saturating_sub(1).min(10)))
        .min(MAX_BACKOFF)
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

impl Supervisor {
    /// Starts `svc` under supervision.
    pub fn start(&self, svc: Arc<dyn Service>) {
        let name = svc.name();
        let state = Arc::new(Mutex::new(State::Running));
        let stop = self.stop.subscribe();
        let task = tokio::spawn(supervise(svc, stop, state.clone()));
        self.workers.lock().push(Worker {
            name,
            state,
            task: Some(task),
        });
    }

    /// Every worker's name and state.
    pub fn states(&self) -> Vec<(&'static str, State)> {
        self.workers
            .lock()
            .iter()
            .map(|w| (w.name, w.state.lock().clone()))
            .collect()
    }

    /// Names of the workers that are not running (while the process is not stopping).
    pub fn down(&self) -> Vec<&'static str> {
        if *self.stop.borrow() {
            return vec![];
        }
        self.states()
            .into_iter()
            .filter(|(_, s)| *s != State::Running)
            .map(|(n, _)| n)
            .collect()
    }

    pub fn stop_signal(&self) -> Stop {
        self.stop.subscribe()
    }

    /// Signals every worker to stop and waits up to `grace` for them; the rest are aborted
    /// (their durable work stays in the store and resumes on the next start).
    pub async fn shutdown(&self, grace: Duration) {
        self.stop.send_replace(true);
        let tasks: Vec<(&'static str, JoinHandle<()>)> = self
            .workers
            .lock()
            .iter_mut()
            .filter_map(|w| w.task.take().map(|t| (w.name, t)))
            .collect();
        let deadline = tokio::time::Instant::now() + grace;
        for (name, mut task) in tasks {
            if tokio::time::timeout_at(deadline, &mut task).await.is_err() {
                tracing::warn!(worker = name, "worker did not stop in time; aborted");
                task.abort();
            }
        }
    }
}

async fn supervise(svc: Arc<dyn Service>, mut stop: Stop, state: Arc<Mutex<State>>) {
    let name = svc.name();
    let mut failures = 0u32;
    loop {
        *state.lock() = State::Running;
        let started = tokio::time::Instant::now();
        // A panic unwinds only this worker's run; the supervisor catches it and starts again.
        let outcome = match std::panic::catch_unwind(AssertUnwindSafe(|| svc.run(stop.clone()))) {
            Ok(run) => AssertUnwindSafe(run).catch_unwind().await,
            Err(p) => Err(p),
        };
        if *stop.borrow() {
            *state.lock() = State::Stopped;
            return;
        }
        let reason = match outcome {
            Ok(Ok(())) => "returned before shutdown".to_string(),
            Ok(Err(e)) => e.to_string(),
            Err(p) => format!("panicked: {}", panic_text(p.as_ref())),
        };
        if started.elapsed() >= STABLE_AFTER {
            failures = 0;
        }
        failures += 1;
        let wait = backoff(failures);
        tracing::error!(worker = name, failures, %reason, retry_in_ms = wait.as_millis() as u64, "worker stopped; restarting");
        *state.lock() = State::Restarting { failures, reason };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            _ = stop.wait_for(|s| *s) => {
                *state.lock() = State::Stopped;
                return;
            }
        }
    }
}

/// Runs `work` (store scans, index searches) on tokio's blocking pool, so a long read never
/// holds a runtime thread that requests and timers need.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> crate::error::Result<T> + Send + 'static,
) -> crate::error::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| crate::error::Error::Internal(format!("blocking work stopped: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn a_panicking_worker_is_restarted_and_reported_down_meanwhile() {
        let runs = Arc::new(AtomicU32::new(0));
        let counted = runs.clone();
        let sup = Supervisor::default();
        sup.start(FnService::new("flaky", move |mut stop: Stop| {
            let n = counted.fetch_add(1, Ordering::SeqCst);
            Box::pin(async move {
                if n < 2 {
                    panic!("boom {n}");
                }
                let _ = stop.wait_for(|s| *s).await;
                Ok(())
            })
        }));
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        let mut saw_down = false;
        while runs.load(Ordering::SeqCst) < 3 {
            saw_down |= sup.down() == ["flaky"];
            assert!(tokio::time::Instant::now() < deadline);
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(saw_down, "reported down while waiting to restart");
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(sup.down().is_empty());
        sup.shutdown(Duration::from_secs(1)).await;
        assert_eq!(sup.states(), [("flaky", State::Stopped)]);
    }
}
