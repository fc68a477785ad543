//! The customer side: inbound messages injected by tests, tools and the demo's phone UI.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::errors::SandboxError;
use super::state::{PhoneMessage, ThreadEntry};
use super::{Shared, routes_messages};

const MEDIA_TYPES: [&str; 5] = ["image", "video", "audio", "document", "sticker"];

/// Wraps `message` into a `messages` webhook from `from` to `pnid` and queues it.
pub(crate) fn inject(
    inner: &Arc<Shared>,
    pnid: &str,
    from: &str,
    name: &str,
    message: Value,
) -> Result<String, SandboxError> {
    let now = inner.now();
    let (wamid, value) = compose(inner, pnid, from, name, message, now)?;
    inner.emit("messages", value, None);
    Ok(wamid)
}

/// The customer's message as it happened at `at` (clock millis): recorded in the thread, the
/// window opened from then, and answered as the `messages` change value Meta would deliver
/// (with `metadata`), without delivering it.
pub(crate) fn compose(
    inner: &Arc<Shared>,
    pnid: &str,
    from: &str,
    name: &str,
    message: Value,
    at: i64,
) -> Result<(String, Value), SandboxError> {
    if inner.is_shut_down() {
        return Err(SandboxError::ShutDown);
    }
    if !(8..=15).contains(&from.len()) || !from.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SandboxError::InvalidWaId(from.to_owned()));
    }
    let Value::Object(mut msg) = message else {
        return Err(SandboxError::InvalidMessage(
            "the message must be a JSON object".into(),
        ));
    };
    let kind = msg
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| SandboxError::InvalidMessage("the message needs a \"type\"".into()))?;
    if kind != "request_welcome" && kind != "system" && !msg.contains_key(&kind) {
        return Err(SandboxError::InvalidMessage(format!(
            "a {kind} message needs a \"{kind}\" object"
        )));
    }
    let now = at;
    let (wamid, value) = {
        let mut st = inner.state.lock();
        let business = st.number(pnid).map(super::state::NumberState::digits);
        let Some(business) = business else {
            return Err(SandboxError::UnknownNumber(pnid.to_owned()));
        };
        if MEDIA_TYPES.contains(&kind.as_str()) {
            let Some(payload) = msg.get_mut(&kind).and_then(Value::as_object_mut) else {
                return Err(SandboxError::InvalidMessage(format!(
                    "\"{kind}\" must be an object"
                )));
            };
            fill_media(&st.media, payload, now)?;
        }
        // Replies quote a message of this thread; Meta names its author in context.from.
        if let Some(context) = msg.get_mut("context").and_then(Value::as_object_mut)
            && context.contains_key("id")
            && !context.contains_key("from")
        {
            context.insert("from".into(), Value::from(business));
        }
        let wamid = st.wamid(from, false);
        msg.insert("from".into(), Value::from(from));
        msg.insert("id".into(), Value::from(wamid.clone()));
        msg.insert("timestamp".into(), Value::from((now / 1000).to_string()));

        let key = (pnid.to_owned(), from.to_owned());
        let last = st.last_inbound.get(&key).copied().unwrap_or(now).max(now);
        st.last_inbound.insert(key.clone(), last);
        if msg.contains_key("referral") {
            st.last_referral.insert(key, now);
        }
        let body = Value::Object(msg);
        st.push_thread(ThreadEntry {
            pnid: pnid.to_owned(),
            wa_id: from.to_owned(),
            msg: PhoneMessage {
                direction: "in".into(),
                wamid: wamid.clone(),
                text: routes_messages::display_text(&kind, &body),
                kind: kind.clone(),
                body: body.clone(),
                status: "received".into(),
                at: now,
            },
            statuses: Vec::new(),
        });
        let value = json!({
            "messaging_product": "whatsapp",
            "contacts": [{ "profile": { "name": name }, "wa_id": from }],
            "messages": [body],
        });
        (wamid, value)
    };
    let mut value = value;
    value["metadata"] = inner.metadata(pnid);
    Ok((wamid, value))
}

/// The business's message `request` (a send request body) as sent at `at` and read by the
/// customer since; answers its wamid. Nothing is delivered.
pub(crate) fn record_sent(
    inner: &Arc<Shared>,
    pnid: &str,
    to: &str,
    request: Value,
    at: i64,
) -> Result<String, SandboxError> {
    let kind = request
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("text")
        .to_owned();
    let mut st = inner.state.lock();
    if st.number(pnid).is_none() {
        return Err(SandboxError::UnknownNumber(pnid.to_owned()));
    }
    let wamid = st.wamid(to, true);
    st.push_thread(ThreadEntry {
        pnid: pnid.to_owned(),
        wa_id: to.to_owned(),
        msg: PhoneMessage {
            direction: "out".into(),
            wamid: wamid.clone(),
            text: routes_messages::display_text(&kind, &request),
            kind,
            body: request,
            status: "read".into(),
            at,
        },
        statuses: vec!["sent".into(), "delivered".into(), "read".into()],
    });
    Ok(wamid)
}

/// Completes `mime_type` and `sha256` (base64, as webhooks carry it) from the media store.
fn fill_media(
    media: &std::collections::HashMap<String, super::state::Media>,
    payload: &mut Map<String, Value>,
    now: i64,
) -> Result<(), SandboxError> {
    let Some(id) = payload.get("id").and_then(Value::as_str).map(str::to_owned) else {
        return Ok(());
    };
    let stored = media
        .get(&id)
        .filter(|m| m.expires_at > now)
        .ok_or(SandboxError::UnknownMedia(id))?;
    payload
        .entry("mime_type")
        .or_insert_with(|| Value::from(stored.mime.clone()));
    payload
        .entry("sha256")
        .or_insert_with(|| Value::from(stored.sha256_b64()));
    Ok(())
}
