//! The simulator's memory across restarts: its own redb file (`sandbox.redb` in the data
//! dir, apart from Parley's `parley.redb`).
//!
//! The in-memory [`State`](super::state::State) stays the source of truth while running;
//! every change also appends an [`Op`] to a [`Journal`] (in state order, since ops are
//! queued under the state lock). One writer thread applies queued ops in group commits
//! (one durable redb write transaction per batch), and an HTTP call answers only after
//! the ops it queued are committed, so a kill never loses an acknowledged change while a
//! burst of sends shares fsyncs. Without a data dir (tests, benchmarks) there is no
//! journal and nothing is serialised.
//!
//! Tables: `account` (one JSON record: numbers, subscription, templates, deleted names,
//! the URL-signing key), `thread` (position -> JSON thread entry; statuses rewrite the
//! entry), `media` (id -> JSON `{mime, expires_at}`) and `media_bytes` (id -> bytes).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tokio::sync::{oneshot, watch};

use super::state::{Media, Template, ThreadEntry};

const ACCOUNT: TableDefinition<&str, &str> = TableDefinition::new("account");
const THREAD: TableDefinition<u64, &str> = TableDefinition::new("thread");
const MEDIA: TableDefinition<&str, &str> = TableDefinition::new("media");
const MEDIA_BYTES: TableDefinition<&str, &[u8]> = TableDefinition::new("media_bytes");
const ACCOUNT_KEY: &str = "account";
/// Ops applied per write transaction at most.
const BATCH: usize = 4096;

/// A number's mutable state (its configuration comes from `SandboxConfig`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct NumberRecord {
    pub id: String,
    pub registered: bool,
    pub code_verification_status: String,
    pub pin: Option<String>,
    pub register_calls: Vec<i64>,
    pub profile: Map<String, Value>,
}

/// Everything but threads and media; small, so it is rewritten whole on each change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct AccountRecord {
    pub subscribed: bool,
    pub numbers: Vec<NumberRecord>,
    pub templates: Vec<Template>,
    pub deleted_names: Vec<(String, i64)>,
    pub url_key: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct MediaInfo {
    mime: String,
    expires_at: i64,
}

/// What a previous run left.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub account: Option<AccountRecord>,
    pub thread: Vec<ThreadEntry>,
    pub media: Vec<(String, Media)>,
}

pub(crate) enum Op {
    Account(String),
    Entry(u64, String),
    PutMedia {
        id: String,
        info: String,
        bytes: Arc<[u8]>,
    },
    DropMedia(String),
    Close(oneshot::Sender<()>),
}

/// The queue side of the writer thread; lives in the state, behind its lock.
pub(crate) struct Journal {
    tx: std::sync::mpsc::Sender<(u64, Op)>,
    enqueued: u64,
    committed: watch::Receiver<u64>,
    failed: Arc<AtomicBool>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("enqueued", &self.enqueued)
            .finish_non_exhaustive()
    }
}

/// What a caller waits on: all ops queued so far are committed.
pub(crate) struct Mark {
    target: u64,
    committed: watch::Receiver<u64>,
    failed: Arc<AtomicBool>,
}

impl Mark {
    /// False when the writer failed (the change is in memory but not on disk).
    pub async fn wait(mut self) -> bool {
        let target = self.target;
        if self.committed.wait_for(|c| *c >= target).await.is_err() {
            return false;
        }
        !self.failed.load(Ordering::Acquire)
    }
}

impl Journal {
    pub fn push(&mut self, op: Op) {
        self.enqueued += 1;
        if self.tx.send((self.enqueued, op)).is_err() {
            tracing::warn!("sandbox state writer has stopped; a change was not saved");
        }
    }

    pub fn mark(&self) -> Mark {
        Mark {
            target: self.enqueued,
            committed: self.committed.clone(),
            failed: self.failed.clone(),
        }
    }

    /// Commits what is queued, closes the file and answers once it is closed.
    pub fn close(&mut self) -> oneshot::Receiver<()> {
        let (tx, rx) = oneshot::channel();
        self.push(Op::Close(tx));
        rx
    }
}

/// Opens (or creates) `sandbox.redb` in `dir`, reads what it holds, and starts the writer.
pub(crate) fn open(dir: &Path, now: i64) -> std::io::Result<(Journal, Loaded)> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join("sandbox.redb");
    let db = Database::create(&path)
        .map_err(|e| std::io::Error::other(format!("cannot open {}: {e}", path.display())))?;
    let (loaded, expired) = load(&db, now).map_err(std::io::Error::other)?;
    let (tx, rx) = std::sync::mpsc::channel();
    let (committed_tx, committed) = watch::channel(0);
    let failed = Arc::new(AtomicBool::new(false));
    let writer_failed = failed.clone();
    std::thread::Builder::new()
        .name("sandbox-state".into())
        .spawn(move || write_loop(db, &rx, &committed_tx, &writer_failed))?;
    let mut journal = Journal {
        tx,
        enqueued: 0,
        committed,
        failed,
    };
    for id in expired {
        journal.push(Op::DropMedia(id));
    }
    Ok((journal, loaded))
}

fn load(db: &Database, now: i64) -> Result<(Loaded, Vec<String>), redb::Error> {
    // Create the tables so a fresh file reads as empty.
    let w = db.begin_write()?;
    w.open_table(ACCOUNT)?;
    w.open_table(THREAD)?;
    w.open_table(MEDIA)?;
    w.open_table(MEDIA_BYTES)?;
    w.commit()?;

    let r = db.begin_read()?;
    let mut loaded = Loaded::default();
    let account = r.open_table(ACCOUNT)?;
    if let Some(raw) = account.get(ACCOUNT_KEY)? {
        match serde_json::from_str(raw.value()) {
            Ok(record) => loaded.account = Some(record),
            Err(err) => tracing::warn!(%err, "sandbox account record unreadable; starting fresh"),
        }
    }
    let thread = r.open_table(THREAD)?;
    for row in thread.iter()? {
        let (_, raw) = row?;
        match serde_json::from_str::<ThreadEntry>(raw.value()) {
            Ok(entry) => loaded.thread.push(entry),
            Err(err) => tracing::warn!(%err, "sandbox thread entry unreadable; skipped"),
        }
    }
    let media = r.open_table(MEDIA)?;
    let bytes = r.open_table(MEDIA_BYTES)?;
    let mut expired = Vec::new();
    for row in media.iter()? {
        let (id, raw) = row?;
        let id = id.value().to_owned();
        let Ok(info) = serde_json::from_str::<MediaInfo>(raw.value()) else {
            expired.push(id);
            continue;
        };
        match bytes.get(id.as_str())? {
            Some(data) if info.expires_at > now => {
                let media = Media {
                    bytes: Arc::from(data.value()),
                    mime: info.mime,
                    expires_at: info.expires_at,
                };
                loaded.media.push((id, media));
            }
            _ => expired.push(id),
        }
    }
    Ok((loaded, expired))
}

fn write_loop(
    db: Database,
    rx: &std::sync::mpsc::Receiver<(u64, Op)>,
    committed: &watch::Sender<u64>,
    failed: &AtomicBool,
) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match rx.try_recv() {
                Ok(op) => batch.push(op),
                Err(_) => break,
            }
        }
        let last = batch.last().map_or(0, |(seq, _)| *seq);
        let mut close = None;
        if let Err(err) = apply(&db, batch, &mut close) {
            tracing::error!(%err, "sandbox state could not be saved");
            failed.store(true, Ordering::Release);
        }
        committed.send_replace(last);
        if let Some(done) = close {
            drop(db);
            let _ = done.send(());
            return;
        }
    }
}

fn apply(
    db: &Database,
    batch: Vec<(u64, Op)>,
    close: &mut Option<oneshot::Sender<()>>,
) -> Result<(), redb::Error> {
    let w = db.begin_write()?;
    {
        let mut account = w.open_table(ACCOUNT)?;
        let mut thread = w.open_table(THREAD)?;
        let mut media = w.open_table(MEDIA)?;
        let mut bytes = w.open_table(MEDIA_BYTES)?;
        let mut latest_account = None;
        for (_, op) in batch {
            match op {
                Op::Account(json) => latest_account = Some(json),
                Op::Entry(pos, json) => {
                    thread.insert(pos, json.as_str())?;
                }
                Op::PutMedia {
                    id,
                    info,
                    bytes: data,
                } => {
                    media.insert(id.as_str(), info.as_str())?;
                    bytes.insert(id.as_str(), &*data)?;
                }
                Op::DropMedia(id) => {
                    media.remove(id.as_str())?;
                    bytes.remove(id.as_str())?;
                }
                Op::Close(done) => *close = Some(done),
            }
        }
        if let Some(json) = latest_account {
            account.insert(ACCOUNT_KEY, json.as_str())?;
        }
    }
    w.commit()?;
    Ok(())
}

/// The JSON a media row stores besides its bytes.
pub(crate) fn media_info(media: &Media) -> String {
    serde_json::to_string(&MediaInfo {
        mime: media.mime.clone(),
        expires_at: media.expires_at,
    })
    .unwrap_or_default()
}
