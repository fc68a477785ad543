//! Durable jobs: work for later or in the background (media fetches, pruning; later delayed
//! automation actions) lives in the `jobs` table keyed by (due time, id), never only in memory.
//!
//! - A job is enqueued inside the transaction that makes it necessary ([`enqueue`]), so it
//!   exists exactly when its cause does. An idempotency key keeps one waiting job per key.
//! - One worker ([`Jobs::run`], supervised) runs due jobs on the injected clock, at most
//!   [`Handler::concurrency`] of a kind at a time. Claiming a job counts the attempt durably,
//!   so a job that kills the process cannot loop for ever across restarts.
//! - A handler answers [`Outcome::Done`] with an optional change that commits together with the
//!   job's removal, [`Outcome::Retry`] (exponential backoff: 1 s doubling, at most 10 minutes,
//!   with jitter, up to the job's `max_attempts`) or [`Outcome::Fail`]. A job that gives up is
//!   moved to `jobs_failed` with its last error, and its handler's [`Handler::failed`] runs in
//!   that same transaction (e.g. to mark media unavailable).
//! - A job running when the process stops is not lost: it is still in the table and runs again
//!   on the next start (at least once; handlers are idempotent).

pub mod model;
pub mod prune;

pub use model::{JobRow, Kind};

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use parking_lot::{Mutex, RwLock};
use rand::Rng;
use redb::ReadableTable;
use tokio::sync::{Notify, watch};
use tracing::Instrument;

use crate::clock::{Millis, SharedClock};
use crate::error::Result;
use crate::service::Stop;
use crate::store::PutRow;
use crate::store::tables::{JOB_KEYS, JOBS, JOBS_FAILED};
use crate::store::{Store, Tx, all_rows};

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: Kind,
    pub key: Option<String>,
    pub payload: serde_json::Value,
    pub due_at: Millis,
    pub max_attempts: u32,
}

/// Adds `job` in the caller's transaction. Answers false (and adds nothing) when a job with the
/// same key is already waiting.
pub fn enqueue(tx: &mut Tx<'_>, now: Millis, job: NewJob) -> Result<bool> {
    let id = crate::ids::new_id(now);
    if let Some(key) = &job.key {
        let mut keys = tx.txn.open_table(JOB_KEYS)?;
        if keys.get(key.as_str())?.is_some() {
            return Ok(false);
        }
        keys.insert(key.as_str(), (job.due_at, id.as_str()))?;
    }
    let row = JobRow {
        id: id.clone(),
        kind: job.kind,
        key: job.key,
        payload: job.payload,
        due_at: job.due_at,
        attempts: 0,
        max_attempts: job.max_attempts.max(1),
        created_at: now,
        last_error: None,
    };
    tx.txn
        .open_table(JOBS)?
        .put((row.due_at, id.as_str()), &row)?;
    Ok(true)
}

/// A change committed together with a finished job's removal.
pub type Change = Box<dyn FnMut(&mut Tx<'_>) -> Result<()> + Send>;

pub enum Outcome {
    Done(Option<Change>),
    /// A failure worth another attempt later.
    Retry(String),
    /// A failure that another attempt cannot fix.
    Fail(String),
}

pub trait Handler: Send + Sync + 'static {
    fn kind(&self) -> Kind;
    /// How many jobs of this kind may run at once.
    fn concurrency(&self) -> usize {
        1
    }
    fn run(&self, job: JobRow) -> BoxFuture<'static, Outcome>;
    /// Runs in the transaction that records the job as failed for good.
    fn failed(&self, _tx: &mut Tx<'_>, _job: &JobRow, _reason: &str) -> Result<()> {
        Ok(())
    }
}

/// Due entries looked at per pass (jobs of a kind at its limit are skipped over).
const SCAN: usize = 1024;
/// Longest sleep between looks at the table (the clock may jump ahead in tests and the demo).
const POLL: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct Jobs {
    inner: Arc<Shared>,
}

struct Shared {
    store: Store,
    clock: SharedClock,
    handlers: RwLock<HashMap<Kind, Arc<dyn Handler>>>,
    wake: Notify,
    /// Job id → kind, for jobs running in this process.
    running: Mutex<HashMap<String, Kind>>,
    /// Counts settled jobs, so observers (tests) can wait for progress.
    settled: watch::Sender<u64>,
}

/// 1 s doubling per attempt, at most 10 minutes, plus up to 20% jitter.
pub fn backoff_ms(attempts: u32) -> Millis {
    let base = (1000_i64 << attempts.saturating_sub(1).min(20)).min(600_000);
    base + rand::rng().random_range(0..=base / 5)
}

impl Jobs {
    pub fn new(store: Store, clock: SharedClock) -> Jobs {
        Jobs {
            inner: Arc::new(Shared {
                store,
                clock,
                handlers: RwLock::default(),
                wake: Notify::new(),
                running: Mutex::default(),
                settled: watch::Sender::new(0),
            }),
        }
    }

    pub fn register(&self, handler: Arc<dyn Handler>) {
        self.inner.handlers.write().insert(handler.kind(), handler);
    }

    /// Tells the worker to look at the table now (after enqueuing in a transaction).
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    /// Enqueues `job` in its own transaction; see [`enqueue`].
    pub async fn enqueue(&self, job: NewJob) -> Result<bool> {
        let now = self.inner.clock.now();
        let added = self
            .inner
            .store
            .write(move |tx| enqueue(tx, now, job.clone()))
            .await?;
        self.wake();
        Ok(added)
    }

    /// Jobs waiting or running, soonest first.
    pub fn waiting(&self) -> Result<Vec<JobRow>> {
        let tx = self.inner.store.read()?;
        all_rows(&tx.open_table(JOBS)?)
    }

    /// Jobs that gave up, oldest first, with their last error.
    pub fn failed(&self) -> Result<Vec<JobRow>> {
        let tx = self.inner.store.read()?;
        all_rows(&tx.open_table(JOBS_FAILED)?)
    }

    /// Changes each time a job finishes, is retried or fails.
    pub fn settled(&self) -> watch::Receiver<u64> {
        self.inner.settled.subscribe()
    }

    /// The worker: runs due jobs until `stop` fires. Jobs still running then are abandoned
    /// (they stay in the table and run again on the next start).
    pub async fn run(self, mut stop: Stop) -> Result<()> {
        let mut tasks = tokio::task::JoinSet::new();
        let result = loop {
            if *stop.borrow() {
                break Ok(());
            }
            while tasks.try_join_next().is_some() {}
            let wake = self.inner.wake.notified();
            let next = match self.start_due(&mut tasks).await {
                Ok(n) => n,
                Err(e) => break Err(e),
            };
            let now = self.inner.clock.now();
            let wait = next.map_or(POLL, |t| {
                Duration::from_millis(u64::try_from((t - now).clamp(0, 1000)).unwrap_or(1000))
            });
            tokio::select! {
                () = wake => {}
                () = tokio::time::sleep(wait) => {}
                _ = stop.changed() => {}
            }
        };
        tasks.abort_all();
        self.inner.running.lock().clear();
        result
    }

    /// Claims and starts what is due (within each kind's limit); answers when the next job
    /// not yet due is due.
    async fn start_due(&self, tasks: &mut tokio::task::JoinSet<()>) -> Result<Option<Millis>> {
        let now = self.inner.clock.now();
        let handlers = self.inner.handlers.read().clone();
        let (picked, next) = {
            let running = self.inner.running.lock();
            let mut busy: HashMap<Kind, usize> = HashMap::new();
            for k in running.values() {
                *busy.entry(*k).or_default() += 1;
            }
            let tx = self.inner.store.read()?;
            let t = tx.open_table(JOBS)?;
            let mut picked: Vec<(i64, String)> = vec![];
            let mut next = None;
            for entry in t.iter()?.take(SCAN) {
                let (k, v) = entry?;
                let (due, id) = k.value();
                if due > now {
                    next = Some(due);
                    break;
                }
                if running.contains_key(id) {
                    continue;
                }
                let Ok(row) = v.value() else {
                    tracing::warn!(job = id, "a stored job does not decode; left in place");
                    continue;
                };
                let kind = row.kind;
                let limit = handlers.get(&kind).map_or(0, |h| h.concurrency());
                let n = busy.entry(kind).or_default();
                if *n >= limit {
                    continue;
                }
                *n += 1;
                picked.push((due, id.to_string()));
            }
            (picked, next)
        };
        if picked.is_empty() {
            return Ok(next);
        }
        let claimed = self
            .inner
            .store
            .write(move |tx| {
                let mut t = tx.txn.open_table(JOBS)?;
                let mut rows = vec![];
                for (due, id) in &picked {
                    let Some(mut row) =
                        t.get((*due, id.as_str()))?.map(|v| v.value()).transpose()?
                    else {
                        continue;
                    };
                    row.attempts += 1;
                    t.put((*due, id.as_str()), &row)?;
                    rows.push(row);
                }
                Ok(rows)
            })
            .await?;
        for job in claimed {
            let Some(handler) = handlers.get(&job.kind).cloned() else {
                continue;
            };
            self.inner.running.lock().insert(job.id.clone(), job.kind);
            let me = self.clone();
            let span = tracing::info_span!("job", kind = ?job.kind, id = %job.id);
            tasks.spawn(
                async move {
                    let id = job.id.clone();
                    let run = std::panic::AssertUnwindSafe(handler.run(job.clone())).catch_unwind();
                    let outcome = run
                        .await
                        .unwrap_or_else(|_| Outcome::Retry("the job panicked".into()));
                    if let Err(e) = me.settle(handler, job, outcome).await {
                        tracing::error!(error = %e, "cannot record a job's outcome; it runs again");
                    }
                    me.inner.running.lock().remove(&id);
                    me.inner.settled.send_modify(|n| *n += 1);
                    me.wake();
                }
                .instrument(span),
            );
        }
        Ok(next)
    }

    async fn settle(&self, handler: Arc<dyn Handler>, job: JobRow, outcome: Outcome) -> Result<()> {
        let now = self.inner.clock.now();
        match outcome {
            Outcome::Done(mut change) => {
                self.inner
                    .store
                    .write(move |tx| {
                        remove(tx, &job)?;
                        if let Some(c) = change.as_mut() {
                            c(tx)?;
                        }
                        Ok(())
                    })
                    .await
            }
            Outcome::Retry(reason) if job.attempts < job.max_attempts => {
                tracing::info!(kind = ?job.kind, job = %job.id, attempt = job.attempts, %reason, "job failed; will retry");
                let due = now + backoff_ms(job.attempts);
                self.inner
                    .store
                    .write(move |tx| {
                        remove(tx, &job)?;
                        let row = JobRow {
                            due_at: due,
                            last_error: Some(reason.clone()),
                            ..job.clone()
                        };
                        if let Some(key) = &row.key {
                            tx.txn
                                .open_table(JOB_KEYS)?
                                .insert(key.as_str(), (due, row.id.as_str()))?;
                        }
                        tx.txn.open_table(JOBS)?.put((due, row.id.as_str()), &row)?;
                        Ok(())
                    })
                    .await
            }
            Outcome::Retry(reason) | Outcome::Fail(reason) => {
                tracing::warn!(kind = ?job.kind, job = %job.id, attempts = job.attempts, %reason, "job failed for good");
                self.inner
                    .store
                    .write(move |tx| {
                        remove(tx, &job)?;
                        let row = JobRow {
                            last_error: Some(reason.clone()),
                            ..job.clone()
                        };
                        tx.txn
                            .open_table(JOBS_FAILED)?
                            .put((now, row.id.as_str()), &row)?;
                        handler.failed(tx, &row, &reason)?;
                        Ok(())
                    })
                    .await
            }
        }
    }
}

/// Removes the job's row and releases its key.
fn remove(tx: &mut Tx<'_>, job: &JobRow) -> Result<()> {
    tx.txn
        .open_table(JOBS)?
        .remove((job.due_at, job.id.as_str()))?;
    if let Some(key) = &job.key {
        let mut keys = tx.txn.open_table(JOB_KEYS)?;
        let held = keys
            .get(key.as_str())?
            .is_some_and(|v| v.value().1 == job.id);
        if held {
            keys.remove(key.as_str())?;
        }
    }
    Ok(())
}
