//! Notifications: the bell in the top bar. Each is stored per user and announced on the bus,
//! so the count survives a reload and arrives live.

pub mod model;

pub use model::Notification;

use redb::ReadableTable;

use crate::error::Result;
use crate::events::Event;
use crate::store::PutRow;
use crate::store::tables::{GROUPS, NOTIFICATIONS};
use crate::store::{Store, Tx};

/// Follows events in the transaction that emits them (registered with `Store::react` by
/// `App::open`): a user added to a group is told so.
pub fn react(tx: &mut Tx<'_>, event: &Event) -> Result<()> {
    let Event::GroupMembersAdded {
        group_id,
        user_ids,
        at,
    } = event
    else {
        return Ok(());
    };
    let Some(group) = tx
        .txn
        .open_table(GROUPS)?
        .get(group_id.as_str())?
        .map(|v| v.value())
        .transpose()?
    else {
        return Ok(());
    };
    for user_id in user_ids {
        let title = format!("You were added to the group {}", group.name);
        insert(tx, Notification::new(*at, user_id, "group", title, ""))?;
    }
    Ok(())
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

/// Marks the user's notifications with these ids read (opening one in the bell); ids of
/// other users' notifications, unknown ids and ones already read change nothing.
pub async fn mark_read(store: &Store, user_id: &str, ids: Vec<String>) -> Result<()> {
    const MAX_IDS: usize = 100;
    let user_id = user_id.to_string();
    store
        .write(move |tx| {
            let mut t = tx.txn.open_table(NOTIFICATIONS)?;
            for id in ids.iter().take(MAX_IDS) {
                let found = t
                    .get((user_id.as_str(), id.as_str()))?
                    .map(|v| v.value())
                    .transpose()?;
                if let Some(mut n) = found.filter(|n: &Notification| !n.read) {
                    n.read = true;
                    t.put((n.user_id.as_str(), n.id.as_str()), &n)?;
                }
            }
            Ok(())
        })
        .await
}
