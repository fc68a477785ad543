//! Outgoing webhooks (N7): administrators subscribe a URL to events; each delivery is a JSON
//! POST `{ "id", "event", "at", "data" }` signed with `X-Parley-Signature: sha256=<hex HMAC-SHA256
//! of the raw body with the subscription's secret>`.
//!
//! - **Durable.** A follower reads the change log from its own cursor (`meta`
//!   `webhook_seq`) and, in one transaction, records a delivery per matching subscription, enqueues
//!   its job and moves the cursor: a crash delivers at least once, never zero times.
//! - **Retries over hours.** A failed attempt (no answer, or not 2xx) is retried after 10 s,
//!   30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h (`webhook_max_attempts`, default 10 tries:
//!   about 16 hours). Every attempt is in the delivery log with its status code or error.
//! - **Disabling.** After `webhook_disable_after` (default 5) deliveries in a row failed for
//!   good, the subscription is switched off and every active administrator's bell rings.
//! - **Addresses.** The host is resolved at each attempt and the request pinned to the checked
//!   address; loopback, private, link-local and other non-public addresses are refused unless
//!   `webhook_allow_private` (or, for loopback only, `webhook_allow_loopback`; the demo sets
//!   it). Redirects are not followed.

mod deliver;
pub mod model;
pub mod net;

use std::sync::Arc;
use std::time::Duration;

use redb::ReadableTable;
use serde_json::{Value, json};

use crate::audit::{self, Actor};
use crate::auth::Viewer;
use crate::clock::{Millis, SharedClock};
use crate::error::{Error, Result};
use crate::events::{Bus, Event};
use crate::jobs::{self, Jobs, Kind, NewJob};
use crate::secrets::Sealer;
use crate::store::PutRow;
use crate::store::tables::{
    CHANGELOG, CONVERSATIONS, MESSAGES, META, RECORDS, WEBHOOK_DELIVERIES, WEBHOOK_SUBS,
};
use crate::store::{Store, Stored, Tx, all_rows};
pub use deliver::Deliverer;
pub use model::{Attempt, Delivery, DeliveryStatus, Subscription};
pub use net::{address_allowed, check_url, parse_url, post_signed, resolve_checked, sign};

/// Events a subscription may ask for.
pub const EVENTS: &[&str] = &[
    "message.received",
    "message.status",
    "record.created",
    "record.updated",
    "record.deleted",
];
/// The event `sendTestWebhook` delivers (to its one subscription, whatever it asked for).
pub const TEST_EVENT: &str = "webhook.test";
const CURSOR: &str = "webhook_seq";
/// The wait before the next attempt after `tries` failed ones (10 s, 30 s, 2 min, … 8 h), in ms.
pub fn retry_delay_ms(tries: u32) -> Millis {
    RETRY_DELAYS_S
        .get(usize::try_from(tries).unwrap_or(0).saturating_sub(1))
        .copied()
        .unwrap_or(28_800)
        * 1000
}

/// Delay before retry n (n = attempts made so far, from 1).
const RETRY_DELAYS_S: &[i64] = &[10, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800];
/// Change-log entries handled per follower transaction.
const BATCH: usize = 500;
/// Delivery-log rows kept per subscription (oldest go first).
pub const LOG_KEEP: usize = 1000;

#[derive(Debug, Clone)]
pub struct Settings {
    pub allow_private: bool,
    pub allow_loopback: bool,
    pub max_attempts: u32,
    pub disable_after: u32,
}

#[derive(Clone)]
pub struct Webhooks {
    inner: Arc<Shared>,
}

struct Shared {
    store: Store,
    clock: SharedClock,
    sealer: Sealer,
    jobs: Jobs,
    settings: Settings,
}

impl Webhooks {
    pub fn new(
        store: Store,
        clock: SharedClock,
        sealer: Sealer,
        jobs: Jobs,
        settings: Settings,
    ) -> Self {
        Self {
            inner: Arc::new(Shared {
                store,
                clock,
                sealer,
                jobs,
                settings,
            }),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// Seals a signing secret for storage (automation's OUTGOING_WEBHOOK actions keep theirs so).
    pub fn seal(&self, secret: &str) -> Result<String> {
        self.inner.sealer.seal(secret)
    }

    /// One signed POST of `body` to `url`, with the secret sealed by [`Webhooks::seal`] (none:
    /// unsigned). An unreadable secret is a failed attempt.
    pub async fn post(&self, url: &str, secret: Option<&str>, body: &str) -> Attempt {
        post_signed(
            url,
            secret,
            body,
            &self.inner.settings,
            self.inner.clock.now(),
        )
        .await
    }

    /// Like [`Webhooks::post`], opening a sealed secret first.
    pub async fn post_sealed(&self, url: &str, sealed: Option<&str>, body: &str) -> Attempt {
        let secret = match sealed.map(|s| self.inner.sealer.open(s)).transpose() {
            Ok(s) => s,
            Err(e) => {
                return Attempt {
                    at: self.inner.clock.now(),
                    status_code: None,
                    error: Some(format!("cannot open the secret: {e}")),
                };
            }
        };
        self.post(url, secret.as_deref(), body).await
    }

    /// Creates a subscription; answers it with its secret (shown this once).
    pub async fn create(
        &self,
        viewer: &Viewer,
        url: &str,
        events: Vec<String>,
    ) -> Result<(Subscription, String)> {
        viewer.require_admin()?;
        let parsed = parse_url(url)?;
        resolve_checked(&parsed, &self.inner.settings).await?;
        let mut events: Vec<String> = events.into_iter().map(|e| e.trim().to_string()).collect();
        events.sort();
        events.dedup();
        if events.is_empty() {
            return Err(Error::validation("events", "choose at least one event"));
        }
        if let Some(bad) = events.iter().find(|e| !EVENTS.contains(&e.as_str())) {
            return Err(Error::validation(
                "events",
                format!("unknown event {bad} (known: {})", EVENTS.join(", ")),
            ));
        }
        let secret = format!("whsec_{}", crate::ids::secret());
        let now = self.inner.clock.now();
        let sub = Subscription {
            id: crate::ids::new_id(now),
            url: parsed.to_string(),
            events,
            secret_sealed: self.inner.sealer.seal(&secret)?,
            active: true,
            created_at: now,
            created_by: Some(viewer.id().to_string()),
            consecutive_failures: 0,
            disabled_at: None,
            disabled_reason: None,
        };
        let (row, actor) = (sub.clone(), Actor::from(viewer));
        self.inner
            .store
            .write(move |tx| {
                tx.txn
                    .open_table(WEBHOOK_SUBS)?
                    .put(row.id.as_str(), &row)?;
                audit::record(
                    tx,
                    now,
                    &actor,
                    "webhook.create",
                    Some(&row.url),
                    json!({ "subscriptionId": row.id, "events": row.events }),
                )
            })
            .await?;
        Ok((sub, secret))
    }

    pub fn list(&self, viewer: &Viewer) -> Result<Vec<Subscription>> {
        viewer.require_admin()?;
        let tx = self.inner.store.read()?;
        all_rows(&tx.open_table(WEBHOOK_SUBS)?)
    }

    pub fn get(&self, id: &str) -> Result<Option<Subscription>> {
        let tx = self.inner.store.read()?;
        Ok(tx
            .open_table(WEBHOOK_SUBS)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?)
    }

    /// Deletes a subscription and its delivery log; waiting deliveries end at their next try.
    pub async fn delete(&self, viewer: &Viewer, id: &str) -> Result<()> {
        viewer.require_admin()?;
        let (id, actor, now) = (id.to_string(), Actor::from(viewer), self.inner.clock.now());
        self.inner
            .store
            .write(move |tx| {
                let sub = tx
                    .txn
                    .open_table(WEBHOOK_SUBS)?
                    .remove(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .ok_or_else(|| Error::NotFound("webhook subscription".into()))?;
                let mut log = tx.txn.open_table(WEBHOOK_DELIVERIES)?;
                let keys: Vec<String> = log
                    .range((id.as_str(), "")..=(id.as_str(), "\u{10FFFF}"))?
                    .map(|r| r.map(|(k, _)| k.value().1.to_string()))
                    .collect::<Result<_, _>>()?;
                for k in keys {
                    log.remove((id.as_str(), k.as_str()))?;
                }
                drop(log);
                audit::record(
                    tx,
                    now,
                    &actor,
                    "webhook.delete",
                    Some(&sub.url),
                    json!({ "subscriptionId": sub.id }),
                )
            })
            .await
    }

    /// Switches a subscription back on (or off) by hand.
    pub async fn set_active(
        &self,
        viewer: &Viewer,
        id: &str,
        active: bool,
    ) -> Result<Subscription> {
        viewer.require_admin()?;
        let (id, actor, now) = (id.to_string(), Actor::from(viewer), self.inner.clock.now());
        self.inner
            .store
            .write(move |tx| {
                let mut t = tx.txn.open_table(WEBHOOK_SUBS)?;
                let mut sub = t
                    .get(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .ok_or_else(|| Error::NotFound("webhook subscription".into()))?;
                sub.active = active;
                if active {
                    sub.consecutive_failures = 0;
                    sub.disabled_at = None;
                    sub.disabled_reason = None;
                }
                t.put(sub.id.as_str(), &sub)?;
                drop(t);
                audit::record(
                    tx,
                    now,
                    &actor,
                    if active {
                        "webhook.enable"
                    } else {
                        "webhook.disable"
                    },
                    Some(&sub.url),
                    json!({ "subscriptionId": sub.id }),
                )?;
                Ok(sub)
            })
            .await
    }

    /// The newest `first` deliveries of a subscription.
    pub fn deliveries(&self, viewer: &Viewer, id: &str, first: usize) -> Result<Vec<Delivery>> {
        viewer.require_admin()?;
        let tx = self.inner.store.read()?;
        let t = tx.open_table(WEBHOOK_DELIVERIES)?;
        let rows = t
            .range((id, "")..=(id, "\u{10FFFF}"))?
            .rev()
            .take(first)
            .map(|r| {
                r.map_err(crate::error::Error::from)
                    .and_then(|(_, v)| v.value().map_err(Into::into))
            })
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Queues a `webhook.test` delivery to the subscription (active or not: it is how one
    /// checks a receiver before switching it back on), through the same durable queue, and
    /// audits it.
    pub async fn send_test(&self, viewer: &Viewer, id: &str) -> Result<Delivery> {
        viewer.require_admin()?;
        let (id, actor, now) = (id.to_string(), Actor::from(viewer), self.inner.clock.now());
        let max = self.inner.settings.max_attempts;
        let d = self
            .inner
            .store
            .write(move |tx| {
                let sub = tx
                    .txn
                    .open_table(WEBHOOK_SUBS)?
                    .get(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .ok_or_else(|| Error::NotFound("webhook subscription".into()))?;
                let data =
                    json!({ "subscriptionId": sub.id, "message": "a test event from Parley" });
                let d = queue(tx, now, &sub, TEST_EVENT, data, max)?;
                audit::record(
                    tx,
                    now,
                    &actor,
                    "webhook.test",
                    Some(&sub.url),
                    json!({ "subscriptionId": sub.id, "deliveryId": d.id }),
                )?;
                Ok(d)
            })
            .await?;
        self.inner.jobs.wake();
        Ok(d)
    }

    /// The follower: turns committed events into queued deliveries, until `stop`.
    pub async fn run_follower(self, bus: Bus, mut stop: crate::service::Stop) -> Result<()> {
        let mut rx = bus.subscribe();
        // Start from now the first time (history is not replayed to new installs).
        let clock = self.inner.clock.clone();
        let _ = clock;
        self.inner
            .store
            .write(|tx| {
                let last = tx
                    .txn
                    .open_table(CHANGELOG)?
                    .last()?
                    .map(|(k, _)| k.value())
                    .unwrap_or(0);
                let mut meta = tx.txn.open_table(META)?;
                if meta.get(CURSOR)?.is_none() {
                    meta.insert(CURSOR, last)?;
                }
                Ok(())
            })
            .await?;
        loop {
            if *stop.borrow() {
                return Ok(());
            }
            let more = self.follow_once().await?;
            if more {
                continue;
            }
            tokio::select! {
                r = rx.recv() => {
                    if let Err(tokio::sync::broadcast::error::RecvError::Closed) = r {
                        return Ok(());
                    }
                }
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
                _ = stop.changed() => {}
            }
        }
    }

    /// Handles one batch of the change log; answers whether more is waiting.
    async fn follow_once(&self) -> Result<bool> {
        let now = self.inner.clock.now();
        let max = self.inner.settings.max_attempts;
        let (queued, more) = self
            .inner
            .store
            .write(move |tx| {
                let from = {
                    let meta = tx.txn.open_table(META)?;
                    meta.get(CURSOR)?.map(|v| v.value()).unwrap_or(0)
                };
                let events: Vec<(u64, Stored<Event>)> = tx
                    .txn
                    .open_table(CHANGELOG)?
                    .range(from + 1..)?
                    .take(BATCH + 1)
                    .map(|r| r.map(|(k, v)| (k.value(), v.value())))
                    .collect::<Result<_, _>>()?;
                let more = events.len() > BATCH;
                let subs: Vec<Subscription> = all_rows(&tx.txn.open_table(WEBHOOK_SUBS)?)?
                    .into_iter()
                    .filter(|s| s.active)
                    .collect();
                let mut last = from;
                let mut queued = 0;
                for (seq, event) in events.into_iter().take(BATCH) {
                    last = seq;
                    let Ok(event) = event else {
                        tracing::warn!(seq, "skipping a change that does not decode");
                        continue;
                    };
                    if subs.is_empty() {
                        continue;
                    }
                    let Some((name, data)) = describe(tx, &event)? else {
                        continue;
                    };
                    for s in subs.iter().filter(|s| s.events.iter().any(|e| e == name)) {
                        queue(tx, now, s, name, data.clone(), max)?;
                        queued += 1;
                    }
                }
                if last != from {
                    tx.txn.open_table(META)?.insert(CURSOR, last)?;
                }
                Ok((queued, more))
            })
            .await?;
        if queued > 0 {
            self.inner.jobs.wake();
        }
        Ok(more)
    }
}

/// Records a pending delivery and enqueues its first attempt, in the caller's transaction.
fn queue(
    tx: &mut Tx<'_>,
    now: Millis,
    sub: &Subscription,
    event: &str,
    data: Value,
    max_attempts: u32,
) -> Result<Delivery> {
    let id = crate::ids::new_id(now);
    let body = json!({
        "id": id,
        "event": event,
        "at": crate::clock::to_rfc3339(now),
        "data": data,
    })
    .to_string();
    let d = Delivery {
        id: id.clone(),
        subscription_id: sub.id.clone(),
        event: event.to_string(),
        created_at: now,
        status: DeliveryStatus::Pending,
        attempts: vec![],
    };
    let mut log = tx.txn.open_table(WEBHOOK_DELIVERIES)?;
    log.put((sub.id.as_str(), id.as_str()), &d)?;
    // Keep the log bounded per subscription.
    let count = log
        .range((sub.id.as_str(), "")..=(sub.id.as_str(), "\u{10FFFF}"))?
        .count();
    if count > LOG_KEEP {
        let old: Vec<String> = log
            .range((sub.id.as_str(), "")..=(sub.id.as_str(), "\u{10FFFF}"))?
            .take(count - LOG_KEEP)
            .map(|r| r.map(|(k, _)| k.value().1.to_string()))
            .collect::<Result<_, _>>()?;
        for k in old {
            log.remove((sub.id.as_str(), k.as_str()))?;
        }
    }
    drop(log);
    jobs::enqueue(
        tx,
        now,
        NewJob {
            kind: Kind::WebhookDelivery,
            key: Some(format!("webhook:{id}")),
            payload: json!({ "subscription_id": sub.id, "delivery_id": id, "body": body, "max": max_attempts }),
            due_at: now,
            max_attempts: 3,
        },
    )?;
    Ok(d)
}

/// The webhook event name and data for a change-log event, read in the same transaction.
fn describe(tx: &Tx<'_>, event: &Event) -> Result<Option<(&'static str, Value)>> {
    Ok(match event {
        Event::MessageChanged {
            message_id,
            conversation_id,
            new,
        } => {
            let Some(m) = tx
                .txn
                .open_table(MESSAGES)?
                .get(message_id.as_str())?
                .map(|v| v.value())
                .transpose()?
            else {
                return Ok(None);
            };
            let inbound = matches!(m.direction, crate::messaging::model::Direction::Inbound);
            let name = match (inbound, *new) {
                (true, true) => "message.received",
                (true, false) => return Ok(None),
                (false, _) => "message.status",
            };
            let conv = tx
                .txn
                .open_table(CONVERSATIONS)?
                .get(conversation_id.as_str())?
                .map(|v| v.value())
                .transpose()?;
            Some((
                name,
                json!({
                    "messageId": m.id,
                    "conversationId": m.conversation_id,
                    "wamid": m.wamid,
                    "direction": m.direction,
                    "type": m.kind,
                    "text": m.text,
                    "status": m.status,
                    "timestamp": crate::clock::to_rfc3339(m.timestamp),
                    "customer": conv.as_ref().map(|c| c.customer_wa_id.clone()),
                    "profileId": conv.as_ref().map(|c| c.profile_id.clone()),
                    "record": conv.and_then(|c| c.record).map(|r| json!(r)),
                }),
            ))
        }
        Event::RecordChanged {
            module, record_id, ..
        } => {
            let Some(r) = tx
                .txn
                .open_table(RECORDS)?
                .get((module.as_str(), record_id.as_str()))?
                .map(|v| v.value())
                .transpose()?
            else {
                return Ok(None);
            };
            let name = if r.created_at == r.modified_at {
                "record.created"
            } else {
                "record.updated"
            };
            Some((
                name,
                json!({ "module": r.module, "id": r.id, "ownerId": r.owner_id, "values": r.values,
                        "createdAt": crate::clock::to_rfc3339(r.created_at),
                        "modifiedAt": crate::clock::to_rfc3339(r.modified_at) }),
            ))
        }
        Event::RecordDeleted { module, record_id } => Some((
            "record.deleted",
            json!({ "module": module, "id": record_id }),
        )),
        _ => None,
    })
}
