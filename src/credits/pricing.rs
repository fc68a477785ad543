//! F6: what a send costs. One function, [`price`], decides it from facts read in the caller's
//! transaction ([`facts`]); `sendCost` reads them in a read transaction, sending in the write
//! transaction that queues the message and holds the amount.
//!
//! Per-message pricing (Meta's model since 1 July 2025, the default): a template is billed by its
//! category and the recipient's market; free-form (service) messages are free; a utility
//! template inside the customer's open 24 h service window is free; everything inside a 72 h
//! free-entry-point window (after a click-to-WhatsApp referral) is free. Per-conversation
//! pricing (the setting for accounts still billed that way) adds: one charge per 24 h window per
//! customer and category.

use redb::ReadableTable;

use super::model::{CbpWindow, MarketRates, Millis, Money, PricingModel, WalletRow};
use super::rates::{OTHER, country_of_wa_id};
use crate::error::{Error, Result};
use crate::store::tables::{
    CBP_WINDOWS, CONV_BY_CUSTOMER, CONVERSATIONS, FREE_ENTRY, MARKETS, RATES, WALLET,
};

pub const SERVICE_WINDOW_MS: Millis = 24 * 3600 * 1000;
pub const FREE_ENTRY_MS: Millis = 72 * 3600 * 1000;
pub const CBP_WINDOW_MS: Millis = 24 * 3600 * 1000;

/// What is being sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What<'a> {
    /// A template of this category (`marketing`, `utility`, `authentication`).
    Template(&'a str),
    /// Free-form text or media (a service message).
    FreeForm,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cost {
    pub amount: Money,
    pub currency: String,
    /// Meta's category: `marketing`, `utility`, `authentication`, `authentication_international`,
    /// `service`.
    pub category: String,
    /// ISO country of the recipient ("" when the recipient has no number).
    pub country: String,
    pub market: String,
    pub billable: bool,
    /// Why it is free.
    pub reason: Option<String>,
}

/// Everything [`price`] looks at.
#[derive(Debug, Clone)]
pub struct Facts {
    pub model: PricingModel,
    pub currency: String,
    pub home_country: String,
    pub country: String,
    pub market: String,
    pub rates: MarketRates,
    /// The customer wrote within the last 24 h.
    pub service_window: bool,
    /// A click-to-WhatsApp referral arrived within the last 72 h.
    pub free_entry: bool,
    /// Per-conversation pricing: the categories with a window open now.
    pub cbp_open: Vec<String>,
}

pub const REASON_SERVICE: &str = "service message";
pub const REASON_WINDOW: &str = "open service window";
pub const REASON_FREE_ENTRY: &str = "free entry point window";
pub const REASON_CONVERSATION: &str = "conversation already charged";

/// The price of sending `what` given `f`.
pub fn price(what: What<'_>, f: &Facts) -> Cost {
    let cost = |category: &str, amount: Money, reason: Option<&str>| Cost {
        amount,
        currency: f.currency.clone(),
        category: category.to_string(),
        country: f.country.clone(),
        market: f.market.clone(),
        billable: reason.is_none(),
        reason: reason.map(String::from),
    };
    let category = match what {
        What::FreeForm => return cost("service", Money::ZERO, Some(REASON_SERVICE)),
        What::Template(c) => billing_category(c, f),
    };
    if f.free_entry {
        return cost(&category, Money::ZERO, Some(REASON_FREE_ENTRY));
    }
    if category == "utility" && f.service_window {
        return cost(&category, Money::ZERO, Some(REASON_WINDOW));
    }
    if f.model == PricingModel::Cbp && f.cbp_open.contains(&category) {
        return cost(&category, Money::ZERO, Some(REASON_CONVERSATION));
    }
    let amount = rate(&f.rates, &category);
    if amount.is_zero() {
        return cost(&category, amount, Some("free in this market"));
    }
    cost(&category, amount, None)
}

/// `authentication` becomes `authentication_international` for a recipient in another country
/// than the business when the market has such a rate.
fn billing_category(template_category: &str, f: &Facts) -> String {
    let c = template_category.to_ascii_lowercase();
    if c == "authentication"
        && f.rates.authentication_international.is_some()
        && !f.country.is_empty()
        && !f.home_country.eq_ignore_ascii_case(&f.country)
    {
        return "authentication_international".into();
    }
    c
}

/// The card's rate for `category` (unknown categories are priced as marketing, the highest).
pub fn rate(r: &MarketRates, category: &str) -> Money {
    match category {
        "utility" => r.utility,
        "authentication" => r.authentication,
        "authentication_international" => {
            r.authentication_international.unwrap_or(r.authentication)
        }
        "service" | "referral_conversion" => Money::ZERO,
        _ => r.marketing,
    }
}

/// Read access the pricing facts need, from a read or a write transaction.
pub trait Reader {
    fn wallet(&self) -> Result<WalletRow>;
    fn market_of(&self, country: &str) -> Result<Option<String>>;
    fn rates(&self, market: &str, currency: &str) -> Result<Option<MarketRates>>;
    fn last_inbound(&self, profile_id: &str, wa_id: &str) -> Result<Option<Millis>>;
    fn free_entry(&self, profile_id: &str, wa_id: &str) -> Result<Option<Millis>>;
    fn cbp_window(&self, profile_id: &str, wa_id: &str, cat: &str) -> Result<Option<CbpWindow>>;
}

macro_rules! reader_for {
    ($t:ty) => {
        impl Reader for $t {
            fn wallet(&self) -> Result<WalletRow> {
                Ok(self
                    .open_table(WALLET)?
                    .get(super::WALLET_KEY)?
                    .map(|v| v.value())
                    .transpose()?
                    .unwrap_or_default())
            }
            fn market_of(&self, country: &str) -> Result<Option<String>> {
                Ok(self
                    .open_table(MARKETS)?
                    .get(country)?
                    .map(|v| v.value().to_string()))
            }
            fn rates(&self, market: &str, currency: &str) -> Result<Option<MarketRates>> {
                Ok(self
                    .open_table(RATES)?
                    .get((market, currency))?
                    .map(|v| v.value())
                    .transpose()?)
            }
            fn last_inbound(&self, profile_id: &str, wa_id: &str) -> Result<Option<Millis>> {
                let Some(id) = self
                    .open_table(CONV_BY_CUSTOMER)?
                    .get((profile_id, wa_id))?
                    .map(|v| v.value().to_string())
                else {
                    return Ok(None);
                };
                Ok(self
                    .open_table(CONVERSATIONS)?
                    .get(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .and_then(|c| c.last_inbound_at))
            }
            fn free_entry(&self, profile_id: &str, wa_id: &str) -> Result<Option<Millis>> {
                Ok(self
                    .open_table(FREE_ENTRY)?
                    .get((profile_id, wa_id))?
                    .map(|v| v.value()))
            }
            fn cbp_window(
                &self,
                profile_id: &str,
                wa_id: &str,
                cat: &str,
            ) -> Result<Option<CbpWindow>> {
                Ok(self
                    .open_table(CBP_WINDOWS)?
                    .get((profile_id, wa_id, cat))?
                    .map(|v| v.value())
                    .transpose()?)
            }
        }
    };
}

reader_for!(redb::ReadTransaction);
reader_for!(redb::WriteTransaction);

/// Reads the facts for a send from `profile_id` to `wa_id` at `now`.
pub fn facts<R: Reader>(r: &R, profile_id: &str, wa_id: &str, now: Millis) -> Result<Facts> {
    let wallet = r.wallet()?;
    let country = country_of_wa_id(wa_id).unwrap_or_default();
    let market = match r.market_of(&country)? {
        Some(m) => m,
        None => OTHER.to_string(),
    };
    let (market, rates) = match r.rates(&market, &wallet.currency)? {
        Some(rates) => (market, rates),
        None => (
            OTHER.to_string(),
            r.rates(OTHER, &wallet.currency)?.ok_or_else(|| {
                Error::Conflict(format!(
                    "the rate card has no rates in {}; upload one that has",
                    wallet.currency
                ))
            })?,
        ),
    };
    let service_window = r
        .last_inbound(profile_id, wa_id)?
        .is_some_and(|t| now < t + SERVICE_WINDOW_MS);
    let free_entry = r
        .free_entry(profile_id, wa_id)?
        .is_some_and(|t| now < t + FREE_ENTRY_MS);
    let mut cbp_open = vec![];
    if wallet.pricing_model == PricingModel::Cbp {
        for c in [
            "marketing",
            "utility",
            "authentication",
            "authentication_international",
        ] {
            if r.cbp_window(profile_id, wa_id, c)?
                .is_some_and(|w| now < w.opened_at + CBP_WINDOW_MS)
            {
                cbp_open.push(c.to_string());
            }
        }
    }
    Ok(Facts {
        model: wallet.pricing_model,
        currency: wallet.currency,
        home_country: wallet.home_country,
        country,
        market,
        rates,
        service_window,
        free_entry,
        cbp_open,
    })
}

/// The cost of sending `what` now: the facts and the one pricing function.
pub fn quote<R: Reader>(
    r: &R,
    profile_id: &str,
    wa_id: &str,
    what: What<'_>,
    now: Millis,
) -> Result<Cost> {
    Ok(price(what, &facts(r, profile_id, wa_id, now)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            model: PricingModel::Pmp,
            currency: "EUR".into(),
            home_country: "DE".into(),
            country: "DE".into(),
            market: "Germany".into(),
            rates: MarketRates {
                marketing: Money(1365),
                utility: Money(456),
                authentication: Money(768),
                authentication_international: None,
            },
            service_window: false,
            free_entry: false,
            cbp_open: vec![],
        }
    }

    #[test]
    fn per_message_rules() {
        let f = facts();
        let c = price(What::Template("marketing"), &f);
        assert_eq!((c.amount, c.billable), (Money(1365), true));
        assert_eq!(price(What::FreeForm, &f).amount, Money::ZERO);
        let open = Facts {
            service_window: true,
            ..facts()
        };
        let u = price(What::Template("utility"), &open);
        assert_eq!(u.reason.as_deref(), Some(REASON_WINDOW));
        assert!(price(What::Template("marketing"), &open).billable);
        let ad = Facts {
            free_entry: true,
            ..facts()
        };
        assert!(!price(What::Template("marketing"), &ad).billable);
        let cbp = Facts {
            model: PricingModel::Cbp,
            cbp_open: vec!["marketing".into()],
            ..facts()
        };
        assert!(!price(What::Template("marketing"), &cbp).billable);
        assert!(price(What::Template("utility"), &cbp).billable);
        let mut intl = facts();
        intl.country = "IN".into();
        intl.rates.authentication_international = Some(Money(280));
        let a = price(What::Template("authentication"), &intl);
        assert_eq!(
            (a.category.as_str(), a.amount),
            ("authentication_international", Money(280))
        );
    }
}
