//! Stored parts of templates that are new enough to live in their own leaf module.

use serde::{Deserialize, Serialize};

/// The file of a media header (image or document): the example Meta reviews, and what the
/// header shows when the template is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderMedia {
    /// `image` or `document`.
    pub kind: String,
    /// The file in the blob store (sha256, hex).
    pub sha256: String,
    pub file_name: String,
    pub mime_type: String,
    pub size: u64,
}
