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

mod feeder;
pub mod model;
mod plan;
mod status;

pub use plan::{Plan, PlanReader};
pub use status::react;

use redb::ReadableTable;

use crate::auth::Viewer;
use crate::clock::{Millis, SharedClock};
use crate::credits::charging;
use crate::credits::model::Money;
use crate::crm::Crm;
use crate::crm::ListQuery;
use crate::crm::model::RecordRow;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::messaging::{Messaging, send::Outgoing};
use crate::store::PutRow;
use crate::store::tables::{BROADCAST_RECIPIENTS, BROADCASTS};
use crate::store::{Store, Tx};
use crate::templates::Templates;
pub use model::{BroadcastRow, BroadcastStatus, Counters, RecipientRow, RecipientState};

/// Most recipients one broadcast may have.
pub const MAX_RECIPIENTS: usize = 10_000;

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
        plan::plan(
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
        self.crm
            .search_caught_up(input.view_search.as_deref())
            .await;
        let (profile, category, prepared) = self.prepare(viewer, &input)?;
        let now = self.clock.now();
        let id = crate::ids::new_id(now);
        let by = viewer.id().to_string();
        let b = self
            .store
            .write(move |tx| {
                // Priced, checked and reserved in this one transaction.
                let p = plan::plan(tx.txn, &profile, category, &prepared, now)?;
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
        self.pause_or_resume(viewer, id, BroadcastStatus::Paused)
            .await
    }

    pub async fn resume(&self, viewer: &Viewer, id: &str) -> Result<BroadcastRow> {
        self.pause_or_resume(viewer, id, BroadcastStatus::Running)
            .await
    }

    /// A running or paused broadcast becomes `to` (RUNNING or PAUSED), without a pause reason.
    async fn pause_or_resume(
        &self,
        viewer: &Viewer,
        id: &str,
        to: BroadcastStatus,
    ) -> Result<BroadcastRow> {
        self.change(viewer, id, move |b| match b.status {
            BroadcastStatus::Running | BroadcastStatus::Paused => {
                b.status = to;
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
