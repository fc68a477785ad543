//! Notifications: the bell in the top bar. Each is stored per user and announced on the bus,
//! so the count survives a reload and arrives live. [`Notifications`] owns the table: reads
//! and marking read go through the service held by `App`; other services ring the bell inside
//! their own write transaction through its associated functions ([`Notifications::ring`],
//! [`Notifications::ring_admins`]), so a notification is durable exactly when the change it
//! tells of is. Titles and bodies are written in each recipient's language.

pub mod model;

pub use model::Notification;

use redb::ReadableTable;

use crate::auth::User;
use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::i18n::{Lang, Text};
use crate::store::PutRow;
use crate::store::tables::{GROUPS, NOTIFICATIONS, USERS};
use crate::store::{Store, Tx};

/// At most this many ids are marked read by one request.
const MAX_MARK_IDS: usize = 100;

/// The bell's owner (one per `App`).
#[derive(Clone)]
pub struct Notifications {
    store: Store,
}

/// A notification for every active administrator (quality, credits, webhooks), in each one's
/// language.
pub struct AdminAlert<'a> {
    /// What it is about, e.g. `quality`, `credits`, `webhook`.
    pub kind: &'a str,
    pub title: Text,
    pub body: Text,
    /// The client route that fixes it, e.g. `/settings/credits`.
    pub link: &'a str,
}

impl Notifications {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    pub fn get(&self, user_id: &str, id: &str) -> Result<Option<Notification>> {
        Ok(self
            .store
            .read()?
            .open_table(NOTIFICATIONS)?
            .get((user_id, id))?
            .map(|v| v.value())
            .transpose()?)
    }

    /// The user's notifications, newest first.
    pub fn list(&self, user_id: &str) -> Result<Vec<Notification>> {
        let tx = self.store.read()?;
        let t = tx.open_table(NOTIFICATIONS)?;
        let mut out: Vec<Notification> = t
            .range((user_id, "")..=(user_id, "\u{10FFFF}"))?
            .map(|r| {
                r.map_err(Error::from)
                    .and_then(|(_, v)| v.value().map_err(Into::into))
            })
            .collect::<Result<_, _>>()?;
        out.reverse();
        Ok(out)
    }

    pub async fn mark_all_read(&self, user_id: &str) -> Result<()> {
        let user_id = user_id.to_string();
        self.store
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
    pub async fn mark_read(&self, user_id: &str, ids: Vec<String>) -> Result<()> {
        let user_id = user_id.to_string();
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(NOTIFICATIONS)?;
                for id in ids.iter().take(MAX_MARK_IDS) {
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

    /// Stores `n` in the caller's transaction and announces it after the commit.
    pub fn ring(tx: &mut Tx<'_>, n: Notification) -> Result<()> {
        tx.txn
            .open_table(NOTIFICATIONS)?
            .put((n.user_id.as_str(), n.id.as_str()), &n)?;
        tx.emit(Event::Notified {
            user_id: n.user_id.clone(),
            notification_id: n.id.clone(),
        })
    }

    /// Rings the bell of every active administrator, each in their language.
    pub fn ring_admins(tx: &mut Tx<'_>, now: Millis, alert: &AdminAlert<'_>) -> Result<()> {
        let admins: Vec<User> = tx
            .txn
            .open_table(USERS)?
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, u)| u.value().ok()))
            .filter(|u: &User| u.active && u.is_admin)
            .collect();
        for a in admins {
            let lang = Lang::from(a.language);
            let mut n = Notification::new(
                now,
                &a.id,
                alert.kind,
                alert.title.in_lang(lang),
                &alert.body.in_lang(lang),
            );
            n.link = Some(alert.link.to_string());
            Self::ring(tx, n)?;
        }
        Ok(())
    }

    /// Follows events in the transaction that emits them (registered with `Store::react` by
    /// `App::open`): a user added to a group is told so, in their language.
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
            let lang = tx
                .txn
                .open_table(USERS)?
                .get(user_id.as_str())?
                .map(|v| v.value())
                .transpose()?
                .map(|u: User| Lang::from(u.language))
                .unwrap_or_default();
            let title = Text::new(
                format!("You were added to the group {}", group.name),
                format!("Sie wurden der Gruppe {} hinzugefügt", group.name),
            );
            Self::ring(
                tx,
                Notification::new(*at, user_id, "group", title.in_lang(lang), ""),
            )?;
        }
        Ok(())
    }
}
