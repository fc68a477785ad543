//! Reading conversations and messages, always through the viewer's visibility: one sees a
//! conversation when one may see its record (administrators see all).

use std::collections::HashMap;

use redb::ReadableTable;

use super::Messaging;
use super::model::{Conversation, Direction, Message, Status};
use crate::auth::Viewer;
use crate::error::Result;
use crate::store::tables::{CONVERSATIONS, MESSAGES, MSG_BY_CONV};

#[derive(Debug, Clone, Default)]
pub struct MessageFilter {
    pub conversation_id: Option<String>,
    pub profile_id: Option<String>,
    pub module: Option<String>,
    pub record_id: Option<String>,
    pub direction: Option<Direction>,
    pub status: Option<Status>,
}

impl Messaging {
    fn visible(&self, viewer: &Viewer, conv: &Conversation) -> bool {
        if viewer.user.is_admin {
            return true;
        }
        conv.record.as_ref().is_some_and(|r| {
            self.crm
                .get(viewer, &r.module, &r.id)
                .ok()
                .flatten()
                .is_some()
        })
    }

    pub fn conversation(&self, viewer: &Viewer, id: &str) -> Result<Option<Conversation>> {
        let c = self
            .store
            .read()?
            .open_table(CONVERSATIONS)?
            .get(id)?
            .map(|v| v.value());
        Ok(c.filter(|c| self.visible(viewer, c)))
    }

    /// Conversations the viewer may see, most recent activity first.
    pub fn conversations(
        &self,
        viewer: &Viewer,
        f: &MessageFilter,
        search: Option<&str>,
    ) -> Result<Vec<Conversation>> {
        let needle = search
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty());
        let tx = self.store.read()?;
        let t = tx.open_table(CONVERSATIONS)?;
        let mut out: Vec<Conversation> = t
            .iter()?
            .filter_map(|r| r.ok().map(|(_, v)| v.value()))
            .filter(|c| f.profile_id.as_ref().is_none_or(|p| *p == c.profile_id))
            .filter(|c| {
                f.module
                    .as_ref()
                    .is_none_or(|m| c.record.as_ref().is_some_and(|r| r.module == *m))
            })
            .filter(|c| {
                f.record_id
                    .as_ref()
                    .is_none_or(|id| c.record.as_ref().is_some_and(|r| r.id == *id))
            })
            .filter(|c| self.visible(viewer, c))
            .collect();
        if let Some(n) = needle {
            out.retain(|c| {
                c.customer_name
                    .as_ref()
                    .is_some_and(|x| x.to_lowercase().contains(&n))
                    || c.customer_wa_id.contains(&n)
                    || self.conversation_messages(&c.id).is_ok_and(|ms| {
                        ms.iter().any(|m| {
                            m.text
                                .as_ref()
                                .is_some_and(|t| t.to_lowercase().contains(&n))
                        })
                    })
            });
        }
        out.sort_by_key(|c| std::cmp::Reverse(c.last_message_at));
        Ok(out)
    }

    /// A conversation's messages, oldest first (no visibility check: callers hold the conversation).
    pub fn conversation_messages(&self, conversation_id: &str) -> Result<Vec<Message>> {
        let tx = self.store.read()?;
        let idx = tx.open_table(MSG_BY_CONV)?;
        let msgs = tx.open_table(MESSAGES)?;
        let mut out = vec![];
        for r in idx.range((conversation_id, "")..=(conversation_id, "\u{10FFFF}"))? {
            let (k, _) = r?;
            if let Some(m) = msgs.get(k.value().1)? {
                out.push(m.value());
            }
        }
        out.sort_by_key(|m| (m.timestamp, m.id.clone()));
        Ok(out)
    }

    /// Messages the viewer may see, newest first.
    pub fn messages(
        &self,
        viewer: &Viewer,
        f: &MessageFilter,
        search: Option<&str>,
    ) -> Result<Vec<Message>> {
        let convs: HashMap<String, Conversation> = self
            .conversations(viewer, f, None)?
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        let needle = search
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty());
        let tx = self.store.read()?;
        let t = tx.open_table(MESSAGES)?;
        let mut out: Vec<Message> = t
            .iter()?
            .rev()
            .filter_map(|r| r.ok().map(|(_, v)| v.value()))
            .filter(|m| convs.contains_key(&m.conversation_id))
            .filter(|m| {
                f.conversation_id
                    .as_ref()
                    .is_none_or(|c| *c == m.conversation_id)
            })
            .filter(|m| f.direction.is_none_or(|d| d == m.direction))
            .filter(|m| f.status.is_none_or(|s| s == m.status))
            .filter(|m| {
                needle.as_ref().is_none_or(|n| {
                    m.text
                        .as_ref()
                        .is_some_and(|t| t.to_lowercase().contains(n))
                })
            })
            .collect();
        out.sort_by_key(|m| std::cmp::Reverse((m.timestamp, m.id.clone())));
        Ok(out)
    }

    /// The message with Meta's id `wamid`, if stored.
    pub fn message_by_wamid(&self, wamid: &str) -> Option<Message> {
        let tx = self.store.read().ok()?;
        let id = tx
            .open_table(crate::store::tables::MSG_BY_WAMID)
            .ok()?
            .get(wamid)
            .ok()??
            .value()
            .to_string();
        tx.open_table(MESSAGES)
            .ok()?
            .get(id.as_str())
            .ok()?
            .map(|v| v.value())
    }

    /// A message by id, for system work and tests.
    pub fn message_unchecked(&self, id: &str) -> Result<Message> {
        self.store
            .read()?
            .open_table(MESSAGES)?
            .get(id)?
            .map(|v| v.value())
            .ok_or_else(|| crate::error::Error::NotFound("message".into()))
    }

    pub fn message(&self, viewer: &Viewer, id: &str) -> Result<Option<Message>> {
        let m = self
            .store
            .read()?
            .open_table(MESSAGES)?
            .get(id)?
            .map(|v| v.value());
        Ok(match m {
            Some(m) if self.conversation(viewer, &m.conversation_id)?.is_some() => Some(m),
            _ => None,
        })
    }
}
