//! The start page's "what needs me now" (issue 18): conversations waiting for a reply, windows
//! about to close, and what customers wrote since a given time, all as the viewer may see them.

use super::Messaging;
use super::model::{Conversation, Direction, Message};
use crate::auth::Viewer;
use crate::clock::Millis;
use crate::error::Result;
use crate::store::tables::{MESSAGES, MSG_BY_CONV};

/// A window closing within this long counts as closing soon.
pub const CLOSING_SOON_MS: Millis = 3 * 3600 * 1000;
/// How many of each list the start page shows (the counts cover all).
pub const HOME_LIST: usize = 8;

pub struct Home {
    /// Conversations whose customer's latest message has no reply yet, the window closing
    /// soonest first (closed windows last).
    pub unanswered: Vec<Conversation>,
    pub unanswered_count: usize,
    /// Open windows closing within [`CLOSING_SOON_MS`], soonest first.
    pub closing_soon: Vec<Conversation>,
    /// Customer messages since `since`, newest first.
    pub signals: Vec<Message>,
    pub signals_count: usize,
}

impl Messaging {
    pub fn home(&self, viewer: &Viewer, since: Millis) -> Result<Home> {
        let now = self.clock.now();
        let convs = self.conversations_visible(viewer)?;
        let tx = self.store.read()?;
        let idx = tx.open_table(MSG_BY_CONV)?;
        let msgs = tx.open_table(MESSAGES)?;
        let mut unanswered = vec![];
        let mut closing_soon = vec![];
        let mut signals = vec![];
        for c in convs {
            let open_until = c.window_expires_at().filter(|t| *t > now);
            if open_until.is_some_and(|t| t - now <= CLOSING_SOON_MS) {
                closing_soon.push(c.clone());
            }
            // Newest first: the customer's latest message decides "unanswered"; the ones
            // since `since` are today's signals.
            let mut latest_inbound_seen = false;
            let range = idx.range((c.id.as_str(), "")..=(c.id.as_str(), "\u{10ffff}"))?;
            for entry in range.rev() {
                let (k, _) = entry?;
                let Some(m) = msgs.get(k.value().1)?.map(|v| v.value()).transpose()? else {
                    continue;
                };
                if m.direction != Direction::Inbound || m.kind == "reaction" {
                    if m.timestamp < since && latest_inbound_seen {
                        break;
                    }
                    continue;
                }
                if !latest_inbound_seen {
                    latest_inbound_seen = true;
                    if m.first_reply.is_none() {
                        unanswered.push(c.clone());
                    }
                }
                if m.timestamp < since {
                    break;
                }
                signals.push(m);
            }
        }
        // Open windows first, closing soonest first; then closed ones, latest first.
        unanswered.sort_by_key(|c| match c.window_expires_at().filter(|t| *t > now) {
            Some(t) => (0, t),
            None => (1, -c.last_message_at),
        });
        closing_soon.sort_by_key(|c| c.window_expires_at());
        signals.sort_by_key(|m| std::cmp::Reverse(m.timestamp));
        let (unanswered_count, signals_count) = (unanswered.len(), signals.len());
        unanswered.truncate(HOME_LIST);
        closing_soon.truncate(HOME_LIST);
        signals.truncate(HOME_LIST);
        Ok(Home {
            unanswered,
            unanswered_count,
            closing_soon,
            signals,
            signals_count,
        })
    }

    fn conversations_visible(&self, viewer: &Viewer) -> Result<Vec<Conversation>> {
        Ok(self
            .list_conversations(viewer, &super::ConversationFilter::default(), 0, usize::MAX)?
            .0
            .into_iter()
            .map(|h| h.conversation)
            .collect())
    }
}
