//! Backups (N12): one file holding a consistent snapshot of the store, the blobs and the secret
//! key; restore verifies it and rebuilds the search index.
//!
//! - **Consistency.** A backup copies every table from *one* redb read transaction (a snapshot:
//!   writes committed after it began are not in it) into a fresh redb file. Blobs are
//!   content-addressed and written before the row that names them commits, so the blob files
//!   present once the snapshot began include every blob the snapshot references (blobs written
//!   since are included too; they are harmless).
//! - **While the server runs.** redb lets one process open a file. A running server therefore
//!   listens on a Unix socket in its data dir (`parley.sock`, mode 0600: whoever may read the
//!   data dir may take a backup, nobody else), and `parley backup` asks it for the file there;
//!   when no server runs, the CLI opens the store itself. Either way the same code writes it.
//! - **Format** (version [`FORMAT_VERSION`]): `PARLEYBK`, the version (u32 LE), entries
//!   (`1`, name length u16 LE, name, size u64 LE, bytes), an end mark `0`, and the sha256 of
//!   every byte before it. Entries: `manifest.json`, `parley.redb`, `secret.key` (when the key
//!   lives in the data dir), `blobs/<sha256>`. The search index is not in it: restore rebuilds it.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use redb::{
    Database, ReadTransaction, ReadableDatabase, ReadableTable, TableDefinition, TableHandle,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::tables::*;

pub const MAGIC: &[u8; 8] = b"PARLEYBK";
pub const FORMAT_VERSION: u32 = 1;
/// The control socket a running server listens on, in its data dir.
pub const SOCKET: &str = "parley.sock";

/// What a backup holds (stored as `manifest.json` inside it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format_version: u32,
    pub created_at: String,
    pub schema_version: u64,
    pub last_seq: u64,
    /// Rows per table.
    pub tables: std::collections::BTreeMap<String, u64>,
    pub blobs: u64,
    pub secret_key: bool,
}

fn io(what: &str) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Internal(format!("{what}: {e}"))
}

fn copy<K: redb::Key + 'static, V: redb::Value + 'static>(
    src: &ReadTransaction,
    dst: &redb::WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<Option<u64>> {
    let table = match src.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let mut out = dst.open_table(def)?;
    let mut n = 0;
    for entry in table.iter()? {
        let (k, v) = entry?;
        out.insert(k.value(), v.value())?;
        n += 1;
    }
    Ok(Some(n))
}

/// Copies every known table; a table in the store that this list does not know fails the
/// backup (so a table added without a line here cannot be silently left out).
macro_rules! copy_tables {
    ($src:expr, $dst:expr, $counts:expr; $($t:ident),* $(,)?) => {{
        let known: &[&str] = &[$($t.name()),*];
        for handle in $src.list_tables()? {
            let name = handle.name().to_string();
            if !known.contains(&name.as_str()) {
                return Err(Error::Internal(format!(
                    "table {name} is not known to the backup (add it to backup::snapshot)"
                )));
            }
        }
        $(
            if let Some(n) = copy($src, $dst, $t)? {
                $counts.insert($t.name().to_string(), n);
            }
        )*
    }};
}

/// Copies one read snapshot of `store` into a fresh redb file at `dest`.
pub fn snapshot(
    store: &Store,
    dest: &Path,
) -> Result<(u64, std::collections::BTreeMap<String, u64>)> {
    let src = store.read()?;
    let dst_db = Database::create(dest)?;
    let dst = dst_db.begin_write()?;
    let mut counts = std::collections::BTreeMap::new();
    copy_tables!(&src, &dst, counts;
        META, CHANGELOG, USERS, USER_EMAILS, SESSIONS, API_TOKENS, ROLES, GROUPS, NOTIFICATIONS,
        RECORDS, RECORDS_BY_MODIFIED, RECORD_COUNTS, PHONE_INDEX, CUSTOM_FIELDS, ACCOUNTS,
        PROFILES, INBOX, CONVERSATIONS, CONV_BY_CUSTOMER, MESSAGES, MSG_BY_WAMID, MSG_BY_CONV,
        PENDING_STATUS, OUTBOX, MESSAGE_VIEWS, TEMPLATES, PREDEFINED, CUSTOM_MODULES, ACTIVITIES,
        ACTIVITIES_BY_RECORD, DOCUMENTS, JOBS, JOB_KEYS, JOBS_FAILED, CHANGELOG_MARKS, WALLET,
        LEDGER, HOLDS, PAYMENTS, PAYMENTS_DUE, RATE_CARDS, RATES, MARKETS, FREE_ENTRY,
        CBP_WINDOWS, AUDIT, WEBHOOK_SUBS, WEBHOOK_DELIVERIES, AUTO_RULES, AUTO_BLUEPRINTS,
        AUTO_JOURNEYS, AUTO_ENROLLMENTS, AUTO_ENROLL_BY_RECORD, AUTO_RUNS, CONSENT,
        CONSENT_KEYWORDS, BROADCASTS, BROADCAST_RECIPIENTS, BROADCAST_BY_MESSAGE, TIER_CONTACTS,
        UPLOADS, DOCUMENT_IDS, COMPANY,
    );
    if src.list_multimap_tables()?.next().is_some() {
        return Err(Error::Internal(
            "multimap tables are not known to the backup".into(),
        ));
    }
    let last_seq = src
        .open_table(CHANGELOG)?
        .last()?
        .map(|(k, _)| k.value())
        .unwrap_or(0);
    dst.commit()?;
    Ok((last_seq, counts))
}

/// Hashes everything written through it.
struct Hashing<W: Write> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn entry_header(w: &mut impl Write, name: &str, size: u64) -> std::io::Result<()> {
    let len = u16::try_from(name.len()).map_err(std::io::Error::other)?;
    w.write_all(&[1])?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(name.as_bytes())?;
    w.write_all(&size.to_le_bytes())
}

fn entry_file(w: &mut impl Write, name: &str, path: &Path) -> std::io::Result<()> {
    let mut f = std::fs::File::open(path)?;
    let size = f.metadata()?.len();
    entry_header(w, name, size)?;
    let copied = std::io::copy(&mut (&mut f).take(size), w)?;
    if copied != size {
        return Err(std::io::Error::other(format!("{name} shrank while copied")));
    }
    Ok(())
}

/// Whether `name` (a file in `blobs/`) is a finished blob (sha256 hex), not a temporary file.
fn is_blob_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Writes a whole backup of the store (and the data dir's blobs and key) to `out`. `now` names
/// the time in the manifest.
pub fn write_backup(store: &Store, data_dir: &Path, now: i64, out: impl Write) -> Result<Manifest> {
    let tmp = data_dir.join(format!(".backup-{}.redb", crate::ids::new_id(now)));
    let result = write_with(store, data_dir, now, &tmp, out);
    let _ = std::fs::remove_file(&tmp);
    result
}

fn write_with(
    store: &Store,
    data_dir: &Path,
    now: i64,
    tmp: &Path,
    out: impl Write,
) -> Result<Manifest> {
    let (last_seq, tables) = snapshot(store, tmp)?;
    let blob_dir = data_dir.join("blobs");
    let mut blobs: Vec<String> = match std::fs::read_dir(&blob_dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|n| is_blob_name(n))
            .collect(),
        Err(_) => vec![],
    };
    blobs.sort();
    let key = data_dir.join("secret.key");
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        created_at: crate::clock::to_rfc3339(now),
        schema_version: tables
            .get("meta")
            .map(|_| schema_version(tmp))
            .transpose()?
            .unwrap_or(0),
        last_seq,
        tables,
        blobs: blobs.len() as u64,
        secret_key: key.exists(),
    };
    let err = io("writing the backup");
    let mut w = Hashing {
        inner: BufWriter::new(out),
        hash: Sha256::new(),
    };
    w.write_all(MAGIC).map_err(&err)?;
    w.write_all(&FORMAT_VERSION.to_le_bytes()).map_err(&err)?;
    let m = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Internal(e.to_string()))?;
    entry_header(&mut w, "manifest.json", m.len() as u64).map_err(&err)?;
    w.write_all(&m).map_err(&err)?;
    entry_file(&mut w, "parley.redb", tmp).map_err(&err)?;
    if manifest.secret_key {
        entry_file(&mut w, "secret.key", &key).map_err(&err)?;
    }
    for b in &blobs {
        entry_file(&mut w, &format!("blobs/{b}"), &blob_dir.join(b)).map_err(&err)?;
    }
    w.write_all(&[0]).map_err(&err)?;
    let digest = w.hash.finalize();
    let mut inner = w.inner;
    inner.write_all(&digest).map_err(&err)?;
    inner.flush().map_err(&err)?;
    Ok(manifest)
}

fn schema_version(db: &Path) -> Result<u64> {
    let db = Database::open(db)?;
    let tx = db.begin_read()?;
    let meta = tx.open_table(META)?;
    Ok(meta.get("schema_version")?.map(|v| v.value()).unwrap_or(0))
}

/// Checks the file's checksum and format version; answers its manifest.
pub fn verify(file: &Path) -> Result<Manifest> {
    let bad = |m: &str| Error::invalid(format!("{}: {m}", file.display()));
    let f = std::fs::File::open(file).map_err(|e| bad(&e.to_string()))?;
    let len = f.metadata().map_err(|e| bad(&e.to_string()))?.len();
    if len < 8 + 4 + 1 + 32 {
        return Err(bad("too short to be a Parley backup"));
    }
    let mut r = BufReader::new(f);
    let mut hash = Sha256::new();
    let mut body = (&mut r).take(len - 32);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = body.read(&mut buf).map_err(|e| bad(&e.to_string()))?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
    }
    let mut stored = [0u8; 32];
    r.read_exact(&mut stored).map_err(|e| bad(&e.to_string()))?;
    let mut head = [0u8; 12];
    let mut f = std::fs::File::open(file).map_err(|e| bad(&e.to_string()))?;
    f.read_exact(&mut head).map_err(|e| bad(&e.to_string()))?;
    if &head[..8] != MAGIC {
        return Err(bad("not a Parley backup"));
    }
    let version = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
    if version != FORMAT_VERSION {
        return Err(bad(&format!(
            "backup format {version}; this build reads format {FORMAT_VERSION}"
        )));
    }
    if hash.finalize().as_slice() != stored {
        return Err(bad("checksum mismatch: the file is damaged or incomplete"));
    }
    let mut manifest = None;
    read_entries(file, |name, size, r| {
        if name == "manifest.json" {
            let mut bytes = vec![];
            r.take(size).read_to_end(&mut bytes)?;
            manifest = serde_json::from_slice(&bytes).ok();
            Ok(true)
        } else {
            Ok(false)
        }
    })?;
    manifest.ok_or_else(|| bad("no manifest"))
}

/// Walks the entries; `each` answers whether it consumed the entry's bytes (else they are
/// skipped).
fn read_entries(
    file: &Path,
    mut each: impl FnMut(&str, u64, &mut dyn Read) -> std::io::Result<bool>,
) -> Result<()> {
    let err = io("reading the backup");
    let mut r = BufReader::new(std::fs::File::open(file).map_err(&err)?);
    let mut head = [0u8; 12];
    r.read_exact(&mut head).map_err(&err)?;
    loop {
        let mut tag = [0u8; 1];
        r.read_exact(&mut tag).map_err(&err)?;
        if tag[0] == 0 {
            return Ok(());
        }
        let mut l = [0u8; 2];
        r.read_exact(&mut l).map_err(&err)?;
        let mut name = vec![0u8; usize::from(u16::from_le_bytes(l))];
        r.read_exact(&mut name).map_err(&err)?;
        let name = String::from_utf8(name).map_err(|e| Error::invalid(e.to_string()))?;
        let mut s = [0u8; 8];
        r.read_exact(&mut s).map_err(&err)?;
        let size = u64::from_le_bytes(s);
        let mut limited = (&mut r).take(size);
        each(&name, size, &mut limited).map_err(&err)?;
        std::io::copy(&mut limited, &mut std::io::sink()).map_err(&err)?;
    }
}

/// Whether `dir` holds anything.
pub fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).map_or(true, |mut rd| rd.next().is_none())
}

/// Verifies `file` and unpacks it into `data_dir` (which must be empty unless `force`; with
/// `force` the store, index, blobs and key there are replaced). The caller rebuilds the search
/// index afterwards (the store is opened, so a server running on `data_dir` is refused).
pub fn restore(file: &Path, data_dir: &Path, force: bool) -> Result<Manifest> {
    let manifest = verify(file)?;
    if !is_empty_dir(data_dir) {
        if !force {
            return Err(Error::Conflict(format!(
                "data dir {} is not empty (pass --force to replace its data)",
                data_dir.display()
            )));
        }
        // A running server holds the store: refuse rather than pull the floor from under it.
        let existing = data_dir.join("parley.redb");
        if existing.exists() {
            match Database::create(&existing) {
                Err(redb::DatabaseError::DatabaseAlreadyOpen) => {
                    return Err(Error::Conflict(format!(
                        "data dir {} is in use by another Parley process (stop it first)",
                        data_dir.display()
                    )));
                }
                Ok(db) => drop(db),
                Err(_) => {}
            }
        }
    }
    let err = io("restoring");
    std::fs::create_dir_all(data_dir).map_err(&err)?;
    let staging = data_dir.join(".restore");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(staging.join("blobs")).map_err(&err)?;
    read_entries(file, |name, _size, r| {
        let path = match name {
            "parley.redb" | "secret.key" => staging.join(name),
            n if n.strip_prefix("blobs/").is_some_and(is_blob_name) => staging.join(n),
            _ => return Ok(false),
        };
        let mut out = std::fs::File::create(&path)?;
        std::io::copy(r, &mut out)?;
        out.sync_all()?;
        Ok(true)
    })?;
    if !staging.join("parley.redb").exists() {
        return Err(Error::invalid("the backup holds no store"));
    }
    for name in ["parley.redb", "secret.key"] {
        let _ = std::fs::remove_file(data_dir.join(name));
    }
    for dir in ["blobs", "index"] {
        let _ = std::fs::remove_dir_all(data_dir.join(dir));
    }
    let _ = std::fs::remove_file(data_dir.join(SOCKET));
    std::fs::rename(staging.join("parley.redb"), data_dir.join("parley.redb")).map_err(&err)?;
    if staging.join("secret.key").exists() {
        std::fs::rename(staging.join("secret.key"), data_dir.join("secret.key")).map_err(&err)?;
    }
    std::fs::rename(staging.join("blobs"), data_dir.join("blobs")).map_err(&err)?;
    let _ = std::fs::remove_dir_all(&staging);
    Ok(manifest)
}

/// Asks the server running on `data_dir` for a backup over its control socket and writes it to
/// `out` (through a temporary file, renamed once the checksum is verified).
#[cfg(unix)]
pub fn fetch_from_server(data_dir: &Path, out: &Path) -> Result<()> {
    use std::io::BufRead;
    let sock = data_dir.join(SOCKET);
    let mut s = std::os::unix::net::UnixStream::connect(&sock).map_err(|e| {
        Error::Conflict(format!(
            "data dir {} is in use by another Parley process, and its control socket {} does not answer ({e})",
            data_dir.display(),
            sock.display()
        ))
    })?;
    s.write_all(b"backup\n").map_err(io("asking the server"))?;
    let mut r = BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line).map_err(io("asking the server"))?;
    if line.trim_end() != "ok" {
        return Err(Error::Internal(format!(
            "the server refused: {}",
            line.trim_end().trim_start_matches("error: ")
        )));
    }
    let tmp = partial_path(out);
    let mut f = std::fs::File::create(&tmp).map_err(io("writing the backup"))?;
    std::io::copy(&mut r, &mut f).map_err(io("receiving the backup"))?;
    f.sync_all().map_err(io("writing the backup"))?;
    drop(f);
    if let Err(e) = verify(&tmp) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, out).map_err(io("writing the backup"))?;
    Ok(())
}

fn partial_path(out: &Path) -> PathBuf {
    let mut name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    out.with_file_name(name)
}

/// Writes a backup of `store` to the file `out` (through a temporary file renamed when done).
pub fn backup_to_file(store: &Store, data_dir: &Path, now: i64, out: &Path) -> Result<Manifest> {
    let tmp = partial_path(out);
    let f = std::fs::File::create(&tmp).map_err(io("creating the backup file"))?;
    let result = write_backup(store, data_dir, now, &f).and_then(|m| {
        f.sync_all().map_err(io("writing the backup"))?;
        Ok(m)
    });
    match result {
        Ok(m) => {
            std::fs::rename(&tmp, out).map_err(io("writing the backup"))?;
            Ok(m)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The control socket: answers `backup` with `ok` and the backup's bytes. Runs until `stop`.
#[cfg(unix)]
pub async fn serve_control(
    store: Store,
    data_dir: PathBuf,
    clock: crate::clock::SharedClock,
    mut stop: crate::service::Stop,
) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    use tokio::io::AsyncBufReadExt;
    let path = data_dir.join(SOCKET);
    // We hold the store's lock, so a socket file left here is from a process that is gone.
    let _ = std::fs::remove_file(&path);
    let listener = match tokio::net::UnixListener::bind(&path) {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(error = %e, path = %path.display(), "no control socket: `parley backup` cannot reach this server");
            let _ = stop.changed().await;
            return Ok(());
        }
    };
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
        .map_err(io("control socket permissions"))?;
    loop {
        let conn = tokio::select! {
            c = listener.accept() => c,
            _ = stop.changed() => break,
        };
        let Ok((stream, _)) = conn else { continue };
        let (store, data_dir, clock) = (store.clone(), data_dir.clone(), clock.clone());
        tokio::spawn(async move {
            let mut r = tokio::io::BufReader::new(stream);
            let mut line = String::new();
            if r.read_line(&mut line).await.is_err() {
                return;
            }
            let Ok(stream) = r.into_inner().into_std() else {
                return;
            };
            let cmd = line.trim().to_string();
            let done = tokio::task::spawn_blocking(move || -> Result<()> {
                stream
                    .set_nonblocking(false)
                    .map_err(io("control socket"))?;
                let mut stream = stream;
                if cmd != "backup" {
                    let _ = writeln!(stream, "error: unknown command {cmd:?}");
                    return Ok(());
                }
                stream.write_all(b"ok\n").map_err(io("control socket"))?;
                let m = write_backup(&store, &data_dir, clock.now(), &stream)?;
                tracing::info!(
                    blobs = m.blobs,
                    last_seq = m.last_seq,
                    "backup sent over the control socket"
                );
                Ok(())
            })
            .await;
            if let Ok(Err(e)) = done {
                tracing::warn!(error = %e, "backup over the control socket failed");
            }
        });
    }
    let _ = std::fs::remove_file(&path);
    Ok(())
}

/// Scheduled backups: a job (one at a time, by its key) that writes
/// `<backup_dir>/parley-<UTC time>.pbk`, keeps the newest `keep`, and schedules the next.
pub struct Scheduled {
    store: Store,
    clock: crate::clock::SharedClock,
    data_dir: PathBuf,
    dir: PathBuf,
    interval_ms: i64,
    keep: usize,
}

const SCHEDULE_KEY: &str = "backup";

pub fn next_backup(due_at: i64) -> crate::jobs::NewJob {
    crate::jobs::NewJob {
        kind: crate::jobs::Kind::Backup,
        key: Some(SCHEDULE_KEY.into()),
        payload: serde_json::Value::Null,
        due_at,
        max_attempts: 3,
    }
}

impl Scheduled {
    pub fn new(
        store: Store,
        clock: crate::clock::SharedClock,
        config: &crate::config::Config,
    ) -> Option<std::sync::Arc<Self>> {
        let dir = config.backup_dir.clone()?;
        Some(std::sync::Arc::new(Self {
            store,
            clock,
            data_dir: config.data_dir.clone(),
            dir,
            interval_ms: i64::from(config.backup_interval_hours.max(1)) * 3_600_000,
            keep: usize::try_from(config.backup_keep.max(1)).unwrap_or(1),
        }))
    }

    /// Writes one backup now and deletes the oldest beyond `keep`; answers its path.
    pub fn run_once(&self) -> Result<PathBuf> {
        std::fs::create_dir_all(&self.dir).map_err(io("creating the backup dir"))?;
        let now = self.clock.now();
        let stamp = crate::clock::to_datetime(now).format("%Y%m%dT%H%M%SZ");
        let out = self.dir.join(format!("parley-{stamp}.pbk"));
        backup_to_file(&self.store, &self.data_dir, now, &out)?;
        let mut all: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map_err(io("reading the backup dir"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("parley-") && n.ends_with(".pbk"))
            })
            .collect();
        all.sort();
        let excess = all.len().saturating_sub(self.keep);
        for old in all.into_iter().take(excess) {
            let _ = std::fs::remove_file(old);
        }
        Ok(out)
    }
}

impl crate::jobs::Handler for Scheduled {
    fn kind(&self) -> crate::jobs::Kind {
        crate::jobs::Kind::Backup
    }
    fn run(
        &self,
        _job: crate::jobs::JobRow,
    ) -> futures_util::future::BoxFuture<'static, crate::jobs::Outcome> {
        use crate::jobs::Outcome;
        let me = Self {
            store: self.store.clone(),
            clock: self.clock.clone(),
            data_dir: self.data_dir.clone(),
            dir: self.dir.clone(),
            interval_ms: self.interval_ms,
            keep: self.keep,
        };
        Box::pin(async move {
            let interval = me.interval_ms;
            let done = tokio::task::spawn_blocking(move || {
                let r = me.run_once();
                (r, me.clock.now())
            })
            .await;
            match done {
                Ok((Ok(path), now)) => {
                    tracing::info!(path = %path.display(), "scheduled backup written");
                    Outcome::Done(Some(Box::new(move |tx: &mut crate::store::Tx<'_>| {
                        crate::jobs::enqueue(tx, now, next_backup(now + interval)).map(|_| ())
                    })))
                }
                Ok((Err(e), _)) => Outcome::Retry(e.to_string()),
                Err(e) => Outcome::Retry(e.to_string()),
            }
        })
    }
    fn failed(
        &self,
        tx: &mut crate::store::Tx<'_>,
        _job: &crate::jobs::JobRow,
        reason: &str,
    ) -> Result<()> {
        tracing::error!(
            reason,
            "scheduled backup failed; trying again at the next interval"
        );
        let now = self.clock.now();
        crate::jobs::enqueue(tx, now, next_backup(now + self.interval_ms)).map(|_| ())
    }
}
