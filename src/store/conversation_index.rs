//! The conversation list's index: conversations by last activity, each entry carrying what the
//! list filters on (profile, record) and the record's owner (visibility), plus per-owner
//! counts for the list's total. Kept beside the tables: messaging, record writes (an owner
//! changes) and the migration that builds it for older stores all maintain it. Every write of a conversation goes through [`put`], and every
//! change of a record's owner through [`owner_changed`], so the index never drifts from the rows.

use redb::{ReadableTable, WriteTransaction};

use crate::error::Result;
use crate::messaging::model::Conversation;
use crate::store::PutRow;
use crate::store::tables::{CONV_BY_ACTIVITY, CONV_BY_RECORD, CONV_COUNTS, CONVERSATIONS, RECORDS};

/// The list key of a conversation: newest activity first, ties by id.
pub fn key(at: crate::clock::Millis, id: &str) -> (i64, &str) {
    (at.saturating_neg(), id)
}

/// Stores `conv` and moves its list entry to its last activity.
pub fn put(txn: &WriteTransaction, conv: &Conversation) -> Result<()> {
    let old_at = {
        let mut t = txn.open_table(CONVERSATIONS)?;
        let old = t
            .get(conv.id.as_str())?
            .and_then(|v| v.value().ok())
            .map(|c| c.last_message_at);
        t.put(conv.id.as_str(), conv)?;
        old
    };
    let owner = match &conv.record {
        Some(r) => txn
            .open_table(RECORDS)?
            .get((r.module.as_str(), r.id.as_str()))?
            .and_then(|v| v.value().ok())
            .map(|r| r.owner_id),
        None => None,
    };
    let owner = owner.unwrap_or_default();
    let mut by_activity = txn.open_table(CONV_BY_ACTIVITY)?;
    let old_owner = match old_at {
        Some(at) => by_activity
            .remove(key(at, &conv.id))?
            .map(|v| v.value().0.to_string()),
        None => None,
    };
    let (module, record) = conv
        .record
        .as_ref()
        .map_or(("", ""), |r| (r.module.as_str(), r.id.as_str()));
    by_activity.insert(
        key(conv.last_message_at, &conv.id),
        (owner.as_str(), conv.profile_id.as_str(), module, record),
    )?;
    if let Some(r) = &conv.record {
        txn.open_table(CONV_BY_RECORD)?.insert(
            (r.module.as_str(), r.id.as_str(), conv.id.as_str()),
            conv.last_message_at,
        )?;
    }
    if old_owner.as_deref() != Some(owner.as_str()) {
        if let Some(o) = &old_owner {
            count(txn, o, -1)?;
        }
        count(txn, &owner, 1)?;
    }
    Ok(())
}

/// Moves the record's conversations to its new owner (`None`: the record is gone, so only
/// administrators see them).
pub fn owner_changed(
    txn: &WriteTransaction,
    module: &str,
    record_id: &str,
    owner: Option<&str>,
) -> Result<()> {
    let convs: Vec<(String, i64)> = txn
        .open_table(CONV_BY_RECORD)?
        .range((module, record_id, "")..=(module, record_id, "\u{10FFFF}"))?
        .map(|e| e.map(|(k, v)| (k.value().2.to_string(), v.value())))
        .collect::<Result<_, _>>()?;
    let owner = owner.unwrap_or_default();
    let mut by_activity = txn.open_table(CONV_BY_ACTIVITY)?;
    for (conv, at) in convs {
        let k = key(at, &conv);
        let Some((old_owner, profile)) = by_activity
            .get(k)?
            .map(|v| (v.value().0.to_string(), v.value().1.to_string()))
        else {
            continue;
        };
        if old_owner == owner {
            continue;
        }
        by_activity.insert(k, (owner, profile.as_str(), module, record_id))?;
        count(txn, &old_owner, -1)?;
        count(txn, owner, 1)?;
    }
    Ok(())
}

fn count(txn: &WriteTransaction, owner: &str, delta: i64) -> Result<()> {
    let mut counts = txn.open_table(CONV_COUNTS)?;
    let n = counts.get(owner)?.map(|v| v.value()).unwrap_or(0);
    let n = n.saturating_add_signed(delta);
    if n == 0 {
        counts.remove(owner)?;
    } else {
        counts.insert(owner, n)?;
    }
    Ok(())
}
