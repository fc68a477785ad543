//! Record search: which records of a module hold a text (a case-insensitive substring of some
//! value, see [`super::grams`]) and which of them a viewer sees, answered from the index so a
//! search reads only the matching records' index entries and the store decodes only the page.

use std::collections::{BTreeMap, HashSet};
use std::ops::Bound;

use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryClone, RangeQuery, TermSetQuery};
use tantivy::{DocAddress, Order, Searcher, Term};

use super::Search;
use super::grams::needle_query;
use super::query::term;
use crate::error::{Error, Result};

/// One page of matching records, by id, and how many match in all.
pub struct RecordMatches {
    pub ids: Vec<String>,
    pub total: usize,
}

impl Search {
    /// The page `offset..offset + limit` of the records of `module` holding `needle` (already
    /// lower-cased) that `owners` may see (`None`: all), newest change first and, among records
    /// changed in the same millisecond, by id — the order the list has always had.
    pub fn record_page(
        &self,
        module: &str,
        needle: &str,
        owners: Option<&HashSet<String>>,
        offset: usize,
        limit: usize,
    ) -> Result<RecordMatches> {
        let searcher = self.inner.reader.searcher();
        let query = self.record_query(module, needle, owners);
        // The window up to the page's end; never more than the index holds (an export asks
        // for everything with `usize::MAX`).
        let window = offset
            .saturating_add(limit)
            .min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX))
            .max(1);
        let top =
            TopDocs::with_limit(window).order_by_fast_field::<i64>("rec_modified", Order::Desc);
        let (total, top) = searcher.search(&query, &(Count, top))?;
        let top: Vec<(i64, DocAddress)> = top
            .into_iter()
            .map(|(m, a)| (m.unwrap_or(i64::MIN), a))
            .collect();
        let end = offset.saturating_add(limit).min(top.len());
        if offset >= end {
            return Ok(RecordMatches { ids: vec![], total });
        }
        // The top documents come in time order, but records changed in the same millisecond
        // in no particular one: the page is the window of the order (time descending, id
        // ascending). Every millisecond strictly inside the window is whole in it; the first
        // and the last may hold records outside it, so those two are read whole. Everything
        // before the first one's records is in the window's prefix, which places them.
        let (newest, oldest) = (top[offset].0, top[end - 1].0);
        let mut entries = ids_of(
            &searcher,
            top[offset..end]
                .iter()
                .filter(|(m, _)| *m != newest && *m != oldest)
                .copied(),
        )?;
        for t in if newest == oldest {
            vec![newest]
        } else {
            vec![newest, oldest]
        } {
            let exact = BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (Occur::Must, self.modified_at(t)),
            ]);
            let docs = searcher.search(&exact, &DocSetCollector)?;
            entries.extend(ids_of(&searcher, docs.into_iter().map(|d| (t, d)))?);
        }
        entries.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let before = top.partition_point(|(m, _)| *m > newest);
        let ids = entries
            .into_iter()
            .skip(offset - before)
            .take(end - offset)
            .map(|(_, id)| id)
            .collect();
        Ok(RecordMatches { ids, total })
    }

    /// Every record of `module` holding `needle` (already lower-cased) that `owners` may see,
    /// by id, in no particular order (for lists sorted by a field, which sort them).
    pub fn record_ids(
        &self,
        module: &str,
        needle: &str,
        owners: Option<&HashSet<String>>,
    ) -> Result<Vec<String>> {
        let searcher = self.inner.reader.searcher();
        let docs = searcher.search(&self.record_query(module, needle, owners), &DocSetCollector)?;
        Ok(ids_of(&searcher, docs.into_iter().map(|d| ((), d)))?
            .into_iter()
            .map(|(_, id)| id)
            .collect())
    }

    fn record_query(
        &self,
        module: &str,
        needle: &str,
        owners: Option<&HashSet<String>>,
    ) -> BooleanQuery {
        let f = &self.inner.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, needle_query(f.rec_grams, needle)),
            (Occur::Must, term(f.rec_module, module)),
        ];
        if let Some(o) = owners {
            clauses.push((
                Occur::Must,
                Box::new(TermSetQuery::new(
                    o.iter().map(|id| Term::from_field_text(f.rec_owner, id)),
                )),
            ));
        }
        BooleanQuery::new(clauses)
    }

    fn modified_at(&self, t: i64) -> Box<dyn Query> {
        let at = Term::from_field_i64(self.inner.fields.rec_modified, t);
        Box::new(RangeQuery::new(
            Bound::Included(at.clone()),
            Bound::Included(at),
        ))
    }
}

/// The record ids of `docs`, each with its key, read from the id fast field segment by segment.
fn ids_of<K>(
    searcher: &Searcher,
    docs: impl IntoIterator<Item = (K, DocAddress)>,
) -> Result<Vec<(K, String)>> {
    let mut by_segment: BTreeMap<u32, Vec<(K, u32)>> = BTreeMap::new();
    for (k, d) in docs {
        by_segment
            .entry(d.segment_ord)
            .or_default()
            .push((k, d.doc_id));
    }
    let mut out = vec![];
    for (segment, docs) in by_segment {
        let Some(ids) = searcher
            .segment_reader(segment)
            .fast_fields()
            .str("rec_id")?
        else {
            continue;
        };
        for (k, doc) in docs {
            if let Some(ord) = ids.term_ords(doc).next() {
                let mut id = String::new();
                ids.ord_to_str(ord, &mut id)
                    .map_err(|e| Error::Store(format!("record index: {e}")))?;
                out.push((k, id));
            }
        }
    }
    Ok(out)
}
