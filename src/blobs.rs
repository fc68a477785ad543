//! The content-addressed blob store under the data dir's `blobs/`: each file is named by the
//! sha256 (hex) of its bytes and written to a temporary file first, then renamed into place, so
//! a reader never sees half a file. WhatsApp media and generated documents live here.
//!
//! `App::open` builds the one instance and hands it to the services that store files (crm for
//! documents, messaging for media, attachments for used uploads); resolvers and handlers ask
//! those services. The upload staging store (`<data>/uploads/`) is a second instance of this
//! type over its own directory, owned by `attachments`.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct Blobs {
    dir: PathBuf,
}

impl Blobs {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The store of the data dir `data_dir` (`<data_dir>/blobs`).
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self::new(data_dir.join("blobs"))
    }

    /// Writes `bytes` under `digest` (their sha256 hex) unless already there; returns the name.
    /// `unique` makes the temporary name unique among concurrent writers (e.g. a new id).
    pub fn put_named(&self, bytes: &[u8], digest: &str, unique: &str) -> Result<String> {
        let path = self.dir.join(digest);
        if !path.exists() {
            std::fs::create_dir_all(&self.dir)
                .map_err(|e| Error::Internal(format!("blob dir: {e}")))?;
            let tmp = self.dir.join(format!("{digest}.tmp-{unique}"));
            std::fs::write(&tmp, bytes).map_err(|e| Error::Internal(format!("blob write: {e}")))?;
            std::fs::rename(&tmp, &path)
                .map_err(|e| Error::Internal(format!("blob rename: {e}")))?;
        }
        Ok(digest.to_string())
    }

    /// A temporary path in the store's directory for a file being written (e.g. a download).
    pub fn temp_path(&self, unique: &str) -> Result<PathBuf> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| Error::Internal(format!("blob dir: {e}")))?;
        Ok(self.dir.join(format!("incoming.tmp-{unique}")))
    }

    /// Moves the finished file `tmp` (from [`Blobs::temp_path`]) into place under `digest`.
    pub fn put_file(&self, tmp: &Path, digest: &str) -> Result<String> {
        let path = self.dir.join(digest);
        if path.exists() {
            let _ = std::fs::remove_file(tmp);
        } else {
            std::fs::rename(tmp, &path)
                .map_err(|e| Error::Internal(format!("blob rename: {e}")))?;
        }
        Ok(digest.to_string())
    }

    /// Writes `bytes` and returns their sha256 hex name.
    pub fn put(&self, bytes: &[u8], unique: &str) -> Result<String> {
        let digest = crate::ids::sha256_hex(bytes);
        self.put_named(bytes, &digest, unique)
    }

    /// Where the blob named `digest` lives (`NOT_FOUND` for a malformed name).
    pub fn path(&self, digest: &str) -> Result<PathBuf> {
        if !is_digest(digest) {
            return Err(Error::NotFound("file".into()));
        }
        Ok(self.dir.join(digest))
    }

    /// Puts the blob `digest` of `other` here too (a hard link, else a copy via a temporary
    /// file), unless it is here already.
    pub fn import_from(&self, other: &Blobs, digest: &str) -> Result<()> {
        let to = self.path(digest)?;
        if to.exists() {
            return Ok(());
        }
        let from = other.path(digest)?;
        if !from.exists() {
            return Err(Error::NotFound("file".into()));
        }
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| Error::Internal(format!("blob dir: {e}")))?;
        if std::fs::hard_link(&from, &to).is_ok() {
            return Ok(());
        }
        let tmp = self.dir.join(format!("{digest}.tmp-import"));
        std::fs::copy(&from, &tmp).map_err(|e| Error::Internal(format!("blob copy: {e}")))?;
        std::fs::rename(&tmp, &to).map_err(|e| Error::Internal(format!("blob rename: {e}")))?;
        Ok(())
    }

    /// Removes the blob `digest` (nothing when it is not there).
    pub fn remove(&self, digest: &str) -> Result<()> {
        match std::fs::remove_file(self.path(digest)?) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::Internal(format!("blob remove: {e}")))
            }
            _ => Ok(()),
        }
    }

    /// The bytes named `digest`; `NOT_FOUND` for a malformed or unknown name.
    pub fn get(&self, digest: &str) -> Result<Vec<u8>> {
        if !is_digest(digest) {
            return Err(Error::NotFound("file".into()));
        }
        std::fs::read(self.dir.join(digest)).map_err(|_| Error::NotFound("file".into()))
    }
}

fn is_digest(name: &str) -> bool {
    name.len() == 64 && name.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let b = Blobs::in_data_dir(dir.path());
        let name = b.put(b"hello", "t1").unwrap();
        assert_eq!(name, crate::ids::sha256_hex(b"hello"));
        assert_eq!(b.put(b"hello", "t2").unwrap(), name);
        assert_eq!(b.get(&name).unwrap(), b"hello");
        assert!(b.get("../etc/passwd").is_err());
        assert!(b.get(&"0".repeat(64)).is_err());
    }
}
