//! The redb store: opening and migrations, typed tables, and the single writer that groups
//! concurrent changes into one durable commit.

pub mod conversation_index;
mod json;
mod migrations;
pub mod record_index;
pub mod tables;
mod writer;

use std::path::Path;
use std::sync::Arc;

use parking_lot::RwLock;
use redb::{Database, ReadTransaction, ReadableDatabase};
use tokio::sync::mpsc;

pub use json::{DecodeError, Json, PutRow, Stored, all_rows, decoded};
pub use writer::{Reaction, Tx};

use crate::error::{Error, Result};
use crate::events::Bus;
use crate::metrics::Metrics;

/// Why the store could not be opened; the CLI prints these as one line.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("data dir {0} is in use by another Parley process (stop it first)")]
    InUse(String),
    #[error("cannot open {path}: {reason}")]
    Unusable { path: String, reason: String },
}

/// redb's page cache. Bounded so memory stays flat however large the store grows; the OS page
/// cache still holds hot pages beyond it (and reads through it cost little more). 64 MB keeps
/// the process within its memory budget at a million messages.
const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// The open database, shared by readers and the writer thread. [`Store::close`] takes it out:
/// only a dropped `Database` records a clean shutdown, and without one the next open repairs
/// (reads) the whole file, which makes start-up grow with the data.
type Handle = Arc<RwLock<Option<Database>>>;

#[derive(Clone)]
pub struct Store {
    db: Handle,
    jobs: mpsc::Sender<Box<dyn writer::Job>>,
    urgent: writer::Urgent,
    reactions: writer::Reactions,
}

/// Creates or migrates the store file at `path` up to schema `version` only, as an older Parley
/// left it: for tests of the migrations that follow.
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: u64) -> Result<Database> {
    let db = Database::create(path)?;
    migrations::run_to(&db, version)?;
    Ok(db)
}

/// A repair reads the whole file: it follows a stop that did not close the store (a crash, a
/// kill), and start-up waits for it, so it is logged.
fn report_repair(session: &mut redb::RepairSession) {
    let done = session.progress();
    if done == 0.0 {
        tracing::warn!("the store was not closed cleanly; repairing it before start");
    } else {
        tracing::debug!(progress = done, "repairing the store");
    }
}

fn closed() -> Error {
    Error::Store("the store is closed (Parley is stopping)".into())
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: u64 = migrations::SCHEMA_VERSION;

impl Store {
    /// Opens (or creates) `parley.redb` under `dir`, migrates it, and starts the writer thread.
    pub fn open(dir: &Path, bus: Bus, metrics: Metrics) -> Result<Store, OpenError> {
        let path = dir.join("parley.redb");
        let unusable = |reason: String| OpenError::Unusable {
            path: path.display().to_string(),
            reason,
        };
        std::fs::create_dir_all(dir).map_err(|e| unusable(e.to_string()))?;
        let db = match Database::builder()
            .set_cache_size(CACHE_BYTES)
            .set_repair_callback(report_repair)
            .create(&path)
        {
            Ok(db) => db,
            Err(redb::DatabaseError::DatabaseAlreadyOpen) => {
                return Err(OpenError::InUse(dir.display().to_string()));
            }
            Err(e) => return Err(unusable(e.to_string())),
        };
        migrations::run(&db).map_err(|e| unusable(e.to_string()))?;
        let db: Handle = Arc::new(RwLock::new(Some(db)));
        let reactions = writer::Reactions::default();
        let urgent = writer::Urgent::default();
        let jobs = writer::spawn(db.clone(), bus, metrics, reactions.clone(), urgent.clone())
            .map_err(|e| unusable(format!("cannot start the store writer thread: {e}")))?;
        Ok(Store {
            db,
            jobs,
            urgent,
            reactions,
        })
    }

    /// Registers `reaction` to run on every event emitted from the next commit on, inside the
    /// transaction that emits it (so what it writes commits with its cause). `App::open`
    /// registers them before anything is written.
    pub fn react(&self, reaction: Reaction) {
        self.reactions.write().push(reaction);
    }

    pub fn read(&self) -> Result<ReadTransaction> {
        // Recursive: a change running on the writer thread (which holds the handle while it
        // commits) may read too, and must not queue behind `close` waiting for the handle.
        match self.db.read_recursive().as_ref() {
            Some(db) => Ok(db.begin_read()?),
            None => Err(closed()),
        }
    }

    /// Waits until every change handed over so far is committed, then closes the database so
    /// the next open finds it clean. Reads and writes after this fail as unavailable.
    pub async fn close(&self) -> Result<()> {
        self.write(|_| Ok(())).await?;
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || match db.write().take() {
            Some(db) => db
                .close()
                .map_err(|e| Error::Internal(format!("closing the store: {e}"))),
            None => Ok(()),
        })
        .await
        .map_err(|e| Error::Internal(format!("closing the store: {e}")))?
    }

    /// Runs `change` inside the next group commit and answers once it is durably on disk.
    /// `change` may run more than once (when a batch it shared is retried), so it must not have
    /// side effects outside the transaction.
    pub async fn write<T, F>(&self, change: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnMut(&mut Tx<'_>) -> Result<T> + Send + 'static,
    {
        let (job, reply) = writer::job(change);
        self.jobs
            .send(job)
            .await
            .map_err(|_| Error::Internal("store writer stopped".into()))?;
        reply
            .await
            .map_err(|_| Error::Internal("store writer dropped a change".into()))?
    }

    /// Like [`Store::write`], but ahead of the changes already waiting, in the next (small)
    /// group: for a small change that holds up outside work, such as the sender's mark of what
    /// it is about to send, which must not wait behind a burst of queued sends.
    pub async fn write_first<T, F>(&self, change: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnMut(&mut Tx<'_>) -> Result<T> + Send + 'static,
    {
        let (job, reply) = writer::job(change);
        self.urgent.lock().push(job);
        // Wakes an idle writer; a full queue means it is busy and takes the change next.
        let (wake, _) = writer::job(|_| Ok(()));
        if let Err(mpsc::error::TrySendError::Closed(_)) = self.jobs.try_send(wake) {
            return Err(Error::Internal("store writer stopped".into()));
        }
        reply
            .await
            .map_err(|_| Error::Internal("store writer dropped a change".into()))?
    }

    /// The last committed change sequence.
    pub fn last_seq(&self) -> Result<u64> {
        use redb::ReadableTable;
        let tx = self.read()?;
        let log = tx.open_table(tables::CHANGELOG)?;
        Ok(log.last()?.map(|(k, _)| k.value()).unwrap_or(0))
    }
}
