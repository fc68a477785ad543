//! Activities on a record: tasks, meetings and calls. An activity is visible exactly when its
//! record is; it has its own owner (who does it), by default its creator.

use redb::{ReadTransaction, ReadableTable, WriteTransaction};
use serde_json::Value;

use super::Crm;
pub use super::model::{Activity, ActivityKind, ActivityStatus};
use super::records::{Access, owner_in, visible_row};
use crate::auth::Viewer;
use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::store::PutRow;
use crate::store::tables::{ACTIVITIES, ACTIVITIES_BY_RECORD};

/// A new activity, or changes to one: `None` leaves a value as it is; `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ActivityChanges {
    pub kind: Option<ActivityKind>,
    pub owner_id: Option<String>,
    pub subject: Option<String>,
    pub description: Option<Option<String>>,
    pub due_at: Option<Option<Millis>>,
    pub start_at: Option<Option<Millis>>,
    pub end_at: Option<Option<Millis>>,
    pub status: Option<ActivityStatus>,
}

impl Crm {
    /// Adds an activity to a record the viewer can see.
    pub async fn create_activity(
        &self,
        viewer: &Viewer,
        module: &str,
        record_id: &str,
        input: ActivityChanges,
    ) -> Result<Activity> {
        let kind = input
            .kind
            .ok_or_else(|| Error::validation("kind", "task, meeting or call"))?;
        if input.subject.is_none() {
            return Err(Error::validation("subject", "a subject is required"));
        }
        let access = self.access(viewer)?;
        let now = self.clock.now();
        let id = crate::ids::new_id(now);
        let (module, record_id) = (module.to_string(), record_id.to_string());
        self.store
            .write(move |tx| {
                let record = visible_row(tx.txn, &access, &module, &record_id)?;
                let mut a = Activity {
                    id: id.clone(),
                    kind,
                    module: record.module,
                    record_id: record.id,
                    owner_id: access.user.clone(),
                    subject: String::new(),
                    description: None,
                    due_at: None,
                    start_at: None,
                    end_at: None,
                    status: ActivityStatus::default(),
                    created_at: now,
                    created_by: access.user.clone(),
                    modified_at: now,
                    modified_by: access.user.clone(),
                };
                apply_changes(tx.txn, &access, &mut a, input.clone())?;
                tx.txn.open_table(ACTIVITIES)?.put(a.id.as_str(), &a)?;
                tx.txn
                    .open_table(ACTIVITIES_BY_RECORD)?
                    .insert((a.module.as_str(), a.record_id.as_str(), a.id.as_str()), ())?;
                emit(tx, &a)?;
                Ok(a)
            })
            .await
    }

    /// Changes an activity whose record the viewer can see, as it is when the change commits.
    pub async fn update_activity(
        &self,
        viewer: &Viewer,
        id: &str,
        input: ActivityChanges,
    ) -> Result<Activity> {
        let access = self.access(viewer)?;
        let now = self.clock.now();
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let old = visible_activity(tx.txn, &access, &id)?;
                let mut a = old.clone();
                apply_changes(tx.txn, &access, &mut a, input.clone())?;
                a.modified_at = now.max(old.modified_at);
                a.modified_by = access.user.clone();
                tx.txn.open_table(ACTIVITIES)?.put(a.id.as_str(), &a)?;
                emit(tx, &a)?;
                Ok(a)
            })
            .await
    }

    pub async fn delete_activity(&self, viewer: &Viewer, id: &str) -> Result<()> {
        let access = self.access(viewer)?;
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let a = visible_activity(tx.txn, &access, &id)?;
                tx.txn.open_table(ACTIVITIES)?.remove(a.id.as_str())?;
                tx.txn.open_table(ACTIVITIES_BY_RECORD)?.remove((
                    a.module.as_str(),
                    a.record_id.as_str(),
                    a.id.as_str(),
                ))?;
                emit(tx, &a)
            })
            .await
    }

    /// The activity, if the viewer can see its record.
    pub fn activity(&self, viewer: &Viewer, id: &str) -> Result<Option<Activity>> {
        let tx = self.store.read()?;
        let Some(t) = open_activities(&tx)? else {
            return Ok(None);
        };
        let Some(a) = t.get(id)?.map(|v| v.value()).transpose()? else {
            return Ok(None);
        };
        Ok(self
            .get(viewer, &a.module, &a.record_id)?
            .is_some()
            .then_some(a))
    }

    /// A record's activities, newest first; `NOT_FOUND` when the viewer cannot see the record.
    pub fn activities(
        &self,
        viewer: &Viewer,
        module: &str,
        record_id: &str,
    ) -> Result<Vec<Activity>> {
        if self.get(viewer, module, record_id)?.is_none() {
            return Err(Error::NotFound("record".into()));
        }
        let tx = self.store.read()?;
        let Some(t) = open_activities(&tx)? else {
            return Ok(vec![]);
        };
        let idx = tx.open_table(ACTIVITIES_BY_RECORD)?;
        let mut out = vec![];
        for k in idx
            .range((module, record_id, "")..=(module, record_id, "\u{10FFFF}"))?
            .rev()
        {
            let (k, _) = k?;
            if let Some(a) = t
                .get(k.value().2)?
                .and_then(|a| crate::store::decoded(a.value()))
            {
                out.push(a);
            }
        }
        Ok(out)
    }
}

/// The activity as the transaction sees it, if `access` may see its record.
fn visible_activity(txn: &WriteTransaction, access: &Access, id: &str) -> Result<Activity> {
    let a = txn
        .open_table(ACTIVITIES)?
        .get(id)?
        .map(|v| v.value())
        .transpose()?
        .ok_or_else(|| Error::NotFound("activity".into()))?;
    visible_row(txn, access, &a.module, &a.record_id)
        .map_err(|_| Error::NotFound("activity".into()))?;
    Ok(a)
}

fn apply_changes(
    txn: &WriteTransaction,
    access: &Access,
    a: &mut Activity,
    c: ActivityChanges,
) -> Result<()> {
    if let Some(k) = c.kind {
        a.kind = k;
    }
    if let Some(s) = c.subject {
        let s = s.trim();
        if s.is_empty() {
            return Err(Error::validation("subject", "a subject is required"));
        }
        if s.chars().count() > 255 {
            return Err(Error::validation("subject", "at most 255 characters"));
        }
        a.subject = s.to_string();
    }
    if let Some(d) = c.description {
        let d = d.filter(|d| !d.trim().is_empty());
        if d.as_ref().is_some_and(|d| d.chars().count() > 32_000) {
            return Err(Error::validation(
                "description",
                "at most 32,000 characters",
            ));
        }
        a.description = d;
    }
    if let Some(o) = c.owner_id {
        a.owner_id = owner_in(txn, access, Some(&Value::from(o))).map_err(|_| {
            Error::validation(
                "ownerId",
                "no such user, or not one you may assign activities to",
            )
        })?;
    }
    if let Some(t) = c.due_at {
        a.due_at = t;
    }
    if let Some(t) = c.start_at {
        a.start_at = t;
    }
    if let Some(t) = c.end_at {
        a.end_at = t;
    }
    if let Some(s) = c.status {
        a.status = s;
    }
    if a.kind == ActivityKind::Meeting && a.start_at.is_none() {
        return Err(Error::validation("startAt", "a meeting needs a start time"));
    }
    if a.end_at.is_some() && a.start_at.is_none() {
        return Err(Error::validation("startAt", "an end needs a start time"));
    }
    if let (Some(s), Some(e)) = (a.start_at, a.end_at)
        && e < s
    {
        return Err(Error::validation("endAt", "the end is before the start"));
    }
    Ok(())
}

fn open_activities(
    tx: &ReadTransaction,
) -> Result<Option<redb::ReadOnlyTable<&'static str, crate::store::Json<Activity>>>> {
    match tx.open_table(ACTIVITIES) {
        Ok(t) => Ok(Some(t)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn emit(tx: &mut crate::store::Tx<'_>, a: &Activity) -> Result<()> {
    tx.emit(Event::ActivityChanged {
        activity_id: a.id.clone(),
        module: a.module.clone(),
        record_id: a.record_id.clone(),
    })
}
