//! Reading records: one record, a page of a module's list (from the modified-time or field
//! index where it can, so only the page is decoded; a search from the record index in
//! `search::records`) and records by phone, always through the viewer's visibility.

use std::collections::HashSet;

use serde_json::Value;

use super::Crm;
use super::model::{ModuleDef, RecordRow};
use crate::auth::Viewer;
use crate::error::Result;
use crate::store::tables::{
    FIELD_COUNTS, PHONE_INDEX, RECORD_COUNTS, RECORDS, RECORDS_BY_FIELD, RECORDS_BY_MODIFIED,
};

/// Most matches of a search sorted by a field that are decoded and sorted; with more, the page
/// is read from the field index when it can be.
const DECODE_AT_MOST: usize = 2_000;

#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub search: Option<String>,
    pub sort_by: Option<String>,
    pub sort_desc: bool,
    pub offset: usize,
    pub limit: usize,
}

pub struct RecordPage {
    pub rows: Vec<RecordRow>,
    pub total: usize,
}

impl Crm {
    /// The owners whose records `viewer` sees (None: all, for administrators).
    pub fn visible_owners(
        &self,
        viewer: &Viewer,
    ) -> Result<Option<std::collections::HashSet<String>>> {
        self.auth.visible_owners(viewer)
    }

    /// The record if it exists and `viewer` may see it.
    pub fn get(&self, viewer: &Viewer, module: &str, id: &str) -> Result<Option<RecordRow>> {
        let row = self.get_unchecked(module, id)?;
        let owners = self.auth.visible_owners(viewer)?;
        Ok(row.filter(|r| owners.as_ref().is_none_or(|o| o.contains(&r.owner_id))))
    }

    /// For system work (inbound messages, automation) that acts for nobody in particular.
    pub fn get_unchecked(&self, module: &str, id: &str) -> Result<Option<RecordRow>> {
        Ok(self
            .store
            .read()?
            .open_table(RECORDS)?
            .get((module, id))?
            .map(|v| v.value())
            .transpose()?)
    }

    pub fn list(&self, viewer: &Viewer, module: &str, q: &ListQuery) -> Result<RecordPage> {
        let def = self.module(module)?;
        let owners = self.auth.visible_owners(viewer)?;
        let needle = q
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_lowercase);
        if needle.is_none() && q.sort_by.is_none() {
            return self.list_newest(&def, owners.as_ref(), q);
        }
        if needle.is_none()
            && let Some(f) = q.sort_by.as_deref().and_then(|f| def.field(f))
            && let Some(page) = self.list_by_field(&def, &f.api_name, owners.as_ref(), None, q)?
        {
            return Ok(page);
        }
        if let (Some(needle), Some(search)) = (needle.as_deref(), &self.search) {
            return self.list_found(&def, search, needle, owners.as_ref(), q);
        }
        // Without the index (a `Crm` built without one), a search scans the module.
        let tx = self.store.read()?;
        let t = tx.open_table(RECORDS)?;
        let mut rows: Vec<RecordRow> = t
            .range((module, "")..=(module, "\u{10FFFF}"))?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .filter(|r| owners.as_ref().is_none_or(|o| o.contains(&r.owner_id)))
            .filter(|r| needle.as_ref().is_none_or(|n| matches_search(r, n)))
            .collect();
        sort_rows(&def, &mut rows, q);
        let total = rows.len();
        let rows = rows.into_iter().skip(q.offset).take(q.limit).collect();
        Ok(RecordPage { rows, total })
    }

    /// A search, answered from the record index: in the default order only the page's
    /// records are decoded; sorted by a field, the matches are decoded and sorted as a scan
    /// would sort them. Rows are checked again against visibility and the needle, so an index
    /// that lags the store (briefly, see `search_caught_up`) never shows what it should not.
    fn list_found(
        &self,
        def: &ModuleDef,
        search: &crate::search::Search,
        needle: &str,
        owners: Option<&HashSet<String>>,
        q: &ListQuery,
    ) -> Result<RecordPage> {
        let module = def.api_name.as_str();
        let keep = |r: &RecordRow| {
            owners.is_none_or(|o| o.contains(&r.owner_id)) && matches_search(r, needle)
        };
        if q.sort_by.is_none() {
            let found = search.record_page(module, needle, owners, q.offset, q.limit)?;
            let mut rows = self.decode(module, &found.ids)?;
            rows.retain(keep);
            return Ok(RecordPage {
                rows,
                total: found.total,
            });
        }
        let mut ids = search.record_ids(module, needle, owners)?;
        // Many matches: walk the field index for the page rather than decode them all, when
        // it holds every visible record.
        if ids.len() > DECODE_AT_MOST
            && let Some(f) = q.sort_by.as_deref().and_then(|f| def.field(f))
        {
            let only: HashSet<String> = ids.into_iter().collect();
            if let Some(mut page) = self.list_by_field(def, &f.api_name, owners, Some(&only), q)? {
                page.rows.retain(keep);
                return Ok(page);
            }
            ids = only.into_iter().collect();
        }
        // The scan reads records by id; the stable sorts below then break ties as it did.
        ids.sort_unstable();
        let mut rows = self.decode(module, &ids)?;
        rows.retain(keep);
        sort_rows(def, &mut rows, q);
        let total = rows.len();
        let rows = rows.into_iter().skip(q.offset).take(q.limit).collect();
        Ok(RecordPage { rows, total })
    }

    /// The records of `module` with these ids, in this order (ids no longer stored are left out).
    fn decode(&self, module: &str, ids: &[String]) -> Result<Vec<RecordRow>> {
        let tx = self.store.read()?;
        rows_by_id(&tx, module, ids)
    }

    /// The default order, newest change first, read from the modified-time index so only the
    /// page's records are decoded and the total comes from the per-owner counts.
    fn list_newest(
        &self,
        def: &ModuleDef,
        owners: Option<&HashSet<String>>,
        q: &ListQuery,
    ) -> Result<RecordPage> {
        let tx = self.store.read()?;
        let module = def.api_name.as_str();
        let mut total = 0;
        for entry in tx
            .open_table(RECORD_COUNTS)?
            .range((module, "")..=(module, "\u{10FFFF}"))?
        {
            let (key, n) = entry?;
            if owners.is_none_or(|o| o.contains(key.value().1)) {
                total += usize::try_from(n.value()).unwrap_or(usize::MAX);
            }
        }
        let index = tx.open_table(RECORDS_BY_MODIFIED)?;
        let records = tx.open_table(RECORDS)?;
        let mut rows = Vec::with_capacity(q.limit.min(500));
        let visible = index
            .range((module, i64::MIN, "")..=(module, i64::MAX, "\u{10FFFF}"))?
            .rev()
            .filter_map(|e| e.ok())
            .filter(|(_, owner)| owners.is_none_or(|o| o.contains(owner.value())));
        for (key, _) in visible.skip(q.offset).take(q.limit) {
            if let Some(row) = records
                .get((module, key.value().2))?
                .and_then(|r| crate::store::decoded(r.value()))
            {
                rows.push(row);
            }
        }
        Ok(RecordPage { rows, total })
    }

    /// A list sorted by `field`, read from the field index: only the page's records are
    /// decoded. `only`: just these records (a search's matches, all visible), which are then
    /// the total. None when some visible record has no value for the field (those sort first
    /// and are not in the index), so the caller sorts the records instead.
    fn list_by_field(
        &self,
        def: &ModuleDef,
        field: &str,
        owners: Option<&HashSet<String>>,
        only: Option<&HashSet<String>>,
        q: &ListQuery,
    ) -> Result<Option<RecordPage>> {
        let tx = self.store.read()?;
        let module = def.api_name.as_str();
        let mut total = 0;
        for entry in tx
            .open_table(RECORD_COUNTS)?
            .range((module, "")..=(module, "\u{10FFFF}"))?
        {
            let (key, n) = entry?;
            if owners.is_none_or(|o| o.contains(key.value().1)) {
                total += usize::try_from(n.value()).unwrap_or(usize::MAX);
            }
        }
        let mut with_value = 0;
        for entry in tx
            .open_table(FIELD_COUNTS)?
            .range((module, field, "")..=(module, field, "\u{10FFFF}"))?
        {
            let (key, n) = entry?;
            if owners.is_none_or(|o| o.contains(key.value().2)) {
                with_value += usize::try_from(n.value()).unwrap_or(usize::MAX);
            }
        }
        if with_value != total {
            return Ok(None);
        }
        let index = tx.open_table(RECORDS_BY_FIELD)?;
        let range =
            index.range((module, field, "", "")..=(module, field, "\u{10FFFF}", "\u{10FFFF}"))?;
        let entries: Box<dyn Iterator<Item = _>> = if q.sort_desc {
            Box::new(range.rev())
        } else {
            Box::new(range)
        };
        let mut ids = Vec::with_capacity(q.limit.min(500));
        let visible = entries
            .filter_map(|e| e.ok())
            .filter(|(_, owner)| owners.is_none_or(|o| o.contains(owner.value())))
            .filter(|(key, _)| only.is_none_or(|o| o.contains(key.value().3)));
        for (key, _) in visible.skip(q.offset).take(q.limit) {
            ids.push(key.value().3.to_string());
        }
        if let Some(o) = only {
            total = o.len();
        }
        let rows = rows_by_id(&tx, module, &ids)?;
        Ok(Some(RecordPage { rows, total }))
    }

    /// Records with `e164` in any phone field: (module, id), oldest first.
    pub fn by_phone(&self, e164: &str) -> Result<Vec<(String, String)>> {
        let tx = self.store.read()?;
        let t = tx.open_table(PHONE_INDEX)?;
        let mut out: Vec<(String, String)> = t
            .range((e164, "", "")..=(e164, "\u{10FFFF}", "\u{10FFFF}"))?
            .filter_map(|r| {
                r.ok().map(|(k, _)| {
                    let (_, m, id) = k.value();
                    (m.to_string(), id.to_string())
                })
            })
            .collect();
        out.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(out)
    }
}

/// The records of `module` with these ids, in this order; ids no longer stored, or whose row
/// does not decode, are left out.
fn rows_by_id(tx: &redb::ReadTransaction, module: &str, ids: &[String]) -> Result<Vec<RecordRow>> {
    let records = tx.open_table(RECORDS)?;
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = records
            .get((module, id.as_str()))?
            .and_then(|r| crate::store::decoded(r.value()))
        {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// What a search means: some string value, lower-cased, or some number as written holds the
/// (lower-cased) needle. The record index (`search::grams`) answers exactly this.
fn matches_search(r: &RecordRow, needle: &str) -> bool {
    r.values.values().any(|v| match v {
        Value::String(s) => s.to_lowercase().contains(needle),
        Value::Number(n) => n.to_string().contains(needle),
        _ => false,
    })
}

fn sort_rows(def: &ModuleDef, rows: &mut [RecordRow], q: &ListQuery) {
    match q.sort_by.as_deref().and_then(|f| def.field(f)) {
        Some(f) => {
            let key = |r: &RecordRow| {
                r.values
                    .get(&f.api_name)
                    .map(crate::store::record_index::sort_key)
                    .unwrap_or_default()
            };
            // One key per row, not one per comparison.
            rows.sort_by_cached_key(key);
        }
        None => rows.sort_by_key(|r| std::cmp::Reverse(r.modified_at)),
    }
    if q.sort_desc && q.sort_by.is_some() {
        rows.reverse();
    }
}
