//! Tokenisation for German and English text and for phone numbers.
//!
//! Text is indexed twice, once per language, each with lower-casing, accent folding and the
//! language's Snowball stemmer; a query searches both. The German chain also folds the
//! umlaut-less spellings (`ae`, `oe`, `ue`) that people type without a German keyboard, so
//! "Gruesse", "Grusse" and "Grüße" meet in one term.

use std::mem;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

pub const GERMAN: &str = "parley_de";
pub const ENGLISH: &str = "parley_en";

/// Registers both analyzers with an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(
        GERMAN,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(64))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(GermanDigraphs)
            .filter(Stemmer::new(Language::German))
            .build(),
    );
    manager.register(
        ENGLISH,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(64))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build(),
    );
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

/// Token filter: `ae`→`a`, `oe`→`o`, `ue`→`u` (not after `q`, as in "Quelle"), after accent
/// folding has already turned `ä` into `a`. Written here because tantivy ships the Snowball
/// German stemmer but not its "german2" variant that does this.
#[derive(Clone)]
struct GermanDigraphs;

impl TokenFilter for GermanDigraphs {
    type Tokenizer<T: Tokenizer> = DigraphFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DigraphFilter<T> {
        DigraphFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct DigraphFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for DigraphFilter<T> {
    type TokenStream<'a> = DigraphStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DigraphStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct DigraphStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for DigraphStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if token.text.contains(['e']) {
            let folded = fold_digraphs(&token.text);
            let _ = mem::replace(&mut token.text, folded);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
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

    fn terms(analyzer: &str, text: &str) -> Vec<String> {
        let manager = TokenizerManager::default();
        register(&manager);
        let mut a = manager.get(analyzer).unwrap();
        let mut stream = a.token_stream(text);
        let mut out = vec![];
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn german_spellings_meet() {
        let want = terms(GERMAN, "Grüße");
        assert_eq!(terms(GERMAN, "Gruesse"), want);
        assert_eq!(terms(GERMAN, "GRÜSSE"), want);
        assert_eq!(terms(GERMAN, "Rechnungen"), terms(GERMAN, "Rechnung"));
        assert_eq!(terms(GERMAN, "Lieferungen"), terms(GERMAN, "Lieferung"));
        assert_eq!(terms(GERMAN, "Quelle"), ["quell"]);
    }

    #[test]
    fn english_stems() {
        assert_eq!(terms(ENGLISH, "invoices"), terms(ENGLISH, "invoice"));
        assert_eq!(terms(ENGLISH, "Messages"), terms(ENGLISH, "message"));
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
