//! Stored outgoing-webhook rows (see `webhooks`).

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Subscription {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    /// The signing secret, sealed with the data dir's key (shown once, at creation).
    pub secret_sealed: String,
    pub active: bool,
    pub created_at: Millis,
    pub created_by: Option<String>,
    /// Deliveries that failed for good in a row (reset by a success).
    pub consecutive_failures: u32,
    pub disabled_at: Option<Millis>,
    pub disabled_reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Pending,
    Succeeded,
    Failed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attempt {
    pub at: Millis,
    /// The receiver's HTTP status, when it answered.
    pub status_code: Option<u16>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Delivery {
    /// Time-ordered id; also the delivery's `id` in the body (receivers dedupe on it).
    pub id: String,
    pub subscription_id: String,
    pub event: String,
    pub created_at: Millis,
    pub status: DeliveryStatus,
    pub attempts: Vec<Attempt>,
}
