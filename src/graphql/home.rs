//! The start page (issue 18): what needs the viewer now. Each list links to where the work is
//! done; the credit balance comes from `wallet` (administrators).

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::messaging::{ConversationGql, MessageGql};
use super::template_types::TemplateGql;
use super::{Gql, app, viewer};
use crate::templates::TemplateStatus;

#[derive(SimpleObject)]
pub struct HomeOverview {
    /// Conversations whose customer's latest message, within the last seven days, has no reply
    /// yet; open windows closing soonest first (up to 8). Older ones stay in the Conversations
    /// list.
    unanswered: Vec<ConversationGql>,
    unanswered_count: i32,
    /// Open windows that close within three hours, soonest first (up to 8).
    closing_soon: Vec<ConversationGql>,
    closing_soon_count: i32,
    /// What customers wrote since `since`, newest first (up to 8).
    signals: Vec<MessageGql>,
    signals_count: i32,
    /// The counts stopped at the start page's bound (2,000 conversations active in the last
    /// seven days): there may be more.
    more: bool,
    /// Templates Meta is reviewing.
    templates_in_review: Vec<TemplateGql>,
    /// Templates Meta rejected, to fix and submit again.
    templates_rejected: Vec<TemplateGql>,
}

#[derive(Default)]
pub struct HomeQuery;

#[Object]
impl HomeQuery {
    /// The start page: `since` is the start of the viewer's day (default, and at most: 24 hours
    /// ago). Its cost follows the last seven days' activity, not the history.
    async fn home(&self, ctx: &Context<'_>, since: Option<DateTime<Utc>>) -> Result<HomeOverview> {
        let v = viewer(ctx)?;
        let app = app(ctx);
        let since = since.map_or_else(
            || app.clock.now() - crate::clock::DAY_MS,
            |s| s.timestamp_millis(),
        );
        // It reads the recently active conversations (see `Messaging::home`): off the async runtime.
        let (messaging, v) = (app.messaging.clone(), v.clone());
        let h = crate::service::blocking(move || messaging.home(&v, since))
            .await
            .gql()?;
        let templates = app.templates.list(None).gql()?;
        let with = |status: TemplateStatus| {
            templates
                .iter()
                .filter(|t| t.status == status)
                .cloned()
                .map(TemplateGql::from)
                .collect::<Vec<_>>()
        };
        let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
        Ok(HomeOverview {
            unanswered: h.unanswered.into_iter().map(Into::into).collect(),
            unanswered_count: count(h.unanswered_count),
            closing_soon: h.closing_soon.into_iter().map(Into::into).collect(),
            closing_soon_count: count(h.closing_soon_count),
            signals: h.signals.into_iter().map(MessageGql::from).collect(),
            signals_count: count(h.signals_count),
            more: h.more,
            templates_in_review: with(TemplateStatus::Pending),
            templates_rejected: with(TemplateStatus::Rejected),
        })
    }
}
