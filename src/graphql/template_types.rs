//! Templates at the API: the type, its enums, and the create/update input (with a media
//! header's upload resolved for the viewer).

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::{Gql, app, viewer};
use crate::clock::to_datetime;
use crate::templates::{self, Template};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "templates::Category")]
pub enum TemplateCategory {
    Utility,
    Marketing,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "templates::TemplateStatus")]
pub enum TemplateStatus {
    Draft,
    Pending,
    Approved,
    Rejected,
    Paused,
    Disabled,
}

#[derive(SimpleObject)]
#[graphql(name = "Template", complex)]
pub struct TemplateGql {
    id: ID,
    name: String,
    module: String,
    language: String,
    category: TemplateCategory,
    body: String,
    header: Option<String>,
    footer: Option<String>,
    status: TemplateStatus,
    rejection_reason: Option<String>,
    updated_at: DateTime<Utc>,
    /// Meta's quality score: GREEN, YELLOW, RED or UNKNOWN (null: not rated yet).
    quality: Option<String>,
    /// TEXT (also for no header), IMAGE or DOCUMENT.
    header_format: TemplateHeaderFormat,
    /// A media header's file name and type.
    header_file_name: Option<String>,
    header_mime_type: Option<String>,
}

#[ComplexObject]
impl TemplateGql {
    /// Whether it may be sent (F8: approved only).
    async fn sendable(&self) -> bool {
        self.status == TemplateStatus::Approved
    }
}

impl From<Template> for TemplateGql {
    fn from(t: Template) -> Self {
        Self {
            id: ID(t.id),
            name: t.name,
            module: t.module,
            language: t.language,
            category: t.category.into(),
            body: t.body,
            header: t.header,
            footer: t.footer,
            status: t.status.into(),
            rejection_reason: t.rejection_reason,
            updated_at: to_datetime(t.updated_at),
            quality: t.quality,
            header_format: match t.header_media.as_ref().map(|m| m.kind.as_str()) {
                Some("image") => TemplateHeaderFormat::Image,
                Some(_) => TemplateHeaderFormat::Document,
                None => TemplateHeaderFormat::Text,
            },
            header_file_name: t.header_media.as_ref().map(|m| m.file_name.clone()),
            header_mime_type: t.header_media.as_ref().map(|m| m.mime_type.clone()),
        }
    }
}

#[derive(InputObject)]
pub struct CreateTemplateInput {
    name: String,
    module: String,
    language: String,
    category: TemplateCategory,
    /// Uses merge fields like `$[Leads.First Name]`.
    body: String,
    header: Option<String>,
    footer: Option<String>,
    buttons: Option<Vec<TemplateButtonInput>>,
    /// TEXT (default; uses `header`), IMAGE or DOCUMENT (uses `headerUploadId`).
    header_format: Option<TemplateHeaderFormat>,
    /// The header's file from `POST /uploads`: a JPEG or PNG for IMAGE, a PDF for DOCUMENT. It
    /// is Meta's review example and what the header shows when the template is sent.
    header_upload_id: Option<ID>,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum TemplateHeaderFormat {
    Text,
    Image,
    Document,
}

impl CreateTemplateInput {
    /// The domain's input; a media header's upload is resolved for `ctx`'s viewer.
    pub(super) fn resolve(
        self,
        ctx: &Context<'_>,
        current: Option<&Template>,
    ) -> Result<templates::TemplateInput> {
        let kind = match self.header_format {
            Some(TemplateHeaderFormat::Image) => Some("image"),
            Some(TemplateHeaderFormat::Document) => Some("document"),
            _ => None,
        };
        let kept = current
            .and_then(|t| t.header_media.clone())
            .filter(|m| Some(m.kind.as_str()) == kind);
        let header_media = match (kind, &self.header_upload_id) {
            (None, None) => None,
            (Some(_), None) if kept.is_some() => kept,
            (Some(kind), Some(id)) => {
                let v = viewer(ctx)?;
                let r = crate::attachments::AttachmentRef {
                    source: "upload".into(),
                    id: id.0.clone(),
                };
                let f = app(ctx)
                    .attachments
                    .resolve(v, None, &[r])
                    .gql()?
                    .pop()
                    .ok_or_else(|| {
                        super::gql_error(&crate::error::Error::NotFound("upload".into()))
                    })?;
                Some(templates::model::HeaderMedia {
                    kind: kind.to_string(),
                    sha256: f.sha256,
                    file_name: f.file_name,
                    mime_type: f.media_type.mime.to_string(),
                    size: f.size,
                })
            }
            _ => {
                return Err(super::gql_error(&crate::error::Error::validation(
                    "headerUploadId",
                    "an IMAGE or DOCUMENT header needs its file (headerUploadId), and only those",
                )));
            }
        };
        let mut input: templates::TemplateInput = self.into();
        input.header_media = header_media;
        if input.header_media.is_some() {
            input.header = None;
        }
        Ok(input)
    }
}

#[derive(InputObject)]
pub struct TemplateButtonInput {
    /// `QUICK_REPLY` or `URL`.
    kind: String,
    text: String,
    url: Option<String>,
}

impl From<CreateTemplateInput> for templates::TemplateInput {
    fn from(i: CreateTemplateInput) -> Self {
        Self {
            name: i.name,
            module: i.module,
            language: i.language,
            category: i.category.into(),
            body: i.body,
            header: i.header.filter(|h| !h.trim().is_empty()),
            footer: i.footer.filter(|h| !h.trim().is_empty()),
            buttons: i
                .buttons
                .unwrap_or_default()
                .into_iter()
                .map(|b| templates::Button {
                    kind: b.kind,
                    text: b.text,
                    url: b.url,
                })
                .collect(),
            header_media: None,
        }
    }
}
