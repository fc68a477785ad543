//! Mark-as-read (`status: "read"`) and the typing indicator.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::super::Shared;
use super::super::errors::ApiError;
use super::s;

/// The typing indicator shows for up to 25 s or until the business sends a message.
const TYPING_MS: i64 = 25_000;

/// `{status: "read", message_id[, typing_indicator: {type: "text"}]}`: marks that inbound
/// message and the earlier ones of its thread read; with the indicator the customer sees
/// "typing…".
pub(super) fn mark_read(
    inner: &Arc<Shared>,
    pnid: &str,
    body: &Map<String, Value>,
) -> Result<Value, ApiError> {
    if !s(body, "status").is_some_and(|st| st.eq_ignore_ascii_case("read")) {
        return Err(ApiError::invalid("Param status must be \"read\"."));
    }
    let message_id = s(body, "message_id")
        .filter(|m| !m.is_empty())
        .ok_or_else(|| ApiError::invalid("The parameter message_id is required."))?;
    let typing = match body.get("typing_indicator") {
        None | Some(Value::Null) => false,
        Some(indicator) => {
            if !indicator
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("text"))
            {
                return Err(ApiError::invalid(
                    "Param typing_indicator['type'] must be \"text\".",
                ));
            }
            true
        }
    };
    let now = inner.now();
    let mut st = inner.state.lock();
    let (owner, wa_id) = st
        .inbound
        .get(message_id)
        .cloned()
        .filter(|(owner, _)| owner == pnid)
        .ok_or_else(|| ApiError::invalid(format!("Invalid parameter message_id: {message_id} is not a message received by this number.")))?;
    let upto = st.entry(message_id).map_or(i64::MAX, |e| e.msg.at);
    let mut changed = Vec::new();
    for (pos, entry) in st.thread.iter_mut().enumerate() {
        if entry.pnid == owner
            && entry.wa_id == wa_id
            && entry.msg.direction == "in"
            && entry.msg.at <= upto
            && entry.msg.status != "read"
        {
            entry.msg.status = "read".into();
            changed.push(pos);
        }
    }
    for pos in changed {
        st.save_entry(pos);
    }
    if typing {
        st.typing.insert((owner, wa_id), now + TYPING_MS);
    }
    Ok(json!({ "success": true }))
}
