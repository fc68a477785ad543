//! F14: applying a webhook delivery from the durable inbox. Inbound messages dedupe on their
//! wamid, land in the sender's conversation (matched to a Lead or Contact by phone, or creating
//! one per the profile's setting), open the 24-hour window and ring the bell.
//!
//! Several records with the sender's number: a Contact wins over a Lead (a contact is a known
//! customer), and within a module the oldest record wins. The rule is stable, so one customer
//! always lands on the same record.

use redb::ReadableTable;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::model::{Conversation, Direction, Media, Message, RecordRef, Status};
use super::setup::Profile;
use crate::channel::whatsapp::wire::{
    self, ContactProfile, Content, InboundHeader, MessagesValue, StatusUpdate,
};
use crate::clock::Millis;
use crate::crm::model::{ModuleDef, RecordRow};
use crate::error::Result;
use crate::events::Event;
use crate::notify::{Notification, Notifications};
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{
    CONV_BY_CUSTOMER, CONVERSATIONS, MESSAGES, MSG_BY_CONV, MSG_BY_WAMID, PHONE_INDEX, RECORDS,
};

/// What applying a delivery needs to know beyond the transaction.
pub struct DeliveryContext {
    pub now: Millis,
    pub profiles: Vec<Profile>,
    pub modules: Vec<ModuleDef>,
    /// Owner of records created for unknown senders when the profile names no user.
    pub fallback_owner: String,
}

/// Media to fetch after the commit.
pub struct MediaFetch {
    pub message_id: String,
    pub profile_id: String,
}

pub fn apply_delivery(
    tx: &mut Tx<'_>,
    ctx: &DeliveryContext,
    raw: &str,
) -> Result<Vec<MediaFetch>> {
    let envelope: wire::Envelope = serde_json::from_str(raw).unwrap_or_default();
    let mut fetches = vec![];
    for entry in &envelope.entry {
        for change in &entry.changes {
            match change.field.as_str() {
                "messages" => {
                    let value: MessagesValue =
                        Deserialize::deserialize(&change.value).unwrap_or_default();
                    apply_messages(tx, ctx, &value, &mut fetches)?;
                }
                "message_template_status_update" => {
                    let v: wire::TemplateStatusValue =
                        Deserialize::deserialize(&change.value).unwrap_or_default();
                    super::quality::apply_template_status(tx, &v)?;
                    super::quality::on_template_status(tx, &change.value, ctx.now)?;
                }
                "message_template_quality_update" => {
                    super::quality::on_template_quality(tx, &change.value, ctx.now)?;
                }
                "template_category_update" => {
                    super::quality::on_template_category(tx, &change.value)?;
                }
                "phone_number_quality_update" => {
                    super::quality::on_phone_quality(tx, &change.value, ctx.now)?;
                }
                "account_update" => {
                    super::quality::on_account_update(tx, &change.value, ctx.now)?;
                }
                "user_preferences" => {
                    crate::consent::on_user_preferences(tx, &change.value, ctx.now)?;
                }
                other => tracing::debug!(field = other, "webhook field acknowledged and ignored"),
            }
        }
    }
    Ok(fetches)
}

fn apply_messages(
    tx: &mut Tx<'_>,
    ctx: &DeliveryContext,
    value: &MessagesValue,
    fetches: &mut Vec<MediaFetch>,
) -> Result<()> {
    for e in &value.errors {
        tracing::warn!(code = e.code, details = %e.text(), "Cloud API reported an error");
    }
    for s in &value.statuses {
        let s: StatusUpdate = Deserialize::deserialize(s).unwrap_or_default();
        super::status::apply(tx, &s, ctx.now)?;
    }
    if value.messages.is_empty() {
        return Ok(());
    }
    let Some(profile) = ctx
        .profiles
        .iter()
        .find(|p| p.active && p.phone_number_id == value.metadata.phone_number_id)
    else {
        tracing::warn!(phone_number_id = %value.metadata.phone_number_id, "messages for a number no active profile has");
        return Ok(());
    };
    for raw in &value.messages {
        if let Some(f) = apply_message(tx, ctx, profile, &value.contacts, raw)? {
            fetches.push(f);
        }
    }
    Ok(())
}

fn apply_message(
    tx: &mut Tx<'_>,
    ctx: &DeliveryContext,
    profile: &Profile,
    contacts: &[ContactProfile],
    raw: &Value,
) -> Result<Option<MediaFetch>> {
    let h: InboundHeader = Deserialize::deserialize(raw).unwrap_or_default();
    if !h.id.is_empty()
        && tx
            .txn
            .open_table(MSG_BY_WAMID)?
            .get(h.id.as_str())?
            .is_some()
    {
        return Ok(None); // a retried or duplicated delivery
    }
    let contact = contacts
        .iter()
        .find(|c| c.wa_id.is_some() && c.wa_id == h.from)
        .or_else(|| contacts.first());
    let Some(customer) = h
        .from
        .clone()
        .or_else(|| contact.and_then(|c| c.wa_id.clone()))
        .or(h.from_user_id.clone())
        .or_else(|| contact.and_then(|c| c.user_id.clone()))
    else {
        tracing::warn!(wamid = %h.id, "inbound message without any sender id; stored nowhere");
        return Ok(None);
    };
    let name = contact
        .and_then(|c| c.profile.as_ref())
        .and_then(|p| p.name.clone())
        .filter(|n| !n.trim().is_empty());
    let at = wire::timestamp_millis(&h.timestamp).unwrap_or(ctx.now);
    let mut conv = conversation(tx, ctx, profile, &customer, name.as_deref(), at)?;
    crate::credits::charging::note_referral(tx, &profile.id, &customer, at, raw)?;
    // An edit or deletion changes the message it names (kept as its own when that is unknown).
    if matches!(h.kind.as_str(), "edit" | "revoke")
        && super::rich::apply_change(tx, &conv.id, &h.kind, &h.id, raw, at)?
    {
        return Ok(None);
    }
    let content = if h.kind.is_empty() {
        Content::Unsupported {
            reason: "no type".into(),
        }
    } else {
        wire::content(&h.kind, raw)
    };
    // A body that cannot be read keeps Meta's type; what went wrong is kept as its error.
    let kind = if h.kind.is_empty() {
        "unsupported".to_string()
    } else {
        h.kind.clone()
    };
    let unreadable = match (&content, h.kind.as_str()) {
        (Content::Unsupported { .. }, "edit") => {
            Some("an edit of a message that is not stored here; this is the new text".to_string())
        }
        (Content::Unsupported { .. }, "revoke") => {
            Some("the customer deleted a message that is not stored here".to_string())
        }
        (Content::Unsupported { reason }, _) => Some(format!("could not read: {reason}")),
        _ => None,
    };
    let text = match h.kind.as_str() {
        "edit" => raw.get("edit").and_then(super::rich::edited_text),
        _ => content.text(),
    };
    let media = match &content {
        Content::Media {
            id,
            mime_type,
            sha256,
            filename,
            ..
        } => Some(Media {
            media_id: id.clone(),
            mime_type: mime_type.clone(),
            sha256: sha256.clone(),
            file_name: filename.clone(),
            blob: None,
            size: None,
            status: super::model::MediaStatus::Pending,
            unavailable_reason: None,
            source: None,
        }),
        _ => None,
    };
    let reacted_to = match &content {
        Content::Reaction { message_id, .. } => Some(message_id.as_str()),
        _ => None,
    };
    let reply_to = h
        .context
        .as_ref()
        .and_then(|c| c.id.as_deref())
        .or(reacted_to)
        .and_then(|w| {
            tx.txn
                .open_table(MSG_BY_WAMID)
                .ok()?
                .get(w)
                .ok()?
                .map(|v| v.value().to_string())
        });
    let msg = Message {
        id: crate::ids::new_id(at),
        conversation_id: conv.id.clone(),
        provider: "whatsapp".into(),
        wamid: Some(h.id.clone()).filter(|w| !w.is_empty()),
        direction: Direction::Inbound,
        kind,
        text,
        status: Status::Received,
        timestamp: at,
        error_code: h.errors.first().map(|e| e.code),
        error_message: h.errors.first().map(|e| e.text()).or(unreadable),
        template_id: None,
        sent_by: None,
        reply_to,
        media: media.clone(),
        raw: Some(raw.to_string()),
        payload: None,
        first_reply: None,
        reactions: vec![],
        edits: vec![],
        edited_at: None,
        deleted_at: None,
    };
    conv.last_inbound_at = Some(conv.last_inbound_at.map_or(at, |t| t.max(at)));
    conv.last_message_at = conv.last_message_at.max(at);
    if conv.customer_name.is_none() {
        conv.customer_name = name;
    }
    conv.note_message(&msg);
    crate::store::conversation_index::put(tx.txn, &conv)?;
    store_message(tx, &msg)?;
    if let Content::Reaction { message_id, emoji } = &content {
        super::rich::customer_reaction(tx, &conv.id, message_id, emoji.as_deref(), at)?;
    }
    crate::consent::on_inbound(tx, &conv, &msg)?;
    ring_bell(tx, ctx, &conv, &msg)?;
    if let Some(r) = &conv.record {
        tx.emit(Event::CustomerMessaged {
            message_id: msg.id.clone(),
            module: r.module.clone(),
            record_id: r.id.clone(),
            at: ctx.now,
        })?;
    }
    Ok(media.map(|_| MediaFetch {
        message_id: msg.id.clone(),
        profile_id: profile.id.clone(),
    }))
}

/// Inserts a new message with its indexes and announces it.
pub fn store_message(tx: &mut Tx<'_>, msg: &Message) -> Result<()> {
    tx.txn.open_table(MESSAGES)?.put(msg.id.as_str(), msg)?;
    if let Some(w) = &msg.wamid {
        tx.txn
            .open_table(MSG_BY_WAMID)?
            .insert(w.as_str(), msg.id.as_str())?;
    }
    tx.txn
        .open_table(MSG_BY_CONV)?
        .insert((msg.conversation_id.as_str(), msg.id.as_str()), ())?;
    tx.emit(Event::MessageChanged {
        message_id: msg.id.clone(),
        conversation_id: msg.conversation_id.clone(),
        new: true,
    })?;
    super::replies::on_new(tx, msg)
}

/// The profile's conversation with `customer`, made (and matched to a record) when new.
fn conversation(
    tx: &mut Tx<'_>,
    ctx: &DeliveryContext,
    profile: &Profile,
    customer: &str,
    name: Option<&str>,
    at: Millis,
) -> Result<Conversation> {
    let existing = tx
        .txn
        .open_table(CONV_BY_CUSTOMER)?
        .get((profile.id.as_str(), customer))?
        .map(|v| v.value().to_string());
    if let Some(id) = existing
        && let Some(c) = tx
            .txn
            .open_table(CONVERSATIONS)?
            .get(id.as_str())?
            .map(|v| v.value())
            .transpose()?
    {
        return Ok(c);
    }
    let record = match crate::crm::phone::wa_id_to_e164(customer) {
        Some(e164) => match match_record(tx, &e164)? {
            Some(r) => Some(r),
            None => Some(create_record(tx, ctx, profile, &e164, name, at)?),
        },
        None => None, // a business-scoped user id without a number: no record to match
    };
    let conv = Conversation {
        id: crate::ids::new_id(at),
        profile_id: profile.id.clone(),
        customer_wa_id: customer.to_string(),
        customer_name: name.map(String::from),
        record,
        last_inbound_at: None,
        last_message_at: at,
        created_at: at,
        last_message: None,
    };
    tx.txn
        .open_table(CONV_BY_CUSTOMER)?
        .insert((profile.id.as_str(), customer), conv.id.as_str())?;
    Ok(conv)
}

/// Finds or opens the conversation for an outbound send to `wa_id` about `record`.
pub fn conversation_for_send(
    tx: &mut Tx<'_>,
    profile_id: &str,
    wa_id: &str,
    record: RecordRef,
    now: Millis,
) -> Result<Conversation> {
    let existing = tx
        .txn
        .open_table(CONV_BY_CUSTOMER)?
        .get((profile_id, wa_id))?
        .map(|v| v.value().to_string());
    if let Some(id) = existing
        && let Some(c) = tx
            .txn
            .open_table(CONVERSATIONS)?
            .get(id.as_str())?
            .map(|v| v.value())
            .transpose()?
    {
        return Ok(c);
    }
    let conv = Conversation {
        id: crate::ids::new_id(now),
        profile_id: profile_id.to_string(),
        customer_wa_id: wa_id.to_string(),
        customer_name: None,
        record: Some(record),
        last_inbound_at: None,
        last_message_at: now,
        created_at: now,
        last_message: None,
    };
    tx.txn
        .open_table(CONV_BY_CUSTOMER)?
        .insert((profile_id, wa_id), conv.id.as_str())?;
    crate::store::conversation_index::put(tx.txn, &conv)?;
    Ok(conv)
}

fn match_record(tx: &mut Tx<'_>, e164: &str) -> Result<Option<RecordRef>> {
    let idx = tx.txn.open_table(PHONE_INDEX)?;
    let mut hits: Vec<(String, String)> = idx
        .range((e164, "", "")..=(e164, "\u{10FFFF}", "\u{10FFFF}"))?
        .filter_map(|r| {
            r.ok().map(|(k, _)| {
                let (_, m, id) = k.value();
                (m.to_string(), id.to_string())
            })
        })
        .filter(|(m, _)| m == "Contacts" || m == "Leads")
        .collect();
    hits.sort_by_key(|(m, id)| (m != "Contacts", id.clone()));
    Ok(hits
        .into_iter()
        .next()
        .map(|(module, id)| RecordRef { module, id }))
}

fn create_record(
    tx: &mut Tx<'_>,
    ctx: &DeliveryContext,
    profile: &Profile,
    e164: &str,
    name: Option<&str>,
    at: Millis,
) -> Result<RecordRef> {
    let module = profile.unknown_senders.clone();
    let owner = profile
        .user_ids
        .first()
        .cloned()
        .unwrap_or_else(|| ctx.fallback_owner.clone());
    let (first, last) = match name.map(str::trim).and_then(|n| n.rsplit_once(' ')) {
        Some((f, l)) => (Some(f.to_string()), l.to_string()),
        None => (None, name.map_or_else(|| e164.to_string(), str::to_string)),
    };
    let mut values = Map::new();
    if let Some(f) = first {
        values.insert("First_Name".into(), json!(f));
    }
    values.insert("Last_Name".into(), json!(last));
    values.insert("Mobile".into(), json!(e164));
    values.insert("Owner".into(), json!(owner));
    if module == "Leads" {
        values.insert("Lead_Source".into(), json!("WhatsApp"));
        values.insert("Lead_Status".into(), json!("Not Contacted"));
    }
    let row = RecordRow {
        id: crate::ids::new_id(at),
        module: module.clone(),
        owner_id: owner.clone(),
        values,
        created_at: ctx.now,
        created_by: owner.clone(),
        modified_at: ctx.now,
        modified_by: owner,
    };
    crate::crm::records::put_row(tx.txn, None, &row)?;
    tx.txn
        .open_table(PHONE_INDEX)?
        .insert((e164, module.as_str(), row.id.as_str()), ())?;
    tx.emit(Event::RecordChanged {
        module: module.clone(),
        record_id: row.id.clone(),
        saved: Some(crate::events::Saved::between(None, &row.values)),
    })?;
    Ok(RecordRef { module, id: row.id })
}

/// Rings the bell (F15) of every active user with message alerts on who may see the
/// conversation: administrators, the record's owner and the users in roles above the owner's.
fn ring_bell(
    tx: &mut Tx<'_>,
    ctx: &DeliveryContext,
    conv: &Conversation,
    msg: &Message,
) -> Result<()> {
    let owner = match &conv.record {
        Some(r) => tx
            .txn
            .open_table(RECORDS)?
            .get((r.module.as_str(), r.id.as_str()))?
            .map(|v| v.value().map(|r| r.owner_id))
            .transpose()?,
        None => None,
    };
    let who: Vec<(String, crate::auth::Language)> =
        crate::auth::org::users_who_see(tx.txn, owner.as_deref())?
            .into_iter()
            .filter(|u| u.message_alerts)
            .map(|u| (u.id, u.language))
            .collect();
    let from = conv
        .customer_name
        .clone()
        .unwrap_or_else(|| format!("+{}", conv.customer_wa_id));
    for (user, language) in who {
        // The title in the recipient's language (README, Decisions).
        let title = match language {
            crate::auth::Language::De => format!("WhatsApp von {from}"),
            crate::auth::Language::En => format!("WhatsApp from {from}"),
        };
        let mut n = Notification::new(
            ctx.now,
            &user,
            "message",
            title,
            msg.text.as_deref().unwrap_or(""),
        );
        n.link = Some(format!("/messages/{}", conv.id));
        Notifications::ring(tx, n)?;
    }
    Ok(())
}
