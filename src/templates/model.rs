//! Templates as stored (`templates` table): the template, its review status and its parts.

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Category {
    Utility,
    Marketing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TemplateStatus {
    Draft,
    Pending,
    Approved,
    Rejected,
    Paused,
    Disabled,
}

impl TemplateStatus {
    pub(super) fn from_event(e: &str) -> Option<Self> {
        Some(match e {
            "APPROVED" | "REINSTATED" | "UNPAUSED" => Self::Approved,
            "REJECTED" => Self::Rejected,
            "PENDING" | "IN_APPEAL" => Self::Pending,
            "PAUSED" | "FLAGGED" => Self::Paused,
            "DISABLED" => Self::Disabled,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub module: String,
    pub language: String,
    pub category: Category,
    pub body: String,
    pub header: Option<String>,
    pub footer: Option<String>,
    pub buttons: Vec<Button>,
    pub status: TemplateStatus,
    pub rejection_reason: Option<String>,
    /// Meta's template id once submitted.
    pub meta_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// Meta's quality score (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`), N9.
    #[serde(default)]
    pub quality: Option<String>,
    /// A media header's file (then `header` is None).
    #[serde(default)]
    pub header_media: Option<HeaderMedia>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Button {
    /// `QUICK_REPLY` or `URL`.
    pub kind: String,
    pub text: String,
    pub url: Option<String>,
}
