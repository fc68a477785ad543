//! Inbound media: each media message gets a durable `media_fetch` job in the transaction that
//! stores it. The job streams the file into the content-addressed blob store under Meta's size
//! cap for its type (refused as soon as it is known to be larger), checks the webhook's sha256,
//! and marks the message's media AVAILABLE; retryable failures back off and retry; the rest, or
//! running out of attempts, mark it UNAVAILABLE with the reason.

use std::io::Write;
use std::sync::Arc;

use base64::Engine;
use futures_util::future::BoxFuture;
use redb::ReadableTable;
use sha2::Digest;

use super::Messaging;
use super::model::{Media, MediaStatus};
use crate::channel::whatsapp::client::DownloadError;
use crate::events::Event;
use crate::jobs::{Handler, JobRow, Kind, NewJob, Outcome};
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::MESSAGES;

const MB: u64 = 1024 * 1024;
const MAX_ATTEMPTS: u32 = 8;

/// Meta's limit for received media of a message type (unknown types as documents).
pub fn size_limit(kind: &str) -> u64 {
    match kind {
        "image" => 5 * MB,
        "video" | "audio" => 16 * MB,
        "sticker" => 500 * 1024,
        _ => 100 * MB,
    }
}

/// The job that fetches `message_id`'s media (one per message, by its key).
pub fn fetch_job(message_id: &str, now: crate::clock::Millis) -> NewJob {
    NewJob {
        kind: Kind::MediaFetch,
        key: Some(format!("media:{message_id}")),
        payload: serde_json::json!({ "message_id": message_id }),
        due_at: now,
        max_attempts: MAX_ATTEMPTS,
    }
}

/// Runs `media_fetch` jobs.
pub struct MediaFetcher {
    messaging: Messaging,
    concurrency: usize,
}

impl MediaFetcher {
    pub fn new(messaging: Messaging, concurrency: usize) -> Arc<Self> {
        Arc::new(Self {
            messaging,
            concurrency: concurrency.max(1),
        })
    }
}

fn message_id(job: &JobRow) -> String {
    job.payload
        .get("message_id")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

impl Handler for MediaFetcher {
    fn kind(&self) -> Kind {
        Kind::MediaFetch
    }

    fn concurrency(&self) -> usize {
        self.concurrency
    }

    fn run(&self, job: JobRow) -> BoxFuture<'static, Outcome> {
        let m = self.messaging.clone();
        Box::pin(async move { m.fetch_media(&message_id(&job)).await })
    }

    fn failed(&self, tx: &mut Tx<'_>, job: &JobRow, reason: &str) -> crate::error::Result<()> {
        let reason = reason.to_string();
        update_media(tx, &message_id(job), move |md| {
            md.status = MediaStatus::Unavailable;
            md.unavailable_reason = Some(reason.clone());
        })
    }
}

/// Changes the message's media in `tx` (when the message and its media still exist).
fn update_media(
    tx: &mut Tx<'_>,
    message_id: &str,
    change: impl FnOnce(&mut Media),
) -> crate::error::Result<()> {
    let mut t = tx.txn.open_table(MESSAGES)?;
    let Some(mut m) = t.get(message_id)?.map(|v| v.value()).transpose()? else {
        return Ok(());
    };
    let Some(md) = m.media.as_mut() else {
        return Ok(());
    };
    change(md);
    t.put(message_id, &m)?;
    drop(t);
    tx.emit(Event::MessageChanged {
        message_id: m.id.clone(),
        conversation_id: m.conversation_id.clone(),
        new: false,
    })
}

impl Messaging {
    async fn fetch_media(&self, message_id: &str) -> Outcome {
        let msg = self.store.read().and_then(|tx| {
            Ok(tx
                .open_table(MESSAGES)?
                .get(message_id)?
                .map(|v| v.value())
                .transpose()?)
        });
        let msg = match msg {
            Ok(m) => m,
            Err(e) => return Outcome::Retry(e.to_string()),
        };
        let Some((kind, media)) = msg.and_then(|m| m.media.map(|md| (m.kind, md))) else {
            return Outcome::Done(None); // the message is gone
        };
        if media.blob.is_some() {
            return Outcome::Done(None);
        }
        let acc = match self.account() {
            Ok(Some(a)) => a,
            Ok(None) => return Outcome::Retry("WhatsApp is not connected".into()),
            Err(e) => return Outcome::Retry(e.to_string()),
        };
        let info = match acc.client.media_info(&media.media_id).await {
            Ok(i) => i,
            Err(e) if e.retryable => return Outcome::Retry(e.to_string()),
            Err(e) => return Outcome::Fail(format!("Meta refused the media: {e}")),
        };
        let limit = size_limit(&kind);
        let blobs = &self.blobs;
        let tmp = match blobs.temp_path(&crate::ids::new_id(self.clock.now())) {
            Ok(p) => p,
            Err(e) => return Outcome::Retry(e.to_string()),
        };
        let fetched = self.download_to(&acc.client, &info.url, limit, &tmp).await;
        let (digest, size) = match fetched {
            Ok(d) => d,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return match e {
                    DownloadError::TooLarge { limit } => Outcome::Fail(format!(
                        "larger than WhatsApp's {} limit for {kind} media",
                        human(limit)
                    )),
                    DownloadError::Graph(g) if !g.retryable => {
                        Outcome::Fail(format!("download refused: {g}"))
                    }
                    other => Outcome::Retry(other.to_string()),
                };
            }
        };
        if let Some(expected) = &media.sha256 {
            let b64 = base64::engine::general_purpose::STANDARD
                .encode(hex::decode(&digest).unwrap_or_default());
            if *expected != b64 && *expected != digest {
                let _ = std::fs::remove_file(&tmp);
                return Outcome::Retry("the file does not match its sha256".into());
            }
        }
        let blob = match blobs.put_file(&tmp, &digest) {
            Ok(b) => b,
            Err(e) => return Outcome::Retry(e.to_string()),
        };
        let id = message_id.to_string();
        Outcome::Done(Some(Box::new(move |tx| {
            let blob = blob.clone();
            update_media(tx, &id, move |md| {
                md.blob = Some(blob);
                md.size = Some(size);
                md.status = MediaStatus::Available;
                md.unavailable_reason = None;
            })
        })))
    }

    /// Streams `url` into the file `tmp`, hashing as it goes; answers (sha256 hex, size).
    async fn download_to(
        &self,
        client: &crate::channel::whatsapp::client::Client,
        url: &str,
        limit: u64,
        tmp: &std::path::Path,
    ) -> Result<(String, u64), DownloadError> {
        let mut file = std::fs::File::create(tmp).map_err(|e| DownloadError::Io(e.to_string()))?;
        let mut hash = sha2::Sha256::new();
        let size = client
            .download_capped(url, limit, |chunk| {
                hash.update(chunk);
                file.write_all(chunk)
            })
            .await?;
        file.sync_all()
            .map_err(|e| DownloadError::Io(e.to_string()))?;
        Ok((hex::encode(hash.finalize()), size))
    }

    /// Writes `bytes` under their sha256 name (temp file + rename); returns the name.
    pub fn put_blob(&self, bytes: &[u8], digest: &str) -> crate::error::Result<String> {
        self.blobs
            .put_named(bytes, digest, &crate::ids::new_id(self.clock.now()))
    }

    pub fn blob(&self, digest: &str) -> crate::error::Result<Vec<u8>> {
        self.blobs.get(digest)
    }

    /// Where the blob `digest` lives, for streaming it (`NOT_FOUND` for a malformed name).
    pub fn blob_path(&self, digest: &str) -> crate::error::Result<std::path::PathBuf> {
        self.blobs.path(digest)
    }
}

fn human(bytes: u64) -> String {
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes / 1024)
    }
}
