//! Full-text search, the Messages module's filters and CRM record search, on a tantivy index
//! under `index/` in the data dir. The index is derived state: [`indexer`] follows the store's
//! change log and `parley reindex` rebuilds it from the store.

mod analyzer;
mod docs;
mod grams;
mod indexer;
mod query;
mod records;
mod schema;

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Value as _;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument};
use tokio::sync::{Notify, watch};

pub use query::MessageQuery;
pub use records::RecordMatches;

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::events::Bus;
use crate::store::Store;
use indexer::{Indexer, Payload};
use schema::{Fields, KIND_PREDEFINED, VERSION};

/// Longest the indexer holds applied changes before committing them.
const COMMIT_EVERY: Duration = Duration::from_millis(250);
/// Longest a query waits for the index to reach the store before answering from what it has.
const SYNC_WAIT: Duration = Duration::from_secs(2);
/// Most hits a conversation search groups into conversations.
const CONVERSATION_HITS: usize = 2_000;
/// The index writer's memory before it flushes a segment. Commits come every 250 ms, so
/// segments flush on commit long before this fills; 32 MB is tantivy's comfortable minimum.
const WRITER_HEAP: usize = 32 * 1024 * 1024;

/// A text fragment around the matched words; `highlights` are byte ranges into `fragment`.
#[derive(Debug, Clone)]
pub struct Snippet {
    pub fragment: String,
    pub highlights: Vec<Range<usize>>,
}

/// One message found.
#[derive(Debug, Clone)]
pub struct MessageHit {
    pub id: String,
}

/// (conversation id, id of its most recent matching message), most recent first; and the
/// snippet maker for those messages.
pub type ConversationMatches = (Vec<(String, String)>, Option<Snippets>);

pub struct MessagePage {
    pub hits: Vec<MessageHit>,
    pub total: usize,
    pub snippets: Option<Snippets>,
}

/// Makes snippets for the texts of hits, with the words the search matched highlighted.
pub struct Snippets(SnippetGenerator);

impl Snippets {
    fn new(searcher: &Searcher, q: &dyn Query, f: &Fields) -> Result<Snippets> {
        let mut g = SnippetGenerator::create(searcher, q, f.text)?;
        g.set_max_num_chars(160);
        Ok(Snippets(g))
    }

    /// The snippet of the first of `texts` that holds a searched word.
    pub fn of_any(&self, texts: &[&str]) -> Option<Snippet> {
        texts.iter().find_map(|t| self.of(t))
    }

    /// The snippet of `text`, when a searched word occurs in it.
    pub fn of(&self, text: &str) -> Option<Snippet> {
        let s = self.0.snippet(text);
        (!s.highlighted().is_empty()).then(|| Snippet {
            fragment: with_closing_punctuation(text, s.fragment()),
            highlights: s.highlighted().to_vec(),
        })
    }
}

/// The fragment ends with its last word; give it back the punctuation that closes that word
/// in the text ("blue?" rather than "blue"). Highlights stay valid: only the end grows.
fn with_closing_punctuation(text: &str, fragment: &str) -> String {
    let Some(start) = text.find(fragment) else {
        return fragment.to_string();
    };
    let closing: String = text[start + fragment.len()..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !c.is_alphanumeric())
        .collect();
    format!("{fragment}{closing}")
}

#[cfg(test)]
mod snippet_tests {
    use super::with_closing_punctuation;

    #[test]
    fn a_fragment_keeps_the_punctuation_that_closes_it() {
        let text = "Grüße aus München – does it come in blue?";
        assert_eq!(
            with_closing_punctuation(text, "does it come in blue"),
            "does it come in blue?"
        );
        assert_eq!(
            with_closing_punctuation("Rechnung!!! Danke", "Rechnung"),
            "Rechnung!!!"
        );
        assert_eq!(with_closing_punctuation("a b", "a"), "a");
        assert_eq!(with_closing_punctuation("x", "not in it"), "not in it");
    }
}

#[derive(Clone)]
pub struct Search {
    inner: Arc<Shared>,
}

struct Shared {
    store: Store,
    reader: IndexReader,
    fields: Fields,
    /// The last change-log sequence the readers see.
    applied: watch::Sender<u64>,
    /// Asks the indexer to commit now (a query is waiting).
    flush: Notify,
    /// Shared with the indexer's runs; a run that fails leaves it here for the next one.
    indexer: Arc<Mutex<Option<Indexer>>>,
}

impl Search {
    /// Opens the index in `dir`, rebuilding it when it is missing, unreadable or of another
    /// version. Catching up with the log happens in [`Search::run`].
    pub fn open(dir: &Path, store: Store, metrics: &crate::metrics::Metrics) -> Result<Search> {
        let (schema, fields) = Fields::schema();
        std::fs::create_dir_all(dir).map_err(|e| Error::Store(format!("index dir: {e}")))?;
        let existing = tantivy::directory::MmapDirectory::open(dir)
            .ok()
            .and_then(|d| Index::open(d).ok())
            .filter(|i| {
                i.schema() == schema && Payload::read(i).is_some_and(|p| p.version == VERSION)
            });
        let fresh = existing.is_none();
        let index = match existing {
            Some(i) => i,
            None => {
                clear_dir(dir)?;
                Index::create_in_dir(dir, schema)?
            }
        };
        analyzer::register(index.tokenizers());
        grams::register(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer = index.writer_with_num_threads(1, WRITER_HEAP)?;
        let mut indexer = Indexer::new(store.clone(), fields, writer, metrics.index_documents())?;
        let applied = if fresh {
            tracing::info!("building the search index from the store");
            indexer.rebuild()?
        } else {
            Payload::read(&index).map_or(0, |p| p.seq)
        };
        reader.reload()?;
        Ok(Search {
            inner: Arc::new(Shared {
                store,
                reader,
                fields,
                applied: watch::Sender::new(applied),
                flush: Notify::new(),
                indexer: Arc::new(Mutex::new(Some(indexer))),
            }),
        })
    }

    /// Rebuilds the index from the store (`parley reindex`); answers the sequence it reflects.
    pub fn rebuild(&self) -> Result<u64> {
        let mut guard = self.inner.indexer.lock().map_err(|_| poisoned())?;
        let indexer = guard.as_mut().ok_or_else(running)?;
        let seq = indexer.rebuild()?;
        self.inner.reader.reload()?;
        self.inner.applied.send_replace(seq);
        Ok(seq)
    }

    /// The last change-log sequence the index has applied (what readers see). Pruning never
    /// removes log entries after it.
    pub fn applied_seq(&self) -> u64 {
        *self.inner.applied.borrow()
    }

    /// Follows the change log until `stop` fires: applies what is new, commits at most every
    /// [`COMMIT_EVERY`] (sooner when a query waits), then makes it visible to readers. A run
    /// that fails (or panics) is started again by the supervisor: it drops what the failed run
    /// applied without committing and resumes after the last commit.
    pub async fn run(self, bus: Bus, mut stop: crate::service::Stop) -> Result<()> {
        let indexer = self.inner.indexer.clone();
        let mut wake = bus.subscribe();
        let mut seen = {
            let indexer = indexer.clone();
            tokio::task::spawn_blocking(move || {
                let mut guard = indexer.lock().unwrap_or_else(|p| p.into_inner());
                let resumed = guard.as_mut().ok_or_else(running)?.resume();
                drop(guard);
                indexer.clear_poison();
                resumed
            })
            .await
            .map_err(|e| Error::Internal(format!("search indexer start: {e}")))??
        };
        let mut dirty_since: Option<tokio::time::Instant> = None;
        loop {
            if *stop.borrow() {
                return Ok(());
            }
            let step = {
                let (indexer, from) = (indexer.clone(), seen);
                tokio::task::spawn_blocking(move || {
                    indexer
                        .lock()
                        .map_err(|_| poisoned())?
                        .as_mut()
                        .ok_or_else(running)?
                        .apply_after(from)
                })
                .await
            };
            match step {
                Ok(Ok((last, changed))) => {
                    if changed && dirty_since.is_none() {
                        dirty_since = Some(tokio::time::Instant::now());
                    }
                    seen = last;
                    if dirty_since.is_none() {
                        self.inner.applied.send_replace(seen);
                    }
                }
                Ok(Err(e)) => {
                    tracing::error!("search indexer: {e}; retrying in 1 s");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
                Err(e) => return Err(Error::Internal(format!("search indexer stopped: {e}"))),
            }
            // Under sustained writes the indexer may never be idle: commit on schedule anyway,
            // so lag and waiting queries stay bounded.
            if dirty_since.is_some_and(|t| t.elapsed() >= COMMIT_EVERY) {
                self.commit(&indexer, seen).await;
                dirty_since = None;
            }
            let behind = self.inner.store.last_seq().unwrap_or(seen) > seen;
            if behind {
                continue;
            }
            let deadline = dirty_since.map(|t| t + COMMIT_EVERY);
            tokio::select! {
                woke = wake.recv() => {
                    if matches!(woke, Err(tokio::sync::broadcast::error::RecvError::Closed)) {
                        return Ok(());
                    }
                }
                _ = stop.changed() => return Ok(()),
                () = self.inner.flush.notified(), if dirty_since.is_some() => {
                    self.commit(&indexer, seen).await;
                    dirty_since = None;
                }
                () = sleep_until(deadline) => {
                    self.commit(&indexer, seen).await;
                    dirty_since = None;
                }
            }
        }
    }

    async fn commit(&self, indexer: &Arc<Mutex<Option<Indexer>>>, seq: u64) {
        let indexer = indexer.clone();
        let done = tokio::task::spawn_blocking(move || {
            indexer
                .lock()
                .map_err(|_| poisoned())?
                .as_mut()
                .ok_or_else(running)?
                .commit(seq)
        })
        .await;
        match done {
            Ok(Ok(())) => {
                if let Err(e) = self.inner.reader.reload() {
                    tracing::error!("search reader reload: {e}");
                }
                self.inner.applied.send_replace(seq);
            }
            Ok(Err(e)) => tracing::error!("search index commit: {e}"),
            Err(e) => tracing::error!("search index commit stopped: {e}"),
        }
    }

    /// Waits (briefly) until readers see every change committed to the store so far, so a
    /// query reads its own writes.
    pub async fn caught_up(&self) {
        let target = self.inner.store.last_seq().unwrap_or(0);
        let mut applied = self.inner.applied.subscribe();
        if *applied.borrow() >= target {
            return;
        }
        self.inner.flush.notify_one();
        let waited = tokio::time::timeout(SYNC_WAIT, applied.wait_for(|s| *s >= target)).await;
        if waited.is_err() {
            tracing::warn!(
                target,
                "search index is behind the store; answering from it anyway"
            );
        }
    }

    /// Documents the readers see (messages, predefined texts and records).
    pub fn num_docs(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }

    /// Messages matching `q` and `text` that `owners` may see (`None`: all), newest first.
    pub fn messages(
        &self,
        q: &MessageQuery,
        text: Option<&str>,
        owners: Option<&HashSet<String>>,
        now: Millis,
        offset: usize,
        limit: usize,
    ) -> Result<MessagePage> {
        let f = &self.inner.fields;
        let searcher = self.inner.reader.searcher();
        let text_q = text.and_then(|t| query::text_query(f, &searcher, t));
        let mut clauses = q.clauses(f, now, query::visible_to(f, owners));
        let snippets = match &text_q {
            Some(t) => Some(Snippets::new(&searcher, t.as_ref(), f)?),
            None => None,
        };
        clauses.extend(text_q);
        let query = must(clauses);
        let top = TopDocs::with_limit(limit.max(1))
            .and_offset(offset)
            .order_by_fast_field::<i64>("time", Order::Desc);
        let (total, docs) = searcher.search(&query, &(Count, top))?;
        let hits = docs
            .into_iter()
            .take(limit)
            .map(|(_, addr)| self.message_hit(&searcher, addr))
            .collect::<Result<_>>()?;
        Ok(MessagePage {
            hits,
            total,
            snippets,
        })
    }

    fn message_hit(&self, searcher: &Searcher, addr: DocAddress) -> Result<MessageHit> {
        let f = &self.inner.fields;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        Ok(MessageHit {
            id: text(f.id).unwrap_or_default(),
        })
    }

    /// Conversations with a message matching `text` (or the customer's name or number) that
    /// `owners` may see, most recent match first, with the id of the message that matched.
    pub fn conversations(
        &self,
        q: &MessageQuery,
        text: &str,
        owners: Option<&HashSet<String>>,
    ) -> Result<ConversationMatches> {
        let f = &self.inner.fields;
        let searcher = self.inner.reader.searcher();
        let Some(text_q) = query::text_query(f, &searcher, text) else {
            return Ok((vec![], None));
        };
        let snippets = Snippets::new(&searcher, text_q.as_ref(), f)?;
        let mut clauses = q.clauses(f, 0, query::visible_to(f, owners));
        clauses.push(text_q);
        let top =
            TopDocs::with_limit(CONVERSATION_HITS).order_by_fast_field::<i64>("time", Order::Desc);
        let docs = searcher.search(&must(clauses), &top)?;
        let mut seen = HashSet::new();
        let mut out = vec![];
        for (_, addr) in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let get = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            if let (Some(conv), Some(msg)) = (get(f.conversation), get(f.id))
                && seen.insert(conv.clone())
            {
                out.push((conv, msg));
            }
        }
        Ok((out, Some(snippets)))
    }

    /// Predefined texts matching `text` (in their name or text), best match first.
    pub fn predefined(
        &self,
        module: Option<&str>,
        text: &str,
    ) -> Result<(Vec<String>, Option<Snippets>)> {
        let f = &self.inner.fields;
        let searcher = self.inner.reader.searcher();
        let Some(text_q) = query::text_query(f, &searcher, text) else {
            return Ok((vec![], None));
        };
        let snippets = Snippets::new(&searcher, text_q.as_ref(), f)?;
        let mut clauses = vec![query::term(f.kind, KIND_PREDEFINED), text_q];
        if let Some(m) = module {
            clauses.push(query::term(f.module, m));
        }
        let docs = searcher.search(&must(clauses), &TopDocs::with_limit(200).order_by_score())?;
        let mut ids = vec![];
        for (_, addr) in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_str()) {
                ids.push(id.to_string());
            }
        }
        Ok((ids, Some(snippets)))
    }
}

fn must(clauses: Vec<Box<dyn Query>>) -> BooleanQuery {
    BooleanQuery::new(clauses.into_iter().map(|q| (Occur::Must, q)).collect())
}

async fn sleep_until(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(d) => tokio::time::sleep_until(d).await,
        None => std::future::pending().await,
    }
}

/// Removes whatever an unusable index left, keeping the directory.
fn clear_dir(dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Store(format!("index dir: {e}")))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| Error::Store(format!("index dir: {e}")))?;
    }
    Ok(())
}

fn poisoned() -> Error {
    Error::Internal("search indexer panicked".into())
}

fn running() -> Error {
    Error::Internal("the search indexer is running; stop the server to rebuild".into())
}
