//! The Messages module (F24–F27): every message the viewer may see, its filters, saved views and
//! search snippets.

use async_graphql::{
    Context, Enum, ID, InputObject, InputType, Json, Object, Result, SimpleObject,
};
use chrono::{DateTime, Utc};

use super::messaging::{MessageDirection, MessageGql, MessageStatus};
use super::page::{Page, decode_cursor, limit, page};
use super::types::UserGql;
use super::{Gql, app, viewer};
use crate::clock::to_datetime;
use crate::messaging::model::{self, Someone, Span};
use crate::messaging::views::{MessageView, ViewInput};
use crate::search::Snippet;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::DurationUnit")]
pub enum DurationUnit {
    Hours,
    Days,
    Weeks,
    /// 30 days.
    Months,
}

#[derive(InputObject, Clone, Copy)]
pub struct DurationInput {
    amount: i32,
    unit: DurationUnit,
}

/// Calendar periods, in UTC.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::Period")]
pub enum MessagePeriod {
    Today,
    Yesterday,
    ThisWeek,
    ThisMonth,
}

/// The Messages module's filters, combined with AND. A saved view gives its filter back in this
/// shape (`MessageView.filter`).
#[derive(InputObject, Clone, Default)]
pub struct MessageFilter {
    conversation_id: Option<ID>,
    profile_id: Option<ID>,
    module: Option<String>,
    record_id: Option<ID>,
    direction: Option<MessageDirection>,
    status: Option<MessageStatus>,
    /// Cloud API type: `text`, `image`, `template`, …
    #[graphql(name = "type")]
    kind: Option<String>,
    /// Inbound messages whose reply did not come within this long: still unanswered after it,
    /// or answered later.
    not_replied_within: Option<DurationInput>,
    /// Inbound messages answered within this long of arriving.
    replied_within: Option<DurationInput>,
    /// Message time within the last …
    within: Option<DurationInput>,
    period: Option<MessagePeriod>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    /// Owner of the conversation's record.
    owner_id: Option<ID>,
    owner_is_me: Option<bool>,
    /// Inbound messages answered by this user.
    replied_by_id: Option<ID>,
    replied_by_me: Option<bool>,
}

impl From<DurationInput> for Span {
    fn from(d: DurationInput) -> Self {
        Span {
            amount: d.amount,
            unit: d.unit.into(),
        }
    }
}

impl From<Span> for DurationInput {
    fn from(s: Span) -> Self {
        DurationInput {
            amount: s.amount,
            unit: s.unit.into(),
        }
    }
}

/// "Me" wins over a named user, as it always has.
fn someone(me: Option<bool>, id: Option<ID>) -> Option<Someone> {
    if me == Some(true) {
        Some(Someone::Me)
    } else {
        id.map(|id| Someone::User(id.0))
    }
}

/// The API's names for a person in a filter: (`…Id`, `…IsMe`).
fn named(who: Option<Someone>) -> (Option<ID>, Option<bool>) {
    match who {
        Some(Someone::Me) => (None, Some(true)),
        Some(Someone::User(id)) => (Some(ID(id)), None),
        None => (None, None),
    }
}

impl From<MessageFilter> for model::MessageFilter {
    fn from(f: MessageFilter) -> Self {
        let id = |x: Option<ID>| x.map(|v| v.0);
        Self {
            conversation_id: id(f.conversation_id),
            profile_id: id(f.profile_id),
            module: f.module,
            record_id: id(f.record_id),
            direction: f.direction.map(Into::into),
            status: f.status.map(Into::into),
            kind: f.kind,
            not_replied_within: f.not_replied_within.map(Into::into),
            replied_within: f.replied_within.map(Into::into),
            within: f.within.map(Into::into),
            period: f.period.map(Into::into),
            from: f.from.map(|d| d.timestamp_millis()),
            to: f.to.map(|d| d.timestamp_millis()),
            owner: someone(f.owner_is_me, f.owner_id),
            replied_by: someone(f.replied_by_me, f.replied_by_id),
        }
    }
}

impl From<model::MessageFilter> for MessageFilter {
    fn from(f: model::MessageFilter) -> Self {
        let id = |x: Option<String>| x.map(ID);
        let (owner_id, owner_is_me) = named(f.owner);
        let (replied_by_id, replied_by_me) = named(f.replied_by);
        Self {
            conversation_id: id(f.conversation_id),
            profile_id: id(f.profile_id),
            module: f.module,
            record_id: id(f.record_id),
            direction: f.direction.map(Into::into),
            status: f.status.map(Into::into),
            kind: f.kind,
            not_replied_within: f.not_replied_within.map(Into::into),
            replied_within: f.replied_within.map(Into::into),
            within: f.within.map(Into::into),
            period: f.period.map(Into::into),
            from: f.from.map(to_datetime),
            to: f.to.map(to_datetime),
            owner_id,
            owner_is_me,
            replied_by_id,
            replied_by_me,
        }
    }
}

/// UTF-16 code unit offsets into the fragment (JavaScript string indices), end exclusive.
#[derive(SimpleObject)]
#[graphql(name = "Highlight")]
pub struct HighlightGql {
    start: i32,
    end: i32,
}

#[derive(SimpleObject)]
#[graphql(name = "Snippet")]
pub struct SnippetGql {
    fragment: String,
    highlights: Vec<HighlightGql>,
}

impl From<Snippet> for SnippetGql {
    fn from(s: Snippet) -> Self {
        let utf16 = |byte: usize| {
            let n = s
                .fragment
                .get(..byte)
                .map_or(0, |p| p.encode_utf16().count());
            i32::try_from(n).unwrap_or(i32::MAX)
        };
        let highlights = s
            .highlights
            .iter()
            .map(|r| HighlightGql {
                start: utf16(r.start),
                end: utf16(r.end),
            })
            .collect();
        Self {
            fragment: s.fragment,
            highlights,
        }
    }
}

pub struct MessageViewGql(MessageView);

#[Object(name = "MessageView")]
impl MessageViewGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn shared(&self) -> bool {
        self.0.shared
    }
    async fn mine(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(viewer(ctx)?.id() == self.0.owner_id)
    }
    async fn owner(&self, ctx: &Context<'_>) -> Result<Option<UserGql>> {
        Ok(app(ctx).auth.user(&self.0.owner_id).gql()?.map(UserGql))
    }
    /// The same keys and enum spellings as `MessageFilter`: pass it back as `filter`.
    async fn filter(&self) -> Result<Json<serde_json::Value>> {
        let api = MessageFilter::from(self.0.filter.clone()).to_value();
        Ok(Json(strip_nulls(serde_json::to_value(api)?)))
    }
}

#[derive(InputObject)]
pub struct SaveMessageViewInput {
    /// Given: change that view (yours only).
    id: Option<ID>,
    name: String,
    shared: bool,
    filter: MessageFilter,
}

#[derive(Default)]
pub struct MessageListQuery;

#[Object]
impl MessageListQuery {
    /// Every message the viewer may see (the Messages module), newest first, filtered and
    /// searched; search results carry a `snippet`.
    #[graphql(complexity = "super::limits::COST_SEARCH + child_complexity")]
    async fn messages(
        &self,
        ctx: &Context<'_>,
        filter: Option<MessageFilter>,
        search: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<MessageGql>> {
        let v = viewer(ctx)?;
        let a = app(ctx);
        let q = a
            .messaging
            .message_query(v, &filter.unwrap_or_default().into())
            .gql()?;
        let offset = decode_cursor(after.as_deref());
        let list = a
            .messaging
            .messages(v, &q, search.as_deref(), offset, limit(first))
            .await
            .gql()?;
        let nodes = list.rows.into_iter().map(MessageGql::listed).collect();
        Ok(page(nodes, offset, list.total))
    }

    /// The viewer's own views and everyone's shared ones.
    async fn message_views(&self, ctx: &Context<'_>) -> Result<Vec<MessageViewGql>> {
        let v = viewer(ctx)?;
        let views = app(ctx).messaging.views(v).gql()?;
        Ok(views.into_iter().map(MessageViewGql).collect())
    }
}

#[derive(Default)]
pub struct MessageListMutation;

#[Object]
impl MessageListMutation {
    /// Creates a view, or changes one of yours when `id` is given.
    async fn save_message_view(
        &self,
        ctx: &Context<'_>,
        input: SaveMessageViewInput,
    ) -> Result<MessageViewGql> {
        let v = viewer(ctx)?;
        let a = app(ctx);
        let view = ViewInput {
            id: input.id.map(|x| x.0),
            name: input.name,
            shared: input.shared,
            filter: input.filter.into(),
        };
        Ok(MessageViewGql(a.messaging.save_view(v, view).await.gql()?))
    }

    async fn delete_message_view(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let v = viewer(ctx)?;
        app(ctx).messaging.delete_view(v, &id).await.gql()?;
        Ok(true)
    }
}

/// Drops unset keys so a saved filter reads like what was sent.
fn strip_nulls(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => m
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k, strip_nulls(v)))
            .collect(),
        other => other,
    }
}
