//! Index documents built from what the store holds.

use redb::ReadTransaction;
use tantivy::TantivyDocument;
use tantivy::schema::Field;

use super::analyzer::phone_keys;
use super::schema::{Fields, KIND_MESSAGE, KIND_PREDEFINED, KIND_RECORD, NO_OWNER, record_key};
use crate::crm::model::RecordRow;
use crate::error::Result;
use crate::messaging::model::{Conversation, Direction, Message, Status};
use crate::predefined::model::PredefinedText;
use crate::store::tables::{CONVERSATIONS, MESSAGES, MSG_BY_CONV, RECORDS};

/// A conversation as the index needs it: itself and its record's owner.
pub struct ConvInfo {
    pub conv: Conversation,
    pub owner: Option<String>,
}

pub fn conv_info(tx: &ReadTransaction, conversation_id: &str) -> Result<Option<ConvInfo>> {
    let Some(conv) = tx
        .open_table(CONVERSATIONS)?
        .get(conversation_id)?
        .map(|v| v.value())
        .transpose()?
    else {
        return Ok(None);
    };
    let owner = match &conv.record {
        Some(r) => tx
            .open_table(RECORDS)?
            .get((r.module.as_str(), r.id.as_str()))?
            .map(|v| v.value().map(|r| r.owner_id))
            .transpose()?,
        None => None,
    };
    Ok(Some(ConvInfo { conv, owner }))
}

/// Every message of a conversation, oldest first.
pub fn conversation_messages(tx: &ReadTransaction, conversation_id: &str) -> Result<Vec<Message>> {
    let by_conv = tx.open_table(MSG_BY_CONV)?;
    let messages = tx.open_table(MESSAGES)?;
    let mut out = vec![];
    for entry in by_conv.range((conversation_id, "")..=(conversation_id, "\u{10FFFF}"))? {
        if let Some(m) = messages
            .get(entry?.0.value().1)?
            .and_then(|m| crate::store::decoded(m.value()))
        {
            out.push(m);
        }
    }
    sort(&mut out);
    Ok(out)
}

fn sort(msgs: &mut [Message]) {
    msgs.sort_by(|a, b| (a.timestamp, &a.id).cmp(&(b.timestamp, &b.id)));
}

fn lower<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn direction_term(d: Direction) -> String {
    lower(&d)
}

pub fn status_term(s: Status) -> String {
    lower(&s)
}

/// The document of one message: a projection of the message, its conversation and the owner.
pub fn message_doc(f: &Fields, m: &Message, info: &ConvInfo) -> TantivyDocument {
    let reply = m.first_reply.as_ref();
    let mut doc = TantivyDocument::new();
    let mut put = |field: Field, value: &str| doc.add_text(field, value);
    put(f.kind, KIND_MESSAGE);
    put(f.id, &m.id);
    put(f.conversation, &m.conversation_id);
    put(f.direction, &direction_term(m.direction));
    put(f.message_type, &m.kind);
    put(f.status, &status_term(m.status));
    put(f.profile, &info.conv.profile_id);
    put(f.owner, info.owner.as_deref().unwrap_or(NO_OWNER));
    if let Some(r) = &info.conv.record {
        put(f.module, &r.module);
        put(f.record, &r.id);
    }
    if let Some(by) = reply.and_then(|r| r.by.as_deref()) {
        put(f.replied_by, by);
    }
    for key in phone_keys(&info.conv.customer_wa_id) {
        doc.add_text(f.phone, key);
    }
    // A message the customer deleted is found by nothing it said (its text stays on the
    // message for administrators, but no search or snippet shows it).
    let deleted = m.deleted_at.is_some();
    for text in [
        m.text.as_deref().filter(|_| !deleted),
        m.media
            .as_ref()
            .and_then(|x| x.file_name.as_deref())
            .filter(|_| !deleted),
        info.conv.customer_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        doc.add_text(f.text, text);
    }
    doc.add_i64(f.time, m.timestamp);
    if m.direction == Direction::Inbound {
        let delay = reply.map_or(i64::MAX, |r| (r.at - m.timestamp).max(0));
        doc.add_i64(f.reply_delay, delay);
    }
    doc
}

pub fn predefined_doc(f: &Fields, p: &PredefinedText) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.kind, KIND_PREDEFINED);
    doc.add_text(f.id, &p.id);
    doc.add_text(f.module, &p.module);
    doc.add_text(f.text, &p.name);
    doc.add_text(f.text, &p.text);
    doc
}

/// The document of one CRM record: who sees it, its last change and its values as n-grams.
pub fn record_doc(f: &Fields, r: &RecordRow) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.kind, KIND_RECORD);
    doc.add_text(f.rec_key, record_key(&r.module, &r.id));
    doc.add_text(f.rec_module, &r.module);
    doc.add_text(f.rec_id, &r.id);
    doc.add_text(f.rec_owner, &r.owner_id);
    doc.add_i64(f.rec_modified, r.modified_at);
    for text in super::grams::record_texts(&r.values) {
        doc.add_text(f.rec_grams, text);
    }
    doc
}
