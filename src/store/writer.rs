//! The single writer. Callers hand it a change; it drains whatever else is waiting, runs the lot
//! in one write transaction with immediate durability, and answers everyone after the fsync
//! (group commit). A change that fails rolls back its batch, which is then replayed one change
//! per transaction so only the failing change is refused. Urgent changes (`Store::write_first`)
//! skip the queue: they commit alone, right after the group in progress.
//!
//! An event emitted in a change runs the store's reactions (`Store::react`) right there, in the
//! same transaction: a module that follows another's events writes its part in the commit that
//! caused it, without the emitting module importing it.
//!
//! A change that panics (a bug) is caught here: it is refused like a failing change (its caller
//! gets an internal error; the rest of its batch is replayed without it) and the writer carries
//! on.

use std::sync::Arc;
use std::time::Instant;

use parking_lot::RwLock;
use redb::{Database, ReadableTable, WriteTransaction};
use tokio::sync::{mpsc, oneshot};

use super::tables::CHANGELOG;
use crate::error::{Error, Result};
use crate::events::{Bus, Event};
use crate::metrics::Metrics;
use crate::store::PutRow;

/// At most this many changes per group: enough to share one fsync among a burst, few enough
/// that a group takes milliseconds, not hundreds of them: an urgent change (the sender's
/// in-flight mark, which paces sending) waits for the group in progress, and 1,024 queued
/// template sends took 140 ms.
const MAX_BATCH: usize = 128;
const QUEUE: usize = 8192;

/// A reaction to an event, run in the transaction that emits it (registered with
/// `Store::react`). It ignores the events it does not follow; an error refuses the change.
pub type Reaction = fn(&mut Tx<'_>, &Event) -> Result<()>;

/// Changes that go ahead of the queue (`Store::write_first`), taken at the start of each group.
pub type Urgent = Arc<parking_lot::Mutex<Vec<Box<dyn Job>>>>;

/// The reactions registered so far, shared by the store and its writer thread.
pub type Reactions = Arc<RwLock<Vec<Reaction>>>;

/// A write transaction plus the change log: every event emitted here is committed with the data.
pub struct Tx<'a> {
    pub txn: &'a WriteTransaction,
    next_seq: u64,
    events: Vec<(u64, Event)>,
    reactions: &'a [Reaction],
}

impl Tx<'_> {
    /// The sequence of the last event emitted so far in this transaction, if any.
    pub fn last_emitted(&self) -> Option<u64> {
        self.events.last().map(|(seq, _)| *seq)
    }

    /// Appends `event` to the change log in this transaction; it is published after the commit.
    /// Then the store's reactions run, in this transaction (their own events follow this one).
    pub fn emit(&mut self, event: Event) -> Result<()> {
        let seq = self.next_seq;
        self.txn.open_table(CHANGELOG)?.put(seq, &event)?;
        self.next_seq += 1;
        let reactions = self.reactions;
        if reactions.is_empty() {
            self.events.push((seq, event));
            return Ok(());
        }
        self.events.push((seq, event.clone()));
        for react in reactions {
            react(self, &event)?;
        }
        Ok(())
    }
}

pub enum Outcome {
    Committed,
    RolledBack,
    Failed(String),
}

pub trait Job: Send {
    /// Runs the change; false means it refused and the transaction must not commit.
    fn run(&mut self, tx: &mut Tx<'_>) -> bool;
    /// Answers the caller; returns the events to publish when committed.
    fn finish(self: Box<Self>, outcome: Outcome) -> Vec<(u64, Event)>;
}

struct WriteJob<T, F> {
    change: F,
    /// Set once the change panicked: it is not run again.
    panicked: bool,
    result: Option<Result<T>>,
    events: Vec<(u64, Event)>,
    reply: oneshot::Sender<Result<T>>,
}

impl<T, F> Job for WriteJob<T, F>
where
    T: Send + 'static,
    F: FnMut(&mut Tx<'_>) -> Result<T> + Send + 'static,
{
    fn run(&mut self, tx: &mut Tx<'_>) -> bool {
        if self.panicked {
            return false;
        }
        let mark = tx.events.len();
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (self.change)(tx)));
        let result = run.unwrap_or_else(|p| {
            self.panicked = true;
            let what = p
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            tracing::error!(panic = %what, "a store change panicked; it is refused");
            Err(Error::Internal(format!("store change panicked: {what}")))
        });
        self.events = tx.events.split_off(mark);
        let ok = result.is_ok();
        self.result = Some(result);
        ok
    }

    fn finish(self: Box<Self>, outcome: Outcome) -> Vec<(u64, Event)> {
        let this = *self;
        let (answer, events) = match (outcome, this.result) {
            (Outcome::Committed, Some(r)) => (r, this.events),
            (Outcome::RolledBack, Some(Err(e))) => (Err(e), vec![]),
            (Outcome::Failed(msg), _) => (Err(Error::Store(msg)), vec![]),
            _ => (
                Err(Error::Internal("change was not applied".into())),
                vec![],
            ),
        };
        let _ = this.reply.send(answer); // the caller may have gone away; the commit stands
        events
    }
}

pub fn job<T, F>(change: F) -> (Box<dyn Job>, oneshot::Receiver<Result<T>>)
where
    T: Send + 'static,
    F: FnMut(&mut Tx<'_>) -> Result<T> + Send + 'static,
{
    let (reply, rx) = oneshot::channel();
    (
        Box::new(WriteJob {
            change,
            panicked: false,
            result: None,
            events: vec![],
            reply,
        }),
        rx,
    )
}

pub fn spawn(
    db: super::Handle,
    bus: Bus,
    metrics: Metrics,
    reactions: Reactions,
    urgent: Urgent,
) -> std::io::Result<mpsc::Sender<Box<dyn Job>>> {
    let (tx, mut rx) = mpsc::channel::<Box<dyn Job>>(QUEUE);
    std::thread::Builder::new()
        .name("store-writer".into())
        .spawn(move || {
            let mut carried = None;
            loop {
                let Some(first) = carried.take().or_else(|| rx.blocking_recv()) else {
                    break;
                };
                // Urgent changes commit alone, before anything that waits in the queue.
                let urgent_now = std::mem::take(&mut *urgent.lock());
                let batch = if urgent_now.is_empty() {
                    let mut batch = vec![first];
                    while batch.len() < MAX_BATCH {
                        match rx.try_recv() {
                            Ok(j) => batch.push(j),
                            Err(_) => break,
                        }
                    }
                    batch
                } else {
                    carried = Some(first);
                    urgent_now
                };
                let started = Instant::now();
                let size = batch.len();
                let reactions = reactions.read().clone();
                // Changes catch their own panics; this guards the writer's own code, so a bug
                // there fails the batch's callers (their replies are dropped) and not every write.
                let open = db.read();
                let events = match open.as_ref() {
                    Some(db) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        commit_group(db, batch, &reactions)
                    }))
                    .unwrap_or_else(|_| {
                        tracing::error!("the store writer panicked; the batch was refused");
                        vec![]
                    }),
                    None => finish_all(batch, || Outcome::Failed(super::closed().to_string())),
                };
                drop(open);
                metrics.observe_commit(started.elapsed().as_secs_f64(), size);
                for (seq, ev) in events {
                    bus.publish(seq, ev);
                }
            }
            tracing::debug!("store writer drained and stopped");
        })?;
    Ok(tx)
}

/// Commits `batch` as one transaction, or each change alone when one of them refuses.
fn commit_group(
    db: &Database,
    mut batch: Vec<Box<dyn Job>>,
    reactions: &[Reaction],
) -> Vec<(u64, Event)> {
    match run_batch(db, &mut batch, reactions) {
        Ok(true) => finish_all(batch, || Outcome::Committed),
        Ok(false) if batch.len() == 1 => finish_all(batch, || Outcome::RolledBack),
        Ok(false) => batch
            .into_iter()
            .flat_map(|job| commit_group(db, vec![job], reactions))
            .collect(),
        Err(e) => {
            tracing::error!(error = %e, "store commit failed");
            let msg = e.to_string();
            finish_all(batch, || Outcome::Failed(msg.clone()))
        }
    }
}

fn finish_all(batch: Vec<Box<dyn Job>>, outcome: impl Fn() -> Outcome) -> Vec<(u64, Event)> {
    batch
        .into_iter()
        .flat_map(|j| j.finish(outcome()))
        .collect()
}

/// Ok(true) when committed, Ok(false) when a change refused (nothing written).
fn run_batch(db: &Database, batch: &mut [Box<dyn Job>], reactions: &[Reaction]) -> Result<bool> {
    let txn = db.begin_write()?;
    let next_seq = txn
        .open_table(CHANGELOG)?
        .last()?
        .map(|(k, _)| k.value() + 1)
        .unwrap_or(1);
    let mut tx = Tx {
        txn: &txn,
        next_seq,
        events: vec![],
        reactions,
    };
    for job in batch.iter_mut() {
        if !job.run(&mut tx) {
            drop(tx);
            txn.abort()?;
            return Ok(false);
        }
    }
    drop(tx);
    txn.commit()?;
    Ok(true)
}
