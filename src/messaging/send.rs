//! Queuing outbound messages: replies inside the 24-hour window (F16–F18). Template sends from
//! records live with the templates and come through [`Messaging::enqueue`] too.

use serde_json::{Value, json};

use super::Messaging;
use super::model::{Conversation, Direction, Message, RecordRef, Status};
use super::outbox::OutboxEntry;
use super::setup::Profile;
use crate::auth::Viewer;
use crate::crm::merge;
use crate::error::{Error, Result};
use crate::predefined::Predefined;
use crate::store::PutRow;
use crate::store::tables::{MESSAGES, OUTBOX, TIER_CONTACTS};

pub struct SendReply {
    pub conversation_id: String,
    pub text: Option<String>,
    pub predefined_text_id: Option<String>,
    pub reply_to_message_id: Option<String>,
    /// Files to send with it (at most five): each goes as its own media message.
    pub attachments: Vec<crate::attachments::AttachmentRef>,
}

pub struct SendTemplate {
    pub profile_id: String,
    pub module: String,
    pub record_id: String,
    pub template_id: String,
    pub phone_field: Option<String>,
}

/// An outbound message to queue.
#[derive(Clone)]
pub struct Outgoing {
    pub profile: Profile,
    pub wa_id: String,
    pub record: RecordRef,
    pub kind: String,
    pub text: String,
    pub payload: Value,
    pub sent_by: String,
    pub template_id: Option<String>,
    pub reply_to: Option<String>,
    /// A file the sender uploads first (a template's media header).
    pub media: Option<super::model::Media>,
}

impl Messaging {
    /// A profile `viewer` may send from.
    pub fn usable_profile(&self, viewer: &Viewer, id: &str) -> Result<Profile> {
        if let Some(p) = self.profiles_for(viewer)?.into_iter().find(|p| p.id == id) {
            return Ok(p);
        }
        // Say why when the channel is off rather than that nothing is there.
        match self.profile(id)? {
            Some(p) if !p.active => Err(Error::Conflict(format!(
                "WhatsApp is off for the profile \"{}\": an administrator can switch it on again in Settings → WhatsApp",
                p.nickname
            ))),
            _ => Err(Error::NotFound("WhatsApp profile".into())),
        }
    }

    /// Commits the message (QUEUED), its conversation and its outbox entry in one transaction.
    pub async fn enqueue(&self, out: Outgoing) -> Result<Message> {
        let now = self.clock.now();
        let id = crate::ids::new_id(now);
        let saved = self
            .store
            .write(move |tx| enqueue_in(tx, &out, &id, now))
            .await?;
        self.wake_sender();
        Ok(saved)
    }

    /// A message (QUEUED) with a new id for the outbox, not yet committed.
    pub fn new_outbound(out: &Outgoing, now: crate::clock::Millis) -> Message {
        outbound_message(out, &crate::ids::new_id(now), now)
    }

    /// Wakes the sender after a transaction that used [`enqueue_in`] committed.
    pub fn wake_outbox(&self) {
        self.wake_sender();
    }

    /// A free-text or predefined reply, with up to five attachments, allowed while the
    /// customer's 24-hour window is open. Answers the first message queued (the rest follow it
    /// in the conversation).
    pub async fn send_reply(
        &self,
        viewer: &Viewer,
        predefined: &Predefined,
        attachments: &crate::attachments::Attachments,
        input: SendReply,
    ) -> Result<Message> {
        let conv = self
            .conversation(viewer, &input.conversation_id)?
            .ok_or_else(|| Error::NotFound("conversation".into()))?;
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
        let files = attachments.resolve(viewer, conv.record.as_ref(), &input.attachments)?;
        let text = self.reply_text(&conv, predefined, &input, !files.is_empty())?;
        let (reply_to, context) = match &input.reply_to_message_id {
            Some(id) => {
                let m = self
                    .store
                    .read()?
                    .open_table(MESSAGES)?
                    .get(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?;
                let m = m.filter(|m| m.conversation_id == conv.id).ok_or_else(|| {
                    Error::validation("replyToMessageId", "no such message in this conversation")
                })?;
                (Some(m.id), m.wamid)
            }
            None => (None, None),
        };
        let record = conv
            .record
            .clone()
            .ok_or_else(|| Error::Conflict("the conversation has no record".into()))?;
        let parts =
            super::compose::reply_parts(&conv.customer_wa_id, text, &files, context.as_deref());
        let messages: Vec<Message> = parts
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                let id = crate::ids::new_id(now);
                let quoted = if i == 0 { reply_to.clone() } else { None };
                super::compose::message_of(part, &id, now, viewer.id(), quoted)
            })
            .collect();
        let wa_id = conv.customer_wa_id.clone();
        let saved = self
            .store
            .write(move |tx| {
                let mut saved = vec![];
                for m in &messages {
                    saved.push(queue_in_tx(tx, &profile, &wa_id, &record, m, now)?);
                }
                Ok(saved)
            })
            .await?;
        self.wake_sender();
        saved
            .into_iter()
            .next()
            .ok_or_else(|| Error::invalid("nothing to send"))
    }

    fn reply_text(
        &self,
        conv: &Conversation,
        predefined: &Predefined,
        input: &SendReply,
        with_files: bool,
    ) -> Result<Option<String>> {
        let text = match (&input.text, &input.predefined_text_id) {
            (Some(t), None) => t.clone(),
            (None, Some(id)) => {
                let p = predefined.get(id)?;
                self.render_for_conversation(conv, &p.module, &p.text)?
            }
            (None, None) if with_files => return Ok(None),
            _ => return Err(Error::invalid("give either text or predefinedTextId")),
        };
        if with_files && text.trim().is_empty() {
            return Ok(None);
        }
        if text.trim().is_empty() || text.chars().count() > 4096 {
            return Err(Error::validation(
                "text",
                "a reply needs 1 to 4,096 characters",
            ));
        }
        Ok(Some(text))
    }

    /// `text`'s merge fields resolved with the conversation's record (F18 preview and send).
    pub fn render_for_conversation(
        &self,
        conv: &Conversation,
        module: &str,
        text: &str,
    ) -> Result<String> {
        let modules = self.crm.modules()?;
        let segments = merge::parse(text, &modules, module)?;
        let record = conv
            .record
            .as_ref()
            .and_then(|r| self.crm.get_unchecked(&r.module, &r.id).ok().flatten());
        match record {
            Some(r) if r.module == module => {
                let def = self.crm.module(module)?;
                Ok(merge::render(&segments, &def, &r))
            }
            Some(r) => Err(Error::validation(
                "predefinedTextId",
                format!(
                    "this text is for {module}, the conversation is with a {} record",
                    r.module
                ),
            )),
            None => Ok(text.to_string()),
        }
    }
}

/// Queues `out` as message `id` in the caller's transaction (see [`queue_in_tx`]). Automation
/// sends through here inside the transaction that records its run, so a send and its record
/// commit together (at most once). Wake the sender after the commit.
pub fn enqueue_in(
    tx: &mut crate::store::Tx<'_>,
    out: &Outgoing,
    id: &str,
    now: crate::clock::Millis,
) -> Result<Message> {
    let msg = outbound_message(out, id, now);
    queue_in_tx(tx, &out.profile, &out.wa_id, &out.record, &msg, now)
}

/// A message (QUEUED, with its payload) for the outbox, not yet committed.
pub fn outbound_message(out: &Outgoing, id: &str, now: crate::clock::Millis) -> Message {
    let mut payload = out.payload.clone();
    payload["biz_opaque_callback_data"] = json!(id);
    Message {
        id: id.to_string(),
        conversation_id: String::new(),
        provider: "whatsapp".into(),
        wamid: None,
        direction: Direction::Outbound,
        kind: out.kind.clone(),
        text: Some(out.text.clone()),
        status: Status::Queued,
        timestamp: now,
        error_code: None,
        error_message: None,
        template_id: out.template_id.clone(),
        sent_by: Some(out.sent_by.clone()),
        reply_to: out.reply_to.clone(),
        media: out.media.clone(),
        raw: None,
        payload: Some(payload),
        first_reply: None,
        reactions: vec![],
        edits: vec![],
        edited_at: None,
        deleted_at: None,
    }
}

/// Queues `msg` to `wa_id` about `record` inside the caller's transaction: a template is
/// refused when the record opted out (`OPTED_OUT`: of everything, or of marketing and the
/// template is a marketing one, its category as stored now) and its price is held
/// (`INSUFFICIENT_CREDITS`); then the conversation, the message (QUEUED), its outbox entry and
/// the audit entry. Every send (manual, automation, broadcast) comes through here, so the rules
/// hold for all.
pub fn queue_in_tx(
    tx: &mut crate::store::Tx<'_>,
    profile: &Profile,
    wa_id: &str,
    record: &RecordRef,
    msg: &Message,
    now: crate::clock::Millis,
) -> Result<Message> {
    if let Some(template_id) = &msg.template_id {
        use redb::ReadableTable;
        let marketing = tx
            .txn
            .open_table(crate::store::tables::TEMPLATES)?
            .get(template_id.as_str())?
            .map(|t| t.value())
            .transpose()?
            .is_some_and(|t| t.category == crate::templates::model::Category::Marketing);
        crate::consent::ensure_may_receive_templates(tx.txn, record, marketing)?;
    }
    crate::credits::charging::hold_for_send(
        tx,
        &profile.id,
        wa_id,
        msg.template_id.as_deref(),
        &msg.id,
        now,
    )?;
    let mut conv =
        super::inbound::conversation_for_send(tx, &profile.id, wa_id, record.clone(), now)?;
    if msg.template_id.is_some() && conv.window_expires_at().is_none_or(|end| end <= now) {
        // Business-initiated: counts toward the messaging-limit tier (N9).
        tx.txn
            .open_table(TIER_CONTACTS)?
            .insert((profile.id.as_str(), wa_id), now)?;
    }
    conv.last_message_at = conv.last_message_at.max(now);
    let m = Message {
        conversation_id: conv.id.clone(),
        ..msg.clone()
    };
    conv.note_message(&m);
    crate::store::conversation_index::put(tx.txn, &conv)?;
    super::inbound::store_message(tx, &m)?;
    let entry = OutboxEntry {
        message_id: m.id.clone(),
        phone_number_id: profile.phone_number_id.clone(),
        attempts: 0,
        next_attempt_at: now,
        in_flight: false,
    };
    tx.txn.open_table(OUTBOX)?.put(m.id.as_str(), &entry)?;
    audit_send(tx, now, &m, &profile.id, wa_id)?;
    Ok(m)
}

/// Every send is audited in the transaction that queues it, with its price when it has one.
fn audit_send(
    tx: &mut crate::store::Tx<'_>,
    now: crate::clock::Millis,
    m: &Message,
    profile_id: &str,
    wa_id: &str,
) -> Result<()> {
    use crate::store::tables::{HOLDS, USERS};
    use redb::ReadableTable;
    let by = m.sent_by.clone().unwrap_or_default();
    let user = tx
        .txn
        .open_table(USERS)?
        .get(by.as_str())?
        .map(|u| u.value())
        .transpose()?;
    let actor = match &user {
        Some(u) => crate::audit::Actor::user(&u.id, &u.email),
        None => crate::audit::Actor::system(),
    };
    let hold = tx
        .txn
        .open_table(HOLDS)?
        .get(m.id.as_str())?
        .map(|h| h.value())
        .transpose()?;
    let detail = json!({
        "to": wa_id,
        "profileId": profile_id,
        "type": m.kind,
        "templateId": m.template_id,
        "sentBy": by,
        "price": hold.as_ref().map(|h| h.amount.to_string()),
        "category": hold.as_ref().map(|h| h.category.clone()),
        "country": hold.as_ref().map(|h| h.country.clone()),
        "billable": hold.as_ref().map(|h| h.billable),
    });
    crate::audit::record(tx, now, &actor, "message.send", Some(&m.id), detail)
}
