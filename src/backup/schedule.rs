//! Scheduled backups, as a durable job that schedules its next run.

use std::path::PathBuf;

use super::{backup_to_file, io};
use crate::error::Result;
use crate::store::Store;

/// Scheduled backups: a job (one at a time, by its key) that writes
/// `<backup_dir>/parley-<UTC time>.pbk`, keeps the newest `keep`, and schedules the next.
pub struct Scheduled {
    store: Store,
    clock: crate::clock::SharedClock,
    data_dir: PathBuf,
    dir: PathBuf,
    interval_ms: i64,
    keep: usize,
}

const SCHEDULE_KEY: &str = "backup";

pub fn next_backup(due_at: i64) -> crate::jobs::NewJob {
    crate::jobs::NewJob {
        kind: crate::jobs::Kind::Backup,
        key: Some(SCHEDULE_KEY.into()),
        payload: serde_json::Value::Null,
        due_at,
        max_attempts: 3,
    }
}

impl Scheduled {
    pub fn new(
        store: Store,
        clock: crate::clock::SharedClock,
        config: &crate::config::Config,
    ) -> Option<std::sync::Arc<Self>> {
        let dir = config.backup_dir.clone()?;
        Some(std::sync::Arc::new(Self {
            store,
            clock,
            data_dir: config.data_dir.clone(),
            dir,
            interval_ms: i64::from(config.backup_interval_hours.max(1)) * 3_600_000,
            keep: usize::try_from(config.backup_keep.max(1)).unwrap_or(1),
        }))
    }

    /// Writes one backup now and deletes the oldest beyond `keep`; answers its path.
    pub fn run_once(&self) -> Result<PathBuf> {
        std::fs::create_dir_all(&self.dir).map_err(io("creating the backup dir"))?;
        let now = self.clock.now();
        let stamp = crate::clock::to_datetime(now).format("%Y%m%dT%H%M%SZ");
        let out = self.dir.join(format!("parley-{stamp}.pbk"));
        backup_to_file(&self.store, &self.data_dir, now, &out)?;
        let mut all: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map_err(io("reading the backup dir"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("parley-") && n.ends_with(".pbk"))
            })
            .collect();
        all.sort();
        let excess = all.len().saturating_sub(self.keep);
        for old in all.into_iter().take(excess) {
            let _ = std::fs::remove_file(old);
        }
        Ok(out)
    }
}

impl crate::jobs::Handler for Scheduled {
    fn kind(&self) -> crate::jobs::Kind {
        crate::jobs::Kind::Backup
    }
    fn run(
        &self,
        _job: crate::jobs::JobRow,
    ) -> futures_util::future::BoxFuture<'static, crate::jobs::Outcome> {
        use crate::jobs::Outcome;
        let me = Self {
            store: self.store.clone(),
            clock: self.clock.clone(),
            data_dir: self.data_dir.clone(),
            dir: self.dir.clone(),
            interval_ms: self.interval_ms,
            keep: self.keep,
        };
        Box::pin(async move {
            let interval = me.interval_ms;
            let done = tokio::task::spawn_blocking(move || {
                let r = me.run_once();
                (r, me.clock.now())
            })
            .await;
            match done {
                Ok((Ok(path), now)) => {
                    tracing::info!(path = %path.display(), "scheduled backup written");
                    Outcome::Done(Some(Box::new(move |tx: &mut crate::store::Tx<'_>| {
                        crate::jobs::enqueue(tx, now, next_backup(now + interval)).map(|_| ())
                    })))
                }
                Ok((Err(e), _)) => Outcome::Retry(e.to_string()),
                Err(e) => Outcome::Retry(e.to_string()),
            }
        })
    }
    fn failed(
        &self,
        tx: &mut crate::store::Tx<'_>,
        _job: &crate::jobs::JobRow,
        reason: &str,
    ) -> Result<()> {
        tracing::error!(
            reason,
            "scheduled backup failed; trying again at the next interval"
        );
        let now = self.clock.now();
        crate::jobs::enqueue(tx, now, next_backup(now + self.interval_ms)).map(|_| ())
    }
}
