//! Rich messages (N3): reactions both ways, and the customer's edits and deletions.
//!
//! - A customer's reaction is stored as a message (it is one on the wire: its own wamid, it
//!   opens the window) whose `reply_to` is the message reacted to, and it sets (or, with an empty
//!   emoji, removes) the customer's reaction on that message, in the same transaction.
//! - `reactToMessage` queues a `reaction` message through the outbox (window and credit rules
//!   as for any reply) and sets the business's reaction on the target in the same transaction.
//! - An `edit` keeps the earlier text in the message's history and marks it edited; a `revoke`
//!   marks it deleted by the customer, keeping the text for administrators. Neither is a message
//!   of its own: its wamid points at the message it changed (so a redelivery is a no-op). One
//!   whose original is unknown is kept as a message of its type, so nothing is lost.

use crate::store::PutRow;
use redb::ReadableTable;
use serde_json::{Value, json};

use super::Messaging;
use super::model::{Edit, Message};
use crate::auth::Viewer;
use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::store::Tx;
use crate::store::tables::{MESSAGES, MSG_BY_WAMID};

/// The message stored under `wamid`, if any.
pub fn by_wamid(tx: &Tx<'_>, wamid: &str) -> Result<Option<Message>> {
    let id = tx
        .txn
        .open_table(MSG_BY_WAMID)?
        .get(wamid)?
        .map(|v| v.value().to_string());
    let Some(id) = id else {
        return Ok(None);
    };
    Ok(tx
        .txn
        .open_table(MESSAGES)?
        .get(id.as_str())?
        .map(|v| v.value())
        .transpose()?)
}

/// Writes back a changed message and announces it.
pub fn save(tx: &mut Tx<'_>, m: &Message) -> Result<()> {
    tx.txn.open_table(MESSAGES)?.put(m.id.as_str(), m)?;
    tx.emit(Event::MessageChanged {
        message_id: m.id.clone(),
        conversation_id: m.conversation_id.clone(),
        new: false,
    })
}

/// Sets the customer's reaction (None removes it) on the message with `target` wamid in the
/// same conversation.
pub fn customer_reaction(
    tx: &mut Tx<'_>,
    conversation_id: &str,
    target: &str,
    emoji: Option<&str>,
    at: Millis,
) -> Result<Option<String>> {
    let Some(mut m) = by_wamid(tx, target)?.filter(|m| m.conversation_id == conversation_id) else {
        return Ok(None);
    };
    m.set_reaction(emoji, true, None, at);
    save(tx, &m)?;
    Ok(Some(m.id))
}

/// Applies an inbound `edit` or `revoke` (`raw` is the message object). Answers false when the
/// original is not known here (the caller then keeps it as a message of its own).
pub fn apply_change(
    tx: &mut Tx<'_>,
    conversation_id: &str,
    kind: &str,
    wamid: &str,
    raw: &Value,
    at: Millis,
) -> Result<bool> {
    let body = raw.get(kind).cloned().unwrap_or(Value::Null);
    let Some(original) = body.get("original_message_id").and_then(Value::as_str) else {
        return Ok(false);
    };
    let Some(mut m) = by_wamid(tx, original)?.filter(|m| m.conversation_id == conversation_id)
    else {
        return Ok(false);
    };
    if kind == "edit" {
        m.edits.push(Edit {
            text: m.text.clone(),
            replaced_at: at,
        });
        m.text = edited_text(&body);
        m.edited_at = Some(at);
    } else {
        m.deleted_at = Some(at);
    }
    save(tx, &m)?;
    if !wamid.is_empty() {
        tx.txn
            .open_table(MSG_BY_WAMID)?
            .insert(wamid, m.id.as_str())?;
    }
    Ok(true)
}

/// The new text of an edit: the edited message's text body or caption.
pub fn edited_text(edit: &Value) -> Option<String> {
    let msg = edit.get("message").unwrap_or(edit);
    let kind = msg.get("type").and_then(Value::as_str).unwrap_or("text");
    msg.pointer(&format!("/{kind}/body"))
        .or_else(|| msg.pointer(&format!("/{kind}/caption")))
        .or_else(|| msg.pointer("/text/body"))
        .and_then(Value::as_str)
        .map(String::from)
}

impl Messaging {
    /// Reacts to a message for the business (`""` removes the reaction): queues the
    /// reaction through the outbox and shows it on the message. Answers the message.
    pub async fn react(&self, viewer: &Viewer, message_id: &str, emoji: &str) -> Result<Message> {
        let emoji = emoji.trim().to_string();
        if emoji.chars().count() > 10 || emoji.chars().any(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::validation("emoji", "one emoji, or \"\" to remove"));
        }
        let target = self
            .message(viewer, message_id)?
            .ok_or_else(|| Error::NotFound("message".into()))?;
        let wamid = target.wamid.clone().ok_or_else(|| {
            Error::validation("messageId", "the message has not reached WhatsApp yet")
        })?;
        let conv = self
            .conversation(viewer, &target.conversation_id)?
            .ok_or_else(|| Error::NotFound("message".into()))?;
        let profile = self.usable_profile(viewer, &conv.profile_id)?;
        let now = self.clock.now();
        match conv.window_expires_at() {
            Some(end) if end > now => {}
            end => {
                return Err(Error::WindowClosed {
                    expired_at: end.map(crate::clock::to_rfc3339),
                });
            }
        }
        let record = conv
            .record
            .clone()
            .ok_or_else(|| Error::Conflict("the conversation has no record".into()))?;
        let part = super::compose::Part {
            kind: "reaction".into(),
            text: Some(emoji.clone()).filter(|e| !e.is_empty()),
            payload: json!({"messaging_product": "whatsapp", "recipient_type": "individual",
                "to": conv.customer_wa_id, "type": "reaction",
                "reaction": {"message_id": wamid, "emoji": emoji}}),
            media: None,
        };
        let id = crate::ids::new_id(now);
        let msg = super::compose::message_of(part, &id, now, viewer.id(), Some(target.id.clone()));
        let (by, target_id, wa_id) = (
            viewer.id().to_string(),
            target.id.clone(),
            conv.customer_wa_id.clone(),
        );
        let updated = self
            .store
            .write(move |tx| {
                super::send::queue_in_tx(tx, &profile, &wa_id, &record, &msg, now)?;
                let mut t = tx
                    .txn
                    .open_table(MESSAGES)?
                    .get(target_id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .ok_or_else(|| Error::NotFound("message".into()))?;
                t.set_reaction(Some(emoji.as_str()), false, Some(&by), now);
                save(tx, &t)?;
                Ok(t)
            })
            .await?;
        self.wake_sender();
        Ok(updated)
    }
}

#[cfg(test)]
mod tests {
    use super::edited_text;
    use serde_json::json;

    #[test]
    fn edits_carry_their_new_text() {
        let e = json!({"original_message_id": "wamid.A", "message": {"type": "text", "text": {"body": "new"}}});
        assert_eq!(edited_text(&e).as_deref(), Some("new"));
        let e = json!({"original_message_id": "wamid.A", "message": {"type": "image", "image": {"caption": "c"}}});
        assert_eq!(edited_text(&e).as_deref(), Some("c"));
    }
}
