//! The Messages module (F24–F27): every message the viewer may see, its filters, saved views and
//! search snippets.

use async_graphql::{Context, Enum, ID, InputObject, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::messaging::{MessageDirection, MessageGql, MessageStatus};
use super::page::{Page, decode_cursor, limit, page};
use super::types::UserGql;
use super::{Gql, app, viewer};
use crate::auth::Viewer;
use crate::clock::{Millis, to_datetime};
use crate::error::Error;
use crate::messaging::model;
use crate::messaging::views::{MessageView, ViewInput};
use crate::search::{MessageQuery, Snippet};

#[derive(Enum, Copy, Clone, Eq, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DurationUnit {
    Hours,
    Days,
    Weeks,
    /// 30 days.
    Months,
}

#[derive(InputObject, Clone, Serialize, Deserialize)]
pub struct DurationInput {
    amount: i32,
    unit: DurationUnit,
}

impl DurationInput {
    fn millis(&self, field: &str) -> Result<Millis, Error> {
        if !(0..=10_000).contains(&self.amount) {
            return Err(Error::validation(
                field,
                "amount must be between 0 and 10000",
            ));
        }
        let hours = match self.unit {
            DurationUnit::Hours => 1,
            DurationUnit::Days => 24,
            DurationUnit::Weeks => 24 * 7,
            DurationUnit::Months => 24 * 30,
        };
        Ok(i64::from(self.amount) * hours * 3_600_000)
    }
}

/// Calendar periods, in UTC.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MessagePeriod {
    Today,
    Yesterday,
    ThisWeek,
    ThisMonth,
}

impl MessagePeriod {
    /// [from, to) in ms around `now`.
    fn range(self, now: Millis) -> (Millis, Millis) {
        let today = to_datetime(now).date_naive();
        let (start, end) = match self {
            Self::Today => (today, today + Duration::days(1)),
            Self::Yesterday => (today - Duration::days(1), today),
            Self::ThisWeek => {
                let monday =
                    today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
                (monday, monday + Duration::days(7))
            }
            Self::ThisMonth => {
                let first = today.with_day(1).unwrap_or(today);
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(first + Duration::days(31));
                (first, next)
            }
        };
        let ms = |d: chrono::NaiveDate| d.and_time(NaiveTime::MIN).and_utc().timestamp_millis();
        (ms(start), ms(end))
    }
}

/// The Messages module's filters, combined with AND. Saved views keep this object as JSON.
#[derive(InputObject, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageFilter {
    conversation_id: Option<ID>,
    profile_id: Option<ID>,
    module: Option<String>,
    record_id: Option<ID>,
    direction: Option<MessageDirection>,
    status: Option<MessageStatus>,
    /// Cloud API type: `text`, `image`, `template`, …
    #[graphql(name = "type")]
    #[serde(rename = "type")]
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

impl MessageFilter {
    /// The domain query for `viewer` at `now` ("me" and relative times resolved).
    pub fn to_query(&self, viewer: &Viewer, now: Millis) -> Result<MessageQuery, Error> {
        let id = |x: &Option<ID>| x.as_ref().map(|v| v.0.clone());
        let me_or = |me: Option<bool>, other: &Option<ID>| {
            if me == Some(true) {
                Some(viewer.id().to_string())
            } else {
                id(other)
            }
        };
        let mut from = self.from.map(|d| d.timestamp_millis());
        let mut to = self.to.map(|d| d.timestamp_millis());
        let mut narrow = |lo: Millis, hi: Option<Millis>| {
            from = Some(from.map_or(lo, |f| f.max(lo)));
            if let Some(hi) = hi {
                to = Some(to.map_or(hi, |t| t.min(hi)));
            }
        };
        if let Some(w) = &self.within {
            narrow(now - w.millis("within")?, None);
        }
        if let Some(p) = self.period {
            let (lo, hi) = p.range(now);
            narrow(lo, Some(hi));
        }
        Ok(MessageQuery {
            conversation_id: id(&self.conversation_id),
            profile_id: id(&self.profile_id),
            module: self.module.clone(),
            record_id: id(&self.record_id),
            direction: self.direction.map(Into::into),
            status: self.status.map(Into::into),
            kind: self.kind.clone().filter(|k| !k.trim().is_empty()),
            not_replied_within: self
                .not_replied_within
                .as_ref()
                .map(|d| d.millis("notRepliedWithin"))
                .transpose()?,
            replied_within: self
                .replied_within
                .as_ref()
                .map(|d| d.millis("repliedWithin"))
                .transpose()?,
            from,
            to,
            owner: me_or(self.owner_is_me, &self.owner_id),
            replied_by: me_or(self.replied_by_me, &self.replied_by_id),
        })
    }
}

impl From<MessageDirection> for model::Direction {
    fn from(d: MessageDirection) -> Self {
        match d {
            MessageDirection::Inbound => Self::Inbound,
            MessageDirection::Outbound => Self::Outbound,
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
    async fn filter(&self) -> Json<serde_json::Value> {
        Json(self.0.filter.clone())
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
pub struct MessagesModuleQuery;

#[Object]
impl MessagesModuleQuery {
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
        let q = filter
            .unwrap_or_default()
            .to_query(v, a.clock.now())
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
pub struct MessagesModuleMutation;

#[Object]
impl MessagesModuleMutation {
    /// Creates a view, or changes one of yours when `id` is given.
    async fn save_message_view(
        &self,
        ctx: &Context<'_>,
        input: SaveMessageViewInput,
    ) -> Result<MessageViewGql> {
        let v = viewer(ctx)?;
        let a = app(ctx);
        input.filter.to_query(v, a.clock.now()).gql()?;
        let filter = serde_json::to_value(&input.filter)
            .map_err(|e| Error::Internal(e.to_string()))
            .gql()?;
        let view = ViewInput {
            id: input.id.map(|x| x.0),
            name: input.name,
            shared: input.shared,
            filter: strip_nulls(filter),
        };
        Ok(MessageViewGql(a.messaging.save_view(v, view).await.gql()?))
    }

    async fn delete_message_view(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let v = viewer(ctx)?;
        app(ctx).messaging.delete_view(v, &id).await.gql()?;
        Ok(true)
    }
}

/// Drops unset keys so a stored filter reads like what was sent.
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
