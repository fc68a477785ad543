//! The records' field index: (module, field, value's sort key, id) → owner, and per-field,
//! per-owner counts, so a list sorted by a field reads only its page. Kept here, beside the
//! tables, because the record writes (`crm::records`) and the migration that builds it for
//! older stores both maintain it.

use redb::{ReadableTable, WriteTransaction};
use serde_json::Value;

use crate::crm::model::RecordRow;
use crate::error::Result;
use crate::store::tables::{FIELD_COUNTS, RECORDS_BY_FIELD};

/// Longest sort key kept in the field index: values that agree this far sort by record id.
pub const SORT_KEY_BYTES: usize = 48;

fn index_key(v: &Value) -> String {
    let mut k = sort_key(v);
    if k.len() > SORT_KEY_BYTES {
        let mut end = SORT_KEY_BYTES;
        while !k.is_char_boundary(end) {
            end -= 1;
        }
        k.truncate(end);
    }
    k
}

/// Moves the field-index entries (and field counts) of a record from `old` to `new` (either
/// may be absent), touching only the values (or the owner) that changed.
pub fn index_fields(
    txn: &WriteTransaction,
    old: Option<&RecordRow>,
    new: Option<&RecordRow>,
) -> Result<()> {
    let same_owner = old.zip(new).is_some_and(|(o, n)| o.owner_id == n.owner_id);
    let mut idx = txn.open_table(RECORDS_BY_FIELD)?;
    let mut counts = txn.open_table(FIELD_COUNTS)?;
    let mut count = |module: &str, field: &str, owner: &str, delta: i64| -> Result<()> {
        let key = (module, field, owner);
        let n = counts.get(key)?.map(|v| v.value()).unwrap_or(0);
        match n.saturating_add_signed(delta) {
            0 => counts.remove(key)?,
            n => counts.insert(key, n)?,
        };
        Ok(())
    };
    if let Some(o) = old {
        for (f, v) in &o.values {
            let kept = new.and_then(|n| n.values.get(f)).filter(|_| same_owner);
            if kept != Some(v) {
                idx.remove((
                    o.module.as_str(),
                    f.as_str(),
                    index_key(v).as_str(),
                    o.id.as_str(),
                ))?;
            }
            if kept.is_none() {
                count(&o.module, f, &o.owner_id, -1)?;
            }
        }
    }
    if let Some(n) = new {
        for (f, v) in &n.values {
            let had = old.and_then(|o| o.values.get(f)).filter(|_| same_owner);
            if had != Some(v) {
                idx.insert(
                    (
                        n.module.as_str(),
                        f.as_str(),
                        index_key(v).as_str(),
                        n.id.as_str(),
                    ),
                    n.owner_id.as_str(),
                )?;
            }
            if had.is_none() {
                count(&n.module, f, &n.owner_id, 1)?;
            }
        }
    }
    Ok(())
}

/// How a field value sorts: text case-insensitively, numbers by value.
pub fn sort_key(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_lowercase(),
        Value::Number(n) => format!("{:020.4}", n.as_f64().unwrap_or_default() + 1e15),
        other => other.to_string(),
    }
}
