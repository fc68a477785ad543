//! The stored job row (`jobs` and `jobs_failed` tables) and its kinds.

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

/// What a job does; each kind has one registered [`Handler`](super::Handler).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Download an inbound message's media into the blob store.
    MediaFetch,
    /// Apply the retention rules (and schedule the next run).
    Prune,
    /// A workflow rule's actions, a blueprint transition's actions or a journey step.
    Automation,
    /// One attempt to deliver an outgoing webhook (`webhooks`).
    WebhookDelivery,
    /// One attempt of an automation OUTGOING_WEBHOOK action's delivery (`automation::outgoing`).
    AutomationWebhook,
    /// A scheduled backup (`backup_dir`), which schedules the next.
    Backup,
    /// Releases a send's credit hold that never got a billing status (`credits::expiry`).
    HoldExpiry,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobRow {
    pub id: String,
    pub kind: Kind,
    /// Idempotency key: while a job with this key waits, enqueuing another is a no-op.
    pub key: Option<String>,
    pub payload: serde_json::Value,
    pub due_at: Millis,
    /// Attempts started so far (counted when claimed).
    pub attempts: u32,
    pub max_attempts: u32,
    pub created_at: Millis,
    pub last_error: Option<String>,
}
