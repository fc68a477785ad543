//! Notifications: the bell in the top bar. Each is stored per user and announced on the bus,
//! so the count survives a reload and arrives live.

use redb::ReadableTable;
use serde::{Deserialize, Serialize};

use crate::clock::Millis;
use crate::error::Result;
use crate::events::Event;
use crate::store::PutRow;
use crate::store::tables::NOTIFICATIONS;
use crate::store::{Store, Tx};

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

/// Stores `n` in the caller's transaction and announces it after the commit.
pub fn insert(tx: &mut Tx<'_>, n: Notification) -> Result<()> {
    tx.txn
        .open_table(NOTIFICATIONS)?
        .put((n.user_id.as_str(), n.id.as_str()), &n)?;
    tx.emit(Event::Notified {
        user_id: n.user_id.clone(),
        notification_id: n.id.clone(),
    })
}

pub fn get(store: &Store, user_id: &str, id: &str) -> Result<Option<Notification>> {
    Ok(store
        .read()?
        .open_table(NOTIFICATIONS)?
        .get((user_id, id))?
        .map(|v| v.value())
        .transpose()?)
}

/// The user's notifications, newest first.
pub fn list(store: &Store, user_id: &str) -> Result<Vec<Notification>> {
    let tx = store.read()?;
    let t = tx.open_table(NOTIFICATIONS)?;
    let mut out: Vec<Notification> = t
        .range((user_id, "")..=(user_id, "\u{10FFFF}"))?
        .map(|r| {
            r.map_err(crate::error::Error::from)
                .and_then(|(_, v)| v.value().map_err(Into::into))
        })
        .collect::<Result<_, _>>()?;
    out.reverse();
    Ok(out)
}

pub async fn mark_all_read(store: &Store, user_id: &str) -> Result<()> {
    let user_id = user_id.to_string();
    store
        .write(move |tx| {
            let mut t = tx.txn.open_table(NOTIFICATIONS)?;
            let unread: Vec<Notification> = t
                .range((user_id.as_str(), "")..=(user_id.as_str(), "\u{10FFFF}"))?
                .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
                .filter(|n| !n.read)
                .collect();
            for mut n in unread {
                n.read = true;
                t.put((n.user_id.as_str(), n.id.as_str()), &n)?;
            }
            Ok(())
        })
        .await
}
