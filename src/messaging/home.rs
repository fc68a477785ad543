//! The start page's "what needs me now" (issue 18): conversations waiting for a reply, windows
//! about to close, and what customers wrote since a given time, all as the viewer may see them.
//!
//! Its cost is bounded by recent activity, not by the history (DESIGN.md, bounded costs): it
//! walks the conversation index (`store::conversation_index`, newest activity first) and stops
//! at the first conversation last active before [`UNANSWERED_LOOKBACK_MS`] ago, and at
//! [`HOME_SCAN`] visible conversations at most. The rule that follows from it: a conversation
//! counts as unanswered when the customer's latest message, within the last seven days, has no
//! reply; an older unanswered conversation (its window long closed) is not on the start page
//! but stays in the Conversations list and the Messages module. Windows closing soon and
//! today's signals lie within the last 24 hours, so the bound never hides one of them.

use std::cmp::Reverse;

use redb::ReadableTable;

use super::Messaging;
use super::model::{Conversation, Direction, Message};
use crate::auth::Viewer;
use crate::clock::{DAY_MS, Millis};
use crate::error::Result;
use crate::store::tables::{CONV_BY_ACTIVITY, CONVERSATIONS, MESSAGES, MSG_BY_CONV};

/// A window closing within this long counts as closing soon.
pub const CLOSING_SOON_MS: Millis = 3 * 3600 * 1000;
/// How many of each list the start page shows (the counts cover all within the bound).
pub const HOME_LIST: usize = 8;
/// How far back the start page looks for unanswered conversations.
pub const UNANSWERED_LOOKBACK_MS: Millis = 7 * DAY_MS;
/// At most this many visible conversations are read; beyond, the counts are lower bounds
/// ([`Home::more`]).
pub const HOME_SCAN: usize = 2_000;

pub struct Home {
    /// Conversations whose customer's latest message has no reply yet, the window closing
    /// soonest first (closed windows last).
    pub unanswered: Vec<Conversation>,
    pub unanswered_count: usize,
    /// Open windows closing within [`CLOSING_SOON_MS`], soonest first.
    pub closing_soon: Vec<Conversation>,
    pub closing_soon_count: usize,
    /// Customer messages since `since` (at most 24 hours back), newest first.
    pub signals: Vec<Message>,
    pub signals_count: usize,
    /// The walk stopped at [`HOME_SCAN`] conversations: there may be more than counted.
    pub more: bool,
}

impl Messaging {
    /// The start page for `viewer`; `since` is clamped to the last 24 hours.
    pub fn home(&self, viewer: &Viewer, since: Millis) -> Result<Home> {
        let now = self.clock.now();
        let since = since.max(now - DAY_MS);
        let horizon = now - UNANSWERED_LOOKBACK_MS;
        let owners = self.auth.visible_owners(viewer)?;
        let tx = self.store.read()?;
        let convs = tx.open_table(CONVERSATIONS)?;
        let idx = tx.open_table(MSG_BY_CONV)?;
        let msgs = tx.open_table(MESSAGES)?;
        let mut unanswered = vec![];
        let mut closing_soon = vec![];
        let mut signals: Vec<Message> = vec![];
        let (mut signals_count, mut scanned, mut more) = (0usize, 0usize, false);
        for entry in tx.open_table(CONV_BY_ACTIVITY)?.iter()? {
            let (k, v) = entry?;
            let (neg_at, conv_id) = k.value();
            if neg_at.saturating_neg() < horizon {
                break;
            }
            let owner = v.value().0;
            if !owners.as_ref().is_none_or(|o| o.contains(owner)) {
                continue;
            }
            if scanned == HOME_SCAN {
                more = true;
                break;
            }
            scanned += 1;
            let Some(c) = convs
                .get(conv_id)?
                .and_then(|v| crate::store::decoded(v.value()))
            else {
                continue;
            };
            let open_until = c.window_expires_at().filter(|t| *t > now);
            if open_until.is_some_and(|t| t - now <= CLOSING_SOON_MS) {
                closing_soon.push(c.clone());
            }
            if c.last_inbound_at.is_none_or(|t| t < horizon) {
                continue;
            }
            // Newest first: the customer's latest message decides "unanswered"; the ones
            // since `since` are today's signals. Nothing before the horizon is read.
            let mut latest_inbound_seen = false;
            let range = idx.range((c.id.as_str(), "")..=(c.id.as_str(), "\u{10ffff}"))?;
            for entry in range.rev() {
                let (k, _) = entry?;
                let Some(m) = msgs.get(k.value().1)?.map(|v| v.value()).transpose()? else {
                    continue;
                };
                if m.timestamp < horizon || (m.timestamp < since && latest_inbound_seen) {
                    break;
                }
                if m.direction != Direction::Inbound || m.kind == "reaction" {
                    continue;
                }
                if !latest_inbound_seen {
                    latest_inbound_seen = true;
                    if m.first_reply.is_none() {
                        unanswered.push(c.clone());
                    }
                }
                if m.timestamp >= since {
                    signals_count += 1;
                    signals.push(m);
                    // Keep only the newest few in memory.
                    if signals.len() >= 4 * HOME_LIST {
                        signals.sort_by_key(|m| Reverse(m.timestamp));
                        signals.truncate(HOME_LIST);
                    }
                }
            }
        }
        // Open windows first, closing soonest first; then closed ones, latest first.
        unanswered.sort_by_key(|c| match c.window_expires_at().filter(|t| *t > now) {
            Some(t) => (0, t),
            None => (1, -c.last_message_at),
        });
        closing_soon.sort_by_key(|c| c.window_expires_at());
        signals.sort_by_key(|m| Reverse(m.timestamp));
        let (unanswered_count, closing_soon_count) = (unanswered.len(), closing_soon.len());
        unanswered.truncate(HOME_LIST);
        closing_soon.truncate(HOME_LIST);
        signals.truncate(HOME_LIST);
        Ok(Home {
            unanswered,
            unanswered_count,
            closing_soon,
            closing_soon_count,
            signals,
            signals_count,
            more,
        })
    }
}
