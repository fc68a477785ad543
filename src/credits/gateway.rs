//! Payment gateways. Parley never sees card data: a gateway takes the payment on its own page or
//! widget and answers with its reference and an outcome. `demo` ships [`Simulated`]; `serve`
//! without a gateway records manual top-ups instead.

use futures_util::future::BoxFuture;

use super::model::Money;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Succeeded { reference: String },
    Declined { reason: String },
}

pub trait Gateway: Send + Sync {
    fn name(&self) -> &'static str;
    /// Starts a payment that the administrator confirms next (card entry, 3-D Secure). Returns
    /// the gateway's reference for it.
    fn start(
        &self,
        payment_id: &str,
        amount: Money,
        currency: &str,
    ) -> BoxFuture<'_, Result<String>>;
    /// The confirmation step of a started payment.
    fn confirm(
        &self,
        reference: &str,
        amount: Money,
        currency: &str,
    ) -> BoxFuture<'_, Result<Outcome>>;
    /// Charges the saved payment method without the administrator (auto-recharge). Must be
    /// idempotent by `payment_id`: it is called again for the same payment after a crash.
    fn charge_saved(
        &self,
        payment_id: &str,
        amount: Money,
        currency: &str,
    ) -> BoxFuture<'_, Result<Outcome>>;
}

/// The demo's card gateway. Every amount succeeds except one whose cents are `.13`
/// (e.g. `10.13`, `5.13`): that is the declining test card, at confirmation or at an
/// auto-recharge. Deterministic, so a repeated call for one payment answers the same.
#[derive(Debug, Default)]
pub struct Simulated;

pub fn declines(amount: Money) -> bool {
    amount.units().rem_euclid(10_000) == 1_300
}

impl Gateway for Simulated {
    fn name(&self) -> &'static str {
        "simulated"
    }

    fn start(
        &self,
        payment_id: &str,
        _amount: Money,
        _currency: &str,
    ) -> BoxFuture<'_, Result<String>> {
        let reference = format!("sim_pi_{payment_id}");
        Box::pin(async move { Ok(reference) })
    }

    fn confirm(
        &self,
        reference: &str,
        amount: Money,
        _currency: &str,
    ) -> BoxFuture<'_, Result<Outcome>> {
        let reference = reference.to_string();
        Box::pin(async move {
            Ok(if declines(amount) {
                Outcome::Declined {
                    reason: "card declined (test card: amounts ending in .13 decline)".into(),
                }
            } else {
                Outcome::Succeeded { reference }
            })
        })
    }

    fn charge_saved(
        &self,
        payment_id: &str,
        amount: Money,
        _currency: &str,
    ) -> BoxFuture<'_, Result<Outcome>> {
        let reference = format!("sim_ch_{payment_id}");
        Box::pin(async move {
            Ok(if declines(amount) {
                Outcome::Declined {
                    reason: "saved card declined (test card: amounts ending in .13 decline)".into(),
                }
            } else {
                Outcome::Succeeded { reference }
            })
        })
    }
}
