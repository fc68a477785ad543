//! Tokenisation for German and English text and for phone numbers.
//!
//! Text gets lower-casing and accent folding, then each word is indexed under its German and
//! its English Snowball stem (once when they agree), so one field serves both languages and a
//! query word is one or two term lookups. The German form also folds the umlaut-less
//! spellings (`ae`, `oe`, `ue`) people type without a German keyboard, so "Gruesse", "Grusse"
//! and "Grüße" meet in one term.

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

pub const TEXT: &str = "parley_text";

/// Registers the analyzer with an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(TEXT, analyzer());
}

pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(BilingualStems)
        .build()
}

/// The terms `word` is indexed under (one or two).
pub fn word_terms(word: &str) -> Vec<String> {
    let mut a = analyzer();
    let mut stream = a.token_stream(word);
    let mut out = vec![];
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// Shortest phone-number tail that is indexed (and searched for).
const MIN_PHONE_DIGITS: usize = 4;

/// The keys a phone number is indexed under: every tail of its digits from 4 digits up, so a
/// search for the national form (`0151 2345…`), the international one or the last digits hits.
pub fn phone_keys(number: &str) -> Vec<String> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    (0..=digits.len().saturating_sub(MIN_PHONE_DIGITS))
        .map(|i| digits[i..].to_string())
        .collect()
}

/// The phone key a query stands for, when it looks like a phone number: at least 4 digits and
/// nothing but digits, spaces and `+-()/.`. Trunk and international prefixes are dropped
/// (`0151…`, `0049…`, `+49…` all search from the subscriber digits on).
pub fn phone_query(query: &str) -> Option<String> {
    let q = query.trim();
    if !q
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()/.".contains(c))
    {
        return None;
    }
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let national = digits.trim_start_matches('0');
    (national.len() >= MIN_PHONE_DIGITS).then(|| national.to_string())
}

/// Token filter: replaces each word by its German stem (after folding `ae`/`oe`/`ue`) and, when
/// it differs, adds the English stem at the same position. Written here because tantivy's
/// stemmer filter takes one language and lacks the Snowball "german2" digraph rule.
#[derive(Clone)]
struct BilingualStems;

impl TokenFilter for BilingualStems {
    type Tokenizer<T: Tokenizer> = BilingualFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> BilingualFilter<T> {
        BilingualFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct BilingualFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for BilingualFilter<T> {
    type TokenStream<'a> = BilingualStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        BilingualStream {
            tail: self.inner.token_stream(text),
            german: Stemmer::new(Algorithm::German),
            english: Stemmer::new(Algorithm::English),
            token: Token::default(),
            english_next: None,
        }
    }
}

pub struct BilingualStream<T> {
    tail: T,
    german: Stemmer,
    english: Stemmer,
    token: Token,
    /// The English stem still to be emitted for the current word.
    english_next: Option<String>,
}

impl<T: TokenStream> TokenStream for BilingualStream<T> {
    fn advance(&mut self) -> bool {
        if let Some(en) = self.english_next.take() {
            self.token.text = en;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let word = self.tail.token();
        let de = self.german.stem(&fold_digraphs(&word.text)).into_owned();
        let en = self.english.stem(&word.text).into_owned();
        self.token.clone_from(word);
        if en != de {
            self.english_next = Some(en);
        }
        self.token.text = de;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

fn fold_digraphs(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut prev: Option<char> = None;
    for c in word.chars() {
        let digraph = c == 'e' && matches!(prev, Some('a' | 'o' | 'u'));
        let after_q = out.len() >= 2 && out[..out.len() - 1].ends_with('q');
        if digraph && !(prev == Some('u') && after_q) {
            prev = None;
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_spellings_meet() {
        let want = word_terms("Grüße");
        assert_eq!(word_terms("Gruesse")[0], want[0]);
        assert_eq!(word_terms("GRÜSSE")[0], want[0]);
        assert_eq!(word_terms("Rechnungen")[0], word_terms("Rechnung")[0]);
        assert_eq!(word_terms("Lieferungen")[0], word_terms("Lieferung")[0]);
        assert_eq!(word_terms("Quelle")[0], "quell");
    }

    #[test]
    fn english_stems_are_added() {
        let invoices = word_terms("invoices");
        assert!(word_terms("invoice").iter().any(|t| invoices.contains(t)));
        assert!(word_terms("Messages").contains(&"messag".to_string()));
    }

    #[test]
    fn phones() {
        assert!(phone_keys("+49 151 23456789").contains(&"15123456789".to_string()));
        assert_eq!(
            phone_query("0151 2345 6789").as_deref(),
            Some("15123456789")
        );
        assert_eq!(
            phone_query("+49 (151) 2345-6789").as_deref(),
            Some("4915123456789")
        );
        assert_eq!(phone_query("Rechnung 2024"), None);
        assert_eq!(phone_query("12"), None);
    }
}
