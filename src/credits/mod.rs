//! Credits (F4–F6): the wallet and its append-only ledger, the rate card, pricing, charging on
//! Meta's billing, buying through a payment gateway, auto-recharge and corrections.
//!
//! The balance always equals the sum of the ledger: it moves only in [`charging::post`], which
//! appends the entry in the same transaction. Sending holds the price in the transaction that
//! queues the message; status webhooks charge, release or reconcile it (see [`charging`]).

pub mod charging;
pub mod expiry;
pub mod gateway;
pub mod model;
pub mod pricing;
pub mod rates;

use std::sync::Arc;
use std::time::Duration;

use redb::{ReadableTable, ReadableTableMetadata};

use crate::auth::Viewer;
use crate::clock::SharedClock;
use crate::error::{Error, Result};
use crate::events::{Bus, Event};
use crate::store::PutRow;
use crate::store::Store;
use crate::store::tables::{
    CBP_WINDOWS, FREE_ENTRY, HOLDS, LEDGER, MARKETS, PAYMENTS, PAYMENTS_DUE, PROFILES, RATE_CARDS,
    RATES, USERS, WALLET,
};
use charging::{Posting, load_wallet, post, save_wallet};
use gateway::Gateway;
use model::{
    AutoRechargeRow, LedgerEntry, LedgerKind, Money, PaymentKind, PaymentRow, PaymentStatus,
    PricingModel, RateCardRow, WalletRow,
};
pub use pricing::{Cost, What};

pub const WALLET_KEY: &str = "wallet";

/// Largest single purchase, adjustment or top-up (a typo guard).
const MAX_AMOUNT: Money = Money(100_000 * model::SCALE);

/// What the balance can still pay for.
pub fn available(w: &WalletRow) -> Money {
    w.balance - w.held
}

/// Settings from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub currency: String,
    pub pricing_model: PricingModel,
    pub home_country: String,
    /// `None`: no gateway (`serve` default): administrators record manual top-ups.
    pub gateway: Option<String>,
}

#[derive(Clone)]
pub struct Credits {
    store: Store,
    clock: SharedClock,
    gateway: Option<Arc<dyn Gateway>>,
}

impl Credits {
    /// Creates the credit tables and the wallet when missing, applies the configured pricing
    /// model, and installs the embedded rate card when none (or an older one) is installed.
    pub async fn open(store: Store, clock: SharedClock, s: Settings) -> Result<Credits> {
        let gateway: Option<Arc<dyn Gateway>> = match s.gateway.as_deref() {
            None | Some("" | "none") => None,
            Some("simulated") => Some(Arc::new(gateway::Simulated)),
            Some(other) => {
                return Err(Error::invalid(format!(
                    "unknown payment gateway '{other}' (known: simulated, none)"
                )));
            }
        };
        let card = rates::parse_card(rates::EMBEDDED_CARD)?;
        let markets = rates::parse_markets(rates::EMBEDDED_MARKETS)?;
        let now = clock.now();
        store
            .write(move |tx| {
                tx.txn.open_table(LEDGER)?;
                tx.txn.open_table(HOLDS)?;
                tx.txn.open_table(PAYMENTS)?;
                tx.txn.open_table(PAYMENTS_DUE)?;
                tx.txn.open_table(FREE_ENTRY)?;
                tx.txn.open_table(CBP_WINDOWS)?;
                let mut w = tx
                    .txn
                    .open_table(WALLET)?
                    .get(WALLET_KEY)?
                    .map(|v| v.value()).transpose()?
                    .unwrap_or_else(|| WalletRow {
                        currency: s.currency.to_ascii_uppercase(),
                        ..Default::default()
                    });
                if !w.currency.eq_ignore_ascii_case(&s.currency) {
                    tracing::warn!(
                        wallet = %w.currency,
                        configured = %s.currency,
                        "the wallet keeps its currency; the configured one applies to new wallets only"
                    );
                }
                w.pricing_model = s.pricing_model;
                w.home_country = s.home_country.to_ascii_uppercase();
                save_wallet(tx, &w)?;
                let mut m = tx.txn.open_table(MARKETS)?;
                if m.first()?.is_none() {
                    for (country, market) in &markets {
                        m.insert(country.as_str(), market.as_str())?;
                    }
                }
                drop(m);
                let current = tx
                    .txn
                    .open_table(RATE_CARDS)?
                    .last()?
                    .map(|(_, v)| v.value().map(|c| c.effective_from))
                    .transpose()?;
                if current.is_none_or(|c| c < card.effective_from) {
                    install_card(tx, &card, "embedded", None, now)?;
                }
                Ok(())
            })
            .await?;
        Ok(Credits {
            store,
            clock,
            gateway,
        })
    }

    pub fn has_gateway(&self) -> bool {
        self.gateway.is_some()
    }

    pub fn wallet(&self, viewer: &Viewer) -> Result<WalletRow> {
        viewer.require_admin()?;
        self.wallet_unchecked()
    }

    pub fn wallet_unchecked(&self) -> Result<WalletRow> {
        use pricing::Reader;
        self.store.read()?.wallet()
    }

    /// The ledger, newest first.
    pub fn ledger(&self, viewer: &Viewer) -> Result<Vec<LedgerEntry>> {
        viewer.require_admin()?;
        self.ledger_unchecked()
    }

    /// One page of the ledger, newest first, and the number of entries: reads only the page.
    pub fn ledger_page(
        &self,
        viewer: &Viewer,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<LedgerEntry>, usize)> {
        viewer.require_admin()?;
        let tx = self.store.read()?;
        let t = tx.open_table(LEDGER)?;
        let total = usize::try_from(t.len()?).unwrap_or(usize::MAX);
        let mut out = vec![];
        for e in t.iter()?.rev().skip(offset).take(limit) {
            out.push(e?.1.value()?);
        }
        Ok((out, total))
    }

    pub fn ledger_unchecked(&self) -> Result<Vec<LedgerEntry>> {
        let tx = self.store.read()?;
        let t = tx.open_table(LEDGER)?;
        let mut out = vec![];
        for e in t.iter()?.rev() {
            out.push(e?.1.value()?);
        }
        Ok(out)
    }

    /// What sending `what` from `profile_id` to `wa_id` would cost now (the caller has checked
    /// that the viewer may send it).
    pub fn send_cost(&self, profile_id: &str, wa_id: &str, what: What<'_>) -> Result<Cost> {
        let tx = self.store.read()?;
        pricing::quote(&tx, profile_id, wa_id, what, self.clock.now())
    }

    pub fn hold(&self, message_id: &str) -> Result<Option<model::HoldRow>> {
        Ok(self
            .store
            .read()?
            .open_table(HOLDS)?
            .get(message_id)?
            .map(|v| v.value())
            .transpose()?)
    }

    pub fn payment(&self, id: &str) -> Result<Option<PaymentRow>> {
        Ok(self
            .store
            .read()?
            .open_table(PAYMENTS)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?)
    }

    fn any_active_number(&self) -> Result<bool> {
        let tx = self.store.read()?;
        let t = tx.open_table(PROFILES)?;
        for p in t.iter()? {
            if p?.1.value()?.active {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn gateway_or_conflict(&self) -> Result<&Arc<dyn Gateway>> {
        self.gateway.as_ref().ok_or_else(|| {
            Error::Conflict(
                "no payment gateway is configured; an administrator records top-ups manually (recordTopUp)"
                    .into(),
            )
        })
    }

    /// F4: starts buying `amount` through the gateway; the administrator confirms it next.
    pub async fn buy(&self, viewer: &Viewer, amount: &str) -> Result<PaymentRow> {
        viewer.require_admin()?;
        let amount = positive(amount, "amount")?;
        if !self.any_active_number()? {
            return Err(Error::Conflict(
                "connect and activate a WhatsApp number before buying credits".into(),
            ));
        }
        let gw = self.gateway_or_conflict()?.clone();
        let now = self.clock.now();
        let id = crate::ids::new_id(now);
        let currency = self.wallet_unchecked()?.currency;
        let reference = gw.start(&id, amount, &currency).await?;
        let pay = PaymentRow {
            id,
            kind: PaymentKind::Card,
            amount,
            currency,
            status: PaymentStatus::RequiresConfirmation,
            gateway_ref: Some(reference),
            reference: None,
            failure: None,
            created_by: Some(viewer.id().to_string()),
            created_at: now,
            updated_at: now,
        };
        let row = pay.clone();
        self.store
            .write(move |tx| {
                tx.txn.open_table(PAYMENTS)?.put(row.id.as_str(), &row)?;
                Ok(())
            })
            .await?;
        Ok(pay)
    }

    /// The gateway's confirmation step: SUCCEEDED adds the credits; a decline answers
    /// `PAYMENT_FAILED` (and the payment stays FAILED). Confirming again answers the outcome.
    pub async fn confirm(&self, viewer: &Viewer, id: &str) -> Result<PaymentRow> {
        viewer.require_admin()?;
        let pay = self
            .payment(id)?
            .filter(|p| p.kind == PaymentKind::Card)
            .ok_or_else(|| Error::NotFound("payment".into()))?;
        match pay.status {
            PaymentStatus::Succeeded => return Ok(pay),
            PaymentStatus::Failed => {
                return Err(Error::PaymentFailed(
                    pay.failure.unwrap_or_else(|| "declined".into()),
                ));
            }
            _ => {}
        }
        let gw = self.gateway_or_conflict()?.clone();
        let outcome = gw
            .confirm(
                pay.gateway_ref.as_deref().unwrap_or_default(),
                pay.amount,
                &pay.currency,
            )
            .await?;
        let now = self.clock.now();
        let by = viewer.id().to_string();
        let id = id.to_string();
        let done = self
            .store
            .write(move |tx| settle_payment(tx, &id, &outcome, Some(&by), now))
            .await?;
        match done.status {
            PaymentStatus::Failed => Err(Error::PaymentFailed(
                done.failure.unwrap_or_else(|| "declined".into()),
            )),
            _ => Ok(done),
        }
    }

    /// `serve` without a gateway: an administrator records money received (bank transfer,
    /// invoice) with a reference.
    pub async fn record_top_up(
        &self,
        viewer: &Viewer,
        amount: &str,
        reference: &str,
    ) -> Result<WalletRow> {
        viewer.require_admin()?;
        let amount = positive(amount, "amount")?;
        let reference = reference.trim().to_string();
        if reference.is_empty() || reference.chars().count() > 200 {
            return Err(Error::validation(
                "reference",
                "a reference (1–200 characters, e.g. the invoice number) is required",
            ));
        }
        self.manual_top_up(amount, &reference, Some(viewer.id()))
            .await
    }

    /// A manual top-up without a viewer check (demo seed, tests).
    pub async fn manual_top_up(
        &self,
        amount: Money,
        reference: &str,
        by: Option<&str>,
    ) -> Result<WalletRow> {
        let now = self.clock.now();
        let reference = reference.to_string();
        let by = by.map(String::from);
        self.store
            .write(move |tx| {
                let mut w = load_wallet(tx)?;
                let pay = PaymentRow {
                    id: crate::ids::new_id(now),
                    kind: PaymentKind::Manual,
                    amount,
                    currency: w.currency.clone(),
                    status: PaymentStatus::Succeeded,
                    gateway_ref: None,
                    reference: Some(reference.clone()),
                    failure: None,
                    created_by: by.clone(),
                    created_at: now,
                    updated_at: now,
                };
                tx.txn.open_table(PAYMENTS)?.put(pay.id.as_str(), &pay)?;
                post(
                    tx,
                    &mut w,
                    LedgerKind::Topup,
                    Posting {
                        amount,
                        note: Some(format!("manual top-up, reference {reference}")),
                        payment_id: Some(pay.id.clone()),
                        by: by.clone(),
                        ..Default::default()
                    },
                    now,
                )?;
                save_wallet(tx, &w)?;
                Ok(w)
            })
            .await
    }

    /// F5: auto-recharge settings. Turning it on while the balance is already below the
    /// minimum starts one top-up now (that is the crossing).
    pub async fn set_auto_recharge(
        &self,
        viewer: &Viewer,
        enabled: bool,
        min_balance: &str,
        amount: &str,
    ) -> Result<WalletRow> {
        viewer.require_admin()?;
        let min_balance = Money::parse(min_balance)
            .filter(|m| *m >= Money::ZERO && *m <= MAX_AMOUNT)
            .ok_or_else(|| {
                Error::validation(
                    "minBalance",
                    "a non-negative amount with at most 4 decimals",
                )
            })?;
        let amount = positive(amount, "amount")?;
        if enabled {
            self.gateway_or_conflict()?;
            if !self.any_active_number()? {
                return Err(Error::Conflict(
                    "connect and activate a WhatsApp number before buying credits".into(),
                ));
            }
        }
        let now = self.clock.now();
        self.store
            .write(move |tx| {
                let mut w = load_wallet(tx)?;
                let was_on = w.auto_recharge.enabled;
                w.auto_recharge = AutoRechargeRow {
                    enabled,
                    min_balance,
                    amount,
                };
                if !enabled || w.balance >= min_balance {
                    w.below_min = false;
                } else if !was_on || !w.below_min {
                    w.below_min = true;
                    charging::start_auto_recharge(tx, &w, now)?;
                }
                save_wallet(tx, &w)?;
                tx.emit(Event::WalletChanged {
                    ledger_entry_id: None,
                })?;
                Ok(w)
            })
            .await
    }

    /// A signed correction with a note; the balance never goes below zero.
    pub async fn adjust(&self, viewer: &Viewer, amount: &str, note: &str) -> Result<WalletRow> {
        viewer.require_admin()?;
        let amount = Money::parse(amount)
            .filter(|m| !m.is_zero() && m.units().abs() <= MAX_AMOUNT.units())
            .ok_or_else(|| {
                Error::validation(
                    "amount",
                    "a non-zero amount with at most 4 decimals, e.g. \"-2.5\"",
                )
            })?;
        let note = note.trim().to_string();
        if note.is_empty() || note.chars().count() > 500 {
            return Err(Error::validation(
                "note",
                "say why (a note of 1–500 characters)",
            ));
        }
        let now = self.clock.now();
        let by = viewer.id().to_string();
        self.store
            .write(move |tx| {
                let mut w = load_wallet(tx)?;
                if (w.balance + amount) < Money::ZERO {
                    return Err(Error::validation(
                        "amount",
                        format!(
                            "the balance would go below zero (it is {} {})",
                            w.balance, w.currency
                        ),
                    ));
                }
                post(
                    tx,
                    &mut w,
                    LedgerKind::Adjustment,
                    Posting {
                        amount,
                        note: Some(note.clone()),
                        by: Some(by.clone()),
                        ..Default::default()
                    },
                    now,
                )?;
                save_wallet(tx, &w)?;
                Ok(w)
            })
            .await
    }

    /// Installs an uploaded rate card (CSV, the embedded card's format). Older cards stay in the
    /// history; a card older than the current one is refused.
    pub async fn upload_rate_card(&self, viewer: &Viewer, csv: &str) -> Result<RateCardRow> {
        viewer.require_admin()?;
        if csv.len() > 1024 * 1024 {
            return Err(Error::validation("csv", "a rate card is at most 1 MiB"));
        }
        let card = rates::parse_card(csv)?;
        let now = self.clock.now();
        let by = viewer.id().to_string();
        self.store
            .write(move |tx| {
                let w = load_wallet(tx)?;
                if !card
                    .rates
                    .iter()
                    .any(|(m, c, _)| m == rates::OTHER && *c == w.currency)
                {
                    return Err(Error::validation(
                        "csv",
                        format!(
                            "the card has no rates in the wallet's currency {}",
                            w.currency
                        ),
                    ));
                }
                let current = tx
                    .txn
                    .open_table(RATE_CARDS)?
                    .last()?
                    .map(|(_, v)| v.value().map(|c| c.effective_from))
                    .transpose()?;
                if let Some(c) = current
                    && c > card.effective_from
                {
                    return Err(Error::Conflict(format!(
                        "the installed card takes effect {c}; this one ({}) is older",
                        card.effective_from
                    )));
                }
                install_card(tx, &card, "upload", Some(&by), now)
            })
            .await
    }

    /// Installed rate cards, newest first.
    pub fn rate_cards(&self, viewer: &Viewer) -> Result<Vec<RateCardRow>> {
        viewer.require_admin()?;
        let tx = self.store.read()?;
        let t = tx.open_table(RATE_CARDS)?;
        let mut out = vec![];
        for e in t.iter()?.rev() {
            out.push(e?.1.value()?);
        }
        Ok(out)
    }

    /// Works recorded auto-recharges until the process ends: on start (what a crash left) and
    /// whenever the wallet changes.
    pub async fn run_auto_recharge(self, bus: Bus, mut stop: crate::service::Stop) -> Result<()> {
        let mut events = bus.subscribe();
        loop {
            if let Err(e) = self.charge_due().await {
                tracing::error!(error = %e, "auto-recharge failed; will retry");
            }
            let wait = async {
                loop {
                    match events.recv().await {
                        Ok(c) if matches!(c.event, Event::WalletChanged { .. }) => return true,
                        Ok(_) => {}
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => return true,
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => return false,
                    }
                }
            };
            tokio::select! {
                woke = tokio::time::timeout(Duration::from_secs(30), wait) => {
                    if let Ok(false) = woke {
                        return Ok(());
                    }
                }
                _ = stop.changed() => return Ok(()),
            }
        }
    }

    async fn charge_due(&self) -> Result<()> {
        let due: Vec<String> = {
            let tx = self.store.read()?;
            let t = tx.open_table(PAYMENTS_DUE)?;
            let mut ids = vec![];
            for e in t.iter()? {
                ids.push(e?.0.value().to_string());
            }
            ids
        };
        for id in due {
            let Some(pay) = self.payment(&id)? else {
                continue;
            };
            let outcome = match &self.gateway {
                None => gateway::Outcome::Declined {
                    reason: "no payment gateway is configured".into(),
                },
                Some(gw) => gw.charge_saved(&pay.id, pay.amount, &pay.currency).await?,
            };
            let now = self.clock.now();
            self.store
                .write(move |tx| settle_payment(tx, &id, &outcome, None, now).map(|_| ()))
                .await?;
        }
        Ok(())
    }
}

fn positive(s: &str, field: &str) -> Result<Money> {
    Money::parse(s)
        .filter(|m| *m > Money::ZERO && *m <= MAX_AMOUNT)
        .ok_or_else(|| {
            Error::validation(
                field,
                "a positive amount with at most 4 decimals (at most 100,000)",
            )
        })
}

/// Applies a gateway outcome to a payment still open, in one transaction: a success posts the
/// TOPUP; a declined auto-recharge switches auto-recharge off and tells the administrators.
fn settle_payment(
    tx: &mut crate::store::Tx<'_>,
    id: &str,
    outcome: &gateway::Outcome,
    by: Option<&str>,
    now: i64,
) -> Result<PaymentRow> {
    let mut pay = tx
        .txn
        .open_table(PAYMENTS)?
        .get(id)?
        .map(|v| v.value())
        .transpose()?
        .ok_or_else(|| Error::NotFound("payment".into()))?;
    tx.txn.open_table(PAYMENTS_DUE)?.remove(id)?;
    if !matches!(
        pay.status,
        PaymentStatus::RequiresConfirmation | PaymentStatus::Processing
    ) {
        return Ok(pay); // settled meanwhile (a concurrent confirmation)
    }
    let mut w = load_wallet(tx)?;
    pay.updated_at = now;
    match outcome {
        gateway::Outcome::Succeeded { reference } => {
            pay.status = PaymentStatus::Succeeded;
            pay.gateway_ref = Some(reference.clone());
            let note = match pay.kind {
                PaymentKind::AutoRecharge => "auto-recharge",
                _ => "bought by card",
            };
            post(
                tx,
                &mut w,
                LedgerKind::Topup,
                Posting {
                    amount: pay.amount,
                    note: Some(note.into()),
                    payment_id: Some(pay.id.clone()),
                    by: by.map(String::from),
                    ..Default::default()
                },
                now,
            )?;
        }
        gateway::Outcome::Declined { reason } => {
            pay.status = PaymentStatus::Failed;
            pay.failure = Some(reason.clone());
            if pay.kind == PaymentKind::AutoRecharge {
                w.auto_recharge.enabled = false;
                w.below_min = false;
                notify_admins(
                    tx,
                    now,
                    "Auto-recharge declined and switched off",
                    &format!(
                        "Topping up {} {} failed: {reason}. Buy credits or turn auto-recharge on again.",
                        pay.amount, pay.currency
                    ),
                )?;
                tx.emit(Event::WalletChanged {
                    ledger_entry_id: None,
                })?;
            }
        }
    }
    save_wallet(tx, &w)?;
    tx.txn.open_table(PAYMENTS)?.put(pay.id.as_str(), &pay)?;
    Ok(pay)
}

fn notify_admins(tx: &mut crate::store::Tx<'_>, now: i64, title: &str, body: &str) -> Result<()> {
    let admins: Vec<String> = {
        let t = tx.txn.open_table(USERS)?;
        let mut ids = vec![];
        for e in t.iter()? {
            let u = e?.1.value()?;
            if u.is_admin && u.active {
                ids.push(u.id);
            }
        }
        ids
    };
    for user in admins {
        let mut n = crate::notify::Notification::new(now, &user, "credits", title.into(), body);
        n.link = Some("/settings/credits".into());
        crate::notify::insert(tx, n)?;
    }
    Ok(())
}

/// Makes `card` the current one: kept in the history, its rates spread into `rates`.
fn install_card(
    tx: &mut crate::store::Tx<'_>,
    card: &rates::Card,
    source: &str,
    by: Option<&str>,
    now: i64,
) -> Result<RateCardRow> {
    let row = RateCardRow {
        id: crate::ids::new_id(now),
        effective_from: card.effective_from.clone(),
        source: source.into(),
        installed_at: now,
        installed_by: by.map(String::from),
        rates: card.rates.clone(),
    };
    tx.txn.open_table(RATE_CARDS)?.put(row.id.as_str(), &row)?;
    let mut t = tx.txn.open_table(RATES)?;
    t.retain(|_, _| false)?;
    for (market, currency, r) in &card.rates {
        t.put((market.as_str(), currency.as_str()), r)?;
    }
    Ok(row)
}
