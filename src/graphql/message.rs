//! A message as the API shows it, with its file, reactions, quote, edits and deletion, and the
//! rich parts read from what Meta sent (location, contact cards, chosen options).

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::message_list::SnippetGql;
use super::messaging::{ConversationGql, MessageDirection, MessageStatus};
use super::rich::{
    self, ChosenOptionGql, LocationGql, MessageEditGql, ReactionGql, SharedContactGql,
};
use super::types::{RecordGql, UserGql};
use super::{Gql, app, viewer};
use crate::clock::to_datetime;
use crate::messaging::MessageRow;
use crate::messaging::model::{self, Message};
use crate::search::Snippet;

/// Whether `m`'s content is withheld from the viewer: the customer deleted it and the viewer is
/// not an administrator.
fn hidden(ctx: &Context<'_>, m: &Message) -> Result<bool> {
    Ok(m.deleted_at.is_some() && !viewer(ctx)?.user.is_admin)
}

/// Types a browser may show in place (images, PDFs); everything else is only downloaded.
const INLINE_TYPES: [&str; 4] = ["image/jpeg", "image/png", "image/webp", "application/pdf"];

/// A file sent or received with a message (F23).
#[derive(SimpleObject)]
#[graphql(name = "Attachment")]
pub struct AttachmentGql {
    file_name: Option<String>,
    mime_type: Option<String>,
    size: Option<u64>,
    /// Download URL once the file is stored (served as a download).
    url: Option<String>,
    /// Where a browser may show it in place (images and PDFs only).
    preview_url: Option<String>,
    /// Inbound files: PENDING while being fetched, AVAILABLE once stored, UNAVAILABLE when
    /// they could not be fetched (see `unavailableReason`).
    status: MediaStatus,
    unavailable_reason: Option<String>,
    /// The message's type: image, video, audio, document, sticker or template (a header).
    kind: String,
    /// Outbound: `upload` or `crm_document`; null for received files.
    source: Option<String>,
    message_id: ID,
    direction: MessageDirection,
    at: DateTime<Utc>,
    /// Outbound: the message failed (e.g. the upload to WhatsApp was refused).
    failed: bool,
}

impl AttachmentGql {
    pub fn of(m: &Message) -> Option<Self> {
        let md = m.media.as_ref()?;
        let url = md
            .blob
            .as_ref()
            .map(|b| format!("/files/{b}?message={}", m.id));
        let inline = md.mime_type.as_deref().is_some_and(|t| {
            INLINE_TYPES.contains(&t.split(';').next().unwrap_or_default().trim())
        });
        Some(Self {
            file_name: md.file_name.clone(),
            mime_type: md.mime_type.clone(),
            size: md.size,
            preview_url: url
                .as_ref()
                .filter(|_| inline)
                .map(|u| format!("{u}&inline=1")),
            url,
            status: md.state().into(),
            unavailable_reason: md.unavailable_reason.clone(),
            kind: m.kind.clone(),
            source: md.source.clone(),
            message_id: ID(m.id.clone()),
            direction: m.direction.into(),
            at: to_datetime(m.timestamp),
            failed: m.status == model::Status::Failed,
        })
    }

    /// The attachment of `m` as `ctx`'s viewer may see it.
    pub fn visible(ctx: &Context<'_>, m: &Message) -> Result<Option<Self>> {
        Ok(if hidden(ctx, m)? { None } else { Self::of(m) })
    }
}

/// A message; in the Messages module's search results also its snippets (the message's own
/// text, and the customer's name).
pub struct MessageGql(pub Message, pub Option<Snippet>, pub Option<Snippet>);

impl From<Message> for MessageGql {
    fn from(m: Message) -> Self {
        Self(m, None, None)
    }
}

impl MessageGql {
    pub fn listed(row: MessageRow) -> Self {
        Self(row.message, row.snippet, row.customer_snippet)
    }
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::MediaStatus")]
pub enum MediaStatus {
    Pending,
    Available,
    Unavailable,
}

#[Object(name = "Message")]
impl MessageGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn wamid(&self) -> Option<&str> {
        self.0.wamid.as_deref()
    }
    async fn provider(&self) -> &str {
        &self.0.provider
    }
    async fn direction(&self) -> MessageDirection {
        self.0.direction.into()
    }
    /// Cloud API message type, lower-case (`text`, `image`, `template`, `unsupported`, …).
    #[graphql(name = "type")]
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    /// The text (or caption). Null for a message the customer deleted, except for
    /// administrators, who still see what it said.
    async fn text(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        Ok(if hidden(ctx, &self.0)? {
            None
        } else {
            self.0.text.as_deref()
        })
    }
    async fn status(&self) -> MessageStatus {
        self.0.status.into()
    }
    async fn timestamp(&self) -> DateTime<Utc> {
        to_datetime(self.0.timestamp)
    }
    /// Meta's error code when the message failed.
    async fn error_code(&self) -> Option<i64> {
        self.0.error_code
    }
    async fn error_message(&self) -> Option<&str> {
        self.0.error_message.as_deref()
    }
    async fn template_id(&self) -> Option<ID> {
        self.0.template_id.clone().map(ID)
    }
    async fn reply_to_id(&self) -> Option<ID> {
        self.0.reply_to.clone().map(ID)
    }
    async fn sent_by(&self, ctx: &Context<'_>) -> Result<Option<UserGql>> {
        let Some(u) = &self.0.sent_by else {
            return Ok(None);
        };
        Ok(app(ctx).auth.user(u).gql()?.map(UserGql))
    }
    /// The file of a media message (null once the customer deleted it, except for
    /// administrators).
    async fn attachment(&self, ctx: &Context<'_>) -> Result<Option<AttachmentGql>> {
        Ok(if hidden(ctx, &self.0)? {
            None
        } else {
            AttachmentGql::of(&self.0)
        })
    }
    async fn conversation(&self, ctx: &Context<'_>) -> Result<Option<ConversationGql>> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .messaging
            .conversation(v, &self.0.conversation_id)
            .gql()?
            .map(ConversationGql::from))
    }
    /// The conversation's record, when the viewer may see it.
    async fn record(&self, ctx: &Context<'_>) -> Result<Option<RecordGql>> {
        let v = viewer(ctx)?;
        let a = app(ctx);
        let Some(conv) = a.messaging.conversation(v, &self.0.conversation_id).gql()? else {
            return Ok(None);
        };
        let Some(r) = conv.record else {
            return Ok(None);
        };
        Ok(a.crm.get(v, &r.module, &r.id).gql()?.map(Into::into))
    }
    /// Inbound messages: when the first reply went out.
    async fn replied_at(&self) -> Option<DateTime<Utc>> {
        self.0.first_reply.as_ref().map(|r| to_datetime(r.at))
    }
    /// Inbound messages: who sent the first reply.
    async fn replied_by(&self, ctx: &Context<'_>) -> Result<Option<UserGql>> {
        let Some(id) = self.0.first_reply.as_ref().and_then(|r| r.by.as_deref()) else {
            return Ok(None);
        };
        Ok(app(ctx).auth.user(id).gql()?.map(UserGql))
    }
    /// On `messages(search:)` results: the message's own text (or file name) around the
    /// matched words; null when the words matched only the customer's name.
    async fn snippet(&self) -> Option<SnippetGql> {
        self.1.clone().map(Into::into)
    }
    /// On `messages(search:)` results: the customer's name with the matched words, when the
    /// search matched it (shown beside the text, never instead of it).
    async fn customer_snippet(&self) -> Option<SnippetGql> {
        self.2.clone().map(Into::into)
    }
    /// Reactions on this message (the customer's and the business's).
    async fn reactions(&self) -> Vec<ReactionGql> {
        self.0.reactions.iter().map(ReactionGql::from).collect()
    }
    /// The message this one quotes (a reply with context), or the one a reaction is on.
    async fn reply_to(&self, ctx: &Context<'_>) -> Result<Option<MessageGql>> {
        let Some(id) = &self.0.reply_to else {
            return Ok(None);
        };
        let m = app(ctx).messaging.message_unchecked(id).ok();
        Ok(m.filter(|m| m.conversation_id == self.0.conversation_id)
            .map(MessageGql::from))
    }
    /// When the customer last edited it (the earlier texts are in `edits`).
    async fn edited_at(&self) -> Option<DateTime<Utc>> {
        self.0.edited_at.map(to_datetime)
    }
    /// Earlier texts of an edited message, oldest first.
    async fn edits(&self, ctx: &Context<'_>) -> Result<Vec<MessageEditGql>> {
        if hidden(ctx, &self.0)? {
            return Ok(vec![]);
        }
        Ok(self
            .0
            .edits
            .iter()
            .map(|e| MessageEditGql {
                text: e.text.clone(),
                replaced_at: to_datetime(e.replaced_at),
            })
            .collect())
    }
    /// When the customer deleted it for everyone.
    async fn deleted_at(&self) -> Option<DateTime<Utc>> {
        self.0.deleted_at.map(to_datetime)
    }
    /// A shared location, with a link to a map.
    async fn location(&self, ctx: &Context<'_>) -> Result<Option<LocationGql>> {
        if hidden(ctx, &self.0)? {
            return Ok(None);
        }
        Ok(rich::location(&self.0))
    }
    /// Shared contact cards.
    async fn contacts(&self, ctx: &Context<'_>) -> Result<Vec<SharedContactGql>> {
        if hidden(ctx, &self.0)? {
            return Ok(vec![]);
        }
        Ok(rich::contacts(&self.0))
    }
    /// The option a customer chose (an interactive button or list reply, a template button).
    async fn chosen_option(&self) -> Option<ChosenOptionGql> {
        rich::chosen(&self.0)
    }
}
