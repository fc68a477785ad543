//! Charging inside the transactions of sending and of status webhooks. Every function here runs
//! in the caller's write transaction and reads what it decides on in that same transaction.
//!
//! A template send holds its price in the transaction that queues it ([`hold_for_send`]). The
//! hold becomes a CHARGE when Meta reports the message billed ([`on_status`]: delivered or read
//! for per-message pricing, sent for per-conversation pricing) and is released when the send
//! fails ([`release`]). Meta's `pricing` object, when it disagrees with ours, is reconciled once
//! per message with a REFUND or an ADJUSTMENT that says why. The hold row is the per-message
//! charge key: a duplicate or late status finds it charged (or, once charged and reconciled,
//! removed) and changes nothing.

use redb::ReadableTable;
use serde_json::Value;

use super::model::{
    CbpWindow, HoldRow, HoldState, LedgerEntry, LedgerKind, MetaPricing, Millis, Money,
    PaymentKind, PaymentRow, PaymentStatus, PricingModel, WalletRow,
};
use super::pricing::{self, Reader, What};
use super::{WALLET_KEY, available};
use crate::error::{Error, Result};
use crate::events::Event;
use crate::messaging::model::Status;
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{
    CBP_WINDOWS, FREE_ENTRY, HOLDS, LEDGER, PAYMENTS, PAYMENTS_DUE, RATES, TEMPLATES, WALLET,
};

pub fn load_wallet(tx: &Tx<'_>) -> Result<WalletRow> {
    tx.txn.wallet()
}

pub fn save_wallet(tx: &Tx<'_>, w: &WalletRow) -> Result<()> {
    tx.txn.open_table(WALLET)?.put(WALLET_KEY, w)?;
    Ok(())
}

/// A ledger line to post.
#[derive(Default)]
pub struct Posting {
    pub amount: Money,
    pub message_id: Option<String>,
    pub category: Option<String>,
    pub country: Option<String>,
    pub note: Option<String>,
    pub payment_id: Option<String>,
    pub by: Option<String>,
}

/// Appends a ledger entry and moves the balance with it (the only place the balance changes).
/// A charge that takes the balance below the auto-recharge minimum records the top-up payment
/// in this same transaction: exactly one per crossing, whatever crashes later.
pub fn post(
    tx: &mut Tx<'_>,
    w: &mut WalletRow,
    kind: LedgerKind,
    p: Posting,
    now: Millis,
) -> Result<LedgerEntry> {
    let before = w.balance;
    w.balance = w.balance + p.amount;
    let entry = LedgerEntry {
        id: crate::ids::new_id(now),
        at: now,
        kind,
        amount: p.amount,
        balance_after: w.balance,
        message_id: p.message_id,
        category: p.category,
        country: p.country,
        note: p.note,
        payment_id: p.payment_id,
        by: p.by,
    };
    tx.txn.open_table(LEDGER)?.put(entry.id.as_str(), &entry)?;
    let a = w.auto_recharge.clone();
    if w.balance >= a.min_balance {
        w.below_min = false;
    } else if a.enabled && !w.below_min && before >= a.min_balance && p.amount < Money::ZERO {
        w.below_min = true;
        start_auto_recharge(tx, w, now)?;
    }
    tx.emit(Event::WalletChanged {
        ledger_entry_id: Some(entry.id.clone()),
    })?;
    Ok(entry)
}

/// Records an auto-recharge payment for the worker to charge at the gateway.
pub fn start_auto_recharge(tx: &mut Tx<'_>, w: &WalletRow, now: Millis) -> Result<()> {
    let pay = PaymentRow {
        id: crate::ids::new_id(now),
        kind: PaymentKind::AutoRecharge,
        amount: w.auto_recharge.amount,
        currency: w.currency.clone(),
        status: PaymentStatus::Processing,
        gateway_ref: None,
        reference: None,
        failure: None,
        created_by: None,
        created_at: now,
        updated_at: now,
    };
    tx.txn.open_table(PAYMENTS)?.put(pay.id.as_str(), &pay)?;
    tx.txn
        .open_table(PAYMENTS_DUE)?
        .insert(pay.id.as_str(), ())?;
    tx.emit(Event::WalletChanged {
        ledger_entry_id: None,
    })
}

/// Prices a send about to be queued (message `message_id`) and holds the amount; refuses with
/// `INSUFFICIENT_CREDITS` when the balance less what is held cannot cover it. Free-form sends
/// hold nothing.
pub fn hold_for_send(
    tx: &mut Tx<'_>,
    profile_id: &str,
    wa_id: &str,
    template_id: Option<&str>,
    message_id: &str,
    now: Millis,
) -> Result<()> {
    let Some(template_id) = template_id else {
        return Ok(());
    };
    let category = match tx.txn.open_table(TEMPLATES)?.get(template_id)? {
        Some(t) => template_category(t.value()?.category),
        None => return Err(Error::NotFound("template".into())),
    };
    let cost = pricing::quote(tx.txn, profile_id, wa_id, What::Template(category), now)?;
    let mut w = load_wallet(tx)?;
    if cost.billable {
        let free = available(&w);
        if free < cost.amount {
            return Err(Error::InsufficientCredits {
                needed: format!("{} {}", cost.amount, cost.currency),
                available: format!("{} {}", free.max(Money::ZERO), w.currency),
            });
        }
        w.held = w.held + cost.amount;
        save_wallet(tx, &w)?;
        if w.pricing_model == PricingModel::Cbp {
            tx.txn.open_table(CBP_WINDOWS)?.put(
                (profile_id, wa_id, cost.category.as_str()),
                &CbpWindow {
                    opened_at: now,
                    message_id: message_id.to_string(),
                },
            )?;
        }
    }
    let hold = HoldRow {
        message_id: message_id.to_string(),
        profile_id: profile_id.to_string(),
        wa_id: wa_id.to_string(),
        amount: if cost.billable {
            cost.amount
        } else {
            Money::ZERO
        },
        category: cost.category,
        country: cost.country,
        billable: cost.billable,
        reason: cost.reason,
        state: HoldState::Held,
        created_at: now,
        meta: None,
        reconciled: false,
        expired_at: None,
    };
    tx.txn.open_table(HOLDS)?.put(message_id, &hold)?;
    if hold.billable {
        crate::jobs::enqueue(tx, now, super::expiry::job(message_id, now))?;
    }
    Ok(())
}

pub fn template_category(c: crate::templates::model::Category) -> &'static str {
    match c {
        crate::templates::model::Category::Utility => "utility",
        crate::templates::model::Category::Marketing => "marketing",
    }
}

/// Releases the hold of a send that failed (nothing is charged). No-op when there is none or it
/// was settled already.
/// The hold of send `message_id`, if any.
pub fn hold(tx: &Tx<'_>, message_id: &str) -> Result<Option<HoldRow>> {
    Ok(tx
        .txn
        .open_table(HOLDS)?
        .get(message_id)?
        .map(|v| v.value())
        .transpose()?)
}

pub fn release(tx: &mut Tx<'_>, message_id: &str) -> Result<()> {
    let Some(mut h) = hold(tx, message_id)? else {
        return Ok(());
    };
    if h.state != HoldState::Held {
        return Ok(());
    }
    let mut w = load_wallet(tx)?;
    w.held = (w.held - h.amount).max(Money::ZERO);
    save_wallet(tx, &w)?;
    h.state = HoldState::Released;
    tx.txn.open_table(HOLDS)?.put(message_id, &h)?;
    // A per-conversation window this send opened closes with it.
    let key = (h.profile_id.as_str(), h.wa_id.as_str(), h.category.as_str());
    let mut windows = tx.txn.open_table(CBP_WINDOWS)?;
    let opened_here = windows
        .get(key)?
        .is_some_and(|v| v.value().is_ok_and(|w| w.message_id == message_id));
    if opened_here {
        windows.remove(key)?;
    }
    Ok(())
}

/// Meta's `pricing` object, leniently read.
pub fn meta_pricing(v: &Value) -> Option<MetaPricing> {
    let category = v.get("category")?.as_str()?.to_ascii_lowercase();
    let kind = v.get("type").and_then(Value::as_str).map(String::from);
    let billable = match kind.as_deref() {
        Some("regular") => true,
        Some(_) => false,
        None => v.get("billable").and_then(Value::as_bool).unwrap_or(true),
    };
    Some(MetaPricing {
        billable,
        category,
        kind,
    })
}

/// A status webhook for message `message_id`: charges its hold when Meta bills it, and
/// reconciles our price with Meta's `pricing` once. Idempotent; any order of statuses.
pub fn on_status(
    tx: &mut Tx<'_>,
    message_id: &str,
    status: Status,
    pricing: Option<&Value>,
    now: Millis,
) -> Result<()> {
    let Some(mut h) = hold(tx, message_id)? else {
        return Ok(());
    };
    if status == Status::Failed {
        return release(tx, message_id);
    }
    let before = (h.state, h.reconciled, h.meta.clone());
    if h.meta.is_none() {
        h.meta = pricing.and_then(meta_pricing);
    }
    let mut w = load_wallet(tx)?;
    let bills = match w.pricing_model {
        PricingModel::Pmp => matches!(status, Status::Delivered | Status::Read),
        PricingModel::Cbp => matches!(status, Status::Sent | Status::Delivered | Status::Read),
    };
    if bills && h.state != HoldState::Charged {
        if h.state == HoldState::Held {
            w.held = (w.held - h.amount).max(Money::ZERO);
        }
        // A released hold (the send was settled as failed, e.g. interrupted by a restart) that
        // Meta delivered after all is charged too: Meta bills what it delivers.
        h.state = HoldState::Charged;
        if !h.amount.is_zero() {
            post(
                tx,
                &mut w,
                LedgerKind::Charge,
                Posting {
                    amount: -h.amount,
                    message_id: Some(h.message_id.clone()),
                    category: Some(h.category.clone()),
                    country: Some(h.country.clone()),
                    ..Default::default()
                },
                now,
            )?;
        }
    }
    if h.state == HoldState::Charged
        && !h.reconciled
        && let Some(meta) = h.meta.clone()
    {
        reconcile(tx, &mut w, &h, &meta, now)?;
        h.reconciled = true;
    }
    if (h.state, h.reconciled, h.meta.clone()) != before {
        save_wallet(tx, &w)?;
        if h.state == HoldState::Charged && h.reconciled {
            // Settled for good (the ledger keeps the charge and any correction): nothing a later
            // status says can change it, so the row goes and the table does not grow with
            // traffic. A later duplicate finds no hold and changes nothing.
            tx.txn.open_table(HOLDS)?.remove(message_id)?;
        } else {
            tx.txn.open_table(HOLDS)?.put(message_id, &h)?;
        }
    }
    Ok(())
}

/// Compares what we charged with what Meta says it billed and posts the difference.
fn reconcile(
    tx: &mut Tx<'_>,
    w: &mut WalletRow,
    h: &HoldRow,
    meta: &MetaPricing,
    now: Millis,
) -> Result<()> {
    let ours = if h.billable { h.amount } else { Money::ZERO };
    let theirs = match (meta.billable, meta.category == h.category) {
        (false, _) => Money::ZERO,
        (true, true) if !ours.is_zero() => ours,
        (true, _) => meta_rate(tx, w, h, &meta.category)?,
    };
    let diff = ours - theirs; // > 0: we charged too much
    if diff.is_zero() {
        return Ok(());
    }
    let why = match (meta.billable, meta.category == h.category) {
        (false, _) => format!(
            "Meta did not bill this message ({})",
            meta.kind
                .clone()
                .unwrap_or_else(|| "billable: false".into())
        ),
        (true, false) => format!("Meta billed it as {}, not {}", meta.category, h.category),
        (true, true) => format!(
            "Meta billed it as {} although we priced it free",
            meta.category
        ),
    };
    let kind = if diff > Money::ZERO && !meta.billable {
        LedgerKind::Refund
    } else {
        LedgerKind::Adjustment
    };
    post(
        tx,
        w,
        kind,
        Posting {
            amount: diff,
            message_id: Some(h.message_id.clone()),
            category: Some(meta.category.clone()),
            country: Some(h.country.clone()),
            note: Some(why),
            ..Default::default()
        },
        now,
    )?;
    Ok(())
}

/// The current card's rate for `category` in the recipient's market.
fn meta_rate(tx: &Tx<'_>, w: &WalletRow, h: &HoldRow, category: &str) -> Result<Money> {
    let market = tx
        .txn
        .market_of(&h.country)?
        .unwrap_or_else(|| super::rates::OTHER.to_string());
    let rates = match tx
        .txn
        .open_table(RATES)?
        .get((market.as_str(), w.currency.as_str()))?
    {
        Some(r) => Some(r.value()?),
        None => tx
            .txn
            .open_table(RATES)?
            .get((super::rates::OTHER, w.currency.as_str()))?
            .map(|v| v.value())
            .transpose()?,
    };
    Ok(rates.map_or(Money::ZERO, |r| pricing::rate(&r, category)))
}

/// An inbound message carrying a click-to-WhatsApp `referral` opens the 72 h free-entry-point
/// window for that customer on that number.
pub fn note_referral(
    tx: &mut Tx<'_>,
    profile_id: &str,
    wa_id: &str,
    at: Millis,
    raw: &Value,
) -> Result<()> {
    if raw.get("referral").is_none_or(Value::is_null) {
        return Ok(());
    }
    let mut t = tx.txn.open_table(FREE_ENTRY)?;
    let prev = t.get((profile_id, wa_id))?.map(|v| v.value());
    if prev.is_none_or(|p| p < at) {
        t.insert((profile_id, wa_id), at)?;
    }
    Ok(())
}
