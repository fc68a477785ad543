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

mod control;
mod restore;
mod schedule;

#[cfg(unix)]
pub use control::{fetch_from_server, serve_control};
pub use restore::{is_empty_dir, restore, verify};
pub use schedule::{Scheduled, next_backup};

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use redb::{Database, ReadTransaction, ReadableTable, TableDefinition, TableHandle};
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
        UPLOADS, DOCUMENT_IDS, COMPANY, CONV_BY_ACTIVITY, CONV_BY_RECORD, CONV_COUNTS,
        RECORDS_BY_FIELD, FIELD_COUNTS,
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
            .map(|_| restore::schema_version(tmp))
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
