//! Buying credits (F4): through the payment gateway with its confirmation step, or recorded by
//! an administrator when there is none; settling a gateway's outcome in one transaction.

use std::sync::Arc;

use redb::ReadableTable;

use super::charging::{Posting, load_wallet, post, save_wallet};
use super::gateway::{self, Gateway};
use super::model::{LedgerKind, Money, PaymentKind, PaymentRow, PaymentStatus, WalletRow};
use super::{Credits, notify_admins, positive};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::i18n::Text;
use crate::store::PutRow;
use crate::store::tables::{PAYMENTS, PAYMENTS_DUE, PROFILES};

impl Credits {
    pub(super) fn any_active_number(&self) -> Result<bool> {
        let tx = self.store.read()?;
        let t = tx.open_table(PROFILES)?;
        for p in t.iter()? {
            if p?.1.value()?.active {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub(super) fn gateway_or_conflict(&self) -> Result<&Arc<dyn Gateway>> {
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
}

/// Applies a gateway outcome to a payment still open, in one transaction: a success posts the
/// TOPUP; a declined auto-recharge switches auto-recharge off and tells the administrators.
pub(super) fn settle_payment(
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
                    Text::new(
                        "Auto-recharge declined and switched off",
                        "Automatisches Aufladen abgelehnt und ausgeschaltet",
                    ),
                    Text::new(
                        format!(
                            "Topping up {} {} failed: {reason}. Buy credits or turn auto-recharge on again.",
                            pay.amount, pay.currency
                        ),
                        format!(
                            "Das Aufladen von {} {} ist fehlgeschlagen: {}. Kaufen Sie Guthaben oder schalten Sie das automatische Aufladen wieder ein.",
                            pay.amount,
                            pay.currency,
                            crate::i18n::localize(reason, crate::i18n::Lang::De)
                        ),
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
