//! Conversations, messages, profiles, templates and predefined texts.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::message_list::SnippetGql;
use super::page::{Page, paginate};
use super::types::RecordGql;
use super::{Gql, app, viewer};
use crate::clock::to_datetime;
use crate::messaging::model::{self, Conversation};
use crate::messaging::setup::Profile;
use crate::messaging::{SendReply, SendTemplate};
use crate::predefined::PredefinedText;
use crate::search::Snippet;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::Direction")]
pub enum MessageDirection {
    Inbound,
    Outbound,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::Status")]
pub enum MessageStatus {
    Queued,
    Sent,
    Delivered,
    Read,
    Failed,
    Received,
}

pub struct ProfileGql(pub Profile);

#[Object(name = "WhatsappProfile")]
impl ProfileGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn nickname(&self) -> &str {
        &self.0.nickname
    }
    async fn phone_number_id(&self) -> &str {
        &self.0.phone_number_id
    }
    async fn display_phone_number(&self) -> &str {
        &self.0.display_phone_number
    }
    /// `Leads` or `Contacts`: where unknown senders are added.
    async fn unknown_senders(&self) -> &str {
        &self.0.unknown_senders
    }
    async fn active(&self) -> bool {
        self.0.active
    }
    async fn user_ids(&self) -> Vec<ID> {
        self.0.user_ids.iter().cloned().map(ID).collect()
    }
    async fn group_ids(&self) -> Vec<ID> {
        self.0.group_ids.iter().cloned().map(ID).collect()
    }
    async fn role_ids(&self) -> Vec<ID> {
        self.0.role_ids.iter().cloned().map(ID).collect()
    }
    /// Meta's quality rating of the number: GREEN, YELLOW, RED or UNKNOWN (null: not known).
    async fn quality_rating(&self) -> Option<&str> {
        self.0.quality_rating.as_deref()
    }
    /// Meta's messaging-limit tier, e.g. TIER_1K (unique customers per 24 h).
    async fn messaging_limit(&self) -> Option<&str> {
        self.0.messaging_limit.as_deref()
    }
    /// The tier as a number of customers per 24 h (null: unlimited or unknown).
    async fn messaging_limit_count(&self) -> Option<i64> {
        crate::messaging::quality::tier_limit(self.0.messaging_limit.as_deref())
            .map(|n| i64::try_from(n).unwrap_or(i64::MAX))
    }
}

pub struct ConversationGql(pub Conversation, pub Option<Snippet>);

impl From<Conversation> for ConversationGql {
    fn from(c: Conversation) -> Self {
        Self(c, None)
    }
}

#[Object(name = "Conversation")]
impl ConversationGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn profile(&self, ctx: &Context<'_>) -> Result<ProfileGql> {
        let p = app(ctx).messaging.profile(&self.0.profile_id).gql()?;
        p.map(ProfileGql)
            .ok_or_else(|| async_graphql::Error::new("profile missing"))
    }
    async fn customer_wa_id(&self) -> &str {
        &self.0.customer_wa_id
    }
    /// On `conversations(search:)` results: where the matching message matched.
    async fn snippet(&self) -> Option<SnippetGql> {
        self.1.clone().map(Into::into)
    }
    async fn customer_name(&self) -> Option<&str> {
        self.0.customer_name.as_deref()
    }
    async fn record(&self, ctx: &Context<'_>) -> Result<Option<RecordGql>> {
        let v = viewer(ctx)?;
        let Some(r) = &self.0.record else {
            return Ok(None);
        };
        Ok(app(ctx).crm.get(v, &r.module, &r.id).gql()?.map(Into::into))
    }
    /// When the 24-hour reply window closes; null when the customer never wrote.
    async fn window_expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.window_expires_at().map(to_datetime)
    }
    /// Whether WhatsApp is on for this conversation: the account is connected and its profile
    /// active. When off, nothing can be sent or received here (the history stays).
    async fn channel_active(&self, ctx: &Context<'_>) -> Result<bool> {
        app(ctx).messaging.channel_on(&self.0.profile_id).gql()
    }
    async fn window_open(&self, ctx: &Context<'_>) -> bool {
        self.0
            .window_expires_at()
            .is_some_and(|t| t > app(ctx).clock.now())
    }
    async fn last_message_at(&self) -> Option<DateTime<Utc>> {
        Some(to_datetime(self.0.last_message_at))
    }
    /// Oldest first, as a chat reads.
    #[graphql(complexity = "super::limits::COST_CONVERSATION_MESSAGES + child_complexity")]
    async fn messages(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<MessageGql>> {
        let all = app(ctx).messaging.conversation_messages(&self.0.id).gql()?;
        Ok(paginate(all, first, after.as_deref(), MessageGql::from))
    }
    /// Every file of the conversation, both directions, oldest first (the Attachments tab).
    #[graphql(complexity = "super::limits::COST_CONVERSATION_MESSAGES + child_complexity")]
    async fn attachments(&self, ctx: &Context<'_>) -> Result<Vec<AttachmentGql>> {
        let all = app(ctx).messaging.conversation_messages(&self.0.id).gql()?;
        let mut out = vec![];
        for m in all.iter().filter(|m| m.media.is_some()) {
            if let Some(a) = AttachmentGql::visible(ctx, m)? {
                out.push(a);
            }
        }
        Ok(out)
    }
    #[graphql(complexity = "super::limits::COST_CONVERSATION_MESSAGES + child_complexity")]
    async fn last_message(&self, ctx: &Context<'_>) -> Result<Option<MessageGql>> {
        // Stored on the conversation as messages arrive (a reaction shows on its message; the
        // list previews what was said), so this is one read, not the history.
        let Some(last) = &self.0.last_message else {
            return Ok(None);
        };
        Ok(app(ctx)
            .messaging
            .message_unchecked(&last.id)
            .ok()
            .map(MessageGql::from))
    }
}

pub use super::message::{AttachmentGql, MessageGql};
use super::template_types::{CreateTemplateInput, TemplateGql};

#[derive(SimpleObject)]
#[graphql(name = "PredefinedText")]
pub struct PredefinedTextGql {
    id: ID,
    name: String,
    module: String,
    text: String,
    /// On `predefinedTexts(search:)` results: the text around the matched words.
    snippet: Option<SnippetGql>,
}

impl From<PredefinedText> for PredefinedTextGql {
    fn from(p: PredefinedText) -> Self {
        Self {
            id: ID(p.id),
            name: p.name,
            module: p.module,
            text: p.text,
            snippet: None,
        }
    }
}

#[derive(InputObject, Default)]
pub struct ConversationFilter {
    profile_id: Option<ID>,
    module: Option<String>,
    record_id: Option<ID>,
}

#[derive(Default)]
pub struct MessagingQuery;

#[Object]
impl MessagingQuery {
    /// Active profiles the viewer may use.
    async fn whatsapp_profiles(&self, ctx: &Context<'_>) -> Result<Vec<ProfileGql>> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .messaging
            .profiles_for(v)
            .gql()?
            .into_iter()
            .map(ProfileGql)
            .collect())
    }

    #[graphql(complexity = "super::limits::COST_SEARCH + child_complexity")]
    async fn conversations(
        &self,
        ctx: &Context<'_>,
        filter: Option<ConversationFilter>,
        search: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<ConversationGql>> {
        let v = viewer(ctx)?;
        let f = filter.unwrap_or_default();
        let cf = crate::messaging::ConversationFilter {
            profile_id: f.profile_id.map(|x| x.0),
            module: f.module,
            record_id: f.record_id.map(|x| x.0),
        };
        let offset = super::page::decode_cursor(after.as_deref());
        let (hits, total) = app(ctx)
            .messaging
            .conversations(v, &cf, search.as_deref(), offset, super::page::limit(first))
            .await
            .gql()?;
        let nodes = hits
            .into_iter()
            .map(|h| ConversationGql(h.conversation, h.snippet))
            .collect();
        Ok(super::page::page(nodes, offset, total))
    }

    async fn conversation(&self, ctx: &Context<'_>, id: ID) -> Result<Option<ConversationGql>> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .messaging
            .conversation(v, &id)
            .gql()?
            .map(ConversationGql::from))
    }

    async fn templates(
        &self,
        ctx: &Context<'_>,
        module: Option<String>,
    ) -> Result<Vec<TemplateGql>> {
        viewer(ctx)?;
        Ok(app(ctx)
            .templates
            .list(module.as_deref())
            .gql()?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The template's body with the record's values (the send dialog's preview).
    async fn template_preview(
        &self,
        ctx: &Context<'_>,
        template_id: ID,
        module: String,
        record_id: ID,
    ) -> Result<String> {
        let v = viewer(ctx)?;
        app(ctx)
            .templates
            .preview(v, &template_id, &module, &record_id)
            .gql()
    }

    /// Predefined texts, by module; with `search`, the best matches of a full-text search over
    /// their names and texts, each with a snippet.
    #[graphql(complexity = "super::limits::COST_SEARCH + child_complexity")]
    async fn predefined_texts(
        &self,
        ctx: &Context<'_>,
        module: Option<String>,
        search: Option<String>,
    ) -> Result<Vec<PredefinedTextGql>> {
        viewer(ctx)?;
        let a = app(ctx);
        let Some(text) = search.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
            let all = a.predefined.list(module.as_deref()).gql()?;
            return Ok(all.into_iter().map(Into::into).collect());
        };
        a.search.caught_up().await;
        let (search, text) = (a.search.clone(), text.to_string());
        let (ids, snippets) =
            crate::service::blocking(move || search.predefined(module.as_deref(), &text))
                .await
                .gql()?;
        let mut out = vec![];
        for id in ids {
            let Ok(p) = a.predefined.get(&id) else {
                continue;
            };
            let snippet = snippets
                .as_ref()
                .and_then(|s| s.of(&p.text).or_else(|| s.of(&p.name)));
            out.push(PredefinedTextGql {
                snippet: snippet.map(Into::into),
                ..p.into()
            });
        }
        Ok(out)
    }

    /// A predefined text (or any text) with the conversation record's values filled in.
    async fn reply_preview(
        &self,
        ctx: &Context<'_>,
        conversation_id: ID,
        predefined_text_id: ID,
    ) -> Result<String> {
        let v = viewer(ctx)?;
        let a = app(ctx);
        let conv = a
            .messaging
            .conversation(v, &conversation_id)
            .gql()?
            .ok_or_else(|| {
                super::gql_error(&crate::error::Error::NotFound("conversation".into()))
            })?;
        let p = a.predefined.get(&predefined_text_id).gql()?;
        a.messaging
            .render_for_conversation(&conv, &p.module, &p.text)
            .gql()
    }
}

#[derive(InputObject)]
pub struct SendTemplateInput {
    pub(crate) profile_id: ID,
    pub(crate) module: String,
    pub(crate) record_id: ID,
    pub(crate) template_id: ID,
    /// Default: Mobile, then Phone.
    pub(crate) phone_field: Option<String>,
}

#[derive(InputObject)]
pub struct SendReplyInput {
    conversation_id: ID,
    /// With attachments: the first file's caption (or its own message first where WhatsApp
    /// allows no caption). May be left out when there are attachments.
    text: Option<String>,
    predefined_text_id: Option<ID>,
    reply_to_message_id: Option<ID>,
    /// At most 5; each goes as its own media message.
    attachments: Option<Vec<super::attachments::AttachmentInput>>,
}

#[derive(InputObject)]
pub struct CreatePredefinedTextInput {
    name: String,
    module: String,
    text: String,
}

#[derive(Default)]
pub struct MessagingMutation;

#[Object]
impl MessagingMutation {
    /// Saves a template and submits it to Meta for review (status PENDING).
    async fn create_template(
        &self,
        ctx: &Context<'_>,
        input: CreateTemplateInput,
    ) -> Result<TemplateGql> {
        let v = super::admin(ctx)?;
        let t = app(ctx)
            .templates
            .create(v.id(), input.resolve(ctx, None)?)
            .await
            .gql()?;
        super::operations::audit(
            ctx,
            "template.create",
            Some(t.id.clone()),
            serde_json::json!({"name": t.name, "submitted": true}),
        )
        .await;
        Ok(t.into())
    }

    /// Changes a template (not while in review) and resubmits it.
    async fn update_template(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: CreateTemplateInput,
    ) -> Result<TemplateGql> {
        super::admin(ctx)?;
        let current = app(ctx).templates.get(&id).gql()?;
        let input = input.resolve(ctx, Some(&current))?;
        let t = app(ctx).templates.update(&id, input).await.gql()?;
        super::operations::audit(
            ctx,
            "template.update",
            Some(t.id.clone()),
            serde_json::json!({"name": t.name, "submitted": true}),
        )
        .await;
        Ok(t.into())
    }

    /// Pulls templates made elsewhere in the account and refreshes statuses.
    #[graphql(complexity = "super::limits::COST_GENERATE + child_complexity")]
    async fn sync_templates(&self, ctx: &Context<'_>) -> Result<Vec<TemplateGql>> {
        let v = super::admin(ctx)?;
        let ts = app(ctx).templates.sync(v.id()).await.gql()?;
        super::operations::audit(
            ctx,
            "template.sync",
            None,
            serde_json::json!({"templates": ts.len()}),
        )
        .await;
        Ok(ts.into_iter().map(Into::into).collect())
    }

    async fn delete_template(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        super::admin(ctx)?;
        app(ctx).templates.delete(&id).await.gql()?;
        super::operations::audit(
            ctx,
            "template.delete",
            Some(id.to_string()),
            serde_json::Value::Null,
        )
        .await;
        Ok(true)
    }

    /// Queues an approved template to a record's number.
    async fn send_template(
        &self,
        ctx: &Context<'_>,
        input: SendTemplateInput,
    ) -> Result<MessageGql> {
        let v = viewer(ctx)?;
        let req = SendTemplate {
            profile_id: input.profile_id.0,
            module: input.module,
            record_id: input.record_id.0,
            template_id: input.template_id.0,
            phone_field: input.phone_field,
        };
        Ok(app(ctx).templates.send(v, req).await.gql()?.into())
    }

    /// Queues a reply inside the customer's 24-hour window.
    async fn send_reply(&self, ctx: &Context<'_>, input: SendReplyInput) -> Result<MessageGql> {
        let v = viewer(ctx)?;
        let a = app(ctx);
        let attachments = input
            .attachments
            .unwrap_or_default()
            .into_iter()
            .map(super::attachments::AttachmentInput::into_ref)
            .collect::<Result<Vec<_>, _>>()
            .gql()?;
        let req = SendReply {
            conversation_id: input.conversation_id.0,
            text: input.text,
            predefined_text_id: input.predefined_text_id.map(|x| x.0),
            reply_to_message_id: input.reply_to_message_id.map(|x| x.0),
            attachments,
        };
        Ok(a.messaging
            .send_reply(v, &a.predefined, &a.attachments, req)
            .await
            .gql()?
            .into())
    }

    async fn create_predefined_text(
        &self,
        ctx: &Context<'_>,
        input: CreatePredefinedTextInput,
    ) -> Result<PredefinedTextGql> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .predefined
            .create(v.id(), &input.name, &input.module, &input.text)
            .await
            .gql()?
            .into())
    }

    /// Changes name and text; the module stays.
    async fn update_predefined_text(
        &self,
        ctx: &Context<'_>,
        id: ID,
        name: String,
        text: String,
    ) -> Result<PredefinedTextGql> {
        viewer(ctx)?;
        Ok(app(ctx)
            .predefined
            .update(&id, &name, &text)
            .await
            .gql()?
            .into())
    }

    async fn delete_predefined_text(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        viewer(ctx)?;
        app(ctx).predefined.delete(&id).await.gql()?;
        Ok(true)
    }
}
