//! Domain events: appended to the change log inside each write and published on the bus after
//! the commit. Subscriptions, notifications and the search index follow the bus.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    UserChanged {
        user_id: String,
    },
    /// Sessions of a user ended (logout, password change); open websockets re-check theirs.
    SessionsEnded {
        user_id: String,
    },
    RecordChanged {
        module: String,
        record_id: String,
        /// Set when a user or an import saved the record; none for automation's own changes and
        /// for bookkeeping (an opt-out, a removed custom field), so a rule's field update never
        /// triggers rules again. Workflow rules and journeys follow it in the same transaction
        /// (`automation::react`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        saved: Option<Saved>,
    },
    RecordDeleted {
        module: String,
        record_id: String,
    },
    Notified {
        user_id: String,
        notification_id: String,
    },
    /// Users were added to a group (`notify` tells each of them).
    GroupMembersAdded {
        group_id: String,
        user_ids: Vec<String>,
        /// When (the change log's entries carry no time otherwise).
        at: crate::clock::Millis,
    },
    /// A customer's message arrived in a conversation linked to a record (live through the
    /// webhook, not a history import). Waiting journeys move on and inbound-message rules and
    /// journeys react, in the inbox transaction (`automation::react`).
    CustomerMessaged {
        message_id: String,
        module: String,
        record_id: String,
        at: crate::clock::Millis,
    },
    /// A message was stored or its status changed.
    MessageChanged {
        message_id: String,
        conversation_id: String,
        new: bool,
    },
    /// An inbound message's first reply changed (it was answered, or its answer failed).
    MessageReplied {
        message_id: String,
        conversation_id: String,
    },
    TemplateChanged {
        template_id: String,
    },
    /// A predefined text was created, changed or deleted.
    PredefinedChanged {
        predefined_id: String,
    },
    /// A custom field or custom module was added or removed.
    ModuleChanged {
        module: String,
    },
    ActivityChanged {
        activity_id: String,
        module: String,
        record_id: String,
    },
    DocumentGenerated {
        document_id: String,
        module: String,
        record_id: String,
    },
    /// The credit wallet changed (a ledger entry, or an auto-recharge was recorded).
    WalletChanged {
        ledger_entry_id: Option<String>,
    },
    /// A broadcast's state or counters changed.
    BroadcastChanged {
        broadcast_id: String,
    },
}

/// How a user or an import saved a record (in [`Event::RecordChanged`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The save created the record.
    pub created: bool,
    /// The fields whose values differ from before the save (API names; empty when created).
    pub changed: Vec<String>,
}

impl Saved {
    /// The save that turned `old` (None: nothing, a new record) into `new`, given their values.
    pub fn between(
        old: Option<&serde_json::Map<String, serde_json::Value>>,
        new: &serde_json::Map<String, serde_json::Value>,
    ) -> Self {
        let Some(old) = old else {
            return Self {
                created: true,
                changed: vec![],
            };
        };
        let mut changed: Vec<String> = old
            .keys()
            .chain(new.keys())
            .filter(|f| old.get(*f) != new.get(*f))
            .cloned()
            .collect();
        changed.sort();
        changed.dedup();
        Self {
            created: false,
            changed,
        }
    }
}

/// A committed event with its change-log sequence.
#[derive(Debug, Clone)]
pub struct Committed {
    pub seq: u64,
    pub event: Event,
}

#[derive(Clone)]
pub struct Bus(broadcast::Sender<Arc<Committed>>);

impl Default for Bus {
    fn default() -> Self {
        Self(broadcast::channel(4096).0)
    }
}

impl Bus {
    pub fn publish(&self, seq: u64, event: Event) {
        let _ = self.0.send(Arc::new(Committed { seq, event })); // no subscribers is fine
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Committed>> {
        self.0.subscribe()
    }
}
