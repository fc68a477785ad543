//! Live updates over graphql-ws, fed by the event bus after each commit.
//!
//! Rights are checked where data leaves, every time: before each event is delivered the
//! subscription re-reads the viewer behind its credential (so a logout, a deactivation or a
//! changed role or administrator flag takes effect at once) and decides visibility with that
//! fresh viewer. When the credential no longer holds, the subscription ends.

use std::future::ready;

use async_graphql::{Context, Result, Subscription as Sub};
use futures_util::{Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;

use super::messaging::MessageGql;
use super::types::NotificationGql;
use super::{Gql, app, viewer};
use crate::App;
use crate::auth::Viewer;
use crate::error::Error;
use crate::events::Event;

pub struct Subscription;

/// What one bus event means for a subscription: deliver, skip, or end (credential gone).
enum Step<T> {
    Deliver(T),
    Skip,
    End,
}

/// The viewer behind `token` as they are now; `None` when the session ended, the token was
/// revoked or the user was deactivated (a failed lookup counts as gone: fail closed).
fn current(app: &App, token: &str) -> Option<Viewer> {
    app.auth.authenticate(token).unwrap_or_else(|e| {
        tracing::error!(error = %e, "could not re-check a subscription's session");
        None
    })
}

/// Events that may end the viewer's credential without concerning the subscription's data.
fn touches_user(ev: &Event, me: &str) -> bool {
    matches!(ev, Event::UserChanged { user_id } | Event::SessionsEnded { user_id } if user_id == me)
}

/// Turns bus events into a stream that ends at the first [`Step::End`].
fn follow<T, F>(app: &App, mut step: F) -> impl Stream<Item = T> + use<T, F>
where
    T: Send + 'static,
    F: FnMut(&Event) -> Step<T> + Send + 'static,
{
    BroadcastStream::new(app.bus.subscribe())
        .filter_map(|ev| ready(ev.ok()))
        .map(move |ev| step(&ev.event))
        .take_while(|s| ready(!matches!(s, Step::End)))
        .filter_map(|s| {
            ready(match s {
                Step::Deliver(t) => Some(t),
                Step::Skip | Step::End => None,
            })
        })
}

/// The app, the viewer's credential and their user id, for a subscription that re-reads the
/// viewer behind the credential at each event.
fn session(ctx: &Context<'_>) -> Result<(std::sync::Arc<App>, String, String)> {
    let app = app(ctx).clone();
    let token = viewer(ctx)?.token.clone();
    let me = current(&app, &token)
        .ok_or(Error::Unauthenticated)
        .gql()?
        .user
        .id;
    Ok((app, token, me))
}

#[Sub]
impl Subscription {
    /// The viewer's new notifications, as they are committed.
    async fn notifications(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = NotificationGql> + use<>> {
        let (app, token, me) = session(ctx)?;
        let app2 = app.clone();
        Ok(follow(&app, move |ev| match ev {
            Event::Notified {
                user_id,
                notification_id,
            } if *user_id == me => {
                if current(&app2, &token).is_none() {
                    return Step::End;
                }
                app2.notifications
                    .get(user_id, notification_id)
                    .ok()
                    .flatten()
                    .map_or(Step::Skip, |n| Step::Deliver(NotificationGql(n)))
            }
            ev if touches_user(ev, &me) => match current(&app2, &token) {
                Some(_) => Step::Skip,
                None => Step::End,
            },
            _ => Step::Skip,
        }))
    }

    /// New messages and status changes in conversations the viewer may see.
    async fn message_events(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = MessageEvent> + use<>> {
        let (app, token, me) = session(ctx)?;
        let app2 = app.clone();
        Ok(follow(&app, move |ev| match ev {
            Event::MessageChanged {
                message_id, new, ..
            } => {
                let Some(viewer) = current(&app2, &token) else {
                    return Step::End;
                };
                app2.messaging
                    .message(&viewer, message_id)
                    .ok()
                    .flatten()
                    .map_or(Step::Skip, |m| {
                        Step::Deliver(MessageEvent {
                            kind: if *new { "NEW" } else { "STATUS" }.into(),
                            message: m.into(),
                        })
                    })
            }
            ev if touches_user(ev, &me) => match current(&app2, &token) {
                Some(_) => Step::Skip,
                None => Step::End,
            },
            _ => Step::Skip,
        }))
    }
}

#[derive(async_graphql::SimpleObject)]
pub struct MessageEvent {
    /// `NEW` or `STATUS`.
    kind: String,
    message: MessageGql,
}
