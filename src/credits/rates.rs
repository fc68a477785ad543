//! The rate card as data: Meta's per-message rates by market and category, and the country →
//! market mapping. The card in `fixtures/rate-card/` is embedded in the binary; administrators
//! upload newer cards as CSV in the same format (the history is kept).

use std::collections::BTreeSet;

use super::model::{MarketRates, Money};
use crate::error::{Error, Result};

pub const EMBEDDED_CARD: &str = include_str!("../../fixtures/rate-card/2025-07-01.csv");
pub const EMBEDDED_MARKETS: &str = include_str!("../../fixtures/rate-card/markets.csv");

/// Market of countries the mapping does not list.
pub const OTHER: &str = "Other";

/// A parsed card: its effective date and (market, currency, rates) rows.
#[derive(Debug, Clone)]
pub struct Card {
    pub effective_from: String,
    pub rates: Vec<(String, String, MarketRates)>,
}

const HEADER: [&str; 7] = [
    "effective_from",
    "market",
    "currency",
    "marketing",
    "utility",
    "authentication",
    "authentication_international",
];

/// Parses a rate card CSV (lines starting with `#` are comments). Every row must carry the same
/// effective date (`YYYY-MM-DD`); the card must price the `Other` market in each currency it has.
pub fn parse_card(text: &str) -> Result<Card> {
    let bad = |m: String| Error::validation("csv", m);
    let mut r = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| bad(format!("unreadable header: {e}")))?
        .iter()
        .map(str::to_ascii_lowercase)
        .collect();
    if headers.len() < 6 || headers.iter().zip(HEADER).any(|(h, want)| h != want) {
        return Err(bad(format!("the header must be: {}", HEADER.join(","))));
    }
    let mut effective: Option<String> = None;
    let mut rates = vec![];
    let mut seen = BTreeSet::new();
    for (i, row) in r.records().enumerate() {
        let line = i + 2;
        let row = row.map_err(|e| bad(format!("line {line}: {e}")))?;
        let get = |k: usize| row.get(k).unwrap_or("").to_string();
        let date = get(0);
        if !valid_date(&date) {
            return Err(bad(format!(
                "line {line}: effective_from must be YYYY-MM-DD"
            )));
        }
        match &effective {
            None => effective = Some(date),
            Some(d) if *d != date => {
                return Err(bad(format!(
                    "line {line}: one card has one effective date ({d})"
                )));
            }
            Some(_) => {}
        }
        let market = get(1);
        let currency = get(2).to_ascii_uppercase();
        if market.is_empty() || currency.len() != 3 {
            return Err(bad(format!(
                "line {line}: market and a 3-letter currency are required"
            )));
        }
        let money = |k: usize, name: &str| -> Result<Money> {
            match Money::parse(&get(k)) {
                Some(m) if m.units() >= 0 => Ok(m),
                _ => Err(bad(format!(
                    "line {line}: {name} must be a non-negative amount with at most 4 decimals"
                ))),
            }
        };
        let intl = get(6);
        let rates_row = MarketRates {
            marketing: money(3, "marketing")?,
            utility: money(4, "utility")?,
            authentication: money(5, "authentication")?,
            authentication_international: if intl.is_empty() {
                None
            } else {
                Some(money(6, "authentication_international")?)
            },
        };
        if !seen.insert((market.clone(), currency.clone())) {
            return Err(bad(format!(
                "line {line}: {market} {currency} appears twice"
            )));
        }
        rates.push((market, currency, rates_row));
    }
    let effective_from = effective.ok_or_else(|| bad("the card has no rates".into()))?;
    let currencies: BTreeSet<&String> = rates.iter().map(|(_, c, _)| c).collect();
    for c in currencies {
        if !seen.contains(&(OTHER.to_string(), c.clone())) {
            return Err(bad(format!(
                "the card must price the market \"{OTHER}\" in {c}"
            )));
        }
    }
    Ok(Card {
        effective_from,
        rates,
    })
}

fn valid_date(d: &str) -> bool {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()
}

/// Parses the `country,market` mapping.
pub fn parse_markets(text: &str) -> Result<Vec<(String, String)>> {
    let mut r = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out = vec![];
    for row in r.records() {
        let row = row.map_err(|e| Error::Internal(format!("market mapping: {e}")))?;
        let (Some(c), Some(m)) = (row.get(0), row.get(1)) else {
            continue;
        };
        out.push((c.to_ascii_uppercase(), m.to_string()));
    }
    Ok(out)
}

/// The ISO country of a WhatsApp id (digits of an E.164 number), if it is a number.
pub fn country_of_wa_id(wa_id: &str) -> Option<String> {
    let digits: String = wa_id.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let parsed = phonenumber::parse(None, format!("+{digits}")).ok()?;
    parsed.country().id().map(|id| id.as_ref().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_card_parses_and_prices_germany() {
        let card = parse_card(EMBEDDED_CARD).unwrap();
        assert_eq!(card.effective_from, "2025-07-01");
        let de = card
            .rates
            .iter()
            .find(|(m, c, _)| m == "Germany" && c == "EUR")
            .unwrap();
        assert_eq!(de.2.marketing.to_string(), "0.1365");
        assert_eq!(de.2.utility.to_string(), "0.0456");
        assert!(parse_markets(EMBEDDED_MARKETS).unwrap().len() > 100);
        assert_eq!(country_of_wa_id("4915177788899").as_deref(), Some("DE"));
        assert_eq!(country_of_wa_id("16505551234").as_deref(), Some("US"));
    }

    #[test]
    fn bad_cards_are_refused_with_the_line() {
        let e = parse_card("effective_from,market,currency,marketing,utility,authentication,authentication_international\n2025-07-01,Other,EUR,x,0,0,\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(parse_card("a,b\n").is_err());
    }
}
