//! `/webhooks/whatsapp`: Meta's verification handshake and signed deliveries. A delivery is
//! answered 200 only after its raw bytes are durably in the inbox; processing happens after.

use std::sync::Arc;

use poem::http::StatusCode;
use poem::web::{Data, Query};
use poem::{Body, IntoResponse, Request, Response, handler};
use serde::Deserialize;
use serde_json::Value;
use subtle::ConstantTimeEq;

use crate::App;
use crate::channel::whatsapp::signature;

#[derive(Deserialize)]
pub struct Handshake {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

#[handler]
pub fn verify(Query(q): Query<Handshake>, Data(app): Data<&Arc<App>>) -> Response {
    let expected = match app.messaging.account() {
        Ok(a) => a.map(|a| a.verify_token),
        Err(e) => return super::unavailable("webhook handshake: cannot open the account", &e),
    };
    match (q.mode.as_deref(), q.verify_token, expected, q.challenge) {
        (Some("subscribe"), Some(given), Some(expected), Some(challenge))
            if bool::from(given.as_bytes().ct_eq(expected.as_bytes())) =>
        {
            Response::builder()
                .content_type("text/plain")
                .body(challenge)
        }
        _ => (StatusCode::FORBIDDEN, "verification failed").into_response(),
    }
}

#[handler]
pub async fn deliver(req: &Request, body: Body, Data(app): Data<&Arc<App>>) -> Response {
    let raw = match body.into_bytes_limit(app.config.max_body_bytes).await {
        Ok(b) => b,
        Err(poem::error::ReadBodyError::PayloadTooLarge) => {
            return (StatusCode::PAYLOAD_TOO_LARGE, "delivery too large").into_response();
        }
        Err(e) => {
            tracing::debug!(error = %e, "could not read a webhook delivery");
            return (StatusCode::BAD_REQUEST, "could not read the delivery").into_response();
        }
    };
    // Only the addresses are read here (typed, skipping the rest); the inbox worker parses the
    // whole delivery once, after the commit.
    let addr = match serde_json::from_slice::<Addressed>(&raw) {
        Ok(a) => a,
        // JSON of another shape is addressed to no one we know.
        Err(_) if serde_json::from_slice::<serde::de::IgnoredAny>(&raw).is_ok() => {
            Addressed { entry: None }
        }
        Err(_) => return (StatusCode::BAD_REQUEST, "delivery is not JSON").into_response(),
    };
    let secret = match app.messaging.account() {
        Ok(Some(a)) if addressed_to_us(app, &a.waba_id, &addr) => a.app_secret,
        Ok(_) => {
            return (
                StatusCode::UNAUTHORIZED,
                "not addressed to a connected WhatsApp account",
            )
                .into_response();
        }
        Err(e) => return super::unavailable("webhook: cannot open the WhatsApp account", &e),
    };
    if !signature::verify(&secret, &raw, req.header("x-hub-signature-256")) {
        return (
            StatusCode::UNAUTHORIZED,
            "bad or missing X-Hub-Signature-256",
        )
            .into_response();
    }
    let Ok(text) = String::from_utf8(Vec::from(raw)) else {
        return (StatusCode::BAD_REQUEST, "delivery is not UTF-8").into_response();
    };
    match app.messaging.accept_delivery(text).await {
        Ok(()) => Response::builder().content_type("text/plain").body("ok"),
        Err(e) => {
            tracing::error!(error = %e, "could not store a webhook delivery");
            (StatusCode::SERVICE_UNAVAILABLE, "not stored; retry").into_response()
        }
    }
}

/// What the address check reads of a delivery; everything else is skipped unparsed.
#[derive(Deserialize)]
struct Addressed {
    entry: Option<Vec<AddressedEntry>>,
}

#[derive(Deserialize)]
struct AddressedEntry {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    changes: Vec<AddressedChange>,
}

#[derive(Deserialize)]
struct AddressedChange {
    #[serde(default)]
    value: Option<AddressedValue>,
}

#[derive(Deserialize)]
struct AddressedValue {
    #[serde(default)]
    metadata: Option<AddressedMeta>,
}

#[derive(Deserialize)]
struct AddressedMeta {
    #[serde(default)]
    phone_number_id: Option<Value>,
}

/// Whether every entry names our account or one of our active numbers.
fn addressed_to_us(app: &App, waba_id: &str, d: &Addressed) -> bool {
    let Some(entries) = &d.entry else {
        return false;
    };
    let mut profiles = None;
    entries.iter().all(|e| {
        let numbers: Vec<&str> = e
            .changes
            .iter()
            .filter_map(|c| {
                c.value
                    .as_ref()?
                    .metadata
                    .as_ref()?
                    .phone_number_id
                    .as_ref()?
                    .as_str()
            })
            .collect();
        if numbers.is_empty() {
            let id = e.id.as_ref().and_then(|v| {
                v.as_str()
                    .map(String::from)
                    .or_else(|| v.as_u64().map(|n| n.to_string()))
            });
            return id.as_deref() == Some(waba_id);
        }
        let profiles = profiles.get_or_insert_with(|| app.messaging.profiles().unwrap_or_default());
        numbers
            .iter()
            .all(|n| profiles.iter().any(|p| p.active && p.phone_number_id == *n))
    })
}
