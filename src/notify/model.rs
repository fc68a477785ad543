//! A notification as stored (`notifications` table, per user).

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notification {
    pub id: String,
    pub user_id: String,
    /// What it is about, e.g. `group`, `message`.
    pub kind: String,
    pub title: String,
    pub body: String,
    /// A client route to open, e.g. `/messages/<conversation>`.
    pub link: Option<String>,
    pub read: bool,
    pub created_at: Millis,
}

impl Notification {
    pub fn new(now: Millis, user_id: &str, kind: &str, title: String, body: &str) -> Self {
        Self {
            id: crate::ids::new_id(now),
            user_id: user_id.to_string(),
            kind: kind.to_string(),
            title,
            body: body.to_string(),
            link: None,
            read: false,
            created_at: now,
        }
    }
}
