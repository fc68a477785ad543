//! Uploads as stored: a file a user sent to `POST /uploads`, waiting (in the staging store under
//! its sha256) to be attached to a message. Rows expire with `retention_uploads_hours`.

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UploadRow {
    pub id: String,
    /// The staged file's name: sha256 of its bytes, hex.
    pub sha256: String,
    pub file_name: String,
    /// Decided by the content (and agreeing with the name).
    pub mime_type: String,
    /// The Cloud API message type it goes as: image, video, audio, document or sticker.
    pub kind: String,
    pub size: u64,
    pub created_by: String,
    pub created_at: Millis,
}
