//! The status lifecycle of an accepted send: `sent` -> `delivered` -> `read`, each
//! `status_delay` apart, or a single `failed` carrying Meta's async error object.

use std::sync::Arc;

use serde_json::{Value, json};

use super::Shared;
use super::errors::webhook_error;

/// Everything the status webhooks of one accepted message need.
#[derive(Debug)]
pub(crate) struct StatusJob {
    pub pnid: String,
    pub wamid: String,
    pub recipient: String,
    pub callback: Option<String>,
    pub pricing: Value,
    /// Set when the send was accepted but must fail (code, details).
    pub failure: Option<(u32, String)>,
}

pub(crate) fn spawn(inner: Arc<Shared>, job: StatusJob) {
    tokio::spawn(async move { run(&inner, &job).await });
}

async fn run(inner: &Shared, job: &StatusJob) {
    let delay = inner.cfg.status_delay;
    if !inner.pause(delay).await {
        return;
    }
    if let Some((code, details)) = &job.failure {
        emit(inner, job, "failed", Some(webhook_error(*code, details))).await;
        return;
    }
    if inner.chaos.lock().reorder {
        // Hold `sent` until `delivered` is due, then deliver them swapped.
        if !inner.pause(delay).await {
            return;
        }
        emit(inner, job, "delivered", None).await;
        emit(inner, job, "sent", None).await;
    } else {
        emit(inner, job, "sent", None).await;
        if !inner.pause(delay).await {
            return;
        }
        emit(inner, job, "delivered", None).await;
    }
    if !inner.pause(delay).await {
        return;
    }
    emit(inner, job, "read", None).await;
}

/// Records the status (durably, with a data dir) and then delivers its webhook.
async fn emit(inner: &Shared, job: &StatusJob, status: &str, error: Option<Value>) {
    let mut entry = json!({
        "id": job.wamid,
        "status": status,
        "timestamp": (inner.now() / 1000).to_string(),
        "recipient_id": job.recipient,
    });
    if let Some(callback) = &job.callback {
        entry["biz_opaque_callback_data"] = json!(callback);
    }
    if status == "sent" || status == "delivered" {
        entry["pricing"] = job.pricing.clone();
    }
    if let Some(error) = error {
        entry["errors"] = json!([error]);
    }
    inner.state.lock().record_status(&job.wamid, status);
    if inner.persisted().await.is_err() {
        tracing::warn!(wamid = %job.wamid, status, "sandbox: a status was not saved");
    }
    let value = json!({
        "messaging_product": "whatsapp",
        "metadata": inner.metadata(&job.pnid),
        "statuses": [entry],
    });
    inner.emit("messages", value, None);
}
