//! Auto-recharge (F5): its settings, and the worker that tops the wallet up when the balance
//! crosses the minimum.

use std::time::Duration;

use redb::ReadableTable;

use super::charging::{load_wallet, save_wallet};
use super::model::{AutoRechargeRow, Money, WalletRow};
use super::payments::settle_payment;
use super::{Credits, MAX_AMOUNT, charging, gateway, positive};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::events::{Bus, Event};
use crate::store::tables::PAYMENTS_DUE;

impl Credits {
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
