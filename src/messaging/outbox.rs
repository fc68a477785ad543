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
use crate::error::{Error, Result};
use crate::events::Event;
use crate::store::PutRow;
use crate::store::tables::{MESSAGES, MSG_BY_WAMID, OUTBOX};

/// Outcomes recorded in one commit at most.
const SETTLE_BATCH: usize = 512;
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

type Call = tokio::task::JoinHandle<Outcome>;
type Settle = tokio::sync::mpsc::Sender<(OutboxEntry, Call)>;

/// What the outbox holds for the sender now.
#[derive(Default)]
struct Next {
    /// Due sends, oldest first.
    entries: Vec<OutboxEntry>,
    /// When the earliest waiting send comes due, if any waits (and `entries` is empty).
    waiting_from: Option<Millis>,
}

/// The first `size` due entries not in flight; the scan stops there, so a long queue costs
/// only the entries in front of the chunk (those in flight) and the chunk itself.
fn due(store: &crate::store::Store, now: Millis, size: usize) -> Result<Next> {
    let tx = store.read()?;
    let t = tx.open_table(OUTBOX)?;
    let mut next = Next::default();
    for e in t
        .iter()?
        .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
    {
        if e.in_flight {
            continue;
        }
        if e.next_attempt_at <= now {
            next.entries.push(e);
            if next.entries.len() == size {
                break;
            }
        } else {
            next.waiting_from = Some(
                next.waiting_from
                    .map_or(e.next_attempt_at, |w| w.min(e.next_attempt_at)),
            );
        }
    }
    if !next.entries.is_empty() {
        next.waiting_from = None;
    }
    Ok(next)
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
    ///
    /// A pipeline, so the limiter's tokens are never left unused: while one chunk (~50 ms of
    /// sends) goes out, the next is read and marked in flight, and a separate task records
    /// outcomes as they arrive. A pause between chunks longer than the limiter's small burst
    /// would lose sending time for good.
    pub async fn run_sender(self, mut stop: crate::service::Stop) -> Result<()> {
        if let Err(e) = self.fail_interrupted().await {
            tracing::error!(error = %e, "cannot settle sends interrupted by the last stop");
        }
        let (settle, outcomes) = tokio::sync::mpsc::channel(2 * SETTLE_BATCH);
        let settler = tokio::spawn(self.clone().record_outcomes_as_they_come(outcomes));
        let mut ready = Vec::new();
        loop {
            let wake = self.outbox_wake.notified();
            let stopping = self.stopping();
            let next = async {
                if stopping {
                    return Ok(Next::default());
                }
                self.next_chunk().await
            };
            let (next, sent) = tokio::join!(next, self.send_chunk(&ready, &settle));
            if let Err(e) = sent {
                tracing::error!(error = %e, "the sender stopped a chunk");
            }
            let next = next.unwrap_or_else(|e| {
                tracing::error!(error = %e, "cannot read the outbox");
                Next::default()
            });
            ready = next.entries;
            if !ready.is_empty() {
                continue;
            }
            if stopping {
                break;
            }
            let pause = match next.waiting_from {
                // Nothing queued: sleep until a send is queued or an outcome asks to retry.
                None => Duration::from_secs(3600),
                Some(t) => Duration::from_millis((t - self.clock.now()).clamp(1, 1000) as u64),
            };
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = wake => {}
                _ = stop.changed() => {}
            }
        }
        drop(settle);
        settler
            .await
            .unwrap_or_else(|e| Err(Error::Internal(format!("the outcome recorder failed: {e}"))))
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

    /// The next chunk of due sends (oldest first), already marked in flight, so that only what
    /// is about to go out is in flight: a crash settles at most ~50 ms of sends as interrupted.
    async fn next_chunk(&self) -> Result<Next> {
        let size = usize::try_from(self.limits.rate() / 20).unwrap_or(1).max(1);
        let now = self.clock.now();
        let store = self.store.clone();
        let mut next = crate::service::blocking(move || due(&store, now, size)).await?;
        if !next.entries.is_empty() {
            next.entries = self.mark_in_flight(&next.entries).await?;
        }
        Ok(next)
    }

    /// Sends a chunk that is marked in flight, paced per number; each call's outcome goes to
    /// the recorder.
    async fn send_chunk(&self, chunk: &[OutboxEntry], settle: &Settle) -> Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        // The chunk is marked in flight: whatever fails here still ends as an outcome (a
        // retry), so nothing stays in flight until the next start.
        let client = self.account().map(|a| a.map(|a| a.client));
        for e in chunk {
            let prepared = match &client {
                Ok(c) => self.payload(&e.message_id).map(|p| (c.clone(), p)),
                Err(err) => Err(Error::Internal(err.to_string())),
            };
            let call = match prepared {
                Ok((client, (body, upload))) => {
                    self.limits.acquire(&e.phone_number_id).await;
                    tokio::spawn(send_one(client, e.phone_number_id.clone(), body, upload))
                }
                Err(err) => {
                    let o = Outcome::Retry(local_error(
                        format!("cannot prepare the send: {err}"),
                        true,
                    ));
                    tokio::spawn(std::future::ready(o))
                }
            };
            if settle.send((e.clone(), call)).await.is_err() {
                return Err(Error::Internal("the outcome recorder is gone".into()));
            }
        }
        Ok(())
    }

    /// Records outcomes in the order the sends started, as many per commit as have arrived
    /// (at most `SETTLE_BATCH`), until the sender hangs up.
    async fn record_outcomes_as_they_come(
        self,
        mut calls: tokio::sync::mpsc::Receiver<(OutboxEntry, Call)>,
    ) -> Result<()> {
        let mut started = Vec::with_capacity(SETTLE_BATCH);
        while calls.recv_many(&mut started, SETTLE_BATCH).await > 0 {
            let mut outcomes = Vec::with_capacity(started.len());
            for (e, call) in started.drain(..) {
                let o = call.await.unwrap_or_else(|j| {
                    Outcome::Retry(local_error(format!("send task failed: {j}"), true))
                });
                outcomes.push((e, o));
            }
            let retries = outcomes.iter().any(|(_, o)| matches!(o, Outcome::Retry(_)));
            if let Err(e) = self.record_outcomes(outcomes).await {
                tracing::error!(error = %e, "cannot record send outcomes");
            }
            if retries {
                self.wake_sender();
            }
        }
        Ok(())
    }

    /// Marks the entries in flight as they stand in the marking transaction: an entry gone or
    /// already in flight since it was read is left out. Returns the marked entries.
    async fn mark_in_flight(&self, part: &[OutboxEntry]) -> Result<Vec<OutboxEntry>> {
        let ids: Vec<String> = part.iter().map(|e| e.message_id.clone()).collect();
        self.store
            .write_first(move |tx| {
                let mut t = tx.txn.open_table(OUTBOX)?;
                let mut marked = Vec::with_capacity(ids.len());
                for id in &ids {
                    let Some(Ok(e)) = t.get(id.as_str())?.map(|v| v.value()) else {
                        continue;
                    };
                    if e.in_flight {
                        continue;
                    }
                    let e = OutboxEntry {
                        in_flight: true,
                        ..e
                    };
                    t.put(id.as_str(), &e)?;
                    marked.push(e);
                }
                Ok(marked)
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
