//! Delivery attempts of subscriptions' webhooks: one job per attempt, the outcome logged, a
//! retry scheduled or the failure counted (and the subscription switched off after too many).

use std::sync::Arc;

use futures_util::future::BoxFuture;
use redb::ReadableTable;
use serde_json::{Value, json};

use super::{Attempt, DeliveryStatus, Subscription, TEST_EVENT, Webhooks, retry_delay_ms};
use crate::audit::{self, Actor};
use crate::clock::Millis;
use crate::i18n::Text;
use crate::jobs::{self, Handler, JobRow, Kind, NewJob, Outcome};
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{WEBHOOK_DELIVERIES, WEBHOOK_SUBS};

/// Runs delivery attempts (a job per attempt).
pub struct Deliverer {
    hooks: Webhooks,
}

impl Deliverer {
    pub fn new(hooks: Webhooks) -> Arc<Self> {
        Arc::new(Self { hooks })
    }
}

struct Job {
    subscription_id: String,
    delivery_id: String,
    body: String,
    max: u32,
}

fn parse_job(job: &JobRow) -> Option<Job> {
    let p = &job.payload;
    Some(Job {
        subscription_id: p.get("subscription_id")?.as_str()?.to_string(),
        delivery_id: p.get("delivery_id")?.as_str()?.to_string(),
        body: p.get("body")?.as_str()?.to_string(),
        max: p
            .get("max")
            .and_then(Value::as_u64)
            .map_or(10, |m| m as u32),
    })
}

impl Handler for Deliverer {
    fn kind(&self) -> Kind {
        Kind::WebhookDelivery
    }
    fn concurrency(&self) -> usize {
        8
    }
    fn run(&self, job: JobRow) -> BoxFuture<'static, Outcome> {
        let hooks = self.hooks.clone();
        Box::pin(async move {
            let Some(j) = parse_job(&job) else {
                return Outcome::Fail("unreadable webhook job".into());
            };
            let Ok(Some(sub)) = hooks.get(&j.subscription_id) else {
                return Outcome::Done(None);
            };
            let now = hooks.inner.clock.now();
            // A test event goes to a switched-off subscription too: it is how a receiver is
            // checked before switching it back on.
            let test = serde_json::from_str::<Value>(&j.body)
                .is_ok_and(|b| b.get("event").and_then(Value::as_str) == Some(TEST_EVENT));
            let deliver = sub.active || test;
            let attempt = if deliver {
                hooks.attempt(&sub, &j.body).await
            } else {
                Attempt {
                    at: now,
                    status_code: None,
                    error: Some("subscription disabled".into()),
                }
            };
            let give_up = !deliver;
            Outcome::Done(Some(settle(hooks, j, attempt, now, give_up)))
        })
    }
}

impl Webhooks {
    /// One POST of a subscription's delivery; answers what happened.
    async fn attempt(&self, sub: &Subscription, body: &str) -> Attempt {
        match self.inner.sealer.open(&sub.secret_sealed) {
            Ok(secret) => self.post(&sub.url, Some(&secret), body).await,
            Err(e) => Attempt {
                at: self.inner.clock.now(),
                status_code: None,
                error: Some(format!("cannot open the secret: {e}")),
            },
        }
    }
}

/// The change that records an attempt: success, a retry later, or failure for good (which may
/// disable the subscription and ring the administrators' bells).
fn settle(hooks: Webhooks, j: Job, attempt: Attempt, now: Millis, give_up: bool) -> jobs::Change {
    let disable_after = hooks.inner.settings.disable_after.max(1);
    Box::new(move |tx: &mut Tx<'_>| {
        let mut log = tx.txn.open_table(WEBHOOK_DELIVERIES)?;
        let key = (j.subscription_id.as_str(), j.delivery_id.as_str());
        let Some(mut d) = log.get(key)?.map(|v| v.value()).transpose()? else {
            return Ok(());
        };
        d.attempts.push(attempt.clone());
        let ok = attempt.error.is_none();
        let tries = u32::try_from(d.attempts.len()).unwrap_or(u32::MAX);
        let failed_for_good = !ok && (give_up || tries >= j.max.max(1));
        d.status = if ok {
            DeliveryStatus::Succeeded
        } else if failed_for_good {
            DeliveryStatus::Failed
        } else {
            DeliveryStatus::Pending
        };
        log.put(key, &d)?;
        drop(log);
        if !ok && !failed_for_good {
            let delay = retry_delay_ms(tries);
            jobs::enqueue(
                tx,
                now,
                NewJob {
                    kind: Kind::WebhookDelivery,
                    key: Some(format!("webhook:{}:{tries}", j.delivery_id)),
                    payload: json!({ "subscription_id": j.subscription_id, "delivery_id": j.delivery_id, "body": j.body, "max": j.max }),
                    due_at: now + delay,
                    max_attempts: 3,
                },
            )?;
            return Ok(());
        }
        if d.event == TEST_EVENT {
            return Ok(());
        }
        let mut subs = tx.txn.open_table(WEBHOOK_SUBS)?;
        let Some(mut sub) = subs
            .get(j.subscription_id.as_str())?
            .map(|v| v.value())
            .transpose()?
        else {
            return Ok(());
        };
        if ok {
            sub.consecutive_failures = 0;
            subs.put(sub.id.as_str(), &sub)?;
            return Ok(());
        }
        sub.consecutive_failures += 1;
        let disable = sub.active && sub.consecutive_failures >= disable_after;
        if disable {
            sub.active = false;
            sub.disabled_at = Some(now);
            sub.disabled_reason = Some(format!(
                "{} deliveries in a row failed (last: {})",
                sub.consecutive_failures,
                attempt.error.as_deref().unwrap_or("?")
            ));
        }
        subs.put(sub.id.as_str(), &sub)?;
        drop(subs);
        if disable {
            audit::record(
                tx,
                now,
                &Actor::system(),
                "webhook.disabled",
                Some(&sub.url),
                json!({ "subscriptionId": sub.id, "reason": sub.disabled_reason }),
            )?;
            let reason = sub.disabled_reason.as_deref().unwrap_or_default();
            let last = attempt.error.as_deref().unwrap_or("?");
            crate::notify::Notifications::ring_admins(
                tx,
                now,
                &crate::notify::AdminAlert {
                    kind: "webhook",
                    title: Text::new(
                        "Outgoing webhook switched off",
                        "Ausgehender Webhook ausgeschaltet",
                    ),
                    body: Text::new(
                        format!("{}: {reason}", sub.url),
                        format!(
                            "{}: {} Zustellungen nacheinander fehlgeschlagen (zuletzt: {last})",
                            sub.url, sub.consecutive_failures
                        ),
                    ),
                    link: "/settings/webhooks",
                },
            )?;
        }
        Ok(())
    })
}
