//! Outgoing webhooks: Meta-style serialisation (non-ASCII and `/` escaped), HMAC signing,
//! and one in-order delivery task per sandbox with exponential-backoff retries.
//!
//! Meta signs the bytes it sends, and it sends `\uXXXX` escapes; a receiver that verifies
//! a re-serialised body instead of the raw bytes fails on any non-ASCII text, which is
//! exactly the bug this serialisation is meant to surface.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use parking_lot::Mutex;
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::{mpsc, watch};

use super::config::Chaos;

/// serde_json output with every non-ASCII char as `\uXXXX` (UTF-16 surrogate pairs above
/// the BMP) and `/` as `\/`, like Graph API bodies. Only valid on JSON text: both only
/// occur inside strings there, where these escapes mean the same thing.
pub(crate) fn escape_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 8);
    for c in json.chars() {
        if c == '/' {
            out.push_str("\\/");
        } else if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}

/// Serialises a value the way Meta does (see [`escape_json`]).
pub(crate) fn to_meta_json(value: &Value) -> String {
    escape_json(&value.to_string())
}

/// `sha256=<lowercase hex HMAC-SHA256(secret, body)>`.
pub(crate) fn signature(secret: &str, body: &[u8]) -> String {
    format!(
        "sha256={}",
        hex::encode(hmac_sha256(secret.as_bytes(), body))
    )
}

pub(crate) fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

/// The `whatsapp_business_account` envelope around one change.
pub(crate) fn envelope(waba_id: &str, field: &str, value: Value, time: Option<i64>) -> Value {
    let mut entry = json!({ "id": waba_id, "changes": [{ "field": field, "value": value }] });
    if let Some(time) = time {
        entry["time"] = json!(time);
    }
    json!({ "object": "whatsapp_business_account", "entry": [entry] })
}

/// One serialised, not yet signed webhook body.
#[derive(Debug)]
pub(crate) struct Delivery {
    pub body: String,
}

/// The producer side of the delivery queue, plus the current callback URL.
#[derive(Debug)]
pub(crate) struct Outbox {
    tx: mpsc::UnboundedSender<Delivery>,
    url: watch::Sender<Option<String>>,
}

impl Outbox {
    pub fn push(&self, body: String) {
        // The receiver only goes away at shutdown, when dropping deliveries is intended.
        let _ = self.tx.send(Delivery { body });
    }

    pub fn set_url(&self, url: Option<String>) {
        self.url.send_replace(url);
    }

    pub fn url(&self) -> Option<String> {
        self.url.borrow().clone()
    }
}

/// What the delivery task needs; deliberately not the whole sandbox.
pub(crate) struct Courier {
    pub http: reqwest::Client,
    pub app_secret: String,
    pub retry_base: Duration,
    pub max_attempts: u32,
    pub chaos: Arc<Mutex<Chaos>>,
}

/// Creates the queue and spawns its single consumer, which keeps order: a failing
/// delivery blocks the ones behind it until it succeeds or is given up.
pub(crate) fn spawn(
    courier: Courier,
    url: Option<String>,
) -> (Outbox, tokio::task::JoinHandle<()>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Delivery>();
    let (url_tx, mut url_rx) = watch::channel(url);
    let task = tokio::spawn(async move {
        while let Some(delivery) = rx.recv().await {
            // Queue (don't drop) while no callback URL is configured.
            if url_rx.wait_for(Option::is_some).await.is_err() {
                return;
            }
            let copies = if courier.chaos.lock().duplicate { 2 } else { 1 };
            for _ in 0..copies {
                courier.deliver(&url_rx, &delivery).await;
            }
        }
    });
    (Outbox { tx, url: url_tx }, task)
}

impl Courier {
    async fn deliver(&self, url_rx: &watch::Receiver<Option<String>>, delivery: &Delivery) {
        let signature = signature(&self.app_secret, delivery.body.as_bytes());
        let mut backoff = self.retry_base;
        for attempt in 1..=self.max_attempts.max(1) {
            // Re-read each time: a URL fixed while we back off is used right away.
            let Some(url) = url_rx.borrow().clone() else {
                return;
            };
            let result = self
                .http
                .post(&url)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", &signature)
                .body(delivery.body.clone())
                .send()
                .await;
            match result {
                Ok(resp) if resp.status().is_success() => return,
                Ok(resp) => {
                    tracing::debug!(%url, attempt, status = %resp.status(), "sandbox webhook refused")
                }
                Err(err) => tracing::debug!(%url, attempt, %err, "sandbox webhook failed"),
            }
            if attempt < self.max_attempts {
                tokio::time::sleep(backoff).await;
                backoff = backoff.saturating_mul(2);
            }
        }
        tracing::warn!(
            attempts = self.max_attempts,
            "sandbox webhook given up: {}",
            delivery.body
        );
    }
}

/// Meta's GET verification: the receiver must answer 200 with the challenge as the body.
pub(crate) async fn handshake(
    http: &reqwest::Client,
    url: &str,
    verify_token: &str,
) -> Result<(), String> {
    let challenge =
        rand::Rng::random_range(&mut rand::rng(), 1_000_000_000u64..10_000_000_000).to_string();
    let mut target =
        reqwest::Url::parse(url).map_err(|e| format!("bad callback url {url}: {e}"))?;
    target
        .query_pairs_mut()
        .append_pair("hub.mode", "subscribe")
        .append_pair("hub.verify_token", verify_token)
        .append_pair("hub.challenge", &challenge);
    let resp = http
        .get(target)
        .send()
        .await
        .map_err(|e| format!("GET {url}: {e}"))?;
    let status = resp.status();
    let body = resp.text().await.map_err(|e| format!("GET {url}: {e}"))?;
    if status != reqwest::StatusCode::OK {
        return Err(format!("HTTP Status Code = {}", status.as_u16()));
    }
    if body.trim() != challenge {
        return Err("the response did not match the challenge".into());
    }
    Ok(())
}
