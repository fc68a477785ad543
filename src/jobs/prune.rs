//! Retention: every table that grows with traffic is pruned by a periodic job (every
//! `prune_interval_minutes`, first run at start). Each rule deletes in bounded chunks, one
//! transaction per chunk, deciding inside the transaction that deletes.
//!
//! - `changelog`: entries older than `retention_changelog_days`, but never one the search
//!   indexer has not applied yet, and never the last entry (it carries the sequence on).
//!   Entries carry no time, so each run notes (now, last sequence) in `changelog_marks`; the age
//!   of a sequence is read from there.
//! - `sessions`: once expired.
//! - `notifications`: older than `retention_notification_days`, and beyond the newest
//!   `retention_notifications_per_user` of each user.
//! - `pending_status`: statuses waiting longer than `retention_pending_status_days` for a
//!   message that never came.
//! - `jobs_failed`: after `retention_failed_jobs_days`.
//! - `audit_log`: after `retention_audit_days` (default 365; 0 keeps entries for ever).
//! - `webhook_deliveries`: after `retention_webhook_deliveries_days` (default 30).
//! - `uploads`: after `retention_uploads_hours` (default 24), with each staged file no
//!   remaining upload names (a file that was sent lives on in the blob store with its message).

use std::sync::Arc;

use futures_util::future::BoxFuture;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

use super::{Handler, JobRow, Kind, NewJob, Outcome};
use crate::clock::{DAY_MS, Millis, SharedClock};
use crate::error::Result;
use crate::search::Search;
use crate::store::Store;
use crate::store::tables::{
    AUDIT, CHANGELOG, CHANGELOG_MARKS, JOBS_FAILED, NOTIFICATIONS, PENDING_STATUS, SESSIONS,
    WEBHOOK_DELIVERIES,
};

/// Rows deleted per transaction, so pruning never holds the writer for long.
const CHUNK: usize = 5_000;
const KEY: &str = "prune";

/// The retention rules (from the config).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Retention {
    pub changelog_days: u32,
    pub notification_days: u32,
    pub notifications_per_user: u32,
    pub pending_status_days: u32,
    pub failed_jobs_days: u32,
    pub interval_minutes: u32,
    /// Audit entries kept this long (0: for ever).
    #[serde(default)]
    pub audit_days: u32,
    /// Outgoing-webhook deliveries kept this long.
    #[serde(default)]
    pub webhook_deliveries_days: u32,
    /// Uploads kept this long.
    #[serde(default)]
    pub uploads_hours: u32,
}

impl Retention {
    pub fn from_config(c: &crate::config::Config) -> Self {
        Self {
            changelog_days: c.retention_changelog_days,
            notification_days: c.retention_notification_days,
            notifications_per_user: c.retention_notifications_per_user,
            pending_status_days: c.retention_pending_status_days,
            failed_jobs_days: c.retention_failed_jobs_days,
            interval_minutes: c.prune_interval_minutes.max(1),
            audit_days: c.retention_audit_days,
            webhook_deliveries_days: c.retention_webhook_deliveries_days.max(1),
            uploads_hours: c.retention_uploads_hours.max(1),
        }
    }
}

/// What one run removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    pub changelog: usize,
    pub sessions: usize,
    pub notifications: usize,
    pub pending_statuses: usize,
    pub failed_jobs: usize,
    pub audit: usize,
    pub webhook_deliveries: usize,
    pub uploads: usize,
}

/// Files staged for sending that nobody sent: their owner (attachments) implements this, so
/// retention prunes them without the jobs worker importing it.
pub trait StagedUploads: Send + Sync {
    /// Removes up to `limit` uploads older than `cutoff`; answers how many went.
    fn prune(&self, cutoff: Millis, limit: usize) -> BoxFuture<'static, Result<usize>>;
}

#[derive(Clone)]
pub struct Pruner {
    store: Store,
    clock: SharedClock,
    search: Search,
    rules: Retention,
    uploads: Arc<dyn StagedUploads>,
}

/// The periodic job (one at a time, by its key).
pub fn next_run(due_at: Millis) -> NewJob {
    NewJob {
        kind: Kind::Prune,
        key: Some(KEY.into()),
        payload: serde_json::Value::Null,
        due_at,
        max_attempts: 3,
    }
}

impl Pruner {
    pub fn new(
        store: Store,
        clock: SharedClock,
        search: Search,
        rules: Retention,
        uploads: Arc<dyn StagedUploads>,
    ) -> Arc<Self> {
        Arc::new(Self {
            store,
            clock,
            search,
            rules,
            uploads,
        })
    }

    fn interval_ms(&self) -> Millis {
        Millis::from(self.rules.interval_minutes) * 60_000
    }

    /// Applies every rule once.
    pub async fn prune(&self) -> Result<Pruned> {
        let now = self.clock.now();
        Ok(Pruned {
            changelog: self.changelog(now).await?,
            sessions: self.sessions(now).await?,
            notifications: self.notifications(now).await?,
            pending_statuses: self.pending(now).await?,
            failed_jobs: self.failed_jobs(now).await?,
            audit: self.audit(now).await?,
            webhook_deliveries: self.webhook_deliveries(now).await?,
            uploads: self.uploads(now).await?,
        })
    }

    /// Runs `step` (one transaction deleting at most a chunk) until it deletes less than that.
    async fn chunked<F>(&self, step: F) -> Result<usize>
    where
        F: Fn(&mut crate::store::Tx<'_>) -> Result<usize> + Clone + Send + Sync + 'static,
    {
        let mut total = 0;
        loop {
            let s = step.clone();
            let n = self.store.write(move |tx| s(tx)).await?;
            total += n;
            if n < CHUNK {
                return Ok(total);
            }
        }
    }

    async fn changelog(&self, now: Millis) -> Result<usize> {
        let cutoff = now - Millis::from(self.rules.changelog_days) * DAY_MS;
        let applied = self.search.applied_seq();
        // Note where the log stands now, and find the newest note old enough to prune up to.
        let limit = self
            .store
            .write(move |tx| {
                let last = tx
                    .txn
                    .open_table(CHANGELOG)?
                    .last()?
                    .map_or(0, |(k, _)| k.value());
                let mut marks = tx.txn.open_table(CHANGELOG_MARKS)?;
                marks.insert(now, last)?;
                let old = marks.range(..=cutoff)?.next_back().transpose()?;
                let Some((at, seq)) = old.map(|(k, v)| (k.value(), v.value())) else {
                    return Ok(0);
                };
                // Older notes are no longer needed: the one found stands for them.
                let stale: Vec<Millis> = marks
                    .range(..at)?
                    .map(|r| r.map(|(k, _)| k.value()))
                    .collect::<Result<_, _>>()?;
                for k in stale {
                    marks.remove(k)?;
                }
                Ok(seq.min(applied).min(last.saturating_sub(1)))
            })
            .await?;
        if limit == 0 {
            return Ok(0);
        }
        self.chunked(move |tx| {
            let mut log = tx.txn.open_table(CHANGELOG)?;
            let keys: Vec<u64> = log
                .range(..=limit)?
                .take(CHUNK)
                .map(|r| r.map(|(k, _)| k.value()))
                .collect::<Result<_, _>>()?;
            for k in &keys {
                log.remove(*k)?;
            }
            Ok(keys.len())
        })
        .await
    }

    async fn sessions(&self, now: Millis) -> Result<usize> {
        self.chunked(move |tx| {
            let mut t = tx.txn.open_table(SESSIONS)?;
            let mut expired: Vec<String> = vec![];
            for r in t.iter()? {
                let (k, v) = r?;
                if v.value().is_ok_and(|s| s.expires_at <= now) {
                    expired.push(k.value().to_string());
                    if expired.len() == CHUNK {
                        break;
                    }
                }
            }
            for k in &expired {
                t.remove(k.as_str())?;
            }
            Ok(expired.len())
        })
        .await
    }

    async fn notifications(&self, now: Millis) -> Result<usize> {
        let cutoff = now - Millis::from(self.rules.notification_days) * DAY_MS;
        let keep = usize::try_from(self.rules.notifications_per_user).unwrap_or(usize::MAX);
        self.chunked(move |tx| {
            let mut t = tx.txn.open_table(NOTIFICATIONS)?;
            // Keys are (user, id) and ids are time-ordered: each user's rows come oldest first.
            let mut doomed: Vec<(String, String)> = vec![];
            let mut user: Option<String> = None;
            let mut rows: Vec<(String, Millis)> = vec![];
            let mut flush = |user: &str, rows: &mut Vec<(String, Millis)>| {
                let surplus = rows.len().saturating_sub(keep);
                for (i, (id, at)) in rows.drain(..).enumerate() {
                    if i < surplus || at < cutoff {
                        doomed.push((user.to_string(), id));
                    }
                }
            };
            for r in t.iter()? {
                let (k, v) = r?;
                let (u, id) = k.value();
                if user.as_deref() != Some(u) {
                    if let Some(prev) = user.take() {
                        flush(&prev, &mut rows);
                    }
                    user = Some(u.to_string());
                }
                // A row that does not decode stays for an administrator to look at.
                let Ok(n) = v.value() else { continue };
                rows.push((id.to_string(), n.created_at));
            }
            if let Some(prev) = user.take() {
                flush(&prev, &mut rows);
            }
            doomed.truncate(CHUNK);
            for (u, id) in &doomed {
                t.remove((u.as_str(), id.as_str()))?;
            }
            Ok(doomed.len())
        })
        .await
    }

    async fn pending(&self, now: Millis) -> Result<usize> {
        let cutoff = now - Millis::from(self.rules.pending_status_days) * DAY_MS;
        self.chunked(move |tx| {
            let mut t = tx.txn.open_table(PENDING_STATUS)?;
            let mut old: Vec<String> = vec![];
            for r in t.iter()? {
                let (k, v) = r?;
                // A wamid's statuses go together; the newest decides.
                let Ok(statuses) = v.value() else { continue };
                let newest = statuses.iter().map(|p| p.received_at).max().unwrap_or(0);
                if newest < cutoff {
                    old.push(k.value().to_string());
                    if old.len() == CHUNK {
                        break;
                    }
                }
            }
            for k in &old {
                t.remove(k.as_str())?;
            }
            Ok(old.len())
        })
        .await
    }

    async fn failed_jobs(&self, now: Millis) -> Result<usize> {
        let cutoff = now - Millis::from(self.rules.failed_jobs_days) * DAY_MS;
        self.chunked(move |tx| {
            let mut t = tx.txn.open_table(JOBS_FAILED)?;
            let keys: Vec<(Millis, String)> = t
                .range((Millis::MIN, "")..(cutoff, ""))?
                .take(CHUNK)
                .map(|r| {
                    r.map(|(k, _)| {
                        let (at, id) = k.value();
                        (at, id.to_string())
                    })
                })
                .collect::<Result<_, _>>()?;
            for (at, id) in &keys {
                t.remove((*at, id.as_str()))?;
            }
            Ok(keys.len())
        })
        .await
    }
}

impl Pruner {
    /// Audit entries older than `audit_days` (their ids are time-ordered, so the oldest come
    /// first); 0 keeps them for ever.
    async fn audit(&self, now: Millis) -> Result<usize> {
        if self.rules.audit_days == 0 {
            return Ok(0);
        }
        let cutoff = now - Millis::from(self.rules.audit_days) * DAY_MS;
        self.chunked(move |tx| {
            let mut t = tx.txn.open_table(AUDIT)?;
            let mut keys = vec![];
            for r in t.iter()?.take(CHUNK) {
                let (k, v) = r?;
                let Ok(entry) = v.value() else { continue };
                if entry.at >= cutoff {
                    break;
                }
                keys.push(k.value().to_string());
            }
            for k in &keys {
                t.remove(k.as_str())?;
            }
            Ok(keys.len())
        })
        .await
    }
}

impl Pruner {
    /// Deliveries created before the cutoff. Keyed by subscription first, so each chunk scans
    /// the log once; a chunk that finds nothing old ends the run.
    async fn webhook_deliveries(&self, now: Millis) -> Result<usize> {
        let cutoff = now - Millis::from(self.rules.webhook_deliveries_days) * DAY_MS;
        self.chunked(move |tx| {
            let mut t = tx.txn.open_table(WEBHOOK_DELIVERIES)?;
            let mut keys = vec![];
            for r in t.iter()? {
                let (k, v) = r?;
                if v.value().is_ok_and(|d| d.created_at < cutoff) {
                    let (sub, id) = k.value();
                    keys.push((sub.to_string(), id.to_string()));
                    if keys.len() == CHUNK {
                        break;
                    }
                }
            }
            for (sub, id) in &keys {
                t.remove((sub.as_str(), id.as_str()))?;
            }
            Ok(keys.len())
        })
        .await
    }
}

impl Pruner {
    async fn uploads(&self, now: Millis) -> Result<usize> {
        let cutoff = now - Millis::from(self.rules.uploads_hours) * 3_600_000;
        let mut total = 0;
        loop {
            let n = self.uploads.prune(cutoff, CHUNK).await?;
            total += n;
            if n < CHUNK {
                return Ok(total);
            }
        }
    }
}

impl Handler for Pruner {
    fn kind(&self) -> Kind {
        Kind::Prune
    }

    fn run(&self, _job: JobRow) -> BoxFuture<'static, Outcome> {
        let me = self.clone();
        Box::pin(async move {
            match me.prune().await {
                Ok(p) => {
                    if p != Pruned::default() {
                        tracing::info!(?p, "pruned");
                    }
                    let next = me.clock.now() + me.interval_ms();
                    let now = me.clock.now();
                    Outcome::Done(Some(Box::new(move |tx| {
                        super::enqueue(tx, now, next_run(next)).map(drop)
                    })))
                }
                Err(e) => Outcome::Retry(e.to_string()),
            }
        })
    }

    fn failed(&self, tx: &mut crate::store::Tx<'_>, _job: &JobRow, _reason: &str) -> Result<()> {
        // Keep the schedule going even when a run gave up.
        let now = self.clock.now();
        super::enqueue(tx, now, next_run(now + self.interval_ms())).map(drop)
    }
}
