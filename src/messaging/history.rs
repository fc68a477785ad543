//! Past exchanges written in one go (the demo's seed): the customer's messages go through the
//! same inbound pipeline a webhook delivery takes (record matching, the window, the bell,
//! media fetches), the business's replies are stored as sent, delivered and read.

use redb::ReadableTable;
use serde_json::{Value, json};

use super::Messaging;
use super::model::{Direction, Message, Status};
use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::store::tables::{CONV_BY_CUSTOMER, CONVERSATIONS};

/// One message of a past exchange, oldest first.
#[derive(Debug, Clone)]
pub enum PastMessage {
    /// The `messages` change value Meta delivered (with `metadata`).
    Received(Value),
    /// A business message already delivered and read.
    Sent {
        wamid: String,
        at: Millis,
        /// `text` or `template`.
        kind: String,
        text: String,
        /// The send request body.
        payload: Value,
        sent_by: Option<String>,
        template_id: Option<String>,
    },
}

impl Messaging {
    /// Stores one customer's past exchange with `profile_id` in one transaction. The exchange
    /// must open with a customer message (that makes the conversation).
    pub async fn import_history(
        &self,
        waba_id: &str,
        profile_id: &str,
        wa_id: &str,
        history: Vec<PastMessage>,
    ) -> Result<String> {
        let ctx = std::sync::Arc::new(self.inbound_ctx()?);
        let (waba, profile, customer) = (
            waba_id.to_string(),
            profile_id.to_string(),
            wa_id.to_string(),
        );
        let (conv, fetches) = self
            .store
            .write(move |tx| {
                let mut fetches = 0;
                for item in &history {
                    match item {
                        PastMessage::Received(value) => {
                            let envelope = json!({"object": "whatsapp_business_account",
                                "entry": [{"id": waba, "changes": [{"field": "messages", "value": value}]}]});
                            for f in super::inbound::apply_delivery(tx, &ctx, &envelope.to_string())? {
                                crate::jobs::enqueue(
                                    tx,
                                    ctx.now,
                                    super::media::fetch_job(&f.message_id, ctx.now),
                                )?;
                                fetches += 1;
                            }
                        }
                        PastMessage::Sent {
                            wamid,
                            at,
                            kind,
                            text,
                            payload,
                            sent_by,
                            template_id,
                        } => {
                            let Some(conv_id) = tx
                                .txn
                                .open_table(CONV_BY_CUSTOMER)?
                                .get((profile.as_str(), customer.as_str()))?
                                .map(|v| v.value().to_string())
                            else {
                                return Err(Error::Conflict(
                                    "a past exchange opens with the customer's message".into(),
                                ));
                            };
                            let msg = Message {
                                id: crate::ids::new_id(*at),
                                conversation_id: conv_id.clone(),
                                provider: "whatsapp".into(),
                                wamid: Some(wamid.clone()),
                                direction: Direction::Outbound,
                                kind: kind.clone(),
                                text: Some(text.clone()),
                                status: Status::Read,
                                timestamp: *at,
                                error_code: None,
                                error_message: None,
                                template_id: template_id.clone(),
                                sent_by: sent_by.clone(),
                                reply_to: None,
                                media: None,
                                raw: None,
                                payload: Some(payload.clone()),
                                first_reply: None,
                                reactions: vec![],
                                edits: vec![],
                                edited_at: None,
                                deleted_at: None,
                            };
                            super::inbound::store_message(tx, &msg)?;
                            let conv = tx
                                .txn
                                .open_table(CONVERSATIONS)?
                                .get(conv_id.as_str())?
                                .map(|v| v.value())
                                .transpose()?;
                            if let Some(mut c) = conv {
                                c.last_message_at = c.last_message_at.max(*at);
                                c.note_message(&msg);
                                crate::store::conversation_index::put(tx.txn, &c)?;
                            }
                        }
                    }
                }
                let conv = tx
                    .txn
                    .open_table(CONV_BY_CUSTOMER)?
                    .get((profile.as_str(), customer.as_str()))?
                    .map(|v| v.value().to_string())
                    .unwrap_or_default();
                Ok((conv, fetches))
            })
            .await?;
        if fetches > 0 {
            self.jobs.wake();
        }
        Ok(conv)
    }
}
