//! Credits as stored: the wallet, its append-only ledger, holds on queued sends, payments and
//! rate cards. Leaf module: types only, nothing above it is imported.
//!
//! Money is an integer count of 1/10,000 of the wallet's currency ([`Money`]); decimal strings
//! with at most four fraction digits at the API. No floats anywhere.

use std::fmt;

use serde::{Deserialize, Serialize};

/// UTC milliseconds since the Unix epoch (same as `clock::Millis`, kept local to stay a leaf).
pub type Millis = i64;

/// Minor units per unit of currency.
pub const SCALE: i64 = 10_000;

/// An amount of money in 1/10,000 of the currency.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// Parses `"12"`, `"12.5"`, `"-0.0791"`: optional sign, digits, at most four fraction digits.
    pub fn parse(s: &str) -> Option<Money> {
        let s = s.trim();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty()
            || frac.len() > 4
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || (body.contains('.') && frac.is_empty())
        {
            return None;
        }
        let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let mut f: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().ok()?
        };
        for _ in frac.len()..4 {
            f *= 10;
        }
        let units = whole.checked_mul(SCALE)?.checked_add(f)?;
        Some(Money(if neg { -units } else { units }))
    }

    pub fn units(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for Money {
    /// Shortest decimal form: `12.5`, `0.0791`, `-3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let scale = SCALE.unsigned_abs();
        let (whole, frac) = (abs / scale, abs % scale);
        if frac == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{frac:04}");
            write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0.saturating_add(o.0))
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0.saturating_sub(o.0))
    }
}

impl std::ops::Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(self.0.saturating_neg())
    }
}

/// Meta's billing model for the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PricingModel {
    /// Per-message pricing (Meta's model since 1 July 2025): each delivered template is billed.
    #[default]
    Pmp,
    /// Conversation-based pricing: one charge per 24 h window per customer and category.
    Cbp,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoRechargeRow {
    pub enabled: bool,
    pub min_balance: Money,
    pub amount: Money,
}

/// The organisation's one wallet. `balance` always equals the sum of the ledger: it changes only
/// together with a ledger entry, in the same transaction.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WalletRow {
    pub currency: String,
    pub balance: Money,
    /// Sum of open holds (queued sends not yet billed or released).
    pub held: Money,
    pub auto_recharge: AutoRechargeRow,
    /// Set when a charge took the balance below the auto-recharge minimum (the crossing that
    /// started a top-up); cleared once the balance is back at or above it.
    #[serde(default)]
    pub below_min: bool,
    /// From the configuration at each start, so changes read it inside their transaction.
    #[serde(default)]
    pub pricing_model: PricingModel,
    /// ISO country of the business (authentication-international applies to other countries).
    #[serde(default)]
    pub home_country: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LedgerKind {
    Topup,
    Charge,
    Refund,
    Adjustment,
}

/// One line of the append-only ledger; `amount` is signed (+ adds to the balance).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub id: String,
    pub at: Millis,
    pub kind: LedgerKind,
    pub amount: Money,
    pub balance_after: Money,
    pub message_id: Option<String>,
    pub category: Option<String>,
    pub country: Option<String>,
    pub note: Option<String>,
    /// The payment a top-up came from.
    #[serde(default)]
    pub payment_id: Option<String>,
    /// Who made a manual entry (adjustments, manual top-ups).
    #[serde(default)]
    pub by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HoldState {
    Held,
    Charged,
    Released,
}

/// What Meta's `pricing` object said about a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaPricing {
    pub billable: bool,
    pub category: String,
    /// PMP `type` (`regular`, `free_customer_service`, `free_entry_point`) when given.
    pub kind: Option<String>,
}

/// The price of one queued send, held from queueing until Meta bills it or it fails.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HoldRow {
    pub message_id: String,
    #[serde(default)]
    pub profile_id: String,
    #[serde(default)]
    pub wa_id: String,
    pub amount: Money,
    pub category: String,
    pub country: String,
    pub billable: bool,
    pub reason: Option<String>,
    pub state: HoldState,
    pub created_at: Millis,
    /// The first `pricing` object a status webhook carried for the message.
    #[serde(default)]
    pub meta: Option<MetaPricing>,
    /// Whether Meta's pricing has been compared with ours (refund/adjustment written).
    #[serde(default)]
    pub reconciled: bool,
    /// When the hold was released because no billing status came (see `credits::expiry`).
    #[serde(default)]
    pub expired_at: Option<crate::clock::Millis>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    RequiresConfirmation,
    /// An auto-recharge recorded with the charge that crossed the minimum, not yet charged.
    Processing,
    Succeeded,
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    /// Bought by an administrator through the gateway.
    Card,
    /// Started by auto-recharge.
    AutoRecharge,
    /// Recorded by an administrator (bank transfer, invoice); no gateway involved.
    Manual,
}

/// A payment. Card data never reaches us: the gateway's reference is all we keep.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentRow {
    pub id: String,
    pub kind: PaymentKind,
    pub amount: Money,
    pub currency: String,
    pub status: PaymentStatus,
    pub gateway_ref: Option<String>,
    /// Manual top-ups: the administrator's reference (e.g. an invoice number).
    pub reference: Option<String>,
    pub failure: Option<String>,
    pub created_by: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// Per-message rates of one market in one currency; `None`: Meta has no such rate there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketRates {
    pub marketing: Money,
    pub utility: Money,
    pub authentication: Money,
    pub authentication_international: Option<Money>,
}

/// A whole rate card as published (kept in history; the current one's rows are also spread into
/// the `rates` table for cheap lookups).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RateCardRow {
    pub id: String,
    /// `YYYY-MM-DD`, the date Meta's card takes effect.
    pub effective_from: String,
    /// Where it came from: `embedded` or `upload`.
    pub source: String,
    pub installed_at: Millis,
    pub installed_by: Option<String>,
    /// (market, currency, rates).
    pub rates: Vec<(String, String, MarketRates)>,
}

/// A window that makes sends free or already paid for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CbpWindow {
    pub opened_at: Millis,
    pub message_id: String,
}

#[cfg(test)]
mod tests {
    use super::Money;

    #[test]
    fn money_parses_and_prints_decimal_strings() {
        for (s, units, back) in [
            ("12.5", 125_000, "12.5"),
            ("0.0791", 791, "0.0791"),
            ("-3", -30_000, "-3"),
            ("0", 0, "0"),
            (".5", 5_000, "0.5"),
            ("+1.0000", 10_000, "1"),
        ] {
            let m = Money::parse(s).unwrap();
            assert_eq!(m.0, units, "{s}");
            assert_eq!(m.to_string(), back);
        }
        for bad in [
            "",
            "1.23456",
            "abc",
            "1,5",
            "1.",
            "--1",
            "1e3",
            "99999999999999999999",
        ] {
            assert!(Money::parse(bad).is_none(), "{bad}");
        }
    }
}
