//! Turns the Messages module's filters and a search text into a tantivy query.

use std::collections::{BTreeSet, HashSet};
use std::ops::Bound;

use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{SimpleTokenizer, TokenStream, Tokenizer};
use tantivy::{Searcher, Term};

use super::analyzer::{phone_query, word_terms};
use super::docs::{direction_term, status_term};
use super::schema::{Fields, KIND_MESSAGE};
use crate::clock::Millis;
use crate::messaging::model::{Direction, Status};

/// The Messages module's filters (F25), all optional and combined with AND.
#[derive(Debug, Clone, Default)]
pub struct MessageQuery {
    pub conversation_id: Option<String>,
    pub profile_id: Option<String>,
    pub module: Option<String>,
    pub record_id: Option<String>,
    pub direction: Option<Direction>,
    pub status: Option<Status>,
    /// Cloud API message type (`text`, `image`, …).
    pub kind: Option<String>,
    /// Inbound messages that did not get a reply within this many ms: answered later than
    /// that, or still unanswered that long after arriving.
    pub not_replied_within: Option<Millis>,
    /// Inbound messages answered within this many ms of arriving.
    pub replied_within: Option<Millis>,
    /// Message time from (inclusive) and to (exclusive).
    pub from: Option<Millis>,
    pub to: Option<Millis>,
    /// Owner of the conversation's record.
    pub owner: Option<String>,
    /// Inbound messages this user answered.
    pub replied_by: Option<String>,
}

type Clause = (Occur, Box<dyn Query>);

/// Shortest last word that also matches as a prefix.
const MIN_PREFIX: usize = 3;

pub fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn i64_range(field: Field, lo: Bound<i64>, hi: Bound<i64>) -> Box<dyn Query> {
    let t = |b: Bound<i64>| b.map(|v| Term::from_field_i64(field, v));
    Box::new(RangeQuery::new(t(lo), t(hi)))
}

fn all_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if clauses.is_empty() {
        return Box::new(AllQuery);
    }
    Box::new(BooleanQuery::new(
        clauses.into_iter().map(|q| (Occur::Must, q)).collect(),
    ))
}

fn any_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        clauses
            .into_iter()
            .map(|q| (Occur::Should, q))
            .collect::<Vec<Clause>>(),
    ))
}

/// Restricts to documents whose owner the viewer may see (`None`: everything).
pub fn visible_to(f: &Fields, owners: Option<&HashSet<String>>) -> Option<Box<dyn Query>> {
    owners.map(|o| -> Box<dyn Query> {
        Box::new(TermSetQuery::new(
            o.iter().map(|id| Term::from_field_text(f.owner, id)),
        ))
    })
}

impl MessageQuery {
    /// Every filter as a clause; `now` anchors "not replied within". `visible` restricts to
    /// what the viewer may see (see [`visible_to`]).
    pub fn clauses(
        &self,
        f: &Fields,
        now: Millis,
        visible: Option<Box<dyn Query>>,
    ) -> Vec<Box<dyn Query>> {
        let mut out = vec![];
        // Owner terms exist on messages only, so they already exclude predefined texts; the
        // kind term (which matches nearly every document) is then left out of the intersection.
        let owner_bound = visible.is_some() || self.owner.is_some();
        out.extend(visible);
        if !owner_bound {
            out.push(term(f.kind, KIND_MESSAGE));
        }
        let terms = [
            (f.conversation, self.conversation_id.clone()),
            (f.profile, self.profile_id.clone()),
            (f.module, self.module.clone()),
            (f.record, self.record_id.clone()),
            (f.direction, self.direction.map(direction_term)),
            (f.status, self.status.map(status_term)),
            (f.message_type, self.kind.as_ref().map(|k| k.to_lowercase())),
            (f.owner, self.owner.clone()),
            (f.replied_by, self.replied_by.clone()),
        ];
        for (field, value) in terms {
            if let Some(v) = value {
                out.push(term(field, &v));
            }
        }
        if self.from.is_some() || self.to.is_some() {
            out.push(i64_range(
                f.time,
                self.from.map_or(Bound::Unbounded, Bound::Included),
                self.to.map_or(Bound::Unbounded, Bound::Excluded),
            ));
        }
        if let Some(x) = self.replied_within {
            out.push(i64_range(
                f.reply_delay,
                Bound::Included(0),
                Bound::Included(x),
            ));
        }
        if let Some(x) = self.not_replied_within {
            let answered_late =
                i64_range(f.reply_delay, Bound::Excluded(x), Bound::Excluded(i64::MAX));
            let waiting_too_long = all_of(vec![
                i64_range(f.reply_delay, Bound::Included(i64::MAX), Bound::Unbounded),
                i64_range(f.time, Bound::Unbounded, Bound::Included(now - x)),
            ]);
            out.push(any_of(vec![answered_late, waiting_too_long]));
        }
        out
    }
}

/// A search text as a query: every word must match (in its German or English form), or the
/// whole text as a phone number. `None` when the text holds no searchable word.
pub fn text_query(f: &Fields, searcher: &Searcher, text: &str) -> Option<Box<dyn Query>> {
    let mut splitter = SimpleTokenizer::default();
    let mut stream = splitter.token_stream(text);
    let mut raw = vec![];
    while let Some(word) = stream.next() {
        raw.push(word.text.clone());
    }
    let last = raw.len().saturating_sub(1);
    let mut words = vec![];
    for (i, word) in raw.iter().enumerate() {
        let terms = word_terms(word);
        let mut forms: Vec<Box<dyn Query>> = vec![];
        for t in &terms {
            // The word being typed also matches as a prefix, so results follow the keyboard.
            // Expanded to terms (not a prefix automaton) so snippets can highlight them.
            if i == last && t.chars().count() >= MIN_PREFIX {
                for longer in prefix_terms(searcher, f.text, t) {
                    forms.push(term(f.text, &longer));
                }
            }
            forms.push(term(f.text, t));
        }
        match forms.len() {
            0 => {}
            1 => words.extend(forms),
            _ => words.push(any_of(forms)),
        }
    }
    let mut options = vec![];
    if !words.is_empty() {
        options.push(all_of(words));
    }
    if let Some(key) = phone_query(text) {
        options.push(term(f.phone, &key));
    }
    match options.len() {
        0 => None,
        1 => options.pop(),
        _ => Some(any_of(options)),
    }
}

/// Most terms a typed prefix expands to.
const MAX_EXPANSIONS: usize = 50;

/// Indexed terms of `field` that start with `prefix` (longer than it), fewest first.
fn prefix_terms(searcher: &Searcher, field: Field, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut terms) = inverted.terms().range().gt(prefix.as_bytes()).into_stream() else {
            continue;
        };
        while out.len() < MAX_EXPANSIONS && terms.advance() {
            let key = terms.key();
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            if let Ok(t) = std::str::from_utf8(key) {
                out.insert(t.to_string());
            }
        }
    }
    out
}
