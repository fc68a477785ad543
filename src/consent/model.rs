//! Stored forms of consent (N8): a record's opt-out state with its history, and the keyword list.

use serde::{Deserialize, Serialize};

pub type Millis = i64;

/// How many consent events a record keeps (oldest dropped first).
pub const MAX_EVENTS: usize = 50;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ConsentRow {
    pub opted_out: bool,
    /// Oldest first, at most [`MAX_EVENTS`].
    pub events: Vec<ConsentEvent>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConsentEvent {
    pub at: Millis,
    pub opted_out: bool,
    /// `keyword` (an inbound message), `user_preferences` (Meta's webhook).
    pub source: String,
    /// The inbound message that said it, for keywords.
    pub message_id: Option<String>,
    /// The keyword, or Meta's detail text.
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Keywords {
    pub opt_out: Vec<String>,
    pub opt_in: Vec<String>,
}

impl Default for Keywords {
    fn default() -> Self {
        Self {
            opt_out: ["STOP", "STOPP", "ABMELDEN", "ABBESTELLEN", "UNSUBSCRIBE"]
                .map(String::from)
                .to_vec(),
            opt_in: ["START", "ANMELDEN"].map(String::from).to_vec(),
        }
    }
}
