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
        // in no particular one. Within each millisecond of the page, order by id: the first
        // and the last millisecond may have records outside the window too, so those are read
        // whole; every record changed later than a millisecond in the window is in the window's
        // prefix, so its count places the millisecond's records.
        let (newest, oldest) = (top[offset].0, top[end - 1].0);
        let mut times: Vec<i64> = top[offset..end].iter().map(|(m, _)| *m).collect();
        times.dedup();
        let mut ids = Vec::with_capacity(end - offset);
        for t in times {
            let before = top.iter().take_while(|(m, _)| *m > t).count();
            let mut same = if t == newest || t == oldest {
                let exact = BooleanQuery::new(vec![
                    (Occur::Must, query.box_clone()),
                    (Occur::Must, self.modified_at(t)),
                ]);
                let docs = searcher.search(&exact, &DocSetCollector)?;
                ids_of(&searcher, docs)?
            } else {
                ids_of(
                    &searcher,
                    top.iter().filter(|(m, _)| *m == t).map(|(_, a)| *a),
                )?
            };
            same.sort_unstable();
            let from = offset.saturating_sub(before);
            let to = end - before;
            ids.extend(same.into_iter().take(to).skip(from));
        }
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
        ids_of(&searcher, docs)
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

/// The record ids of `docs`, read from the id fast field segment by segment.
fn ids_of(searcher: &Searcher, docs: impl IntoIterator<Item = DocAddress>) -> Result<Vec<String>> {
    let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for d in docs {
        by_segment.entry(d.segment_ord).or_default().push(d.doc_id);
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
        for doc in docs {
            if let Some(ord) = ids.term_ords(doc).next() {
                let mut id = String::new();
                ids.ord_to_str(ord, &mut id)
                    .map_err(|e| Error::Store(format!("record index: {e}")))?;
                out.push(id);
            }
        }
    }
    Ok(out)
}
