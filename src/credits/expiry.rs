//! A hold whose message never gets a billing status would keep its credits forever. Meta retries
//! an undelivered message for at most 30 days and bills only what it delivers, so a hold still
//! held after [`HOLD_LIFETIME`] is released: one durable job per billable send, due then, which
//! does nothing when a status has charged or released the hold meanwhile.

use std::sync::Arc;

use futures_util::future::BoxFuture;

use super::model::HoldState;
use crate::clock::{DAY_MS, Millis, SharedClock};
use crate::error::Result;
use crate::events::Event;
use crate::jobs::{Handler, JobRow, Kind, NewJob, Outcome};
use crate::store::tables::HOLDS;
use crate::store::{PutRow, Tx};

pub const HOLD_LIFETIME: Millis = 30 * DAY_MS;

/// The job that expires `message_id`'s hold (one per send, by its key).
pub fn job(message_id: &str, now: Millis) -> NewJob {
    NewJob {
        kind: Kind::HoldExpiry,
        key: Some(format!("hold-expiry:{message_id}")),
        payload: serde_json::json!({ "message_id": message_id }),
        due_at: now + HOLD_LIFETIME,
        max_attempts: 5,
    }
}

/// Releases the hold if it is still held, in the caller's transaction.
pub fn expire(tx: &mut Tx<'_>, message_id: &str, now: Millis) -> Result<()> {
    let hold = super::charging::hold(tx, message_id)?;
    let Some(mut hold) = hold.filter(|h| h.state == HoldState::Held) else {
        return Ok(());
    };
    super::charging::release(tx, message_id)?;
    hold.state = HoldState::Released;
    hold.expired_at = Some(now);
    tx.txn.open_table(HOLDS)?.put(message_id, &hold)?;
    // What is held shows on the credits page, which follows wallet changes.
    tx.emit(Event::WalletChanged {
        ledger_entry_id: None,
    })?;
    tracing::info!(
        message = message_id,
        "credit hold expired without a billing status"
    );
    Ok(())
}

/// Runs `hold_expiry` jobs.
pub struct HoldExpirer {
    clock: SharedClock,
}

impl HoldExpirer {
    pub fn new(clock: SharedClock) -> Arc<Self> {
        Arc::new(Self { clock })
    }
}

impl Handler for HoldExpirer {
    fn kind(&self) -> Kind {
        Kind::HoldExpiry
    }

    fn run(&self, job: JobRow) -> BoxFuture<'static, Outcome> {
        let now = self.clock.now();
        let id = job
            .payload
            .get("message_id")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        Box::pin(async move {
            Outcome::Done(Some(Box::new(move |tx: &mut Tx<'_>| expire(tx, &id, now))))
        })
    }
}
