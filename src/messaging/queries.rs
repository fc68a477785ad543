//! Reading conversations and messages, always through the viewer's visibility: one sees a
//! conversation when one may see its record (administrators see all). Lists and searches go
//! through the search index; single reads go to the store.

use redb::ReadableTable;

use super::Messaging;
use super::model::{Conversation, Message};
use crate::auth::Viewer;
use crate::error::Result;
use crate::search::{MessageQuery, Snippet};
use crate::store::tables::{CONVERSATIONS, MESSAGES, MSG_BY_CONV, RECORDS};

/// Narrows the conversation list.
#[derive(Debug, Clone, Default)]
pub struct ConversationFilter {
    pub profile_id: Option<String>,
    pub module: Option<String>,
    pub record_id: Option<String>,
}

/// A message in the Messages module with, when searched, its snippet.
pub struct MessageRow {
    pub message: Message,
    pub snippet: Option<Snippet>,
}

pub struct MessageList {
    pub rows: Vec<MessageRow>,
    pub total: usize,
}

/// A conversation in a list, with the snippet of its matching message when searched.
pub struct ConversationHit {
    pub conversation: Conversation,
    pub snippet: Option<Snippet>,
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
            .map(|v| v.value())
            .transpose()?;
        Ok(c.filter(|c| self.visible(viewer, c)))
    }

    /// Conversations the viewer may see, most recent activity first; with `search`, those with
    /// a matching message, customer name or number, most recent match first.
    pub async fn conversations(
        &self,
        viewer: &Viewer,
        f: &ConversationFilter,
        search: Option<&str>,
    ) -> Result<Vec<ConversationHit>> {
        match search.map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => self.search_conversations(viewer, f, text).await,
            None => self.all_conversations(viewer, f),
        }
    }

    pub(super) fn all_conversations(
        &self,
        viewer: &Viewer,
        f: &ConversationFilter,
    ) -> Result<Vec<ConversationHit>> {
        // Visibility once for the whole list, then one record read per conversation.
        let owners = self.auth.visible_owners(viewer)?;
        let tx = self.store.read()?;
        let records = tx.open_table(RECORDS)?;
        let visible = |c: &Conversation| {
            let Some(o) = &owners else {
                return true;
            };
            c.record.as_ref().is_some_and(|r| {
                records
                    .get((r.module.as_str(), r.id.as_str()))
                    .ok()
                    .flatten()
                    .is_some_and(|row| row.value().is_ok_and(|row| o.contains(&row.owner_id)))
            })
        };
        let mut out: Vec<Conversation> = tx
            .open_table(CONVERSATIONS)?
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .filter(|c| f.profile_id.as_ref().is_none_or(|p| *p == c.profile_id))
            .filter(|c| {
                let record = c.record.as_ref();
                f.module
                    .as_ref()
                    .is_none_or(|m| record.is_some_and(|r| r.module == *m))
                    && f.record_id
                        .as_ref()
                        .is_none_or(|id| record.is_some_and(|r| r.id == *id))
            })
            .filter(|c| visible(c))
            .collect();
        out.sort_by_key(|c| std::cmp::Reverse(c.last_message_at));
        Ok(out
            .into_iter()
            .map(|conversation| ConversationHit {
                conversation,
                snippet: None,
            })
            .collect())
    }

    async fn search_conversations(
        &self,
        viewer: &Viewer,
        f: &ConversationFilter,
        text: &str,
    ) -> Result<Vec<ConversationHit>> {
        self.search.caught_up().await;
        let owners = self.auth.visible_owners(viewer)?;
        let q = MessageQuery {
            profile_id: f.profile_id.clone(),
            module: f.module.clone(),
            record_id: f.record_id.clone(),
            ..Default::default()
        };
        let (found, snippets) = self.search.conversations(&q, text, owners.as_ref())?;
        let tx = self.store.read()?;
        let convs = tx.open_table(CONVERSATIONS)?;
        let msgs = tx.open_table(MESSAGES)?;
        let mut out = vec![];
        for (conv_id, msg_id) in found {
            let Some(conversation) = convs
                .get(conv_id.as_str())?
                .map(|v| v.value())
                .transpose()?
            else {
                continue;
            };
            let message = msgs.get(msg_id.as_str())?.map(|v| v.value()).transpose()?;
            let snippet = snippets
                .as_ref()
                .zip(message)
                .and_then(|(s, m)| s.of_any(&searchable_texts(&m, &conversation)));
            out.push(ConversationHit {
                conversation,
                snippet,
            });
        }
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
            if let Some(m) = msgs
                .get(k.value().1)?
                .and_then(|m| crate::store::decoded(m.value()))
            {
                out.push(m);
            }
        }
        out.sort_by_key(|m| (m.timestamp, m.id.clone()));
        Ok(out)
    }

    /// The Messages module (F24): messages the viewer may see that match the filters and the
    /// search text, newest first, one page of them.
    pub async fn messages(
        &self,
        viewer: &Viewer,
        q: &MessageQuery,
        search: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<MessageList> {
        self.search.caught_up().await;
        let owners = self.auth.visible_owners(viewer)?;
        let text = search.map(str::trim).filter(|s| !s.is_empty());
        let page =
            self.search
                .messages(q, text, owners.as_ref(), self.clock.now(), offset, limit)?;
        let tx = self.store.read()?;
        let msgs = tx.open_table(MESSAGES)?;
        let convs = tx.open_table(CONVERSATIONS)?;
        let mut rows = Vec::with_capacity(page.hits.len());
        for hit in page.hits {
            let Some(message) = msgs.get(hit.id.as_str())?.map(|v| v.value()).transpose()? else {
                continue;
            };
            let snippet = match &page.snippets {
                Some(s) => convs
                    .get(message.conversation_id.as_str())?
                    .map(|c| c.value())
                    .transpose()?
                    .and_then(|c| s.of_any(&searchable_texts(&message, &c))),
                None => None,
            };
            rows.push(MessageRow { message, snippet });
        }
        Ok(MessageList {
            rows,
            total: page.total,
        })
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
            .ok()??
            .value()
            .ok()
    }

    /// A message by id, for system work and tests.
    pub fn message_unchecked(&self, id: &str) -> Result<Message> {
        self.store
            .read()?
            .open_table(MESSAGES)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?
            .ok_or_else(|| crate::error::Error::NotFound("message".into()))
    }

    pub fn message(&self, viewer: &Viewer, id: &str) -> Result<Option<Message>> {
        let m = self
            .store
            .read()?
            .open_table(MESSAGES)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?;
        Ok(match m {
            Some(m) if self.conversation(viewer, &m.conversation_id)?.is_some() => Some(m),
            _ => None,
        })
    }
}

/// The texts a snippet may be cut from, in the order they are tried: what was indexed.
fn searchable_texts<'a>(m: &'a Message, c: &'a Conversation) -> Vec<&'a str> {
    let deleted = m.deleted_at.is_some();
    [
        m.text.as_deref().filter(|_| !deleted),
        m.media
            .as_ref()
            .and_then(|x| x.file_name.as_deref())
            .filter(|_| !deleted),
        c.customer_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
