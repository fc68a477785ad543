//! Reading conversations and messages, always through the viewer's visibility: one sees a
//! conversation when one may see its record (administrators see all). Lists and searches go
//! through the search index; single reads go to the store.

use redb::ReadableTable;

use super::Messaging;
use super::model::{Conversation, Message};
use crate::auth::Viewer;
use crate::error::Result;
use crate::search::{MessageQuery, Snippet};
use crate::store::tables::{CONV_BY_ACTIVITY, CONV_COUNTS, CONVERSATIONS, MESSAGES, MSG_BY_CONV};

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
    /// The matched words in the message's own text (or file name).
    pub snippet: Option<Snippet>,
    /// The matched words in the customer's name, apart from the text: a message found by its
    /// customer's name still shows its own text.
    pub customer_snippet: Option<Snippet>,
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
    /// a matching message, customer name or number, most recent match first. One page of
    /// them (`offset`, `limit`) and how many there are in all.
    pub async fn conversations(
        &self,
        viewer: &Viewer,
        f: &ConversationFilter,
        search: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<ConversationHit>, usize)> {
        match search.map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => {
                let all = self.search_conversations(viewer, f, text).await?;
                let total = all.len();
                Ok((all.into_iter().skip(offset).take(limit).collect(), total))
            }
            None => {
                let this = self.clone();
                let (viewer, f) = (viewer.clone(), f.clone());
                crate::service::blocking(move || {
                    this.list_conversations(&viewer, &f, offset, limit)
                })
                .await
            }
        }
    }

    /// One page of the conversation list from its index (`store::conversation_index`): visibility is the set
    /// of owners the viewer sees, computed once; entries are checked without decoding
    /// conversations, and only the page's conversations are read. Unfiltered, the total comes
    /// from the per-owner counts; filtered, from the index entries that match.
    pub(super) fn list_conversations(
        &self,
        viewer: &Viewer,
        f: &ConversationFilter,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<ConversationHit>, usize)> {
        let owners = self.auth.visible_owners(viewer)?;
        let tx = self.store.read()?;
        let filtered = f.profile_id.is_some() || f.module.is_some() || f.record_id.is_some();
        let matches = |(owner, profile, module, record): (&str, &str, &str, &str)| {
            owners.as_ref().is_none_or(|o| o.contains(owner))
                && f.profile_id.as_deref().is_none_or(|p| p == profile)
                && f.module.as_deref().is_none_or(|m| m == module)
                && f.record_id.as_deref().is_none_or(|r| r == record)
        };
        let mut ids = Vec::with_capacity(limit.min(256));
        let mut seen = 0usize;
        for e in tx.open_table(CONV_BY_ACTIVITY)?.iter()? {
            let (k, v) = e?;
            if !matches(v.value()) {
                continue;
            }
            if seen >= offset && ids.len() < limit {
                ids.push(k.value().1.to_string());
            }
            seen += 1;
            if !filtered && ids.len() >= limit {
                break;
            }
        }
        let total = if filtered {
            seen
        } else {
            let counts = tx.open_table(CONV_COUNTS)?;
            let mut n = 0u64;
            for e in counts.iter()? {
                let (owner, count) = e?;
                if owners.as_ref().is_none_or(|o| o.contains(owner.value())) {
                    n += count.value();
                }
            }
            usize::try_from(n).unwrap_or(usize::MAX)
        };
        let convs = tx.open_table(CONVERSATIONS)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(conversation) = convs
                .get(id.as_str())?
                .and_then(|v| crate::store::decoded(v.value()))
            {
                out.push(ConversationHit {
                    conversation,
                    snippet: None,
                });
            }
        }
        Ok((out, total))
    }

    async fn search_conversations(
        &self,
        viewer: &Viewer,
        f: &ConversationFilter,
        text: &str,
    ) -> Result<Vec<ConversationHit>> {
        self.search.caught_up().await;
        let this = self.clone();
        let (viewer, f, text) = (viewer.clone(), f.clone(), text.to_string());
        crate::service::blocking(move || this.search_conversations_now(&viewer, &f, &text)).await
    }

    fn search_conversations_now(
        &self,
        viewer: &Viewer,
        f: &ConversationFilter,
        text: &str,
    ) -> Result<Vec<ConversationHit>> {
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
        let this = self.clone();
        let (viewer, q, search) = (viewer.clone(), q.clone(), search.map(String::from));
        crate::service::blocking(move || {
            this.messages_now(&viewer, &q, search.as_deref(), offset, limit)
        })
        .await
    }

    fn messages_now(
        &self,
        viewer: &Viewer,
        q: &MessageQuery,
        search: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<MessageList> {
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
            let (snippet, customer_snippet) = match &page.snippets {
                Some(s) => {
                    let customer = convs
                        .get(message.conversation_id.as_str())?
                        .map(|c| c.value())
                        .transpose()?
                        .and_then(|c| c.customer_name)
                        .and_then(|n| s.of(&n));
                    (s.of_any(&own_texts(&message)), customer)
                }
                None => (None, None),
            };
            rows.push(MessageRow {
                message,
                snippet,
                customer_snippet,
            });
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
    let mut texts = own_texts(m);
    texts.extend(c.customer_name.as_deref());
    texts
}

/// The message's own searchable texts: its text and its file's name (none once deleted).
fn own_texts(m: &Message) -> Vec<&str> {
    let deleted = m.deleted_at.is_some();
    [
        m.text.as_deref().filter(|_| !deleted),
        m.media
            .as_ref()
            .and_then(|x| x.file_name.as_deref())
            .filter(|_| !deleted),
    ]
    .into_iter()
    .flatten()
    .collect()
}
