//! Uploaded rate cards: installing one (kept in the history, its rates spread into `rates`) and
//! listing them.

use redb::ReadableTable;

use super::charging::load_wallet;
use super::model::RateCardRow;
use super::{Credits, rates};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::store::PutRow;
use crate::store::tables::{RATE_CARDS, RATES};

impl Credits {
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
        let mut rows = crate::store::all_rows(&tx.open_table(RATE_CARDS)?)?;
        rows.reverse();
        Ok(rows)
    }
}

/// Makes `card` the current one: kept in the history, its rates spread into `rates`.
pub(super) fn install_card(
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
