//! Applies the store's change log to the index. It only ever reads the log (the bus just wakes
//! it), so a lagging subscriber or a crash cannot make it skip a change: on start it resumes
//! after the sequence stored in its last commit's payload.

use redb::{ReadTransaction, ReadableTable};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use super::docs::{self, ConvInfo};
use super::schema::{Fields, VERSION};
use crate::crm::model::RecordRow;
use crate::error::Result;
use crate::events::Event;
use crate::store::tables::{
    CHANGELOG, CONV_BY_RECORD, CONVERSATIONS, MESSAGES, PREDEFINED, RECORDS,
};
use crate::store::{DecodeError, Store, Stored};

/// What each index commit records, so a restart knows where to resume.
#[derive(Serialize, Deserialize)]
pub struct Payload {
    pub seq: u64,
    pub version: u32,
}

impl Payload {
    pub fn read(index: &Index) -> Option<Payload> {
        let meta = index.load_metas().ok()?;
        serde_json::from_str(meta.payload.as_deref()?).ok()
    }
}

/// Log entries read per pass, so a long catch-up commits as it goes.
const CHUNK: u64 = 20_000;

pub struct Indexer {
    store: Store,
    fields: Fields,
    writer: IndexWriter,
    /// The last commit, to ask which owner a record's committed documents carry.
    committed: IndexReader,
    /// The owner written into documents since the last commit, per record (module, id).
    /// Cleared at each commit, so it holds only what the commit has not made searchable.
    pending: HashMap<(String, String), Option<String>>,
    written: prometheus::IntCounter,
}

impl Indexer {
    pub fn new(
        store: Store,
        fields: Fields,
        writer: IndexWriter,
        written: prometheus::IntCounter,
    ) -> Result<Indexer> {
        let committed = writer
            .index()
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Indexer {
            store,
            fields,
            writer,
            committed,
            pending: HashMap::new(),
            written,
        })
    }

    /// Applies log entries after `from`, at most [`CHUNK`] of them. Answers the last sequence
    /// applied and whether any document changed.
    pub fn apply_after(&mut self, from: u64) -> Result<(u64, bool)> {
        let tx = self.store.read()?;
        let events: Vec<(u64, Stored<Event>)> = tx
            .open_table(CHANGELOG)?
            .range(from + 1..from + 1 + CHUNK)?
            .map(|e| e.map(|(k, v)| (k.value(), v.value())))
            .collect::<Result<_, _>>()?;
        let mut last = from;
        let mut changed = false;
        for (seq, event) in events {
            match event {
                Ok(event) => changed |= self.apply(&tx, &event)?,
                Err(e) => tracing::warn!(seq, "skipping a change that does not decode: {e}"),
            }
            last = seq;
        }
        Ok((last, changed))
    }

    fn apply(&mut self, tx: &ReadTransaction, event: &Event) -> Result<bool> {
        match event {
            Event::MessageChanged {
                message_id,
                conversation_id,
                ..
            }
            | Event::MessageReplied {
                message_id,
                conversation_id,
            } => {
                let Some(info) = docs::conv_info(tx, conversation_id)? else {
                    return Ok(false);
                };
                let Some(m) = tx.open_table(MESSAGES)?.get(message_id.as_str())? else {
                    return Ok(false);
                };
                // A row that does not decode is left out of the index, not a stopped indexer.
                let Ok(m) = m.value() else {
                    tracing::warn!(message = %message_id, "a stored message does not decode; not indexed");
                    return Ok(false);
                };
                self.put_messages(&info, &[m]);
                self.note(&info);
                Ok(true)
            }
            Event::RecordChanged {
                module, record_id, ..
            }
            | Event::RecordDeleted { module, record_id } => {
                // Read once: the record's document and its conversations' owner both follow it.
                let row = tx
                    .open_table(RECORDS)?
                    .get((module.as_str(), record_id.as_str()))?
                    .map(|v| v.value());
                self.writer.delete_term(Term::from_field_text(
                    self.fields.rec_key,
                    &super::schema::record_key(module, record_id),
                ));
                let owner = row.as_ref().map(|r| match r {
                    Ok(r) => Ok(r.owner_id.clone()),
                    Err(e) => Err(e.clone()),
                });
                if let Some(row) = row {
                    self.add_record(row)?;
                }
                self.record_changed(tx, module, record_id, owner)?;
                Ok(true)
            }
            Event::PredefinedChanged { predefined_id } => {
                self.writer
                    .delete_term(Term::from_field_text(self.fields.id, predefined_id));
                if let Some(Ok(p)) = tx
                    .open_table(PREDEFINED)?
                    .get(predefined_id.as_str())?
                    .map(|v| v.value())
                {
                    self.writer
                        .add_document(docs::predefined_doc(&self.fields, &p))?;
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Adds a stored record's document; one that does not decode is left out, with a warning.
    fn add_record(&mut self, row: std::result::Result<RecordRow, DecodeError>) -> Result<()> {
        match row {
            Ok(r) => {
                self.written.inc();
                self.writer
                    .add_document(docs::record_doc(&self.fields, &r))?;
            }
            Err(e) => tracing::warn!("a stored record does not decode; not indexed: {e}"),
        }
        Ok(())
    }

    /// Re-indexes the record's conversations when their documents carry another owner: those
    /// written since the last commit (noted) or committed ones (asked of the index). The
    /// record's conversations come from the store's index, so nothing is held for records
    /// that do not change.
    /// `owner`: the record's owner now (None: deleted; an error when it does not decode, which
    /// matters only when it has conversations).
    fn record_changed(
        &mut self,
        tx: &ReadTransaction,
        module: &str,
        id: &str,
        owner: Option<Stored<String>>,
    ) -> Result<bool> {
        let convs: Vec<String> = tx
            .open_table(CONV_BY_RECORD)?
            .range((module, id, "")..=(module, id, "\u{10FFFF}"))?
            .map(|e| e.map(|(k, _)| k.value().2.to_string()))
            .collect::<Result<_, _>>()?;
        if convs.is_empty() {
            return Ok(false);
        }
        let owner = owner.transpose()?;
        let key = (module.to_string(), id.to_string());
        let pending_differs = self.pending.get(&key).is_some_and(|o| *o != owner);
        if !pending_differs && !self.committed_differs(module, id, owner.as_deref())? {
            return Ok(false);
        }
        for conv in convs {
            if let Some(info) = docs::conv_info(tx, &conv)? {
                self.put_conversation(tx, &info)?;
                self.note(&info);
            }
        }
        Ok(true)
    }

    /// Whether a committed document of the record carries an owner other than `owner`.
    fn committed_differs(&self, module: &str, id: &str, owner: Option<&str>) -> Result<bool> {
        let f = &self.fields;
        let term = |field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        let q = BooleanQuery::new(vec![
            (Occur::Must, term(f.module, module)),
            (Occur::Must, term(f.record, id)),
            (
                Occur::MustNot,
                term(f.owner, owner.unwrap_or(super::schema::NO_OWNER)),
            ),
        ]);
        Ok(q.count(&self.committed.searcher())? > 0)
    }

    fn note(&mut self, info: &ConvInfo) {
        if let Some(r) = &info.conv.record {
            self.pending
                .insert((r.module.clone(), r.id.clone()), info.owner.clone());
        }
    }

    fn put_conversation(&mut self, tx: &ReadTransaction, info: &ConvInfo) -> Result<()> {
        let msgs = docs::conversation_messages(tx, &info.conv.id)?;
        self.put_messages(info, &msgs);
        Ok(())
    }

    /// (Re)writes the documents of `msgs`.
    fn put_messages(&mut self, info: &ConvInfo, msgs: &[crate::messaging::model::Message]) {
        for m in msgs {
            self.writer
                .delete_term(Term::from_field_text(self.fields.id, &m.id));
            let doc = docs::message_doc(&self.fields, m, info);
            self.written.inc();
            if let Err(e) = self.writer.add_document(doc) {
                tracing::error!(message = %m.id, "indexing failed: {e}");
            }
        }
    }

    /// Replaces the whole index with what the store holds; answers the sequence it reflects.
    pub fn rebuild(&mut self) -> Result<u64> {
        self.writer.delete_all_documents()?;
        let tx = self.store.read()?;
        let seq = tx
            .open_table(CHANGELOG)?
            .last()?
            .map(|(k, _)| k.value())
            .unwrap_or(0);
        for entry in tx.open_table(CONVERSATIONS)?.iter()? {
            let conv = entry?.1.value()?;
            if let Some(info) = docs::conv_info(&tx, &conv.id)? {
                self.put_conversation(&tx, &info)?;
            }
        }
        for entry in tx.open_table(RECORDS)?.iter()? {
            self.add_record(entry?.1.value())?;
        }
        for entry in tx.open_table(PREDEFINED)?.iter()? {
            self.writer
                .add_document(docs::predefined_doc(&self.fields, &entry?.1.value()?))?;
        }
        self.commit(seq)?;
        Ok(seq)
    }

    /// Drops changes applied but not committed (by a run that failed) and answers the
    /// sequence of the last commit, where the next run resumes.
    pub fn resume(&mut self) -> Result<u64> {
        self.writer.rollback()?;
        self.pending.clear();
        self.committed.reload()?;
        Ok(Payload::read(self.writer.index()).map_or(0, |p| p.seq))
    }

    /// Makes everything applied durable, recording `seq` as applied.
    pub fn commit(&mut self, seq: u64) -> Result<()> {
        let payload = serde_json::to_string(&Payload {
            seq,
            version: VERSION,
        })
        .unwrap_or_default();
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.committed.reload()?;
        self.pending.clear();
        Ok(())
    }
}
