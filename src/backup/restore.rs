//! Reading a backup back: verifying its checksum and format, and unpacking it into a data dir.

use std::io::{BufReader, Read};
use std::path::Path;

use redb::{Database, ReadableDatabase};
use sha2::{Digest, Sha256};

use super::{FORMAT_VERSION, MAGIC, Manifest, SOCKET, io, is_blob_name};
use crate::error::{Error, Result};
use crate::store::tables::META;

pub(super) fn schema_version(db: &Path) -> Result<u64> {
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
