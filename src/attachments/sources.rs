//! Where attachments come from (F21), behind one interface so that more sources (cloud drives)
//! can be added later: a source turns an id it gave out into a file in the blob store, checked
//! for the viewer and the conversation. Two ship: `upload` (files from the user's computer via
//! `POST /uploads`) and `crm_document` (the PDF of a quote, sales order, purchase order or
//! invoice related to the conversation's record).

use super::kinds::{self, MediaType};
use crate::auth::Viewer;
use crate::blobs::Blobs;
use crate::crm::Crm;
use crate::error::{Error, Result};
use crate::messaging::model::RecordRef;
use crate::store::Store;
use crate::store::tables::{DOCUMENT_IDS, DOCUMENTS, UPLOADS};

/// A file ready to be sent: in the (main) blob store under `sha256`.
#[derive(Debug, Clone)]
pub struct ResolvedFile {
    /// The source's name, kept on the message (`upload`, `crm_document`).
    pub source: &'static str,
    pub file_name: String,
    pub media_type: &'static MediaType,
    pub sha256: String,
    pub size: u64,
}

/// One kind of attachment source.
pub trait Source: Send + Sync {
    /// The name stored with a message's file.
    fn name(&self) -> &'static str;
    /// The file `id` names, when `viewer` may attach it to a conversation with `record`.
    fn resolve(
        &self,
        viewer: &Viewer,
        id: &str,
        record: Option<&RecordRef>,
    ) -> Result<ResolvedFile>;
}

/// Files from the user's computer. An upload belongs to the user who made it; using it copies
/// it from the staging store into the blob store (a hard link where the file system allows).
pub struct UploadSource {
    pub store: Store,
    pub staging: Blobs,
    pub blobs: Blobs,
}

impl Source for UploadSource {
    fn name(&self) -> &'static str {
        "upload"
    }

    fn resolve(
        &self,
        viewer: &Viewer,
        id: &str,
        _record: Option<&RecordRef>,
    ) -> Result<ResolvedFile> {
        let row = self
            .store
            .read()?
            .open_table(UPLOADS)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?
            .filter(|u| u.created_by == viewer.id())
            .ok_or_else(|| Error::NotFound("upload (it may have expired)".into()))?;
        let media_type = kinds::by_mime(&row.mime_type)
            .ok_or_else(|| Error::validation("attachments", "unsupported file type"))?;
        self.blobs
            .import_from(&self.staging, &row.sha256)
            .map_err(|_| Error::NotFound("upload (it may have expired)".into()))?;
        Ok(ResolvedFile {
            source: self.name(),
            file_name: row.file_name,
            media_type,
            sha256: row.sha256,
            size: row.size,
        })
    }
}

/// PDFs of quotes, sales orders, purchase orders and invoices (generated with
/// `generateDocument`). The record must be visible to the viewer and related to the
/// conversation's record (one of its lookups names it), so one customer's quote cannot go to
/// another.
pub struct CrmDocumentSource {
    pub store: Store,
    pub crm: Crm,
}

impl Source for CrmDocumentSource {
    fn name(&self) -> &'static str {
        "crm_document"
    }

    fn resolve(
        &self,
        viewer: &Viewer,
        id: &str,
        record: Option<&RecordRef>,
    ) -> Result<ResolvedFile> {
        let missing = || Error::NotFound("document".into());
        let tx = self.store.read()?;
        let (module, record_id) = tx
            .open_table(DOCUMENT_IDS)?
            .get(id)?
            .map(|v| {
                let (m, r) = v.value();
                (m.to_string(), r.to_string())
            })
            .ok_or_else(missing)?;
        let doc = tx
            .open_table(DOCUMENTS)?
            .get((module.as_str(), record_id.as_str(), id))?
            .map(|v| v.value())
            .transpose()?
            .ok_or_else(missing)?;
        drop(tx);
        let row = self
            .crm
            .get(viewer, &module, &record_id)?
            .ok_or_else(missing)?;
        let related = record.is_some_and(|r| {
            row.values
                .values()
                .any(|v| v.as_str() == Some(r.id.as_str()))
        });
        if !related {
            return Err(Error::validation(
                "attachments",
                "this document belongs to a record that is not related to the conversation's record",
            ));
        }
        let media_type = kinds::by_mime("application/pdf")
            .ok_or_else(|| Error::Internal("pdf type missing".into()))?;
        Ok(ResolvedFile {
            source: self.name(),
            file_name: doc.file_name,
            media_type,
            sha256: doc.sha256,
            size: doc.size,
        })
    }
}
