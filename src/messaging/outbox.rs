//! The outbox and its sender. A send is committed (message QUEUED + outbox entry) before any
//! HTTP call. The sender marks a batch in flight (one commit), paces it per number with a token
//! bucket, calls the Cloud API, and commits the outcomes together: accepted → SENT with Meta's
//! wamid; retryable refusals and timeouts → retried with exponential backoff and jitter; other
//! refusals → FAILED with Meta's code.
//!
//! A send that was in flight when the process died is not sent again: on start it is marked
//! FAILED with the reason "interrupted" (it may or may not have reached WhatsApp; the status
//! webhooks, matched by our id in `biz_opaque_callback_data`, still move it forward if it did).
//! Sending twice silently is worse than asking the user to check and resend.

use std::collections::HashMap;
use std::time::Duration;

use parking_lot::Mutex;
use rand::Rng;
use redb::ReadableTable;

use super::Messaging;
pub use super::model::OutboxEntry;
use super::model::Status;
use crate::channel::whatsapp::client::{Accepted, GraphError};
use crate::clock::Millis;
use crate::error::Result;
use crate::events::Event;
use crate::store::PutRow;
use crate::store::tables::{MESSAGES, MSG_BY_WAMID, OUTBOX};

const BATCH: usize = 512;
const MAX_ATTEMPTS: u32 = 8;
pub const INTERRUPTED: i64 = -1;

/// Pacing per number: tokens at 99% of the configured rate, with a burst of 1% of it (at
/// least one), so no one-second window ever holds more than `rate` sends whatever the
/// network's jitter does; the small burst absorbs the timer's millisecond granularity.
pub struct Limits {
    rate: u32,
    buckets: Mutex<HashMap<String, (f64, tokio::time::Instant)>>,
    /// Media uploads in flight at once.
    media: std::sync::Arc<tokio::sync::Semaphore>,
}

impl Limits {
    pub fn new(rate: u32) -> Self {
        Self {
            rate: rate.max(1),
            buckets: Mutex::default(),
            media: std::sync::Arc::new(tokio::sync::Semaphore::new(2)),
        }
    }

    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Waits until `number` may send one more message.
    pub async fn acquire(&self, number: &str) {
        loop {
            let wait = {
                // 1 % under the limit, with at most 1 % of a second saved up: no one-second
                // window ever holds more than the limit (99 % + 1 %), and sends to one customer
                // keep their order at low rates.
                let rate = f64::from(self.rate) * 0.99;
                let burst = (rate / 100.0).floor().max(1.0);
                let mut b = self.buckets.lock();
                let now = tokio::time::Instant::now();
                let (tokens, last) = b.entry(number.to_string()).or_insert((burst, now));
                *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * rate).min(burst);
                *last = now;
                if *tokens >= 1.0 {
                    *tokens -= 1.0;
                    return;
                }
                Duration::from_secs_f64((1.0 - *tokens) / rate)
            };
            tokio::time::sleep(wait).await;
        }
    }
}

/// A file the sender uploads to the media endpoint before the message goes.
struct MediaUpload {
    path: std::path::PathBuf,
    mime: String,
    file_name: String,
    slots: std::sync::Arc<tokio::sync::Semaphore>,
}

async fn send_one(
    client: Option<crate::channel::whatsapp::client::Client>,
    pnid: String,
    mut body: serde_json::Value,
    upload: Option<MediaUpload>,
) -> Outcome {
    let Some(c) = client else {
        return Outcome::Failed(local_error("WhatsApp is not connected".into(), false));
    };
    let mut media_id = None;
    if let Some(u) = upload {
        // Files are read whole for the upload; a few at a time bound the memory they take.
        let _slot = u.slots.acquire().await;
        let bytes = match tokio::fs::read(&u.path).await {
            Ok(b) => b,
            Err(e) => {
                return Outcome::Failed(local_error(format!("the file is gone: {e}"), false));
            }
        };
        match c.upload_media(&pnid, bytes, &u.mime, &u.file_name).await {
            Ok(id) => {
                super::compose::fill_media_id(&mut body, &id);
                media_id = Some(id);
            }
            Err(e) if e.retryable => return Outcome::Retry(e),
            Err(e) => return Outcome::Failed(e),
        }
    }
    match c.send(&pnid, &body).await {
        Ok(a) => Outcome::Sent(a, media_id),
        Err(e) if e.retryable => Outcome::Retry(e),
        Err(e) => Outcome::Failed(e),
    }
}

fn local_error(message: String, retryable: bool) -> GraphError {
    GraphError {
        http_status: 0,
        code: 0,
        subcode: None,
        message,
        details: None,
        retryable,
    }
}

enum Outcome {
    /// Accepted, with the media id of the file uploaded for it.
    Sent(Accepted, Option<String>),
    Retry(GraphError),
    Failed(GraphError),
}

impl Messaging {
    pub(crate) fn wake_sender(&self) {
        self.outbox_wake.notify_one();
    }

    /// Works the outbox until `stop` fires; sends in flight then are answered and recorded,
    /// queued ones stay queued.
    pub async fn run_sender(self, mut stop: crate::service::Stop) -> Result<()> {
        if let Err(e) = self.fail_interrupted().await {
            tracing::error!(error = %e, "cannot settle sends interrupted by the last stop");
        }
        while !self.stopping() {
            let wake = self.outbox_wake.notified();
            match self.send_batch().await {
                Ok(Some(0)) | Err(_) => {
                    tokio::select! {
                        () = wake => {}
                        _ = stop.changed() => {}
                    }
                }
                Ok(Some(_)) => {}
                Ok(None) => {
                    let next = self
                        .next_due()
                        .ok()
                        .flatten()
                        .map(|t| (t - self.clock.now()).clamp(1, 1000));
                    tokio::select! {
                        () = tokio::time::sleep(Duration::from_millis(next.unwrap_or(1000) as u64)) => {}
                        () = wake => {}
                        _ = stop.changed() => {}
                    }
                }
            }
        }
        Ok(())
    }

    async fn fail_interrupted(&self) -> Result<()> {
        self.store
            .write(|tx| {
                let mut out = tx.txn.open_table(OUTBOX)?;
                let stuck: Vec<OutboxEntry> =
                    out.iter()?.filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok())).filter(|e| e.in_flight).collect();
                for e in &stuck {
                    out.remove(e.message_id.as_str())?;
                }
                drop(out);
                for e in stuck {
                    let mut msgs = tx.txn.open_table(MESSAGES)?;
                    let Some(mut m) = msgs.get(e.message_id.as_str())?.map(|v| v.value()).transpose()? else { continue };
                    if m.status == Status::Queued {
                        crate::credits::charging::release(tx, &m.id)?;
                        m.status = Status::Failed;
                        m.error_code = Some(INTERRUPTED);
                        m.error_message = Some("interrupted by a restart while sending; it may have reached the customer — check before resending".into());
                        msgs.put(m.id.as_str(), &m)?;
                        drop(msgs);
                        tx.emit(Event::MessageChanged { message_id: m.id.clone(), conversation_id: m.conversation_id.clone(), new: false })?;
                        super::status::changed(tx, Status::Queued, &m)?;
                    }
                }
                Ok(())
            })
            .await
    }

    fn next_due(&self) -> Result<Option<Millis>> {
        let tx = self.store.read()?;
        let t = tx.open_table(OUTBOX)?;
        Ok(t.iter()?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .filter(|e| !e.in_flight)
            .map(|e| e.next_attempt_at)
            .min())
    }

    /// Some(n): n sends handled (0: the outbox is empty); None: work exists but none is due.
    async fn send_batch(&self) -> Result<Option<usize>> {
        let now = self.clock.now();
        let (due, waiting) = self.due(now)?;
        if due.is_empty() {
            return Ok(if waiting == 0 { Some(0) } else { None });
        }
        let account = self.account()?;
        // Only what is about to go out is marked in flight: ~50 ms of sends per commit, so a
        // crash settles at most those as interrupted; the rest stays queued.
        let chunk = usize::try_from(self.limits.rate() / 20).unwrap_or(1).max(1);
        let mut calls = Vec::with_capacity(due.len());
        for part in due.chunks(chunk) {
            if self.stopping() {
                break;
            }
            self.mark_in_flight(part).await?;
            for e in part {
                self.limits.acquire(&e.phone_number_id).await;
                let (body, upload) = self.payload(&e.message_id)?;
                let client = account.as_ref().map(|a| a.client.clone());
                let pnid = e.phone_number_id.clone();
                calls.push((
                    e.clone(),
                    tokio::spawn(send_one(client, pnid, body, upload)),
                ));
            }
        }
        let mut outcomes = Vec::with_capacity(calls.len());
        for (e, call) in calls {
            let o = call.await.unwrap_or_else(|j| {
                Outcome::Retry(local_error(format!("send task failed: {j}"), true))
            });
            outcomes.push((e, o));
        }
        let n = outcomes.len();
        self.record_outcomes(outcomes).await?;
        Ok(Some(n))
    }

    /// Due entries (oldest first, at most a batch) and how many wait in all.
    fn due(&self, now: Millis) -> Result<(Vec<OutboxEntry>, usize)> {
        let tx = self.store.read()?;
        let t = tx.open_table(OUTBOX)?;
        let all: Vec<OutboxEntry> = t
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .filter(|e| !e.in_flight)
            .collect();
        let waiting = all.len();
        Ok((
            all.into_iter()
                .filter(|e| e.next_attempt_at <= now)
                .take(BATCH)
                .collect(),
            waiting,
        ))
    }

    async fn mark_in_flight(&self, part: &[OutboxEntry]) -> Result<()> {
        let marked = part.to_vec();
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(OUTBOX)?;
                for e in &marked {
                    t.put(
                        e.message_id.as_str(),
                        &OutboxEntry {
                            in_flight: true,
                            ..e.clone()
                        },
                    )?;
                }
                Ok(())
            })
            .await
    }

    /// The request body of a queued message, and the file to upload for it first.
    fn payload(&self, message_id: &str) -> Result<(serde_json::Value, Option<MediaUpload>)> {
        let tx = self.store.read()?;
        let Some(m) = tx
            .open_table(MESSAGES)?
            .get(message_id)?
            .map(|v| v.value())
            .transpose()?
        else {
            return Ok((serde_json::Value::default(), None));
        };
        let upload = match &m.media {
            Some(md) if super::compose::needs_upload(&m) => Some(MediaUpload {
                path: self.blobs.path(md.blob.as_deref().unwrap_or_default())?,
                mime: md
                    .mime_type
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".into()),
                file_name: md.file_name.clone().unwrap_or_else(|| "file".into()),
                slots: self.limits.media.clone(),
            }),
            _ => None,
        };
        Ok((m.payload.unwrap_or_default(), upload))
    }

    async fn record_outcomes(&self, outcomes: Vec<(OutboxEntry, Outcome)>) -> Result<()> {
        let now = self.clock.now();
        let jitter: Vec<i64> = outcomes
            .iter()
            .map(|_| rand::rng().random_range(0..250))
            .collect();
        self.store
            .write(move |tx| {
                for ((entry, outcome), jitter) in outcomes.iter().zip(&jitter) {
                    settle(
                        tx,
                        entry,
                        outcome,
                        now + backoff_ms(entry.attempts) + jitter,
                        now,
                    )?;
                }
                Ok(())
            })
            .await
    }
}

/// 500 ms, doubling per attempt, at most a minute.
fn backoff_ms(attempts: u32) -> i64 {
    (500_i64 << attempts.min(7)).min(60_000)
}

fn settle(
    tx: &mut crate::store::Tx<'_>,
    entry: &OutboxEntry,
    outcome: &Outcome,
    retry_at: Millis,
    now: Millis,
) -> Result<()> {
    let Some(mut m) = tx
        .txn
        .open_table(MESSAGES)?
        .get(entry.message_id.as_str())?
        .map(|v| v.value())
        .transpose()?
    else {
        tx.txn
            .open_table(OUTBOX)?
            .remove(entry.message_id.as_str())?;
        return Ok(());
    };
    let was = m.status;
    match outcome {
        Outcome::Retry(e) if entry.attempts + 1 < MAX_ATTEMPTS => {
            tracing::info!(message = %m.id, code = e.code, attempt = entry.attempts + 1, "send refused for now; will retry");
            let next = OutboxEntry {
                attempts: entry.attempts + 1,
                next_attempt_at: retry_at,
                in_flight: false,
                ..entry.clone()
            };
            tx.txn
                .open_table(OUTBOX)?
                .put(entry.message_id.as_str(), &next)?;
            return Ok(());
        }
        Outcome::Sent(a, media_id) => {
            if let (Some(md), Some(id)) = (m.media.as_mut(), media_id) {
                md.media_id.clone_from(id);
            }
            m.wamid = Some(a.wamid.clone());
            if m.status.advances_to(Status::Sent) {
                m.status = Status::Sent;
            }
            tx.txn
                .open_table(MSG_BY_WAMID)?
                .insert(a.wamid.as_str(), m.id.as_str())?;
            m = super::status::apply_pending(tx, &a.wamid, m, now)?;
        }
        Outcome::Retry(e) | Outcome::Failed(e) => {
            crate::credits::charging::release(tx, &m.id)?;
            m.status = Status::Failed;
            m.error_code = Some(e.code);
            m.error_message = Some(e.details.clone().unwrap_or_else(|| e.message.clone()));
        }
    }
    tx.txn
        .open_table(OUTBOX)?
        .remove(entry.message_id.as_str())?;
    tx.txn.open_table(MESSAGES)?.put(m.id.as_str(), &m)?;
    tx.emit(Event::MessageChanged {
        message_id: m.id.clone(),
        conversation_id: m.conversation_id.clone(),
        new: false,
    })?;
    super::status::changed(tx, was, &m)
}
