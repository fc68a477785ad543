//! Broadcasts (N10): one approved template to many Leads or Contacts.
//!
//! `create` prices every recipient with the same function as single sends, skips the opted-out,
//! those without a number and repeated numbers, checks the messaging-limit tier, and reserves
//! the whole batch's price in the wallet in ONE transaction with the broadcast and its recipient
//! rows (or refuses with `INSUFFICIENT_CREDITS` and stores nothing). A supervised feeder then
//! hands recipients to the outbox a window at a time (at most about two seconds of the number's
//! rate waiting in the outbox): each recipient moves from PENDING to QUEUED in the same
//! transaction that stores its message and outbox entry, and the reservation turns into that
//! message's own hold there, so a restart neither loses nor repeats a recipient. Status webhooks
//! move recipients on and keep the counters.

pub mod model;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use redb::ReadableTable;

use crate::auth::Viewer;
use crate::clock::{DAY_MS, Millis, SharedClock};
use crate::consent::ConsentReader;
use crate::credits::charging;
use crate::credits::model::Money;
use crate::credits::pricing::{self, What};
use crate::crm::Crm;
use crate::crm::model::RecordRow;
use crate::crm::records::ListQuery;
use crate::error::{Error, Result};
use crate::events::{Bus, Event};
use crate::messaging::model::{Message, RecordRef, Status};
use crate::messaging::{Messaging, send::Outgoing};
use crate::store::PutRow;
use crate::store::tables::{
    BROADCAST_BY_MESSAGE, BROADCAST_RECIPIENTS, BROADCASTS, PROFILES, TEMPLATES, TIER_CONTACTS,
};
use crate::store::{Store, Tx};
use crate::templates::{TemplateStatus, Templates};
pub use model::{BroadcastRow, BroadcastStatus, Counters, RecipientRow, RecipientState};

/// Most recipients one broadcast may have.
pub const MAX_RECIPIENTS: usize = 10_000;
/// Recipients queued per feeding transaction.
const FEED_CHUNK: usize = 250;

/// What the caller asks for.
#[derive(Debug, Clone)]
pub struct BroadcastInput {
    pub name: String,
    pub profile_id: String,
    pub template_id: String,
    pub module: String,
    /// A list search (the Leads/Contacts list's search text): every visible match.
    pub view_search: Option<String>,
    pub record_ids: Option<Vec<String>>,
}

/// The price and the recipients of a broadcast, as `broadcastCost` shows and `create` stores.
#[derive(Debug, Clone)]
pub struct Plan {
    pub rows: Vec<RecipientRow>,
    pub recipients: u32,
    pub skipped: u32,
    pub total: Money,
    pub currency: String,
    /// country → (recipients, price).
    pub by_country: Vec<(String, u32, Money)>,
    /// reason → count.
    pub skipped_by_reason: Vec<(String, u32)>,
    pub tier: Option<String>,
    pub tier_limit: Option<u64>,
    /// Unique customers reached with templates outside their window in the last 24 h.
    pub tier_used: u64,
    /// Recipients this broadcast adds to that count.
    pub tier_new: u64,
    pub quality_rating: Option<String>,
}

impl Plan {
    pub fn within_tier(&self) -> bool {
        self.tier_limit
            .is_none_or(|l| self.tier_used + self.tier_new <= l)
    }
}

/// Reads what planning needs, in a read or a write transaction.
pub trait PlanReader: pricing::Reader + ConsentReader {
    /// Customers of the profile reached with a template outside their window since `since`.
    fn tier_contacts(&self, profile_id: &str, since: Millis) -> Result<HashSet<String>>;
}

macro_rules! plan_reader_for {
    ($t:ty) => {
        impl PlanReader for $t {
            fn tier_contacts(&self, profile_id: &str, since: Millis) -> Result<HashSet<String>> {
                let t = self.open_table(TIER_CONTACTS)?;
                let mut out = HashSet::new();
                for r in t.range((profile_id, "")..=(profile_id, "\u{10FFFF}"))? {
                    let (k, at) = r?;
                    if at.value() > since {
                        out.insert(k.value().1.to_string());
                    }
                }
                Ok(out)
            }
        }
    };
}
plan_reader_for!(redb::ReadTransaction);
plan_reader_for!(redb::WriteTransaction);

/// Prices and sorts the prepared recipients: skipped (opted out of every template, opted out
/// of marketing for a marketing template, no number, repeated number) or to send, each with the price single sends would have now.
fn plan<R: PlanReader>(
    r: &R,
    profile: &crate::messaging::setup::Profile,
    category: &str,
    prepared: &[(RecordRow, std::result::Result<Outgoing, String>)],
    now: Millis,
) -> Result<Plan> {
    let wallet = r.wallet()?;
    let recent = r.tier_contacts(&profile.id, now - DAY_MS)?;
    let mut seen = HashSet::new();
    let mut rows = Vec::with_capacity(prepared.len());
    let (mut total, mut tier_new) = (Money::ZERO, 0u64);
    let mut by_country: HashMap<String, (u32, Money)> = HashMap::new();
    let mut reasons: HashMap<String, u32> = HashMap::new();
    let marketing = category == charging::template_category(crate::templates::Category::Marketing);
    for (record, out) in prepared {
        let mut row = RecipientRow {
            module: record.module.clone(),
            record_id: record.id.clone(),
            name: record.display_name(),
            wa_id: out.as_ref().ok().map(|o| o.wa_id.clone()),
            country: String::new(),
            price: Money::ZERO,
            state: RecipientState::Pending,
            skip_reason: None,
            message_id: None,
            error_code: None,
            error_message: None,
            text: None,
            payload: None,
        };
        let skip = match out {
            Err(why) => Some(why.clone()),
            Ok(o) => match r.consent(&record.module, &record.id)?.refuses(marketing) {
                Some(opt_out) => Some(opt_out.reason().to_string()),
                None if !seen.insert(o.wa_id.clone()) => Some("duplicate number".to_string()),
                None => None,
            },
        };
        match (skip, out) {
            (Some(why), _) => {
                *reasons.entry(why.clone()).or_default() += 1;
                row.state = RecipientState::Skipped;
                row.skip_reason = Some(why);
            }
            (None, Ok(o)) => {
                let cost = pricing::quote(r, &profile.id, &o.wa_id, What::Template(category), now)?;
                row.country.clone_from(&cost.country);
                row.price = if cost.billable {
                    cost.amount
                } else {
                    Money::ZERO
                };
                total = total + row.price;
                let e = by_country.entry(cost.country.clone()).or_default();
                e.0 += 1;
                e.1 = e.1 + row.price;
                let window_open = r
                    .last_inbound(&profile.id, &o.wa_id)?
                    .is_some_and(|t| t + DAY_MS > now);
                if !window_open && !recent.contains(&o.wa_id) {
                    tier_new += 1;
                }
                row.text = Some(o.text.clone());
                row.payload = Some(o.payload.clone());
            }
            (None, Err(_)) => {}
        }
        rows.push(row);
    }
    let skipped = u32::try_from(
        rows.iter()
            .filter(|r| r.state == RecipientState::Skipped)
            .count(),
    )
    .unwrap_or(u32::MAX);
    let mut by_country: Vec<(String, u32, Money)> = by_country
        .into_iter()
        .map(|(c, (n, m))| (c, n, m))
        .collect();
    by_country.sort();
    let mut skipped_by_reason: Vec<(String, u32)> = reasons.into_iter().collect();
    skipped_by_reason.sort();
    Ok(Plan {
        recipients: u32::try_from(rows.len()).unwrap_or(u32::MAX) - skipped,
        skipped,
        rows,
        total,
        currency: wallet.currency,
        by_country,
        skipped_by_reason,
        tier: profile.messaging_limit.clone(),
        tier_limit: crate::messaging::quality::tier_limit(profile.messaging_limit.as_deref()),
        tier_used: recent.len() as u64,
        tier_new,
        quality_rating: profile.quality_rating.clone(),
    })
}

#[derive(Clone)]
pub struct Broadcasts {
    store: Store,
    clock: SharedClock,
    crm: Crm,
    templates: Templates,
    messaging: Messaging,
    /// Outbox entries one broadcast may have waiting (about two seconds of the number's rate).
    window: u32,
}

impl Broadcasts {
    pub fn new(
        store: Store,
        clock: SharedClock,
        crm: Crm,
        templates: Templates,
        messaging: Messaging,
        rate: u32,
    ) -> Self {
        Self {
            store,
            clock,
            crm,
            templates,
            messaging,
            window: rate.saturating_mul(2).clamp(4, 2_000),
        }
    }

    fn records(&self, viewer: &Viewer, input: &BroadcastInput) -> Result<Vec<RecordRow>> {
        if !matches!(input.module.as_str(), "Leads" | "Contacts") {
            return Err(Error::validation(
                "module",
                "broadcasts go to Leads or Contacts",
            ));
        }
        let rows = match (&input.record_ids, &input.view_search) {
            (Some(ids), _) => {
                if ids.len() > MAX_RECIPIENTS {
                    return Err(Error::validation(
                        "recordIds",
                        format!("at most {MAX_RECIPIENTS} recipients"),
                    ));
                }
                let mut out = vec![];
                for id in ids {
                    if let Some(r) = self.crm.get(viewer, &input.module, id)? {
                        out.push(r);
                    }
                }
                out
            }
            (None, search) => {
                let page = self.crm.list(
                    viewer,
                    &input.module,
                    &ListQuery {
                        search: search.clone(),
                        sort_by: None,
                        sort_desc: false,
                        offset: 0,
                        limit: MAX_RECIPIENTS + 1,
                    },
                )?;
                if page.rows.len() > MAX_RECIPIENTS {
                    return Err(Error::validation(
                        "viewSearch",
                        format!("more than {MAX_RECIPIENTS} records match; narrow the search"),
                    ));
                }
                page.rows
            }
        };
        if rows.is_empty() {
            return Err(Error::validation("recordIds", "no recipients"));
        }
        Ok(rows)
    }

    #[allow(clippy::type_complexity)]
    fn prepare(
        &self,
        viewer: &Viewer,
        input: &BroadcastInput,
    ) -> Result<(
        crate::messaging::setup::Profile,
        &'static str,
        Vec<(RecordRow, std::result::Result<Outgoing, String>)>,
    )> {
        let records = self.records(viewer, input)?;
        let (t, prepared) = self.templates.prepare_batch(
            viewer,
            &input.template_id,
            &input.profile_id,
            &input.module,
            records,
        )?;
        let profile = self.messaging.usable_profile(viewer, &input.profile_id)?;
        Ok((profile, charging::template_category(t.category), prepared))
    }

    /// What `create` would do now: recipients, skipped with reasons, price per country, tier.
    pub fn cost(&self, viewer: &Viewer, input: &BroadcastInput) -> Result<Plan> {
        let (profile, category, prepared) = self.prepare(viewer, input)?;
        plan(
            &self.store.read()?,
            &profile,
            category,
            &prepared,
            self.clock.now(),
        )
    }

    pub async fn create(&self, viewer: &Viewer, input: BroadcastInput) -> Result<BroadcastRow> {
        let name = input.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Error::validation("name", "a name has 1 to 100 characters"));
        }
        let (profile, category, prepared) = self.prepare(viewer, &input)?;
        let now = self.clock.now();
        let id = crate::ids::new_id(now);
        let by = viewer.id().to_string();
        let b = self
            .store
            .write(move |tx| {
                // Priced, checked and reserved in this one transaction.
                let p = plan(tx.txn, &profile, category, &prepared, now)?;
                if p.recipients == 0 {
                    return Err(Error::validation(
                        "recordIds",
                        "every recipient is skipped (opted out, no number or repeated)",
                    ));
                }
                if !p.within_tier() {
                    return Err(Error::Conflict(format!(
                        "the number's messaging limit ({}: {} customers per 24 h) would be exceeded: {} reached already, this broadcast adds {}",
                        p.tier.clone().unwrap_or_default(),
                        p.tier_limit.unwrap_or_default(),
                        p.tier_used,
                        p.tier_new
                    )));
                }
                let mut w = charging::load_wallet(tx)?;
                let free = crate::credits::available(&w);
                if free < p.total {
                    return Err(Error::InsufficientCredits {
                        needed: format!("{} {}", p.total, w.currency),
                        available: format!("{} {}", free.max(Money::ZERO), w.currency),
                    });
                }
                w.held = w.held + p.total;
                charging::save_wallet(tx, &w)?;
                let mut counters = Counters::default();
                let mut t = tx.txn.open_table(BROADCAST_RECIPIENTS)?;
                for (pos, row) in p.rows.iter().enumerate() {
                    counters.add(row.state);
                    t.put((id.as_str(), u32::try_from(pos).unwrap_or(u32::MAX)), row)?;
                }
                drop(t);
                let b = BroadcastRow {
                    id: id.clone(),
                    name: name.clone(),
                    profile_id: profile.id.clone(),
                    template_id: input.template_id.clone(),
                    module: input.module.clone(),
                    created_by: by.clone(),
                    created_at: now,
                    updated_at: now,
                    status: BroadcastStatus::Running,
                    pause_reason: None,
                    positions: u32::try_from(p.rows.len()).unwrap_or(u32::MAX),
                    next: 0,
                    counters,
                    total: p.total,
                    reserved: p.total,
                    currency: p.currency.clone(),
                    finished_at: None,
                };
                save(tx, &b)?;
                Ok(b)
            })
            .await?;
        Ok(b)
    }

    /// Newest first.
    pub fn list(&self, _viewer: &Viewer) -> Result<Vec<BroadcastRow>> {
        let tx = self.store.read()?;
        let t = tx.open_table(BROADCASTS)?;
        let mut out: Vec<BroadcastRow> = t
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .collect();
        out.reverse();
        Ok(out)
    }

    pub fn get(&self, id: &str) -> Result<Option<BroadcastRow>> {
        Ok(self
            .store
            .read()?
            .open_table(BROADCASTS)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?)
    }

    /// A page of a broadcast's recipients, in order.
    pub fn recipients(&self, id: &str, offset: u32, limit: u32) -> Result<Vec<RecipientRow>> {
        let tx = self.store.read()?;
        let t = tx.open_table(BROADCAST_RECIPIENTS)?;
        let end = offset.saturating_add(limit);
        let rows = t
            .range((id, offset)..(id, end))?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .collect();
        Ok(rows)
    }

    fn may_manage(viewer: &Viewer, b: &BroadcastRow) -> Result<()> {
        if viewer.user.is_admin || viewer.id() == b.created_by {
            Ok(())
        } else {
            Err(Error::NotFound("broadcast".into()))
        }
    }

    pub async fn pause(&self, viewer: &Viewer, id: &str) -> Result<BroadcastRow> {
        self.change(viewer, id, |b| match b.status {
            BroadcastStatus::Running | BroadcastStatus::Paused => {
                b.status = BroadcastStatus::Paused;
                b.pause_reason = None;
                Ok(())
            }
            s => Err(Error::Conflict(format!("the broadcast is {}", s.as_str()))),
        })
        .await
    }

    pub async fn resume(&self, viewer: &Viewer, id: &str) -> Result<BroadcastRow> {
        self.change(viewer, id, |b| match b.status {
            BroadcastStatus::Paused | BroadcastStatus::Running => {
                b.status = BroadcastStatus::Running;
                b.pause_reason = None;
                Ok(())
            }
            s => Err(Error::Conflict(format!("the broadcast is {}", s.as_str()))),
        })
        .await
    }

    /// Stops feeding: recipients not queued yet are CANCELLED and their reservation released
    /// (what is in the outbox already still goes).
    pub async fn cancel(&self, viewer: &Viewer, id: &str) -> Result<BroadcastRow> {
        let b = self
            .get(id)?
            .ok_or_else(|| Error::NotFound("broadcast".into()))?;
        Self::may_manage(viewer, &b)?;
        let now = self.clock.now();
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let mut b = load(tx, &id)?;
                if matches!(
                    b.status,
                    BroadcastStatus::Cancelled | BroadcastStatus::Completed
                ) {
                    return Err(Error::Conflict(format!(
                        "the broadcast is {}",
                        b.status.as_str()
                    )));
                }
                let mut t = tx.txn.open_table(BROADCAST_RECIPIENTS)?;
                for pos in b.next..b.positions {
                    let Some(mut r) = t.get((id.as_str(), pos))?.map(|v| v.value()).transpose()?
                    else {
                        continue;
                    };
                    if r.state == RecipientState::Pending {
                        b.counters.moved(r.state, RecipientState::Cancelled);
                        r.state = RecipientState::Cancelled;
                        t.put((id.as_str(), pos), &r)?;
                    }
                }
                drop(t);
                let mut w = charging::load_wallet(tx)?;
                w.held = (w.held - b.reserved).max(Money::ZERO);
                charging::save_wallet(tx, &w)?;
                b.reserved = Money::ZERO;
                b.next = b.positions;
                b.status = BroadcastStatus::Cancelled;
                b.finished_at = Some(now);
                b.updated_at = now;
                save(tx, &b)?;
                Ok(b)
            })
            .await
    }

    async fn change(
        &self,
        viewer: &Viewer,
        id: &str,
        f: impl Fn(&mut BroadcastRow) -> Result<()> + Send + 'static,
    ) -> Result<BroadcastRow> {
        let b = self
            .get(id)?
            .ok_or_else(|| Error::NotFound("broadcast".into()))?;
        Self::may_manage(viewer, &b)?;
        let now = self.clock.now();
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let mut b = load(tx, &id)?;
                f(&mut b)?;
                b.updated_at = now;
                save(tx, &b)?;
                Ok(b)
            })
            .await
    }

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

fn load(tx: &Tx<'_>, id: &str) -> Result<BroadcastRow> {
    tx.txn
        .open_table(BROADCASTS)?
        .get(id)?
        .map(|v| v.value())
        .transpose()?
        .ok_or_else(|| Error::NotFound("broadcast".into()))
}

fn save(tx: &mut Tx<'_>, b: &BroadcastRow) -> Result<()> {
    tx.txn.open_table(BROADCASTS)?.put(b.id.as_str(), b)?;
    tx.emit(Event::BroadcastChanged {
        broadcast_id: b.id.clone(),
    })
}

/// Done when every position was looked at and nothing waits in the outbox.
fn maybe_finish(b: &mut BroadcastRow, now: Millis) {
    if b.status == BroadcastStatus::Running
        && b.next >= b.positions
        && b.counters.queued == 0
        && b.counters.pending == 0
    {
        b.status = BroadcastStatus::Completed;
        b.finished_at = Some(now);
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

/// A broadcast message's status changed (sent, delivered, read, failed): its recipient and the
/// counters follow, in the same transaction.
pub fn on_message_status(tx: &mut Tx<'_>, m: &Message) -> Result<()> {
    let Some((id, pos)) = tx
        .txn
        .open_table(BROADCAST_BY_MESSAGE)?
        .get(m.id.as_str())?
        .map(|v| {
            let (a, b) = v.value();
            (a.to_string(), b)
        })
    else {
        return Ok(());
    };
    let Some(mut r) = tx
        .txn
        .open_table(BROADCAST_RECIPIENTS)?
        .get((id.as_str(), pos))?
        .map(|v| v.value())
        .transpose()?
    else {
        return Ok(());
    };
    let to = match m.status {
        Status::Queued | Status::Received => RecipientState::Queued,
        Status::Sent => RecipientState::Sent,
        Status::Delivered => RecipientState::Delivered,
        Status::Read => RecipientState::Read,
        Status::Failed => RecipientState::Failed,
    };
    if to == r.state {
        return Ok(());
    }
    let mut b = load(tx, &id)?;
    b.counters.moved(r.state, to);
    r.state = to;
    if to == RecipientState::Failed {
        r.error_code = m.error_code;
        r.error_message.clone_from(&m.error_message);
    }
    if to == RecipientState::Read {
        // Final: nothing later can move it, so the lookup row goes (the table stays small).
        tx.txn
            .open_table(BROADCAST_BY_MESSAGE)?
            .remove(m.id.as_str())?;
    }
    tx.txn
        .open_table(BROADCAST_RECIPIENTS)?
        .put((id.as_str(), pos), &r)?;
    let at = m.timestamp.max(b.updated_at);
    maybe_finish(&mut b, at);
    save(tx, &b)
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
