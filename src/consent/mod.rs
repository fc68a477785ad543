//! Consent (N8). An inbound message that is exactly an opt-out keyword (trimmed, any case)
//! marks the customer opted out of every template; an opt-in keyword marks them in again.
//! Meta's `user_preferences` webhook is a marketing opt-out: its `stop` refuses marketing
//! templates only (utility ones still go) and its `resume` lifts that again; the two opt-outs
//! are kept apart, so neither lifts the other. The change is decided in the inbound delivery's
//! own transaction and applies to the conversation's record and every Lead or Contact with the
//! customer's number. Refused templates get `OPTED_OUT` in the transaction that would queue the
//! send; free-form replies inside the open window stay allowed.

pub mod model;

use redb::ReadableTable;

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::messaging::model::{Conversation, Message, RecordRef};
use crate::store::PutRow;
use crate::store::tables::{CONSENT, CONSENT_KEYWORDS, PHONE_INDEX};
use crate::store::{Store, Tx};
pub use model::{ConsentEvent, ConsentRow, Keywords, OptOut};

const KEYWORDS_KEY: &str = "keywords";

/// Reads consent in any transaction (read or write).
pub trait ConsentReader {
    fn consent(&self, module: &str, id: &str) -> Result<ConsentRow>;
    fn keywords(&self) -> Result<Keywords>;
}

macro_rules! consent_reader_for {
    ($t:ty) => {
        impl ConsentReader for $t {
            fn consent(&self, module: &str, id: &str) -> Result<ConsentRow> {
                Ok(self
                    .open_table(CONSENT)?
                    .get((module, id))?
                    .map(|v| v.value())
                    .transpose()?
                    .unwrap_or_default())
            }
            fn keywords(&self) -> Result<Keywords> {
                Ok(self
                    .open_table(CONSENT_KEYWORDS)?
                    .get(KEYWORDS_KEY)?
                    .map(|v| v.value())
                    .transpose()?
                    .unwrap_or_default())
            }
        }
    };
}
consent_reader_for!(redb::ReadTransaction);
consent_reader_for!(redb::WriteTransaction);

/// Refuses a template send (`OPTED_OUT`) to a record that opted out of every template, or of
/// marketing when `marketing` (the template's category) is.
pub fn ensure_may_receive_templates<R: ConsentReader>(
    r: &R,
    record: &RecordRef,
    marketing: bool,
) -> Result<()> {
    match r.consent(&record.module, &record.id)?.refuses(marketing) {
        None => Ok(()),
        Some(OptOut::All) => Err(Error::OptedOut(
            "the recipient opted out of WhatsApp messages from us".into(),
        )),
        Some(OptOut::Marketing) => Err(Error::OptedOut(
            "the recipient opted out of marketing messages (their WhatsApp setting); utility templates may still go"
                .into(),
        )),
    }
}

/// What a text says about consent: Some(true) opt-out, Some(false) opt-in.
pub fn keyword_meaning(k: &Keywords, text: &str) -> Option<bool> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let t = t.to_lowercase();
    let is = |list: &[String]| list.iter().any(|w| w.trim().to_lowercase() == t);
    if is(&k.opt_out) {
        Some(true)
    } else if is(&k.opt_in) {
        Some(false)
    } else {
        None
    }
}

/// An inbound message, inside its own transaction: a keyword changes the customer's consent.
pub fn on_inbound(tx: &mut Tx<'_>, conv: &Conversation, msg: &Message) -> Result<()> {
    if msg.kind != "text" {
        return Ok(());
    }
    let Some(text) = msg.text.as_deref() else {
        return Ok(());
    };
    let keywords = tx.txn.keywords()?;
    let Some(out) = keyword_meaning(&keywords, text) else {
        return Ok(());
    };
    let event = ConsentEvent {
        at: msg.timestamp,
        opted_out: out,
        source: model::SOURCE_KEYWORD.into(),
        message_id: Some(msg.id.clone()),
        text: Some(text.trim().to_string()),
    };
    let records = customer_records(tx, conv.record.as_ref(), &conv.customer_wa_id)?;
    for r in records {
        record_event(tx, &r, event.clone())?;
    }
    Ok(())
}

/// Meta's `user_preferences` webhook (a marketing opt-out): `value.user_preferences[]` with
/// `wa_id`, `value` (`stop` / `resume`), `category` (`marketing_messages`), `detail`,
/// `timestamp`. A stop refuses marketing templates only; a resume lifts that (and not a
/// keyword opt-out).
pub fn on_user_preferences(tx: &mut Tx<'_>, value: &serde_json::Value, now: Millis) -> Result<()> {
    let prefs = value
        .get("user_preferences")
        .and_then(serde_json::Value::as_array)
        .cloned()
        .unwrap_or_default();
    for p in prefs {
        let s = |k: &str| {
            p.get(k)
                .and_then(serde_json::Value::as_str)
                .map(String::from)
        };
        let Some(wa_id) = s("wa_id") else { continue };
        let out = match s("value").map(|v| v.to_ascii_lowercase()).as_deref() {
            Some("stop") => true,
            Some("resume") => false,
            _ => continue,
        };
        let at = p
            .get("timestamp")
            .map(|t| t.as_str().map_or_else(|| t.to_string(), String::from))
            .and_then(|t| crate::channel::whatsapp::wire::timestamp_millis(&t))
            .unwrap_or(now);
        let event = ConsentEvent {
            at,
            opted_out: out,
            source: model::SOURCE_USER_PREFERENCES.into(),
            message_id: None,
            text: s("detail").or(s("category")),
        };
        for r in customer_records(tx, None, &wa_id)? {
            record_event(tx, &r, event.clone())?;
        }
    }
    Ok(())
}

/// The conversation's record and every Lead or Contact with the customer's number.
fn customer_records(
    tx: &mut Tx<'_>,
    record: Option<&RecordRef>,
    wa_id: &str,
) -> Result<Vec<RecordRef>> {
    let mut out: Vec<RecordRef> = record.cloned().into_iter().collect();
    if let Some(e164) = crate::crm::phone::wa_id_to_e164(wa_id) {
        let idx = tx.txn.open_table(PHONE_INDEX)?;
        for r in idx.range((e164.as_str(), "", "")..=(e164.as_str(), "\u{10FFFF}", "\u{10FFFF}"))? {
            let (k, _) = r?;
            let (_, m, id) = k.value();
            if (m == "Leads" || m == "Contacts") && !out.iter().any(|x| x.module == m && x.id == id)
            {
                out.push(RecordRef {
                    module: m.to_string(),
                    id: id.to_string(),
                });
            }
        }
    }
    Ok(out)
}

fn record_event(tx: &mut Tx<'_>, r: &RecordRef, e: ConsentEvent) -> Result<()> {
    let mut row = tx.txn.consent(&r.module, &r.id)?;
    match e.scope() {
        OptOut::All => row.opted_out = e.opted_out,
        OptOut::Marketing => row.marketing_opted_out = e.opted_out,
    }
    row.events.push(e);
    if row.events.len() > model::MAX_EVENTS {
        let extra = row.events.len() - model::MAX_EVENTS;
        row.events.drain(..extra);
    }
    tx.txn
        .open_table(CONSENT)?
        .put((r.module.as_str(), r.id.as_str()), &row)?;
    tx.emit(Event::RecordChanged {
        module: r.module.clone(),
        record_id: r.id.clone(),
        saved: None,
    })
}

/// Reading and editing consent (the record page, the keyword list).
#[derive(Clone)]
pub struct Consent {
    store: Store,
}

impl Consent {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    pub fn state(&self, module: &str, id: &str) -> Result<ConsentRow> {
        self.store.read()?.consent(module, id)
    }

    pub fn keywords(&self) -> Result<Keywords> {
        self.store.read()?.keywords()
    }

    /// Replaces the keyword lists (administrators; the caller checks). Words are trimmed and
    /// upper-cased; a word may not be in both lists; each list has 1 to 50 words of ≤ 40 chars.
    pub async fn set_keywords(
        &self,
        opt_out: Vec<String>,
        opt_in: Vec<String>,
    ) -> Result<Keywords> {
        let clean = |field: &str, v: Vec<String>| -> Result<Vec<String>> {
            let mut out: Vec<String> = vec![];
            for w in v {
                let w = w.trim().to_uppercase();
                if w.is_empty() {
                    continue;
                }
                if w.chars().count() > 40 {
                    return Err(Error::validation(
                        field,
                        "a keyword has at most 40 characters",
                    ));
                }
                if !out.contains(&w) {
                    out.push(w);
                }
            }
            if out.is_empty() || out.len() > 50 {
                return Err(Error::validation(field, "give 1 to 50 keywords"));
            }
            Ok(out)
        };
        let k = Keywords {
            opt_out: clean("optOut", opt_out)?,
            opt_in: clean("optIn", opt_in)?,
        };
        if let Some(w) = k.opt_out.iter().find(|w| k.opt_in.contains(w)) {
            return Err(Error::validation("optIn", format!("{w} is in both lists")));
        }
        self.store
            .write(move |tx| {
                tx.txn.open_table(CONSENT_KEYWORDS)?.put(KEYWORDS_KEY, &k)?;
                Ok(k.clone())
            })
            .await
    }
}
