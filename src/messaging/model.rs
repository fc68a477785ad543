//! Conversations and messages as stored. One model for every provider; WhatsApp is the first.

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

pub const WINDOW_MS: Millis = 24 * 3600 * 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Inbound,
    Outbound,
}

/// Ordered so a status only ever moves forward: queued < sent < delivered < read.
/// `Failed` is terminal for outbound; `Received` is the state of every inbound message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Queued,
    Sent,
    Delivered,
    Read,
    Failed,
    Received,
}

impl Status {
    pub fn from_meta(s: &str) -> Option<Status> {
        match s {
            "sent" => Some(Status::Sent),
            "delivered" => Some(Status::Delivered),
            "read" | "played" => Some(Status::Read),
            "failed" => Some(Status::Failed),
            _ => None,
        }
    }

    /// Whether moving from `self` to `next` is progress (never backwards, failed stays failed).
    pub fn advances_to(self, next: Status) -> bool {
        match (self, next) {
            (Status::Failed, _) | (Status::Received, _) => false,
            (Status::Read, Status::Failed) => false,
            (_, Status::Failed) => true,
            (a, b) => b > a,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordRef {
    pub module: String,
    pub id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Conversation {
    pub id: String,
    pub profile_id: String,
    /// The customer's WhatsApp id (digits, no `+`), or a business-scoped user id.
    pub customer_wa_id: String,
    pub customer_name: Option<String>,
    pub record: Option<RecordRef>,
    pub last_inbound_at: Option<Millis>,
    pub last_message_at: Millis,
    pub created_at: Millis,
    /// The newest message the conversation list previews (a reaction to another message is
    /// not one): kept here so the list reads one message per conversation, not its history.
    #[serde(default)]
    pub last_message: Option<LastMessage>,
}

/// Which message a conversation previews, and when it was sent or received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastMessage {
    pub id: String,
    pub at: Millis,
}

impl Conversation {
    /// Notes `m` as the preview when the list would show it: not a reaction to another
    /// message, and not older than the current preview (ties by id, as history is ordered).
    pub fn note_message(&mut self, m: &Message) {
        if m.kind == "reaction" && m.reply_to.is_some() {
            return;
        }
        let newer = self
            .last_message
            .as_ref()
            .is_none_or(|l| (l.at, l.id.as_str()) <= (m.timestamp, m.id.as_str()));
        if newer {
            self.last_message = Some(LastMessage {
                id: m.id.clone(),
                at: m.timestamp,
            });
        }
    }

    /// When the 24-hour customer-service window closes (None: the customer never wrote).
    pub fn window_expires_at(&self) -> Option<Millis> {
        self.last_inbound_at.map(|t| t + WINDOW_MS)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Media {
    pub media_id: String,
    pub mime_type: Option<String>,
    pub sha256: Option<String>,
    pub file_name: Option<String>,
    /// Content-addressed blob once fetched.
    pub blob: Option<String>,
    pub size: Option<u64>,
    /// Whether the file is fetched, still coming, or could not be fetched (and why).
    #[serde(default)]
    pub status: MediaStatus,
    #[serde(default)]
    pub unavailable_reason: Option<String>,
    /// Where an outbound file came from (`upload`, `crm_document`); None for received media.
    #[serde(default)]
    pub source: Option<String>,
}

/// An inbound file's state: fetched by a durable job after the message is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaStatus {
    #[default]
    Pending,
    Available,
    Unavailable,
}

impl Media {
    /// The state, also for rows stored before it was recorded (a blob means available).
    pub fn state(&self) -> MediaStatus {
        if self.blob.is_some() {
            MediaStatus::Available
        } else {
            self.status
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub conversation_id: String,
    pub provider: String,
    pub wamid: Option<String>,
    pub direction: Direction,
    /// Cloud API message type, lower-case (`text`, `image`, `template`, `unsupported`, …).
    pub kind: String,
    pub text: Option<String>,
    pub status: Status,
    pub timestamp: Millis,
    pub error_code: Option<i64>,
    pub error_message: Option<String>,
    pub template_id: Option<String>,
    pub sent_by: Option<String>,
    pub reply_to: Option<String>,
    pub media: Option<Media>,
    /// The delivery as Meta sent it, for inbound messages.
    pub raw: Option<String>,
    /// The request body the sender posts, for outbound messages.
    pub payload: Option<serde_json::Value>,
    /// For inbound messages: the reply that first answered it (see `messaging::replies`).
    #[serde(default)]
    pub first_reply: Option<FirstReply>,
    /// Reactions on this message: at most one by the customer and one by the business.
    #[serde(default)]
    pub reactions: Vec<Reaction>,
    /// Earlier texts, oldest first, when the customer edited the message.
    #[serde(default)]
    pub edits: Vec<Edit>,
    #[serde(default)]
    pub edited_at: Option<Millis>,
    /// When the customer deleted (revoked) it; the text stays for administrators.
    #[serde(default)]
    pub deleted_at: Option<Millis>,
}

/// An emoji reaction on a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reaction {
    pub emoji: String,
    pub from_customer: bool,
    /// The user who reacted for the business.
    pub by: Option<String>,
    pub at: Millis,
}

/// A text a message had before the customer edited it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub text: Option<String>,
    /// When this text was replaced.
    pub replaced_at: Millis,
}

impl Message {
    /// Sets (or with `None` removes) the reaction of the customer or of the business.
    pub fn set_reaction(
        &mut self,
        emoji: Option<&str>,
        from_customer: bool,
        by: Option<&str>,
        at: Millis,
    ) {
        self.reactions.retain(|r| r.from_customer != from_customer);
        if let Some(e) = emoji.filter(|e| !e.is_empty()) {
            self.reactions.push(Reaction {
                emoji: e.to_string(),
                from_customer,
                by: by.map(String::from),
                at,
            });
        }
    }
}

/// The first reply an inbound message got: an outbound message that did not fail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstReply {
    pub message_id: String,
    pub at: Millis,
    pub by: Option<String>,
}

/// Outbound work not yet handed to the Cloud API (`outbox` table, keyed by message id).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub message_id: String,
    pub phone_number_id: String,
    pub attempts: u32,
    pub next_attempt_at: Millis,
    pub in_flight: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    pub waba_id: String,
    pub access_token: String,
    pub app_secret: String,
    pub verify_token: String,
    /// Graph API base for this account; production uses the configured default.
    pub graph_base_url: Option<String>,
    pub connected_at: Millis,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    pub nickname: String,
    pub phone_number_id: String,
    pub display_phone_number: String,
    /// Module for senders no record matches: `Leads` or `Contacts` (F2).
    pub unknown_senders: String,
    pub user_ids: Vec<String>,
    pub group_ids: Vec<String>,
    pub role_ids: Vec<String>,
    pub active: bool,
    pub created_at: Millis,
    /// Meta's quality rating of the number (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`), N9.
    #[serde(default)]
    pub quality_rating: Option<String>,
    /// Meta's messaging-limit tier (`TIER_250`, `TIER_1K`, … `TIER_UNLIMITED`), N9.
    #[serde(default)]
    pub messaging_limit: Option<String>,
}

/// A status that arrived before its message was known (`pending_status` table).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingStatus {
    pub status: Status,
    pub error_code: Option<i64>,
    pub error_message: Option<String>,
    /// When it arrived (pruned after `retention_pending_status_days`; 0 in rows from before).
    #[serde(default)]
    pub received_at: Millis,
    /// Meta's `pricing` object, for charging once the message is known.
    #[serde(default)]
    pub pricing: Option<serde_json::Value>,
}

/// A saved view of the Messages module (F26).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MessageView {
    pub id: String,
    pub name: String,
    pub owner_id: String,
    pub shared: bool,
    /// Applied for whoever opens the view: "me" in it means the viewer. Stored with its version
    /// (see [`versioned_filter`]), never in the API's shape.
    #[serde(with = "versioned_filter")]
    pub filter: MessageFilter,
    pub created_at: Millis,
}

/// The Messages module's filters (F25), combined with AND; what a saved view keeps. Relative
/// times and "me" stay unresolved until the filter is applied (`messaging::views`).
///
/// Stored field and variant names are part of the file format: renaming one needs a new version
/// in [`versioned_filter`] and a migration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MessageFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Cloud API message type (`text`, `image`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Inbound messages whose reply did not come within this long: still unanswered after it,
    /// or answered later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_replied_within: Option<Span>,
    /// Inbound messages answered within this long of arriving.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replied_within: Option<Span>,
    /// Message time within the last …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Message time from (inclusive) and to (exclusive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Millis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Millis>,
    /// Owner of the conversation's record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<Someone>,
    /// Inbound messages answered by this user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replied_by: Option<Someone>,
}

/// A user a filter names: whoever applies it, or one user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Someone {
    Me,
    User(String),
}

/// A length of time counted back from now; its amount is checked when the filter is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub amount: i32,
    pub unit: DurationUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Hours,
    Days,
    Weeks,
    /// 30 days.
    Months,
}

/// Calendar periods, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Today,
    Yesterday,
    ThisWeek,
    ThisMonth,
}

/// A saved view's filter on disk: `{"version": "V1", …fields}`. A new version is added here (and
/// read into the current [`MessageFilter`]) when the stored form changes.
pub mod versioned_filter {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::MessageFilter;

    #[derive(Serialize)]
    #[serde(tag = "version")]
    enum Out<'a> {
        V1(&'a MessageFilter),
    }

    #[derive(Deserialize)]
    #[serde(tag = "version")]
    enum In {
        V1(MessageFilter),
    }

    pub fn serialize<S: Serializer>(f: &MessageFilter, s: S) -> Result<S::Ok, S::Error> {
        Out::V1(f).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<MessageFilter, D::Error> {
        match In::deserialize(d)? {
            In::V1(f) => Ok(f),
        }
    }
}

impl Message {
    /// Whether it answers the inbound messages before it: an outbound message that has not
    /// failed (see `messaging::replies`).
    pub fn is_reply(&self) -> bool {
        self.direction == Direction::Outbound && self.status != Status::Failed
    }

    /// This message as the first reply of the messages it answers.
    pub fn as_reply(&self) -> FirstReply {
        FirstReply {
            message_id: self.id.clone(),
            at: self.timestamp,
            by: self.sent_by.clone(),
        }
    }
}

/// The first reply of every inbound message among `msgs` (in arrival order), for stores
/// written before replies were kept on messages.
pub fn compute_first_replies(msgs: &mut [Message]) {
    let mut next: Option<FirstReply> = None;
    for m in msgs.iter_mut().rev() {
        if m.is_reply() {
            next = Some(m.as_reply());
        } else if m.direction == Direction::Inbound {
            m.first_reply.clone_from(&next);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;

    #[test]
    fn statuses_only_move_forward() {
        assert!(Sent.advances_to(Delivered));
        assert!(Sent.advances_to(Read));
        assert!(!Read.advances_to(Delivered));
        assert!(!Read.advances_to(Failed));
        assert!(Delivered.advances_to(Failed));
        assert!(!Failed.advances_to(Read));
        assert!(Queued.advances_to(Sent));
    }
}
