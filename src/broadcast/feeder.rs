//! The feeder: hands running broadcasts' recipients to the outbox, a window at a time, each
//! recipient moving from PENDING to QUEUED in the transaction that stores its message.

use std::collections::HashSet;
use std::time::Duration;

use redb::ReadableTable;

use super::model::{BroadcastRow, BroadcastStatus, RecipientState};
use super::plan::PlanReader;
use super::{Broadcasts, load, maybe_finish, save};
use crate::clock::{DAY_MS, Millis};
use crate::consent::ConsentReader;
use crate::credits::charging;
use crate::credits::model::Money;
use crate::credits::pricing;
use crate::error::{Error, Result};
use crate::events::Bus;
use crate::messaging::Messaging;
use crate::messaging::model::RecordRef;
use crate::messaging::send::Outgoing;
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{
    BROADCAST_BY_MESSAGE, BROADCAST_RECIPIENTS, BROADCASTS, PROFILES, TEMPLATES, TIER_CONTACTS,
};
use crate::templates::TemplateStatus;

/// Recipients queued per feeding transaction.
const FEED_CHUNK: usize = 250;

impl Broadcasts {
    /// The feeder: hands running broadcasts' recipients to the outbox, a window at a time.
    pub async fn run(self, bus: Bus, mut stop: crate::service::Stop) -> Result<()> {
        let mut events = bus.subscribe();
        let mut last_prune: Option<tokio::time::Instant> = None;
        loop {
            if last_prune.is_none_or(|t| t.elapsed() > Duration::from_secs(600)) {
                self.prune_tier_contacts().await?;
                last_prune = Some(tokio::time::Instant::now());
            }
            let fed = self.feed_all().await?;
            if fed > 0 {
                self.messaging.wake_sender();
                continue;
            }
            tokio::select! {
                _ = stop.changed() => return Ok(()),
                r = events.recv() => {
                    if matches!(r, Err(tokio::sync::broadcast::error::RecvError::Closed)) {
                        tokio::time::sleep(Duration::from_millis(500)).await;
                    }
                }
                () = tokio::time::sleep(Duration::from_millis(500)) => {}
            }
        }
    }

    /// Retention of `tier_contacts`: rows older than 24 h count for nothing and go, in chunks.
    pub async fn prune_tier_contacts(&self) -> Result<usize> {
        let mut total = 0;
        loop {
            let cutoff = self.clock.now() - DAY_MS;
            let n = self
                .store
                .write(move |tx| {
                    let mut t = tx.txn.open_table(TIER_CONTACTS)?;
                    let old: Vec<(String, String)> = t
                        .iter()?
                        .filter_map(|r| r.ok())
                        .filter(|(_, at)| at.value() <= cutoff)
                        .take(5_000)
                        .map(|(k, _)| {
                            let (p, w) = k.value();
                            (p.to_string(), w.to_string())
                        })
                        .collect();
                    for (p, w) in &old {
                        t.remove((p.as_str(), w.as_str()))?;
                    }
                    Ok(old.len())
                })
                .await?;
            total += n;
            if n < 5_000 {
                return Ok(total);
            }
        }
    }

    /// Feeds every running broadcast once; how many recipients were queued or settled.
    async fn feed_all(&self) -> Result<usize> {
        let running: Vec<BroadcastRow> = {
            let tx = self.store.read()?;
            let t = tx.open_table(BROADCASTS)?;
            t.iter()?
                .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
                .filter(|b| b.status == BroadcastStatus::Running)
                .collect()
        };
        let mut fed = 0;
        for b in running {
            let room = self.window.saturating_sub(b.counters.queued) as usize;
            // Fully fed ones finish when their last status arrives (`on_message_status`).
            if room == 0 || b.next >= b.positions {
                continue;
            }
            let n = room.min(FEED_CHUNK);
            let id = b.id.clone();
            let now = self.clock.now();
            fed += self.store.write(move |tx| feed(tx, &id, n, now)).await?;
        }
        Ok(fed)
    }
}

fn pause_for(b: &mut BroadcastRow, why: String) {
    b.status = BroadcastStatus::Paused;
    b.pause_reason = Some(why);
}

/// Queues up to `n` of broadcast `id`'s next recipients, in the caller's transaction.
fn feed(tx: &mut Tx<'_>, id: &str, n: usize, now: Millis) -> Result<usize> {
    let mut b = load(tx, id)?;
    if b.status != BroadcastStatus::Running {
        return Ok(0);
    }
    let Some(profile) = tx
        .txn
        .open_table(PROFILES)?
        .get(b.profile_id.as_str())?
        .map(|v| v.value())
        .transpose()?
        .filter(|p| p.active)
    else {
        pause_for(&mut b, "the WhatsApp profile is no longer active".into());
        save(tx, &b)?;
        return Ok(0);
    };
    let status = tx
        .txn
        .open_table(TEMPLATES)?
        .get(b.template_id.as_str())?
        .map(|v| v.value())
        .transpose()?
        .map(|t| t.status);
    if status != Some(TemplateStatus::Approved) {
        let s = status.map_or_else(
            || "DELETED".to_string(),
            |s| format!("{s:?}").to_uppercase(),
        );
        pause_for(&mut b, format!("the template is {s}"));
        save(tx, &b)?;
        return Ok(0);
    }
    let limit = crate::messaging::quality::tier_limit(profile.messaging_limit.as_deref());
    let mut recent = match limit {
        Some(_) => tx.txn.tier_contacts(&profile.id, now - DAY_MS)?,
        None => HashSet::new(),
    };
    let mut done = 0;
    while done < n && b.next < b.positions {
        let pos = b.next;
        let Some(mut r) = tx
            .txn
            .open_table(BROADCAST_RECIPIENTS)?
            .get((id, pos))?
            .map(|v| v.value())
            .transpose()?
        else {
            b.next += 1;
            continue;
        };
        if r.state != RecipientState::Pending {
            b.next += 1;
            continue;
        }
        let wa_id = r.wa_id.clone().unwrap_or_default();
        if let Some(l) = limit {
            let window_open = pricing::Reader::last_inbound(tx.txn, &profile.id, &wa_id)?
                .is_some_and(|t| t + DAY_MS > now);
            if !window_open && !recent.contains(&wa_id) && recent.len() as u64 >= l {
                pause_for(
                    &mut b,
                    format!(
                        "messaging limit reached ({}: {l} customers per 24 h); resume when it allows more",
                        profile.messaging_limit.clone().unwrap_or_default()
                    ),
                );
                break;
            }
            recent.insert(wa_id.clone());
        }
        // The reservation for this recipient becomes the message's own hold (or is released).
        let mut w = charging::load_wallet(tx)?;
        w.held = (w.held - r.price).max(Money::ZERO);
        charging::save_wallet(tx, &w)?;
        b.reserved = (b.reserved - r.price).max(Money::ZERO);
        let was = r.state;
        let record = RecordRef {
            module: r.module.clone(),
            id: r.record_id.clone(),
        };
        let out = Outgoing {
            profile: profile.clone(),
            wa_id: wa_id.clone(),
            record: record.clone(),
            kind: "template".into(),
            text: r.text.clone().unwrap_or_default(),
            payload: r.payload.clone().unwrap_or_default(),
            sent_by: b.created_by.clone(),
            template_id: Some(b.template_id.clone()),
            reply_to: None,
            media: header_media(tx, &b.template_id)?,
        };
        let msg = Messaging::new_outbound(&out, now);
        match crate::messaging::send::queue_in_tx(tx, &profile, &wa_id, &record, &msg, now) {
            Ok(m) => {
                r.state = RecipientState::Queued;
                r.message_id = Some(m.id.clone());
                tx.txn
                    .open_table(BROADCAST_BY_MESSAGE)?
                    .insert(m.id.as_str(), (id, pos))?;
            }
            Err(Error::OptedOut(_)) => {
                // Opted out since the plan: of everything, or of marketing (a marketing template).
                let why = tx
                    .txn
                    .consent(&record.module, &record.id)?
                    .scope()
                    .unwrap_or(crate::consent::OptOut::All);
                r.state = RecipientState::Skipped;
                r.skip_reason = Some(why.reason().into());
            }
            Err(e @ Error::InsufficientCredits { .. }) => {
                r.state = RecipientState::Failed;
                r.error_message = Some(e.to_string());
            }
            Err(e) => return Err(e),
        }
        b.counters.moved(was, r.state);
        tx.txn
            .open_table(BROADCAST_RECIPIENTS)?
            .put((id, pos), &r)?;
        b.next += 1;
        done += 1;
    }
    maybe_finish(&mut b, now);
    b.updated_at = now;
    save(tx, &b)?;
    Ok(done)
}

/// The media header of a broadcast's template, for the sender to upload with each send.
fn header_media(
    tx: &crate::store::Tx<'_>,
    template_id: &str,
) -> Result<Option<crate::messaging::model::Media>> {
    let t = tx
        .txn
        .open_table(crate::store::tables::TEMPLATES)?
        .get(template_id)?
        .map(|v| v.value())
        .transpose()?;
    Ok(t.and_then(|t| t.header_media)
        .map(|m| crate::templates::header_as_media(&m)))
}
