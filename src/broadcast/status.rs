//! Broadcast recipients follow their messages' statuses, in the transaction that changes them.

use redb::ReadableTable;

use super::model::RecipientState;
use super::{load, maybe_finish, save};
use crate::error::Result;
use crate::events::Event;
use crate::messaging::model::{Message, Status};
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{BROADCAST_BY_MESSAGE, BROADCAST_RECIPIENTS, MESSAGES};

/// Follows `MessageChanged` (registered with `Store::react`): a broadcast's message whose status
/// changed moves its recipient. The messaging module knows nothing of broadcasts.
pub fn react(tx: &mut Tx<'_>, event: &Event) -> Result<()> {
    let Event::MessageChanged {
        message_id,
        new: false,
        ..
    } = event
    else {
        return Ok(());
    };
    if tx
        .txn
        .open_table(BROADCAST_BY_MESSAGE)?
        .get(message_id.as_str())?
        .is_none()
    {
        return Ok(());
    }
    let message = tx
        .txn
        .open_table(MESSAGES)?
        .get(message_id.as_str())?
        .map(|v| v.value())
        .transpose()?;
    match message {
        Some(m) => on_message_status(tx, &m),
        None => Ok(()),
    }
}

/// A broadcast message's status changed (sent, delivered, read, failed): its recipient and the
/// counters follow, in the same transaction.
fn on_message_status(tx: &mut Tx<'_>, m: &Message) -> Result<()> {
    let Some((id, pos)) = tx
        .txn
        .open_table(BROADCAST_BY_MESSAGE)?
        .get(m.id.as_str())?
        .map(|v| {
            let (a, b) = v.value();
            (a.to_string(), b)
        })
    else {
        return Ok(());
    };
    let Some(mut r) = tx
        .txn
        .open_table(BROADCAST_RECIPIENTS)?
        .get((id.as_str(), pos))?
        .map(|v| v.value())
        .transpose()?
    else {
        return Ok(());
    };
    let to = match m.status {
        Status::Queued | Status::Received => RecipientState::Queued,
        Status::Sent => RecipientState::Sent,
        Status::Delivered => RecipientState::Delivered,
        Status::Read => RecipientState::Read,
        Status::Failed => RecipientState::Failed,
    };
    if to == r.state {
        return Ok(());
    }
    let mut b = load(tx, &id)?;
    b.counters.moved(r.state, to);
    r.state = to;
    if to == RecipientState::Failed {
        r.error_code = m.error_code;
        r.error_message.clone_from(&m.error_message);
    }
    if to == RecipientState::Read {
        // Final: nothing later can move it, so the lookup row goes (the table stays small).
        tx.txn
            .open_table(BROADCAST_BY_MESSAGE)?
            .remove(m.id.as_str())?;
    }
    tx.txn
        .open_table(BROADCAST_RECIPIENTS)?
        .put((id.as_str(), pos), &r)?;
    let at = m.timestamp.max(b.updated_at);
    maybe_finish(&mut b, at);
    save(tx, &b)
}
