//! Delivery statuses: applied only when they move a message forward; statuses that arrive before
//! their message is known wait in `pending_status` and are applied when it is.

use redb::ReadableTable;

pub use super::model::PendingStatus;
use super::model::{Message, Status};
use crate::channel::whatsapp::wire::{StatusUpdate, timestamp_millis};
use crate::error::Result;
use crate::events::Event;
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{MESSAGES, MSG_BY_WAMID, PENDING_STATUS};

impl PendingStatus {
    pub fn from_wire(s: &StatusUpdate, now: crate::clock::Millis) -> Option<Self> {
        let status = Status::from_meta(&s.status)?;
        let err = s.errors.first();
        Some(Self {
            status,
            error_code: err.map(|e| e.code),
            error_message: err.map(|e| e.text()),
            received_at: now,
            pricing: s.pricing.clone(),
        })
    }
}

/// Applies a status webhook: by wamid, else by our message id echoed in `biz_opaque_callback_data`.
pub fn apply(tx: &mut Tx<'_>, s: &StatusUpdate, now: crate::clock::Millis) -> Result<()> {
    let Some(p) = PendingStatus::from_wire(s, now) else {
        return Ok(());
    };
    let by_wamid = tx
        .txn
        .open_table(MSG_BY_WAMID)?
        .get(s.id.as_str())?
        .map(|v| v.value().to_string());
    let id = by_wamid.or_else(|| s.biz_opaque_callback_data.clone());
    let msg = match id {
        Some(id) => tx
            .txn
            .open_table(MESSAGES)?
            .get(id.as_str())?
            .map(|v| v.value())
            .transpose()?,
        None => None,
    };
    match msg {
        Some(m) => {
            crate::credits::charging::on_status(tx, &m.id, p.status, p.pricing.as_ref(), now)?;
            advance(tx, m, &p, timestamp_millis(&s.timestamp))
        }
        None => {
            let mut t = tx.txn.open_table(PENDING_STATUS)?;
            let mut list = t
                .get(s.id.as_str())?
                .map(|v| v.value())
                .transpose()?
                .unwrap_or_default();
            list.push(p);
            t.put(s.id.as_str(), &list)?;
            Ok(())
        }
    }
}

/// Applies statuses that were waiting for `wamid`, now that `msg` carries it.
pub fn apply_pending(
    tx: &mut Tx<'_>,
    wamid: &str,
    mut msg: Message,
    now: crate::clock::Millis,
) -> Result<Message> {
    let pending = tx
        .txn
        .open_table(PENDING_STATUS)?
        .remove(wamid)?
        .map(|v| v.value())
        .transpose()?
        .unwrap_or_default();
    for p in pending {
        crate::credits::charging::on_status(tx, &msg.id, p.status, p.pricing.as_ref(), now)?;
        if msg.status.advances_to(p.status) {
            msg.status = p.status;
            msg.error_code = p.error_code.or(msg.error_code);
            msg.error_message = p.error_message.clone().or(msg.error_message);
        }
    }
    Ok(msg)
}

fn advance(tx: &mut Tx<'_>, mut m: Message, p: &PendingStatus, _at: Option<i64>) -> Result<()> {
    if !m.status.advances_to(p.status) {
        return Ok(());
    }
    let was = m.status;
    m.status = p.status;
    if p.status == Status::Failed {
        m.error_code = p.error_code;
        m.error_message = p.error_message.clone();
    }
    tx.txn.open_table(MESSAGES)?.put(m.id.as_str(), &m)?;
    tx.emit(Event::MessageChanged {
        message_id: m.id.clone(),
        conversation_id: m.conversation_id.clone(),
        new: false,
    })?;
    changed(tx, was, &m)
}

/// What follows an outbound message's status change in its transaction: the replies a failed
/// message no longer gives. (A broadcast's recipient follows the `MessageChanged` event this
/// change emits: `broadcast::react`.)
pub fn changed(tx: &mut Tx<'_>, was: Status, m: &Message) -> Result<()> {
    super::replies::on_status(tx, was, m)
}
