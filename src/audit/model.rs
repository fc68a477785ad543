//! The stored audit entry (append-only; see `audit`).

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Time-ordered id (also the table's key).
    pub id: String,
    pub at: Millis,
    /// The user who acted; none for the system (automation, workers) or an unknown sign-in.
    pub actor_id: Option<String>,
    /// The actor's email at the time (kept when the user is renamed or deactivated).
    pub actor_email: Option<String>,
    /// Dotted action name, e.g. `auth.sign_in`, `template.create`, `message.send`.
    pub action: String,
    /// What the action was about (an id, an email, a URL).
    pub subject: Option<String>,
    #[serde(default)]
    pub detail: serde_json::Value,
}
