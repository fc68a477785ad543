//! The simulated account's in-memory state, behind one mutex that is never held across
//! an await. With a data dir, every change is also journaled to disk ([`super::persist`]).

use std::collections::HashMap;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::config::SandboxNumber;
use super::limits::Limits;
use super::persist::{self, AccountRecord, Journal, Loaded, NumberRecord, Op};

pub(crate) const HOUR_MS: i64 = 3_600_000;
pub(crate) const DAY_MS: i64 = 24 * HOUR_MS;
/// The customer-service window, from the customer's latest message.
pub(crate) const WINDOW_MS: i64 = DAY_MS;
/// Free-entry-point window after a click-to-WhatsApp (referral) message.
pub(crate) const FREE_ENTRY_MS: i64 = 3 * DAY_MS;

/// A message the business sent that the sandbox accepted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SentMessage {
    pub phone_number_id: String,
    /// The request JSON as posted.
    pub body: Value,
    pub wamid: String,
    /// Clock millis at acceptance.
    pub at: i64,
}

/// One message of a (number, customer) thread, as the customer's phone would show it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhoneMessage {
    /// `in` (customer -> business) or `out` (business -> customer).
    pub direction: String,
    pub wamid: String,
    /// The message type as the phone shows it: `text`, `image`, ..., `template`,
    /// `interactive`, `reaction`, `location`, `contacts` (inbound also `button`, ...).
    #[serde(default)]
    pub kind: String,
    /// `out`: the send request JSON; `in`: the inbound message object (with from/id/timestamp).
    pub body: Value,
    /// Display text: text body, caption, or the template body with parameters filled in.
    pub text: Option<String>,
    /// `out`: accepted, sent, delivered, read or failed; `in`: received, or read once the
    /// business marked it read.
    pub status: String,
    /// Clock millis.
    pub at: i64,
}

#[derive(Debug)]
pub(crate) struct NumberState {
    pub cfg: SandboxNumber,
    /// Two-step PIN set by the first successful `register`.
    pub pin: Option<String>,
    /// `register`/`deregister` calls, for the 10-per-72-h limit.
    pub register_calls: Vec<i64>,
    pub profile: Map<String, Value>,
}

impl NumberState {
    pub fn new(cfg: SandboxNumber) -> Self {
        let mut profile = Map::new();
        profile.insert("about".into(), Value::from("Hi! We reply within a day."));
        profile.insert("description".into(), Value::from(cfg.verified_name.clone()));
        profile.insert("vertical".into(), Value::from("PROF_SERVICES"));
        profile.insert("websites".into(), Value::Array(Vec::new()));
        NumberState {
            pin: cfg.two_step_pin.clone(),
            cfg,
            register_calls: Vec::new(),
            profile,
        }
    }

    /// The number as webhooks carry it: digits only.
    pub fn digits(&self) -> String {
        self.cfg
            .display_phone_number
            .chars()
            .filter(char::is_ascii_digit)
            .collect()
    }
}

#[derive(Debug)]
pub(crate) struct Media {
    pub bytes: Arc<[u8]>,
    pub mime: String,
    pub expires_at: i64,
}

impl Media {
    pub fn digest(&self) -> Vec<u8> {
        Sha256::digest(&*self.bytes).to_vec()
    }
    pub fn sha256_hex(&self) -> String {
        hex::encode(self.digest())
    }
    pub fn sha256_b64(&self) -> String {
        B64.encode(self.digest())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Template {
    pub id: String,
    pub name: String,
    pub language: String,
    pub category: String,
    /// `POSITIONAL` or `NAMED`.
    pub parameter_format: String,
    /// As created (types/formats upper-cased), echoed by the read endpoints.
    pub components: Value,
    pub status: String,
    /// Rejection reason; `NONE` otherwise.
    pub reason: String,
    pub allow_category_change: bool,
    /// Bumped on every edit so a stale review decision is discarded.
    pub revision: u64,
    /// Edits made while APPROVED (1 per 24 h, 10 per 30 days).
    pub approved_edits: Vec<i64>,
}

impl Template {
    pub fn component(&self, kind: &str) -> Option<&Value> {
        self.components.as_array()?.iter().find(|c| {
            c.get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case(kind))
        })
    }

    pub fn body_text(&self) -> &str {
        self.component("BODY")
            .and_then(|b| b.get("text"))
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "name": self.name,
            "parameter_format": self.parameter_format,
            "components": self.components,
            "language": self.language,
            "status": self.status,
            "category": self.category,
            "rejected_reason": self.reason,
            "quality_score": { "score": "UNKNOWN" },
            "id": self.id,
        })
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ThreadEntry {
    pub pnid: String,
    pub wa_id: String,
    pub msg: PhoneMessage,
    /// Status names emitted for an outbound message, in emission order.
    #[serde(default)]
    pub statuses: Vec<String>,
}

/// What an ID in a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Waba,
    Number,
    Template,
    Media,
}

#[derive(Debug)]
pub(crate) struct State {
    pub waba_id: String,
    pub numbers: Vec<NumberState>,
    pub subscribed: bool,
    /// In creation order, which is also the listing order.
    pub templates: Vec<Template>,
    /// Names of deleted APPROVED templates -> deletion time (not reusable for 30 days).
    pub deleted_names: HashMap<String, i64>,
    pub media: HashMap<String, Media>,
    pub sent: Vec<SentMessage>,
    /// Append-only; positions are the persisted keys.
    pub thread: Vec<ThreadEntry>,
    /// wamid -> position in `thread`.
    thread_index: HashMap<String, usize>,
    /// (pnid, wa_id) -> clock millis until which the customer sees "typing…".
    pub typing: HashMap<(String, String), i64>,
    /// Signs media download URLs; kept across restarts so earlier URLs stay valid.
    pub url_key: String,
    journal: Option<Journal>,
    /// Inbound wamid -> (pnid, wa_id), for mark-as-read and reply context.
    pub inbound: HashMap<String, (String, String)>,
    pub last_inbound: HashMap<(String, String), i64>,
    pub last_referral: HashMap<(String, String), i64>,
    pub limits: Limits,
    /// Open Resumable Upload sessions: id -> (file length, MIME type).
    pub upload_sessions: HashMap<String, (usize, String)>,
    /// MIME types of media uploads refused by [`super::Chaos::refuse_media_types`], in
    /// order (not persisted).
    pub refused_uploads: Vec<String>,
    /// Sends refused with 130429 (throughput) so far (not persisted).
    pub throttled: u64,
    seq: u64,
}

impl State {
    pub fn new(
        waba_id: String,
        numbers: Vec<SandboxNumber>,
        subscribed: bool,
        per_sec: u32,
    ) -> Self {
        State {
            waba_id,
            numbers: numbers.into_iter().map(NumberState::new).collect(),
            subscribed,
            templates: Vec::new(),
            deleted_names: HashMap::new(),
            media: HashMap::new(),
            sent: Vec::new(),
            thread: Vec::new(),
            thread_index: HashMap::new(),
            typing: HashMap::new(),
            url_key: super::config::random_token(32),
            journal: None,
            inbound: HashMap::new(),
            last_inbound: HashMap::new(),
            last_referral: HashMap::new(),
            limits: Limits::new(per_sec),
            upload_sessions: HashMap::new(),
            refused_uploads: Vec::new(),
            throttled: 0,
            seq: 0,
        }
    }

    pub fn number(&self, id: &str) -> Option<&NumberState> {
        self.numbers.iter().find(|n| n.cfg.id == id)
    }

    pub fn number_mut(&mut self, id: &str) -> Option<&mut NumberState> {
        self.numbers.iter_mut().find(|n| n.cfg.id == id)
    }

    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    pub fn template_mut(&mut self, id: &str) -> Option<&mut Template> {
        self.templates.iter_mut().find(|t| t.id == id)
    }

    pub fn kind(&self, id: &str, now: i64) -> Option<Kind> {
        if id == self.waba_id {
            Some(Kind::Waba)
        } else if self.number(id).is_some() {
            Some(Kind::Number)
        } else if self.template(id).is_some() {
            Some(Kind::Template)
        } else if self.media.get(id).is_some_and(|m| m.expires_at > now) {
            Some(Kind::Media)
        } else {
            None
        }
    }

    /// A fresh 15-digit numeric ID, unique within the account.
    pub fn fresh_id(&mut self) -> String {
        let mut rng = rand::rng();
        loop {
            let id = rng
                .random_range(100_000_000_000_000u64..1_000_000_000_000_000)
                .to_string();
            if id != self.waba_id
                && self.number(&id).is_none()
                && self.template(&id).is_none()
                && !self.media.contains_key(&id)
            {
                return id;
            }
        }
    }

    /// A unique wamid shaped like Meta's: base64 of a small binary record holding the
    /// customer's number and a hex message key (a counter plus randomness).
    pub fn wamid(&mut self, wa_id: &str, outbound: bool) -> String {
        self.seq += 1;
        let random: u64 = rand::rng().random();
        let mut raw = vec![0x1c, 0x18, u8::try_from(wa_id.len()).unwrap_or(u8::MAX)];
        raw.extend_from_slice(wa_id.as_bytes());
        let key = if outbound {
            raw.extend_from_slice(&[0x15, 0x02, 0x00, 0x11, 0x18, 0x12]);
            format!(
                "{:08X}{:010X}",
                self.seq & 0xffff_ffff,
                random & 0xff_ffff_ffff
            )
        } else {
            raw.extend_from_slice(&[0x15, 0x02, 0x00, 0x12, 0x18, 0x14]);
            format!(
                "{:08X}{:012X}",
                self.seq & 0xffff_ffff,
                random & 0xffff_ffff_ffff
            )
        };
        raw.extend_from_slice(key.as_bytes());
        raw.push(0);
        format!("wamid.{}", B64.encode(raw))
    }

    pub fn window_open(&self, pnid: &str, wa_id: &str, now: i64) -> bool {
        self.last_inbound
            .get(&(pnid.to_owned(), wa_id.to_owned()))
            .is_some_and(|at| now - at < WINDOW_MS)
    }

    pub fn free_entry_open(&self, pnid: &str, wa_id: &str, now: i64) -> bool {
        self.last_referral
            .get(&(pnid.to_owned(), wa_id.to_owned()))
            .is_some_and(|at| now - at < FREE_ENTRY_MS)
    }

    /// Records an emitted status and moves the thread's copy forward (never backwards,
    /// so reordered deliveries still end at the highest status; `failed` is terminal).
    pub fn record_status(&mut self, wamid: &str, status: &str) {
        let Some(&pos) = self.thread_index.get(wamid) else {
            return;
        };
        let Some(entry) = self.thread.get_mut(pos) else {
            return;
        };
        entry.statuses.push(status.to_owned());
        if status_rank(status) > status_rank(&entry.msg.status) {
            entry.msg.status = status.to_owned();
        }
        self.save_entry(pos);
    }

    /// Status names emitted so far for an outbound wamid.
    pub fn statuses(&self, wamid: &str) -> Vec<String> {
        self.entry(wamid)
            .map(|e| e.statuses.clone())
            .unwrap_or_default()
    }

    pub fn entry(&self, wamid: &str) -> Option<&ThreadEntry> {
        self.thread.get(*self.thread_index.get(wamid)?)
    }

    /// Appends a message to its thread (and, for business sends, to `sent`).
    pub fn push_thread(&mut self, entry: ThreadEntry) {
        let pos = self.thread.len();
        self.index_entry(pos, &entry);
        self.thread.push(entry);
        self.save_entry(pos);
    }

    /// The derived lookups of one thread entry: wamid index, `sent`, inbound owner.
    fn index_entry(&mut self, pos: usize, entry: &ThreadEntry) {
        self.thread_index.insert(entry.msg.wamid.clone(), pos);
        if entry.msg.direction == "out" {
            self.sent.push(SentMessage {
                phone_number_id: entry.pnid.clone(),
                body: entry.msg.body.clone(),
                wamid: entry.msg.wamid.clone(),
                at: entry.msg.at,
            });
        } else {
            self.inbound.insert(
                entry.msg.wamid.clone(),
                (entry.pnid.clone(), entry.wa_id.clone()),
            );
        }
    }

    /// Journals thread entry `pos` as it is now.
    pub fn save_entry(&mut self, pos: usize) {
        let Some(journal) = self.journal.as_mut() else {
            return;
        };
        let Some(entry) = self.thread.get(pos) else {
            return;
        };
        match serde_json::to_string(entry) {
            Ok(json) => journal.push(Op::Entry(pos as u64, json)),
            Err(err) => tracing::warn!(%err, "sandbox thread entry not saved"),
        }
    }

    /// Journals the account record (numbers, subscription, templates, deleted names).
    pub fn save_account(&mut self) {
        if self.journal.is_none() {
            return;
        }
        let record = AccountRecord {
            subscribed: self.subscribed,
            numbers: self
                .numbers
                .iter()
                .map(|n| NumberRecord {
                    id: n.cfg.id.clone(),
                    registered: n.cfg.registered,
                    code_verification_status: n.cfg.code_verification_status.clone(),
                    pin: n.pin.clone(),
                    register_calls: n.register_calls.clone(),
                    profile: n.profile.clone(),
                })
                .collect(),
            templates: self.templates.clone(),
            deleted_names: self
                .deleted_names
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
            url_key: self.url_key.clone(),
        };
        match serde_json::to_string(&record) {
            Ok(json) => {
                if let Some(journal) = self.journal.as_mut() {
                    journal.push(Op::Account(json));
                }
            }
            Err(err) => tracing::warn!(%err, "sandbox account not saved"),
        }
    }

    pub fn put_media(&mut self, id: String, media: Media) {
        if let Some(journal) = self.journal.as_mut() {
            journal.push(Op::PutMedia {
                id: id.clone(),
                info: persist::media_info(&media),
                bytes: media.bytes.clone(),
            });
        }
        self.media.insert(id, media);
    }

    pub fn remove_media(&mut self, id: &str) -> Option<Media> {
        let removed = self.media.remove(id)?;
        if let Some(journal) = self.journal.as_mut() {
            journal.push(Op::DropMedia(id.to_owned()));
        }
        Some(removed)
    }

    /// Resolves once everything changed so far is on disk (at once without a data dir).
    pub fn mark(&self) -> Option<persist::Mark> {
        self.journal.as_ref().map(Journal::mark)
    }

    pub fn journal_mut(&mut self) -> Option<&mut Journal> {
        self.journal.as_mut()
    }

    /// Takes over what a previous run saved, and journals further changes to `journal`.
    pub fn restore(&mut self, journal: Journal, loaded: Loaded) {
        if let Some(account) = loaded.account {
            self.subscribed = account.subscribed;
            for record in account.numbers {
                if let Some(n) = self.number_mut(&record.id) {
                    n.cfg.registered = record.registered;
                    n.cfg.code_verification_status = record.code_verification_status;
                    n.pin = record.pin;
                    n.register_calls = record.register_calls;
                    n.profile = record.profile;
                }
            }
            self.templates = account.templates;
            self.deleted_names = account.deleted_names.into_iter().collect();
            if !account.url_key.is_empty() {
                self.url_key = account.url_key;
            }
        }
        for entry in loaded.thread {
            let pos = self.thread.len();
            self.index_entry(pos, &entry);
            if entry.msg.direction == "in" {
                let key = (entry.pnid.clone(), entry.wa_id.clone());
                let at = entry.msg.at;
                let last = self.last_inbound.entry(key.clone()).or_insert(at);
                *last = (*last).max(at);
                if entry.msg.body.get("referral").is_some() {
                    let last = self.last_referral.entry(key).or_insert(at);
                    *last = (*last).max(at);
                }
            }
            self.thread.push(entry);
        }
        self.seq = self.thread.len() as u64;
        self.media.extend(loaded.media);
        self.journal = Some(journal);
        // The first record also pins the URL key a fresh file was given.
        self.save_account();
    }
}

fn status_rank(status: &str) -> u8 {
    match status {
        "accepted" => 0,
        "sent" => 1,
        "delivered" => 2,
        "read" => 3,
        "failed" => 4,
        _ => 0,
    }
}
