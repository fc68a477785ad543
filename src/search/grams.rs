//! Character n-grams for record search, which is a case-insensitive *substring* match over a
//! record's values (not a word search like messages).
//!
//! Each value is indexed, lower-cased exactly as the search lower-cases it, under the 1-, 2-
//! and 3-character strings that start at each of its characters, at position = that
//! character's index. A needle of up to 3 characters is then one term; a longer one is a
//! phrase of its trigrams at their own offsets: the trigrams cover every character of the
//! needle, so a phrase match at position p means the value holds the needle at character p —
//! exact substring semantics with no false hits. Values are separate field values, and tantivy
//! leaves a position gap between them, so a phrase never spans two values (neither does the
//! substring test it replaces).

use tantivy::Term;
use tantivy::query::{PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};

pub const GRAMS: &str = "parley_grams";

/// The longest gram indexed.
const N: usize = 3;

pub fn register(manager: &TokenizerManager) {
    manager.register(GRAMS, TextAnalyzer::builder(Grams).build());
}

/// Emits the 1-, 2- and 3-grams starting at each character of its (already lower-cased) text.
#[derive(Clone, Default)]
pub struct Grams;

impl Tokenizer for Grams {
    type TokenStream<'a> = GramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream<'a> {
        GramStream {
            text,
            starts: text.char_indices().map(|(i, _)| i).collect(),
            at: 0,
            len: 0,
            token: Token::default(),
        }
    }
}

pub struct GramStream<'a> {
    text: &'a str,
    /// Byte offset of each character.
    starts: Vec<usize>,
    /// The character the current grams start at.
    at: usize,
    /// The length (in characters) of the gram last emitted at `at`.
    len: usize,
    token: Token,
}

impl TokenStream for GramStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if self.at >= self.starts.len() {
                return false;
            }
            if self.len < N && self.at + self.len < self.starts.len() {
                self.len += 1;
                let from = self.starts[self.at];
                let to = self
                    .starts
                    .get(self.at + self.len)
                    .copied()
                    .unwrap_or(self.text.len());
                self.token.position = self.at;
                self.token.offset_from = from;
                self.token.offset_to = to;
                self.token.position_length = 1;
                self.token.text.clear();
                self.token.text.push_str(&self.text[from..to]);
                return true;
            }
            self.at += 1;
            self.len = 0;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The query for records holding `needle` (already lower-cased, not empty) in `field`.
pub fn needle_query(field: Field, needle: &str) -> Box<dyn Query> {
    let chars: Vec<char> = needle.chars().collect();
    if chars.len() <= N {
        return Box::new(TermQuery::new(
            Term::from_field_text(field, needle),
            IndexRecordOption::Basic,
        ));
    }
    // Trigrams at 0, 3, 6, … and the last one: every character covered, fewest postings read.
    let last = chars.len() - N;
    let mut offsets: Vec<usize> = (0..last).step_by(N).collect();
    offsets.push(last);
    let terms = offsets
        .into_iter()
        .map(|o| {
            let gram: String = chars[o..o + N].iter().collect();
            (o, Term::from_field_text(field, &gram))
        })
        .collect();
    Box::new(PhraseQuery::new_with_offset(terms))
}

/// The texts a record is searched in: each string value lower-cased, each number as written —
/// exactly what the substring test compares with.
pub fn record_texts(values: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    values
        .values()
        .filter_map(|v| match v {
            serde_json::Value::String(s) => Some(s.to_lowercase()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(text: &str) -> Vec<(usize, String)> {
        let mut g = Grams;
        let mut s = g.token_stream(text);
        let mut out = vec![];
        while let Some(t) = s.next() {
            out.push((t.position, t.text.clone()));
        }
        out
    }

    #[test]
    fn grams_start_at_each_character() {
        let g = grams("cäsa");
        let at = |p: usize| -> Vec<&str> {
            g.iter()
                .filter(|(q, _)| *q == p)
                .map(|(_, t)| t.as_str())
                .collect()
        };
        assert_eq!(at(0), ["c", "cä", "cäs"]);
        assert_eq!(at(1), ["ä", "äs", "äsa"]);
        assert_eq!(at(2), ["s", "sa"]);
        assert_eq!(at(3), ["a"]);
        assert!(grams("").is_empty());
    }
}
