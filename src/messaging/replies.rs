//! Who answered each inbound message, and when: kept on the message itself and written in the
//! transaction of the change that decides it, so the search index is a plain projection of
//! stored fields. Each change touches only the messages whose answer it really changes.
//!
//! A reply is an outbound message that has not failed. It answers the unanswered inbound
//! messages that arrived before it (conversation order is arrival order: message ids are
//! time-ordered). When a reply later fails, the messages it answered fall to the next reply.

use redb::ReadableTable;

use super::model::{Direction, FirstReply, Message, Status};
use crate::error::Result;
use crate::events::Event;
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{MESSAGES, MSG_BY_CONV};

/// Call after storing a new message: a reply answers the unanswered run before it.
pub fn on_new(tx: &mut Tx<'_>, m: &Message) -> Result<()> {
    if !m.is_reply() {
        return Ok(());
    }
    let answer = m.as_reply();
    let run = walk_back(tx, m, |before| before.first_reply.is_none())?;
    set(tx, run, Some(&answer))
}

/// Call after saving `m` with a new status `was` → `m.status`: a reply that failed hands the
/// messages it answered to the next reply after it (or leaves them unanswered).
pub fn on_status(tx: &mut Tx<'_>, was: Status, m: &Message) -> Result<()> {
    if m.direction != Direction::Outbound || was == Status::Failed || m.status != Status::Failed {
        return Ok(());
    }
    let answered = walk_back(tx, m, |before| {
        before.first_reply.as_ref().map(|r| r.message_id.as_str()) == Some(m.id.as_str())
    })?;
    if answered.is_empty() {
        return Ok(());
    }
    let next = next_reply(tx, m)?;
    set(tx, answered, next.as_ref())
}

/// The inbound messages right before `m` (newest first) for which `take` holds, stopping at
/// the first reply or the first inbound message `take` refuses.
fn walk_back(tx: &Tx<'_>, m: &Message, take: impl Fn(&Message) -> bool) -> Result<Vec<Message>> {
    let by_conv = tx.txn.open_table(MSG_BY_CONV)?;
    let messages = tx.txn.open_table(MESSAGES)?;
    let conv = m.conversation_id.as_str();
    let mut out = vec![];
    for entry in by_conv.range((conv, "")..(conv, m.id.as_str()))?.rev() {
        let Some(before) = messages
            .get(entry?.0.value().1)?
            .map(|v| v.value())
            .transpose()?
        else {
            continue;
        };
        match before.direction {
            Direction::Outbound if before.is_reply() => break,
            Direction::Outbound => continue,
            Direction::Inbound if take(&before) => out.push(before),
            Direction::Inbound => break,
        }
    }
    Ok(out)
}

/// The reply that answers what arrived right after `m`: the next outbound message that did
/// not fail, as known to the first inbound message after `m` when one comes first.
fn next_reply(tx: &Tx<'_>, m: &Message) -> Result<Option<FirstReply>> {
    let by_conv = tx.txn.open_table(MSG_BY_CONV)?;
    let messages = tx.txn.open_table(MESSAGES)?;
    let conv = m.conversation_id.as_str();
    for entry in by_conv
        .range((conv, m.id.as_str())..=(conv, "\u{10FFFF}"))?
        .skip(1)
    {
        let Some(after) = messages
            .get(entry?.0.value().1)?
            .map(|v| v.value())
            .transpose()?
        else {
            continue;
        };
        if after.is_reply() {
            return Ok(Some(after.as_reply()));
        }
        if after.direction == Direction::Inbound {
            return Ok(after.first_reply);
        }
    }
    Ok(None)
}

fn set(tx: &mut Tx<'_>, msgs: Vec<Message>, answer: Option<&FirstReply>) -> Result<()> {
    for mut m in msgs {
        m.first_reply = answer.cloned();
        tx.txn.open_table(MESSAGES)?.put(m.id.as_str(), &m)?;
        tx.emit(Event::MessageReplied {
            message_id: m.id,
            conversation_id: m.conversation_id,
        })?;
    }
    Ok(())
}
