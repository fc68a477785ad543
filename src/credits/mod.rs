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
mod payments;
pub mod pricing;
mod rate_cards;
pub mod rates;
mod recharge;

use std::sync::Arc;

use redb::{ReadableTable, ReadableTableMetadata};

use crate::auth::Viewer;
use crate::clock::SharedClock;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::tables::{
    CBP_WINDOWS, FREE_ENTRY, HOLDS, LEDGER, MARKETS, PAYMENTS, PAYMENTS_DUE, RATE_CARDS, WALLET,
};
use charging::{Posting, load_wallet, post, save_wallet};
use gateway::Gateway;
use model::{LedgerEntry, LedgerKind, Money, PaymentRow, PricingModel, WalletRow};
pub use pricing::{Cost, What};

pub const WALLET_KEY: &str = "wallet";

/// Largest single purchase, adjustment or top-up (a typo guard).
pub(super) const MAX_AMOUNT: Money = Money(100_000 * model::SCALE);

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
                    rate_cards::install_card(tx, &card, "embedded", None, now)?;
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
        let mut rows = crate::store::all_rows(&tx.open_table(LEDGER)?)?;
        rows.reverse();
        Ok(rows)
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
}

pub(super) fn positive(s: &str, field: &str) -> Result<Money> {
    Money::parse(s)
        .filter(|m| *m > Money::ZERO && *m <= MAX_AMOUNT)
        .ok_or_else(|| {
            Error::validation(
                field,
                "a positive amount with at most 4 decimals (at most 100,000)",
            )
        })
}

/// Rings every administrator's bell about the wallet, each in their language.
pub(super) fn notify_admins(
    tx: &mut crate::store::Tx<'_>,
    now: i64,
    title: crate::i18n::Text,
    body: crate::i18n::Text,
) -> Result<()> {
    crate::notify::Notifications::ring_admins(
        tx,
        now,
        &crate::notify::AdminAlert {
            kind: "credits",
            title,
            body,
            link: "/settings/credits",
        },
    )
}
