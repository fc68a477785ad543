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
