//! Planning a broadcast: who gets it, who is skipped and why, the price per country and the
//! messaging-limit tier, read in whatever transaction the caller holds.

use std::collections::{HashMap, HashSet};

use redb::ReadableTable;

use super::model::{RecipientRow, RecipientState};
use crate::clock::{DAY_MS, Millis};
use crate::consent::ConsentReader;
use crate::credits::charging;
use crate::credits::model::Money;
use crate::credits::pricing::{self, What};
use crate::crm::model::RecordRow;
use crate::error::Result;
use crate::messaging::send::Outgoing;
use crate::store::tables::TIER_CONTACTS;

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
pub(super) fn plan<R: PlanReader>(
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
