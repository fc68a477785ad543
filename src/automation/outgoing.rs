//! The OUTGOING_WEBHOOK action: a signed JSON POST describing the record and what set the
//! action off, delivered by a durable job of its own (`jobs::Kind::AutomationWebhook`).
//!
//! - **Queued, not fired and forgotten.** Running the action only queues the delivery, in the
//!   transaction that runs the rule, transition or journey step; the body (with its `id`) is
//!   fixed then, so every attempt sends the same bytes and a receiver can dedupe on `id`.
//! - **The contract's shape and signature.** `{ "id", "event", "at", "data" }` with `event`
//!   `automation.rule`, `automation.blueprint` or `automation.journey` and `data`
//!   `{ "automation": { type, id, name }, "trigger": {…}, "record": { module, id, ownerId,
//!   values, createdAt, modifiedAt } }`; `X-Parley-Signature: sha256=<hex HMAC-SHA256 of the
//!   raw body>` with the action's secret (an action without a secret posts unsigned).
//! - **Retries** on no answer or a non-2xx answer, on the outgoing webhooks' schedule (10 s,
//!   30 s, 2 min, 10 min, … 8 h; `webhook_max_attempts` tries in all), on the app's clock.
//! - **Addresses** are checked at each attempt like subscriptions' (`webhooks::resolve_checked`):
//!   loopback and private addresses are refused unless allowed (the demo allows loopback).
//! - **Failures show on the owner.** A failed attempt sets the rule's, blueprint's or journey's
//!   `lastError` and adds a run to its history; the last failed attempt also counts as a failure.

use std::sync::Arc;

use futures_util::future::BoxFuture;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::actions::{OwnerKind, Source};
use super::engine::add_run;
use super::model::*;
use crate::clock::{Millis, SharedClock};
use crate::crm::model::RecordRow;
use crate::error::{Error, Result};
use crate::jobs::{self, Handler, JobRow, Kind, NewJob, Outcome};
use crate::store::tables::{AUTO_BLUEPRINTS, AUTO_JOURNEYS, AUTO_RULES};
use crate::store::{PutRow, Tx};
use crate::webhooks::{Attempt, Webhooks, retry_delay_ms};

/// One attempt's job.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct HookJob {
    owner: OwnerKind,
    owner_id: String,
    module: String,
    record_id: String,
    url: String,
    secret_sealed: Option<String>,
    delivery_id: String,
    body: String,
    /// Attempts made before this one.
    tries: u32,
    max: u32,
}

/// Queues the action's delivery (in the caller's transaction); answers the run's note.
pub fn queue(
    tx: &mut Tx<'_>,
    a: &Action,
    src: &Source,
    record: &RecordRow,
    max: u32,
    now: Millis,
) -> Result<String> {
    let url = a
        .url
        .clone()
        .ok_or_else(|| Error::validation("url", "the action has no URL"))?;
    let id = crate::ids::new_id(now);
    let kind = match src.kind {
        OwnerKind::Rule => "rule",
        OwnerKind::Blueprint => "blueprint",
        OwnerKind::Journey => "journey",
    };
    let body = json!({
        "id": id,
        "event": format!("automation.{kind}"),
        "at": crate::clock::to_rfc3339(now),
        "data": {
            "automation": { "type": kind, "id": src.id, "name": src.name },
            "trigger": src.trigger,
            "record": {
                "module": record.module,
                "id": record.id,
                "ownerId": record.owner_id,
                "values": record.values,
                "createdAt": crate::clock::to_rfc3339(record.created_at),
                "modifiedAt": crate::clock::to_rfc3339(record.modified_at),
            },
        },
    })
    .to_string();
    let job = HookJob {
        owner: src.kind,
        owner_id: src.id.clone(),
        module: src.module.clone(),
        record_id: record.id.clone(),
        url: url.clone(),
        secret_sealed: a.secret_sealed.clone(),
        delivery_id: id.clone(),
        body,
        tries: 0,
        max: max.max(1),
    };
    enqueue(tx, &job, now, now)?;
    Ok(format!("webhook to {url} queued (delivery {id})"))
}

fn enqueue(tx: &mut Tx<'_>, job: &HookJob, now: Millis, due: Millis) -> Result<()> {
    jobs::enqueue(
        tx,
        now,
        NewJob {
            kind: Kind::AutomationWebhook,
            key: Some(format!("autohook:{}:{}", job.delivery_id, job.tries)),
            payload: serde_json::to_value(job)
                .map_err(|e| Error::Internal(format!("webhook job: {e}")))?,
            due_at: due,
            max_attempts: 3,
        },
    )?;
    Ok(())
}

/// Runs delivery attempts.
pub struct Deliverer {
    hooks: Webhooks,
    clock: SharedClock,
}

impl Deliverer {
    pub fn new(hooks: Webhooks, clock: SharedClock) -> Arc<Self> {
        Arc::new(Self { hooks, clock })
    }
}

impl Handler for Deliverer {
    fn kind(&self) -> Kind {
        Kind::AutomationWebhook
    }

    fn concurrency(&self) -> usize {
        8
    }

    fn run(&self, job: JobRow) -> BoxFuture<'static, Outcome> {
        let (hooks, clock) = (self.hooks.clone(), self.clock.clone());
        Box::pin(async move {
            let j: HookJob = match serde_json::from_value(job.payload) {
                Ok(j) => j,
                Err(e) => return Outcome::Fail(format!("unreadable webhook job: {e}")),
            };
            let attempt = hooks
                .post_sealed(&j.url, j.secret_sealed.as_deref(), &j.body)
                .await;
            let now = clock.now();
            Outcome::Done(Some(Box::new(move |tx: &mut Tx<'_>| {
                settle(tx, &j, &attempt, now)
            })))
        })
    }
}

/// Records an attempt's outcome: a run on the owner, its last error when it failed, the next
/// attempt when there are tries left, a failure when not.
fn settle(tx: &mut Tx<'_>, j: &HookJob, attempt: &Attempt, now: Millis) -> Result<()> {
    let tries = j.tries + 1;
    let ok = attempt.error.is_none();
    let give_up = !ok && tries >= j.max;
    let error = attempt.error.clone().unwrap_or_default();
    let detail = if ok {
        format!(
            "OUTGOING_WEBHOOK to {} delivered (HTTP {}, attempt {tries})",
            j.url,
            attempt.status_code.unwrap_or_default()
        )
    } else if give_up {
        format!(
            "OUTGOING_WEBHOOK to {} failed for good after {tries} attempts: {error}",
            j.url
        )
    } else {
        let delay = retry_delay_ms(tries);
        enqueue(tx, &HookJob { tries, ..j.clone() }, now, now + delay)?;
        format!(
            "OUTGOING_WEBHOOK to {} failed (attempt {tries} of {}): {error}; next attempt in {} s",
            j.url,
            j.max,
            delay / 1000
        )
    };
    if !ok {
        note_failure(tx, j, &detail, give_up)?;
    }
    add_run(
        tx,
        &j.owner_id,
        &RunRow {
            id: crate::ids::new_id(now),
            at: now,
            module: j.module.clone(),
            record_id: j.record_id.clone(),
            ok,
            detail,
        },
    )
}

/// Sets the owner's last error (and counts a failure when the delivery gave up).
fn note_failure(tx: &mut Tx<'_>, j: &HookJob, detail: &str, counts: bool) -> Result<()> {
    let key = (j.module.as_str(), j.owner_id.as_str());
    let bump = |last: &mut Option<String>, failures: &mut u64| {
        *last = Some(detail.to_string());
        if counts {
            *failures += 1;
        }
    };
    match j.owner {
        OwnerKind::Rule => {
            let mut t = tx.txn.open_table(AUTO_RULES)?;
            let row = t.get(key)?.map(|v| v.value()).transpose()?;
            if let Some(mut r) = row {
                bump(&mut r.last_error, &mut r.failures);
                t.put(key, &r)?;
            }
        }
        OwnerKind::Blueprint => {
            let mut t = tx.txn.open_table(AUTO_BLUEPRINTS)?;
            let row = t.get(key)?.map(|v| v.value()).transpose()?;
            if let Some(mut r) = row {
                bump(&mut r.last_error, &mut r.failures);
                t.put(key, &r)?;
            }
        }
        OwnerKind::Journey => {
            let mut t = tx.txn.open_table(AUTO_JOURNEYS)?;
            let row = t.get(key)?.map(|v| v.value()).transpose()?;
            if let Some(mut r) = row {
                bump(&mut r.last_error, &mut r.failures);
                t.put(key, &r)?;
            }
        }
    }
    Ok(())
}
