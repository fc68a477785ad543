//! The index's fields. Messages, predefined texts and CRM records share one index, told apart
//! by `kind`; records have fields of their own, so no message query can match one.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::analyzer::TEXT;
use super::grams::GRAMS;

/// Bumped when the fields change; an index built with another version is rebuilt on start.
pub const VERSION: u32 = 3;

pub const KIND_MESSAGE: &str = "message";
pub const KIND_PREDEFINED: &str = "predefined";
pub const KIND_RECORD: &str = "record";

/// Owner term for conversations without a visible record: matches no one but administrators.
pub const NO_OWNER: &str = "-";

#[derive(Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub id: Field,
    pub conversation: Field,
    /// Message text, captions, file names and the customer's name ([`super::analyzer`]).
    pub text: Field,
    /// Tails of the customer's number ([`super::analyzer::phone_keys`]).
    pub phone: Field,
    pub direction: Field,
    pub message_type: Field,
    pub status: Field,
    pub profile: Field,
    pub module: Field,
    pub record: Field,
    pub owner: Field,
    pub replied_by: Field,
    /// Message time (ms), the list order.
    pub time: Field,
    /// For inbound messages: ms from arrival to the first reply; `i64::MAX` when unanswered.
    pub reply_delay: Field,
    /// A record's `module` and `id` joined by [`record_key`]: what replaces or deletes it.
    pub rec_key: Field,
    pub rec_module: Field,
    /// The record's id (a fast field: pages and ties are read from it).
    pub rec_id: Field,
    pub rec_owner: Field,
    /// The record's last change (ms), the list's default order.
    pub rec_modified: Field,
    /// The record's values as character n-grams ([`super::grams`]).
    pub rec_grams: Field,
}

/// The term that names one record in the index.
pub fn record_key(module: &str, id: &str) -> String {
    format!("{module}\u{1f}{id}")
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let grams = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(GRAMS)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            kind: b.add_text_field("kind", STRING),
            id: b.add_text_field("id", STRING | STORED),
            conversation: b.add_text_field("conversation", STRING | STORED),
            text: b.add_text_field("text", text),
            phone: b.add_text_field("phone", STRING),
            direction: b.add_text_field("direction", STRING),
            message_type: b.add_text_field("type", STRING),
            status: b.add_text_field("status", STRING),
            profile: b.add_text_field("profile", STRING),
            module: b.add_text_field("module", STRING),
            record: b.add_text_field("record", STRING),
            owner: b.add_text_field("owner", STRING),
            replied_by: b.add_text_field("replied_by", STRING | STORED),
            time: b.add_i64_field("time", INDEXED | FAST),
            reply_delay: b.add_i64_field("reply_delay", INDEXED | FAST | STORED),
            rec_key: b.add_text_field("rec_key", STRING),
            rec_module: b.add_text_field("rec_module", STRING),
            rec_id: b.add_text_field("rec_id", STRING | FAST),
            rec_owner: b.add_text_field("rec_owner", STRING),
            rec_modified: b.add_i64_field("rec_modified", INDEXED | FAST),
            rec_grams: b.add_text_field("rec_grams", grams),
        };
        (b.build(), fields)
    }
}
