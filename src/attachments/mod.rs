//! Attachments (F21–F23): uploads with Meta's types and limits ([`kinds`]), the sources files
//! come from ([`sources`]), and the documents a conversation may attach.
//!
//! An upload streams into a staging store (`<data>/uploads/`, content-addressed like the blob
//! store, not part of backups) under a size cap, is checked by its content and name, and gets a
//! row in `uploads`. Attaching it to a reply copies (hard-links) it into the blob store the
//! messages use. Upload rows expire after `retention_uploads_hours` whether used or not (a sent
//! file lives on with its message); the staged file goes with the last row naming it.

pub mod kinds;
pub mod model;
pub mod sources;

use crate::store::PutRow;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use redb::ReadableTable;
use sha2::Digest;

use self::model::UploadRow;
use self::sources::{CrmDocumentSource, ResolvedFile, Source, UploadSource};
use crate::auth::Viewer;
use crate::blobs::Blobs;
use crate::clock::{Millis, SharedClock};
use crate::crm::Crm;
use crate::crm::documents::{DOCUMENT_MODULES, DocumentRow};
use crate::crm::model::RecordRow;
use crate::error::{Error, Result};
use crate::messaging::model::RecordRef;
use crate::store::Store;
use crate::store::tables::{DOCUMENTS, RECORDS, UPLOADS};

/// At most this many attachments per message (F21).
pub const MAX_PER_MESSAGE: usize = 5;
/// Uploads streaming at once; more wait for a place.
const CONCURRENT_UPLOADS: usize = 4;
/// What one user may have staged (uploads not yet expired), so nobody fills the disk.
const STAGED_PER_USER: u64 = 1024 * 1024 * 1024;
/// Related records scanned per document module when listing what a conversation may attach.
const RELATED_SCAN: usize = 20_000;

/// A reference to a file of some source (`AttachmentInput` at the API).
#[derive(Debug, Clone)]
pub struct AttachmentRef {
    pub source: String,
    pub id: String,
}

#[derive(Clone)]
pub struct Attachments {
    store: Store,
    clock: SharedClock,
    crm: Crm,
    staging: Blobs,
    sources: Arc<Vec<Arc<dyn Source>>>,
    slots: Arc<tokio::sync::Semaphore>,
}

/// A record that renders to a document, related to a conversation's record, with its PDFs.
pub struct Attachable {
    pub record: RecordRow,
    pub documents: Vec<DocumentRow>,
}

impl Attachments {
    /// `blobs` is the app's one blob store, where a used upload goes; `staging_dir` holds the
    /// staging store, a store of its own (`<data>/uploads/`): uploads wait there until a reply
    /// uses them or they expire, and expiry deletes from it without touching sent files.
    pub fn new(
        store: Store,
        clock: SharedClock,
        crm: Crm,
        blobs: Blobs,
        staging_dir: std::path::PathBuf,
    ) -> Self {
        let staging = Blobs::new(staging_dir);
        let sources: Vec<Arc<dyn Source>> = vec![
            Arc::new(UploadSource {
                store: store.clone(),
                staging: staging.clone(),
                blobs,
            }),
            Arc::new(CrmDocumentSource {
                store: store.clone(),
                crm: crm.clone(),
            }),
        ];
        Self {
            store,
            clock,
            crm,
            staging,
            sources: Arc::new(sources),
            slots: Arc::new(tokio::sync::Semaphore::new(CONCURRENT_UPLOADS)),
        }
    }

    /// The names of the sources that ship (`upload`, `crm_document`).
    pub fn source_names(&self) -> Vec<&'static str> {
        self.sources.iter().map(|s| s.name()).collect()
    }

    /// Starts receiving an upload for `viewer`; feed it with [`Upload::write`], then
    /// [`Attachments::finish`]. Refused once the user's unexpired uploads reach 1 GiB.
    pub async fn begin(&self, viewer: &Viewer) -> Result<Upload> {
        let staged: u64 = self
            .store
            .read()?
            .open_table(UPLOADS)?
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .filter(|u| u.created_by == viewer.id())
            .map(|u| u.size)
            .sum();
        if staged >= STAGED_PER_USER {
            return Err(Error::TooLarge(format!(
                "you have {} of uploads waiting; they expire after a day (or send them first)",
                kinds::human(staged)
            )));
        }
        let permit = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Error::Internal("upload slots closed".into()))?;
        let tmp = self
            .staging
            .temp_path(&crate::ids::new_id(self.clock.now()))?;
        let file =
            std::fs::File::create(&tmp).map_err(|e| Error::Internal(format!("upload: {e}")))?;
        Ok(Upload {
            tmp,
            file: Some(file),
            hash: sha2::Sha256::new(),
            head: Vec::new(),
            size: 0,
            _permit: permit,
        })
    }

    /// Checks the received file (content and name, Meta's limit for its type), stores it and
    /// records it for `viewer`; a refused file is removed.
    pub async fn finish(
        &self,
        viewer: &Viewer,
        mut upload: Upload,
        file_name: &str,
    ) -> Result<UploadRow> {
        let file_name = clean_file_name(file_name);
        if let Some(f) = upload.file.take() {
            f.sync_all()
                .map_err(|e| Error::Internal(format!("upload: {e}")))?;
        }
        let checked = kinds::check(&file_name, &upload.head, upload.size);
        let media_type = match checked {
            Ok(t) => t,
            Err(reason) => {
                upload.discard();
                return Err(Error::validation(
                    "file",
                    format!("{file_name} cannot be sent on WhatsApp: {reason}"),
                ));
            }
        };
        let digest = hex::encode(std::mem::take(&mut upload.hash).finalize());
        self.staging.put_file(&upload.tmp, &digest)?;
        let now = self.clock.now();
        let row = UploadRow {
            id: crate::ids::new_id(now),
            sha256: digest,
            file_name,
            mime_type: media_type.mime.to_string(),
            kind: media_type.kind.to_string(),
            size: upload.size,
            created_by: viewer.id().to_string(),
            created_at: now,
        };
        let stored = row.clone();
        self.store
            .write(move |tx| {
                tx.txn
                    .open_table(UPLOADS)?
                    .put(stored.id.as_str(), &stored)?;
                Ok(())
            })
            .await?;
        Ok(row)
    }

    /// The files `refs` name, for a reply in a conversation with `record`: at most
    /// [`MAX_PER_MESSAGE`], each checked by its source.
    pub fn resolve(
        &self,
        viewer: &Viewer,
        record: Option<&RecordRef>,
        refs: &[AttachmentRef],
    ) -> Result<Vec<ResolvedFile>> {
        if refs.len() > MAX_PER_MESSAGE {
            return Err(Error::validation(
                "attachments",
                format!(
                    "at most {MAX_PER_MESSAGE} attachments per message ({} given)",
                    refs.len()
                ),
            ));
        }
        refs.iter()
            .map(|r| {
                let source = self
                    .sources
                    .iter()
                    .find(|s| s.name() == r.source)
                    .ok_or_else(|| {
                        Error::validation("attachments", format!("no source {}", r.source))
                    })?;
                source.resolve(viewer, &r.id, record)
            })
            .collect()
    }

    /// Records of the document modules related to `record` (a lookup names it) that `viewer`
    /// may see, newest first, each with its generated PDFs.
    pub fn attachable(&self, viewer: &Viewer, record: &RecordRef) -> Result<Vec<Attachable>> {
        let owners = self.crm.visible_owners(viewer)?;
        let tx = self.store.read()?;
        let records = tx.open_table(RECORDS)?;
        let docs = tx.open_table(DOCUMENTS)?;
        let mut out = vec![];
        for module in DOCUMENT_MODULES {
            let range = records.range((module, "")..=(module, "\u{10FFFF}"))?;
            for entry in range.take(RELATED_SCAN) {
                let row = entry?.1.value()?;
                let related = row
                    .values
                    .values()
                    .any(|v| v.as_str() == Some(record.id.as_str()));
                if !related || owners.as_ref().is_some_and(|o| !o.contains(&row.owner_id)) {
                    continue;
                }
                let mut documents = vec![];
                for d in docs.range(
                    (module, row.id.as_str(), "")..=(module, row.id.as_str(), "\u{10FFFF}"),
                )? {
                    documents.push(d?.1.value()?);
                }
                documents.reverse();
                out.push(Attachable {
                    record: row,
                    documents,
                });
            }
        }
        out.sort_by_key(|x| std::cmp::Reverse(x.record.modified_at));
        Ok(out)
    }

    /// Removes upload rows older than `cutoff` (oldest first, at most `limit`), and each staged
    /// file no remaining row names. Answers how many rows went.
    pub async fn prune(&self, cutoff: Millis, limit: usize) -> Result<usize> {
        let (removed, orphans) = self
            .store
            .write(move |tx| {
                let mut t = tx.txn.open_table(UPLOADS)?;
                let mut old = vec![];
                for r in t.iter()?.take(limit) {
                    let (k, v) = r?;
                    let Ok(row) = v.value() else { continue };
                    if row.created_at >= cutoff {
                        break;
                    }
                    old.push((k.value().to_string(), row.sha256));
                }
                for (id, _) in &old {
                    t.remove(id.as_str())?;
                }
                let mut orphans = vec![];
                for (_, sha) in &old {
                    let named = t
                        .iter()?
                        .filter_map(|r| r.ok())
                        .any(|(_, v)| v.value().is_ok_and(|u| u.sha256 == *sha));
                    if !named && !orphans.contains(sha) {
                        orphans.push(sha.clone());
                    }
                }
                Ok((old.len(), orphans))
            })
            .await?;
        for sha in orphans {
            if let Err(e) = self.staging.remove(&sha) {
                tracing::warn!(error = %e, "cannot remove an expired upload");
            }
        }
        Ok(removed)
    }
}

/// An upload being received into a temporary file, hashed as it goes, capped at the largest
/// size any type allows.
pub struct Upload {
    tmp: PathBuf,
    file: Option<std::fs::File>,
    hash: sha2::Sha256,
    head: Vec<u8>,
    size: u64,
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl Upload {
    pub fn write(&mut self, chunk: &[u8]) -> Result<()> {
        self.size += chunk.len() as u64;
        if self.size > kinds::MAX_BYTES {
            self.discard();
            return Err(Error::TooLarge(format!(
                "the file is larger than {}, the most WhatsApp takes (documents)",
                kinds::human(kinds::MAX_BYTES)
            )));
        }
        let room = kinds::SNIFF_BYTES.saturating_sub(self.head.len());
        self.head
            .extend_from_slice(chunk.get(..room.min(chunk.len())).unwrap_or_default());
        self.hash.update(chunk);
        let Some(f) = self.file.as_mut() else {
            return Err(Error::Internal("upload already closed".into()));
        };
        f.write_all(chunk)
            .map_err(|e| Error::Internal(format!("upload: {e}")))
    }

    /// Drops the temporary file.
    pub fn discard(&mut self) {
        self.file = None;
        let _ = std::fs::remove_file(&self.tmp);
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        // A finished upload was moved into place; anything left is an aborted one.
        if self.tmp.exists() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// The last path segment of a client's file name, without control characters or quotes, at
/// most 200 characters; `file` when nothing is left.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':'))
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_string();
    let cut: String = cleaned
        .chars()
        .rev()
        .take(200)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if cut.is_empty() { "file".into() } else { cut }
}

impl crate::jobs::prune::StagedUploads for Attachments {
    fn prune(
        &self,
        cutoff: Millis,
        limit: usize,
    ) -> futures_util::future::BoxFuture<'static, Result<usize>> {
        let me = self.clone();
        Box::pin(async move { me.prune(cutoff, limit).await })
    }
}

#[cfg(test)]
mod tests {
    use super::clean_file_name;

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(clean_file_name("C:\\Users\\x\\Angebot.pdf"), "Angebot.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b\r\n.pdf"), "ab.pdf");
        assert_eq!(clean_file_name(".."), "file");
        assert_eq!(clean_file_name("Grüße.txt"), "Grüße.txt");
    }
}
