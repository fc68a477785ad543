//! Numbered, append-only migrations run in one write transaction at open. Released steps are
//! never edited; add a new one instead.

use redb::{Database, ReadableTable, TableDefinition};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::tables::*;
use super::{Json, PutRow};
use crate::error::Result;
use crate::messaging::model::{MessageFilter, MessageView, Someone};

type Migration = fn(&redb::WriteTransaction) -> Result<()>;

/// Index i migrates from version i to i + 1.
const MIGRATIONS: &[Migration] = &[
    v1_create_tables,
    v2_jobs_and_retention,
    v3_first_replies,
    v4_automation,
    v5_audit_and_webhooks,
    v6_consent_and_broadcasts,
    v7_uploads_and_document_ids,
    v8_conversation_list_index,
    v9_versioned_view_filters,
];

pub const SCHEMA_VERSION: u64 = 9;

pub fn run(db: &Database) -> Result<()> {
    run_to(db, SCHEMA_VERSION)
}

/// Migrates up to `target` (at most [`SCHEMA_VERSION`]); tests use it to make stores as older
/// versions left them.
pub fn run_to(db: &Database, target: u64) -> Result<()> {
    const _: () = assert!(MIGRATIONS.len() as u64 == SCHEMA_VERSION);
    let target = target.min(SCHEMA_VERSION);
    let tx = db.begin_write()?;
    let current = {
        let meta = tx.open_table(META)?;
        meta.get("schema_version")?.map(|v| v.value()).unwrap_or(0)
    };
    if current > SCHEMA_VERSION {
        return Err(crate::error::Error::Store(format!(
            "data was written by a newer Parley (schema {current}, this build knows {SCHEMA_VERSION})"
        )));
    }
    let (from, to) = (
        usize::try_from(current).unwrap_or(0),
        usize::try_from(target).unwrap_or(0),
    );
    for step in MIGRATIONS.get(from..to).unwrap_or_default() {
        step(&tx)?;
    }
    tx.open_table(META)?
        .insert("schema_version", current.max(target))?;
    tx.commit()?;
    Ok(())
}

fn v1_create_tables(tx: &redb::WriteTransaction) -> Result<()> {
    tx.open_table(CHANGELOG)?;
    tx.open_table(USERS)?;
    tx.open_table(USER_EMAILS)?;
    tx.open_table(SESSIONS)?;
    tx.open_table(API_TOKENS)?;
    tx.open_table(ROLES)?;
    tx.open_table(GROUPS)?;
    tx.open_table(NOTIFICATIONS)?;
    tx.open_table(RECORDS)?;
    tx.open_table(RECORDS_BY_MODIFIED)?;
    tx.open_table(RECORD_COUNTS)?;
    tx.open_table(PHONE_INDEX)?;
    tx.open_table(CUSTOM_FIELDS)?;
    tx.open_table(ACCOUNTS)?;
    tx.open_table(PROFILES)?;
    tx.open_table(INBOX)?;
    tx.open_table(CONVERSATIONS)?;
    tx.open_table(CONV_BY_CUSTOMER)?;
    tx.open_table(MESSAGES)?;
    tx.open_table(MSG_BY_WAMID)?;
    tx.open_table(MSG_BY_CONV)?;
    tx.open_table(PENDING_STATUS)?;
    tx.open_table(OUTBOX)?;
    tx.open_table(MESSAGE_VIEWS)?;
    tx.open_table(TEMPLATES)?;
    tx.open_table(PREDEFINED)?;
    tx.open_table(CUSTOM_MODULES)?;
    tx.open_table(ACTIVITIES)?;
    tx.open_table(ACTIVITIES_BY_RECORD)?;
    tx.open_table(DOCUMENTS)?;
    Ok(())
}

fn v2_jobs_and_retention(tx: &redb::WriteTransaction) -> Result<()> {
    tx.open_table(JOBS)?;
    tx.open_table(JOB_KEYS)?;
    tx.open_table(JOBS_FAILED)?;
    tx.open_table(CHANGELOG_MARKS)?;
    Ok(())
}

/// Keeps each inbound message's first reply on the message (it was derived at index time).
fn v3_first_replies(tx: &redb::WriteTransaction) -> Result<()> {
    let convs: Vec<String> = tx
        .open_table(CONVERSATIONS)?
        .iter()?
        .map(|e| e.map(|(k, _)| k.value().to_string()))
        .collect::<Result<_, _>>()?;
    let by_conv = tx.open_table(MSG_BY_CONV)?;
    let mut messages = tx.open_table(MESSAGES)?;
    for conv in convs {
        let mut thread = vec![];
        for entry in by_conv.range((conv.as_str(), "")..=(conv.as_str(), "\u{10FFFF}"))? {
            if let Some(m) = messages.get(entry?.0.value().1)? {
                thread.push(m.value()?);
            }
        }
        crate::messaging::model::compute_first_replies(&mut thread);
        for m in thread.iter().filter(|m| m.first_reply.is_some()) {
            messages.put(m.id.as_str(), m)?;
        }
    }
    Ok(())
}

/// Workflow rules, blueprints, journeys, enrollments and run history (F11–F13).
fn v4_automation(tx: &redb::WriteTransaction) -> Result<()> {
    tx.open_table(AUTO_RULES)?;
    tx.open_table(AUTO_BLUEPRINTS)?;
    tx.open_table(AUTO_JOURNEYS)?;
    tx.open_table(AUTO_ENROLLMENTS)?;
    tx.open_table(AUTO_ENROLL_BY_RECORD)?;
    tx.open_table(AUTO_RUNS)?;
    Ok(())
}

/// The audit log and outgoing webhooks (subscriptions, delivery log).
fn v5_audit_and_webhooks(tx: &redb::WriteTransaction) -> Result<()> {
    tx.open_table(AUDIT)?;
    tx.open_table(WEBHOOK_SUBS)?;
    tx.open_table(WEBHOOK_DELIVERIES)?;
    Ok(())
}

/// Consent (N8), broadcasts (N10) and the messaging-limit tier's contacts (N9).
fn v6_consent_and_broadcasts(tx: &redb::WriteTransaction) -> Result<()> {
    tx.open_table(CONSENT)?;
    tx.open_table(CONSENT_KEYWORDS)?;
    tx.open_table(BROADCASTS)?;
    tx.open_table(BROADCAST_RECIPIENTS)?;
    tx.open_table(BROADCAST_BY_MESSAGE)?;
    tx.open_table(TIER_CONTACTS)?;
    Ok(())
}

/// Uploads (F21), and documents findable by id (attached to messages by `documentId`).
fn v7_uploads_and_document_ids(tx: &redb::WriteTransaction) -> Result<()> {
    tx.open_table(UPLOADS)?;
    let docs: Vec<(String, String, String)> = tx
        .open_table(DOCUMENTS)?
        .iter()?
        .map(|e| {
            e.map(|(k, _)| {
                let (m, r, id) = k.value();
                (m.to_string(), r.to_string(), id.to_string())
            })
        })
        .collect::<Result<_, _>>()?;
    let mut ids = tx.open_table(DOCUMENT_IDS)?;
    for (m, r, id) in &docs {
        ids.insert(id.as_str(), (m.as_str(), r.as_str()))?;
    }
    Ok(())
}

/// The records' field index (lists sorted by a field) for the rows stored before it.
fn v8_record_field_index(tx: &redb::WriteTransaction) -> Result<()> {
    tx.open_table(RECORDS_BY_FIELD)?;
    tx.open_table(FIELD_COUNTS)?;
    let rows: Vec<crate::crm::model::RecordRow> = tx
        .open_table(RECORDS)?
        .iter()?
        .filter_map(|e| e.ok().and_then(|(_, v)| v.value().ok()))
        .collect();
    for row in &rows {
        super::record_index::index_fields(tx, None, Some(row))?;
    }
    Ok(())
}

/// The conversation list's index (by last activity, with each record's owner and per-owner
/// counts) and each conversation's previewed last message, for the rows stored before them.
fn v8_conversation_list_index(tx: &redb::WriteTransaction) -> Result<()> {
    v8_record_field_index(tx)?;
    tx.open_table(CONV_BY_ACTIVITY)?;
    tx.open_table(CONV_BY_RECORD)?;
    tx.open_table(CONV_COUNTS)?;
    let convs: Vec<String> = tx
        .open_table(CONVERSATIONS)?
        .iter()?
        .map(|e| e.map(|(k, _)| k.value().to_string()))
        .collect::<Result<_, _>>()?;
    for id in convs {
        // A row that does not decode stays as it is (and out of the list, as before).
        let Some(mut conv) = tx
            .open_table(CONVERSATIONS)?
            .get(id.as_str())?
            .and_then(|v| v.value().ok())
        else {
            continue;
        };
        let mut thread = vec![];
        {
            let by_conv = tx.open_table(MSG_BY_CONV)?;
            let messages = tx.open_table(MESSAGES)?;
            for entry in by_conv.range((id.as_str(), "")..=(id.as_str(), "\u{10FFFF}"))? {
                if let Some(m) = messages
                    .get(entry?.0.value().1)?
                    .and_then(|m| m.value().ok())
                {
                    thread.push(m);
                }
            }
        }
        for m in &thread {
            conv.note_message(m);
        }
        super::conversation_index::put(tx, &conv)?;
    }
    Ok(())
}

/// Saved views' filters in their own versioned form. Up to schema 8 a view kept the JSON of the
/// API's `MessageFilter` input (camelCase keys, upper-case enums, RFC 3339 times); what does not
/// read as a condition there is dropped, as the web app did when it opened such a view.
fn v9_versioned_view_filters(tx: &redb::WriteTransaction) -> Result<()> {
    // The same table read as plain JSON (`Json` tables share one redb type name).
    const OLD: TableDefinition<&str, Json<Value>> = TableDefinition::new("message_views");
    let rows: Vec<(String, Value)> = tx
        .open_table(OLD)?
        .iter()?
        .filter_map(|e| {
            e.ok()
                .and_then(|(k, v)| Some((k.value().to_string(), v.value().ok()?)))
        })
        .collect();
    let mut views = tx.open_table(MESSAGE_VIEWS)?;
    for (id, row) in rows {
        let field = |k: &str| row.get(k).cloned().unwrap_or(Value::Null);
        let (Ok(id_), Ok(name), Ok(owner_id)) = (
            serde_json::from_value::<String>(field("id")),
            serde_json::from_value::<String>(field("name")),
            serde_json::from_value::<String>(field("owner_id")),
        ) else {
            continue; // Not a view this version can read: left as it was.
        };
        let view = MessageView {
            id: id_,
            name,
            owner_id,
            shared: field("shared").as_bool().unwrap_or(false),
            filter: schema8_filter(&field("filter")),
            created_at: field("created_at").as_i64().unwrap_or(0),
        };
        views.put(id.as_str(), &view)?;
    }
    Ok(())
}

/// A filter as schema 8 stored it (the API's JSON of the time).
fn schema8_filter(old: &Value) -> MessageFilter {
    let text = |k: &str| {
        old.get(k)
            .and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.trim().is_empty())
    };
    // Upper-case API spellings read as the stored lower/snake-case ones.
    fn word<T: DeserializeOwned>(v: Option<&Value>) -> Option<T> {
        let s = v?.as_str()?.to_ascii_lowercase();
        serde_json::from_value(Value::String(s)).ok()
    }
    let span = |k: &str| {
        let d = old.get(k)?;
        Some(crate::messaging::model::Span {
            amount: i32::try_from(d.get("amount")?.as_i64()?).ok()?,
            unit: word(d.get("unit"))?,
        })
    };
    let time = |k: &str| {
        chrono::DateTime::parse_from_rfc3339(old.get(k)?.as_str()?)
            .ok()
            .map(|d| d.timestamp_millis())
    };
    let person = |me: &str, id: &str| {
        if old.get(me).and_then(Value::as_bool) == Some(true) {
            Some(Someone::Me)
        } else {
            text(id).map(Someone::User)
        }
    };
    MessageFilter {
        conversation_id: text("conversationId"),
        profile_id: text("profileId"),
        module: text("module"),
        record_id: text("recordId"),
        direction: word(old.get("direction")),
        status: word(old.get("status")),
        kind: text("type"),
        not_replied_within: span("notRepliedWithin"),
        replied_within: span("repliedWithin"),
        within: span("within"),
        period: word(old.get("period")),
        from: time("from"),
        to: time("to"),
        owner: person("ownerIsMe", "ownerId"),
        replied_by: person("repliedByMe", "repliedById"),
    }
}
