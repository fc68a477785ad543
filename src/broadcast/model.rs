//! Stored forms of broadcasts (N10): the broadcast with its counters, and one row per recipient.

use serde::{Deserialize, Serialize};

use crate::credits::model::Money;

pub type Millis = i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BroadcastStatus {
    Running,
    Paused,
    Cancelled,
    Completed,
}

impl BroadcastStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "RUNNING",
            Self::Paused => "PAUSED",
            Self::Cancelled => "CANCELLED",
            Self::Completed => "COMPLETED",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RecipientState {
    /// Not handed to the outbox yet.
    Pending,
    Queued,
    Sent,
    Delivered,
    Read,
    Failed,
    Skipped,
    /// The broadcast was cancelled before this one was queued.
    Cancelled,
}

impl RecipientState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Queued => "QUEUED",
            Self::Sent => "SENT",
            Self::Delivered => "DELIVERED",
            Self::Read => "READ",
            Self::Failed => "FAILED",
            Self::Skipped => "SKIPPED",
            Self::Cancelled => "CANCELLED",
        }
    }
}

/// Counters, each the number of recipients in a state (sent counts sent, delivered and read;
/// delivered counts delivered and read).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    pub pending: u32,
    pub queued: u32,
    pub sent: u32,
    pub delivered: u32,
    pub read: u32,
    pub failed: u32,
    pub skipped: u32,
    pub cancelled: u32,
}

impl Counters {
    fn slot(&mut self, s: RecipientState, add: bool) {
        let bump = |c: &mut u32| {
            *c = if add {
                c.saturating_add(1)
            } else {
                c.saturating_sub(1)
            }
        };
        match s {
            RecipientState::Pending => bump(&mut self.pending),
            RecipientState::Queued => bump(&mut self.queued),
            RecipientState::Sent => bump(&mut self.sent),
            RecipientState::Delivered => {
                bump(&mut self.sent);
                bump(&mut self.delivered);
            }
            RecipientState::Read => {
                bump(&mut self.sent);
                bump(&mut self.delivered);
                bump(&mut self.read);
            }
            RecipientState::Failed => bump(&mut self.failed),
            RecipientState::Skipped => bump(&mut self.skipped),
            RecipientState::Cancelled => bump(&mut self.cancelled),
        }
    }

    pub fn add(&mut self, s: RecipientState) {
        self.slot(s, true);
    }

    pub fn moved(&mut self, from: RecipientState, to: RecipientState) {
        if from != to {
            self.slot(from, false);
            self.slot(to, true);
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BroadcastRow {
    pub id: String,
    pub name: String,
    pub profile_id: String,
    pub template_id: String,
    pub module: String,
    pub created_by: String,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub status: BroadcastStatus,
    /// Why it paused by itself (messaging limit reached, template paused, …).
    pub pause_reason: Option<String>,
    /// Rows in `broadcast_recipients` (positions 0..positions), skipped ones included.
    pub positions: u32,
    /// The next position the feeder looks at.
    pub next: u32,
    pub counters: Counters,
    /// The price of the whole batch as quoted at creation.
    pub total: Money,
    /// What is still reserved in the wallet's `held` for recipients not queued yet.
    pub reserved: Money,
    pub currency: String,
    pub finished_at: Option<Millis>,
}

impl BroadcastRow {
    /// Recipients that are to be sent (everyone not skipped).
    pub fn recipients(&self) -> u32 {
        self.positions.saturating_sub(self.counters.skipped)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecipientRow {
    pub module: String,
    pub record_id: String,
    pub name: String,
    /// The number (wa_id, digits), when the record has one.
    pub wa_id: Option<String>,
    pub country: String,
    /// The price reserved for this recipient at creation.
    pub price: Money,
    pub state: RecipientState,
    pub skip_reason: Option<String>,
    pub message_id: Option<String>,
    pub error_code: Option<i64>,
    pub error_message: Option<String>,
    /// The rendered text and the Graph API payload, fixed at creation (what was previewed).
    pub text: Option<String>,
    pub payload: Option<serde_json::Value>,
}
