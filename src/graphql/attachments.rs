//! Attachments (F21–F23) and reactions (N3) at the API: what a conversation may attach, the
//! sources that ship, and `reactToMessage`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

use super::crm::documents::DocumentGql;
use super::message::MessageGql;
use super::types::RecordGql;
use super::{Gql, app, viewer};
use crate::attachments::AttachmentRef;
use crate::error::Error;

/// One file to send with a reply: exactly one of the ids.
#[derive(InputObject)]
pub struct AttachmentInput {
    /// From `POST /uploads`.
    upload_id: Option<ID>,
    /// A generated document (PDF) of a quote, sales order, purchase order or invoice related
    /// to the conversation's record.
    document_id: Option<ID>,
}

impl AttachmentInput {
    pub fn into_ref(self) -> Result<AttachmentRef, Error> {
        match (self.upload_id, self.document_id) {
            (Some(id), None) => Ok(AttachmentRef {
                source: "upload".into(),
                id: id.0,
            }),
            (None, Some(id)) => Ok(AttachmentRef {
                source: "crm_document".into(),
                id: id.0,
            }),
            _ => Err(Error::validation(
                "attachments",
                "give exactly one of uploadId or documentId per attachment",
            )),
        }
    }
}

/// A quote, sales order, purchase order or invoice related to a conversation's record, with
/// the PDFs generated of it.
#[derive(SimpleObject)]
#[graphql(name = "AttachableRecord")]
pub struct AttachableGql {
    module: String,
    record: RecordGql,
    documents: Vec<DocumentGql>,
}

#[derive(Default)]
pub struct AttachmentsQuery;

#[Object]
impl AttachmentsQuery {
    /// Records of the document modules whose lookups name the conversation's record (and the
    /// viewer may see), newest change first, with their generated PDFs.
    async fn attachable_documents(
        &self,
        ctx: &Context<'_>,
        conversation_id: ID,
    ) -> Result<Vec<AttachableGql>> {
        let v = viewer(ctx)?;
        let a = app(ctx);
        let conv = a
            .messaging
            .conversation(v, &conversation_id)
            .gql()?
            .ok_or_else(|| super::gql_error(&Error::NotFound("conversation".into())))?;
        let Some(record) = conv.record else {
            return Ok(vec![]);
        };
        Ok(a.attachments
            .attachable(v, &record)
            .gql()?
            .into_iter()
            .map(|x| AttachableGql {
                module: x.record.module.clone(),
                record: x.record.into(),
                documents: x.documents.into_iter().map(Into::into).collect(),
            })
            .collect())
    }

    /// Where attachments can come from: `upload` and `crm_document` ship; cloud drives can be
    /// added behind the same interface.
    async fn attachment_sources(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        viewer(ctx)?;
        Ok(app(ctx)
            .attachments
            .source_names()
            .into_iter()
            .map(String::from)
            .collect())
    }
}

#[derive(Default)]
pub struct AttachmentsMutation;

#[Object]
impl AttachmentsMutation {
    /// Reacts to a message with an emoji for the business (`""` removes the reaction); the
    /// reaction goes to the customer like a reply (the 24-hour window must be open).
    async fn react_to_message(
        &self,
        ctx: &Context<'_>,
        message_id: ID,
        emoji: String,
    ) -> Result<MessageGql> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .messaging
            .react(v, &message_id, &emoji)
            .await
            .gql()?
            .into())
    }
}
