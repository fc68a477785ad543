//! Inbound media: fetched through the client into the content-addressed blob store, checked
//! against the webhook's sha256 (base64), written atomically.

use base64::Engine;
use redb::ReadableTable;

use super::Messaging;
use super::inbound::MediaFetch;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::store::tables::MESSAGES;

impl Messaging {
    pub(crate) async fn fetch_media(&self, f: MediaFetch) {
        if let Err(e) = self.try_fetch_media(&f).await {
            tracing::warn!(message = %f.message_id, error = %e, "media fetch failed");
        }
    }

    async fn try_fetch_media(&self, f: &MediaFetch) -> Result<()> {
        let msg = self
            .store
            .read()?
            .open_table(MESSAGES)?
            .get(f.message_id.as_str())?
            .map(|v| v.value());
        let Some(media) = msg.and_then(|m| m.media) else {
            return Ok(());
        };
        let acc = self
            .account()?
            .ok_or_else(|| Error::Conflict("WhatsApp is not connected".into()))?;
        let info = acc
            .client
            .media_info(&media.media_id)
            .await
            .map_err(super::upstream)?;
        let bytes = acc
            .client
            .download(&info.url)
            .await
            .map_err(super::upstream)?;
        let digest = crate::ids::sha256_hex(&bytes);
        if let Some(expected) = &media.sha256 {
            let b64 = base64::engine::general_purpose::STANDARD
                .encode(hex::decode(&digest).unwrap_or_default());
            if *expected != b64 && *expected != digest {
                return Err(Error::Upstream {
                    meta_code: None,
                    message: "media does not match its sha256".into(),
                });
            }
        }
        let blob = self.put_blob(&bytes, &digest)?;
        let size = bytes.len() as u64;
        let id = f.message_id.clone();
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(MESSAGES)?;
                let Some(mut m) = t.get(id.as_str())?.map(|v| v.value()) else {
                    return Ok(());
                };
                if let Some(md) = m.media.as_mut() {
                    md.blob = Some(blob.clone());
                    md.size = Some(size);
                }
                t.insert(id.as_str(), &m)?;
                drop(t);
                tx.emit(Event::MessageChanged {
                    message_id: m.id.clone(),
                    conversation_id: m.conversation_id.clone(),
                    new: false,
                })
            })
            .await
    }

    /// Writes `bytes` under their sha256 name (temp file + rename); returns the name.
    pub fn put_blob(&self, bytes: &[u8], digest: &str) -> Result<String> {
        crate::blobs::Blobs::new(self.blobs.clone()).put_named(
            bytes,
            digest,
            &crate::ids::new_id(self.clock.now()),
        )
    }

    pub fn blob(&self, digest: &str) -> Result<Vec<u8>> {
        crate::blobs::Blobs::new(self.blobs.clone()).get(digest)
    }
}
