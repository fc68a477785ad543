//! Stored shapes of users, sessions, API tokens, roles and groups.

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    De,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub is_admin: bool,
    #[serde(default)]
    pub language: Language,
    pub role_id: Option<String>,
    pub active: bool,
    pub created_at: Millis,
    /// Whether inbound WhatsApp messages ring this user's bell (F15).
    #[serde(default = "alerts_default")]
    pub message_alerts: bool,
    /// Whether the user closed the start page's "what to try" panel (remembered per user).
    #[serde(default)]
    pub welcome_dismissed: bool,
}

fn alerts_default() -> bool {
    true
}

// Hand-written so the password hash never reaches a log line.
impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("is_admin", &self.is_admin)
            .field("role_id", &self.role_id)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRow {
    pub user_id: String,
    pub created_at: Millis,
    pub expires_at: Millis,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiTokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub created_at: Millis,
    pub last_used_at: Option<Millis>,
    pub expires_at: Option<Millis>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    /// The role this one reports to; `None` for a top-level role.
    pub parent_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub member_ids: Vec<String>,
}
