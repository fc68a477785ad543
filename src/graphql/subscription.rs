//! Live updates over graphql-ws, fed by the event bus after each commit.

use async_graphql::{Context, Result, Subscription as Sub};
use futures_util::{Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;

use super::messaging::MessageGql;
use super::types::NotificationGql;
use super::{app, viewer};
use crate::events::Event;
use crate::notify;

pub struct Subscription;

#[Sub]
impl Subscription {
    /// The viewer's new notifications, as they are committed.
    async fn notifications(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = NotificationGql> + use<>> {
        let me = viewer(ctx)?.id().to_string();
        let app = app(ctx).clone();
        let events = BroadcastStream::new(app.bus.subscribe());
        Ok(events.filter_map(move |ev| {
            let found = match ev.as_deref().map(|c| &c.event) {
                Ok(Event::Notified {
                    user_id,
                    notification_id,
                }) if *user_id == me => notify::get(&app.store, user_id, notification_id)
                    .ok()
                    .flatten()
                    .map(NotificationGql),
                _ => None,
            };
            async move { found }
        }))
    }

    /// New messages and status changes in conversations the viewer may see.
    async fn message_events(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = MessageEvent> + use<>> {
        let viewer = viewer(ctx)?.clone();
        let app = app(ctx).clone();
        let events = BroadcastStream::new(app.bus.subscribe());
        Ok(events.filter_map(move |ev| {
            let found = match ev.as_deref().map(|c| &c.event) {
                Ok(Event::MessageChanged {
                    message_id, new, ..
                }) => app
                    .messaging
                    .message(&viewer, message_id)
                    .ok()
                    .flatten()
                    .map(|m| MessageEvent {
                        kind: if *new { "NEW" } else { "STATUS" }.into(),
                        message: m.into(),
                    }),
                _ => None,
            };
            async move { found }
        }))
    }
}

#[derive(async_graphql::SimpleObject)]
pub struct MessageEvent {
    /// `NEW` or `STATUS`.
    kind: String,
    message: MessageGql,
}
