//! `POST /{pnid}/messages`: validation of every message type (§5), templates against
//! the account's approved templates, the 24 h window, throughput and pair limits; then
//! acceptance (`wamid`) and the asynchronous status lifecycle. Also mark-as-read and the
//! typing indicator. One file per family of message kinds:
//! [`text`] (text, location, contacts, reaction), [`media`], [`interactive`],
//! [`template`], [`read`] (mark-as-read, typing indicator).

mod interactive;
mod media;
mod read;
mod template;
mod text;

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::Shared;
use super::config::WindowMode;
use super::errors::ApiError;
use super::http::Call;
use super::lifecycle::{self, StatusJob};
use super::limits::Throttled;
use super::state::{PhoneMessage, ThreadEntry};

const TYPES: &str = "{AUDIO, CONTACTS, DOCUMENT, IMAGE, INTERACTIVE, LOCATION, REACTION, STICKER, TEMPLATE, TEXT, VIDEO}";
const WINDOW_DETAILS: &str = "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";

/// What validation learned about the payload.
#[derive(Debug, Default)]
pub(super) struct Checked {
    text: Option<String>,
    /// Upper-case category when this is a template send.
    template_category: Option<String>,
    /// Accepted, but Meta would fail it later (131053).
    media_failure: Option<String>,
}

pub(super) fn s<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

pub(super) fn object<'a>(
    value: Option<&'a Value>,
    what: &str,
) -> Result<&'a Map<String, Value>, ApiError> {
    match value {
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(ApiError::invalid(format!(
            "Param {what} must be a JSON object."
        ))),
        None => Err(ApiError::missing(what)),
    }
}

pub(super) fn too_long(what: &str, text: &str, max: usize) -> Result<(), ApiError> {
    if text.chars().count() > max {
        return Err(ApiError::new(
            131009,
            format!("Param {what} must be at most {max} characters long."),
        ));
    }
    Ok(())
}

/// `to` with `+`, spaces, dashes, dots and parentheses removed; 8-15 digits.
fn normalize(to: &str) -> Option<String> {
    let digits: String = to
        .chars()
        .filter(|c| !matches!(c, '+' | ' ' | '-' | '.' | '(' | ')'))
        .collect();
    ((8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(digits)
}

pub(super) fn required_text<'a>(
    parent: &'a Map<String, Value>,
    key: &str,
    what: &str,
    max: usize,
) -> Result<&'a str, ApiError> {
    let text = s(parent, key)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::missing(what))?;
    too_long(what, text, max)?;
    Ok(text)
}

pub(crate) fn send(inner: &Arc<Shared>, pnid: &str, call: &Call) -> Result<Value, ApiError> {
    let body = call.params()?;
    match s(&body, "messaging_product") {
        Some(p) if p.eq_ignore_ascii_case("whatsapp") => {}
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "Param messaging_product must be one of {{WHATSAPP}} - got \"{other}\"."
            )));
        }
        None => {
            return Err(ApiError::invalid(
                "The parameter messaging_product is required.",
            ));
        }
    }
    if body.contains_key("status") {
        return read::mark_read(inner, pnid, &body);
    }
    let now = inner.now();
    let chaos = inner.chaos.lock().clone();
    let mut st = inner.state.lock();
    let business = st
        .number(pnid)
        .ok_or_else(|| ApiError::unknown_object(&poem::http::Method::POST, pnid))?;
    if !business.cfg.registered {
        return Err(ApiError::new(
            133010,
            "Phone number is not registered on the Whatsapp Business Platform.",
        ));
    }
    let business_digits = business.digits();
    match body.get("recipient_type") {
        None | Some(Value::Null) => {}
        Some(Value::String(rt)) if rt.eq_ignore_ascii_case("individual") => {}
        Some(Value::String(rt)) if rt.eq_ignore_ascii_case("group") => {
            return Err(ApiError::new(
                131009,
                "Group messaging is not enabled for this phone number (the simulator has no groups).",
            ));
        }
        Some(_) => {
            return Err(ApiError::invalid(
                "Param recipient_type must be one of {INDIVIDUAL, GROUP}.",
            ));
        }
    }
    let input = match body.get("to") {
        Some(Value::String(to)) if !to.trim().is_empty() => to.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) | None => return Err(ApiError::missing("to")),
    };
    let wa_id = normalize(&input).ok_or_else(|| {
        ApiError::new(
            131009,
            format!("Recipient phone number \"{input}\" is not a valid phone number."),
        )
    })?;
    if wa_id == business_digits {
        return Err(ApiError::new(
            131021,
            "The recipient is the sending business phone number.",
        ));
    }
    // `text` when omitted; Graph's enums are case-insensitive.
    let kind = match body.get("type") {
        None | Some(Value::Null) => "text".to_owned(),
        Some(Value::String(t)) => t.trim().to_ascii_lowercase(),
        Some(_) => {
            return Err(ApiError::invalid(format!(
                "Param type must be one of {TYPES}."
            )));
        }
    };
    let kind = kind.as_str();
    let checked = match kind {
        "text" => text::check_text(&body)?,
        "image" | "video" | "audio" | "document" | "sticker" => {
            media::check_media(&st, kind, &body, now)?
        }
        "location" => text::check_location(&body)?,
        "contacts" => text::check_contacts(&body)?,
        "interactive" => interactive::check_interactive(&body)?,
        "reaction" => text::check_reaction(&body)?,
        "template" => template::check_template(&st, &body)?,
        _ => {
            return Err(ApiError::invalid(format!(
                "Param type must be one of {TYPES} - got \"{kind}\"."
            )));
        }
    };
    // Echoed verbatim; a number or boolean is taken as its text, like Graph does.
    let callback = match body.get("biz_opaque_callback_data") {
        None | Some(Value::Null) => None,
        Some(Value::String(cb)) => Some(cb.clone()),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Some(v.to_string()),
        Some(_) => {
            return Err(ApiError::invalid(
                "Param biz_opaque_callback_data must be a string.",
            ));
        }
    };
    if callback.as_ref().is_some_and(|cb| cb.chars().count() > 512) {
        return Err(ApiError::invalid(
            "Param biz_opaque_callback_data must be at most 512 characters long.",
        ));
    }
    // A quoted reply: `context.message_id` must be text when given; an unknown id is
    // ignored (the message goes out unquoted), as on Meta.
    if let Some(context) = body.get("context").filter(|c| !c.is_null()) {
        let ok = context
            .get("message_id")
            .is_none_or(|id| id.is_string() || id.is_null());
        if !context.is_object() || !ok {
            return Err(ApiError::invalid(
                "Param context must be an object like {\"message_id\": \"wamid...\"}.",
            ));
        }
    }

    let window = st.window_open(pnid, &wa_id, now);
    let free_form = checked.template_category.is_none();
    if free_form && !window && inner.cfg.window_mode == WindowMode::Sync {
        return Err(ApiError::new(131047, WINDOW_DETAILS));
    }
    match st.limits.admit(pnid, &wa_id, inner.cfg.pair_limit, now) {
        Ok(()) => {}
        Err(Throttled::Throughput) => {
            st.throttled += 1;
            return Err(ApiError::new(
                130429,
                "Message failed to send because there were too many messages sent from this phone number in a short period of time.",
            ));
        }
        Err(Throttled::Pair) => {
            return Err(ApiError::new(
                131056,
                "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
            ));
        }
    }

    let failure = if free_form && !window {
        Some((131047, WINDOW_DETAILS.to_owned()))
    } else if chaos.fail_recipients.contains(&wa_id) {
        Some((131026, "Message Undeliverable.".to_owned()))
    } else {
        checked.media_failure.clone().map(|d| (131053, d))
    };
    let pricing = pricing(
        checked.template_category.as_deref(),
        window,
        st.free_entry_open(pnid, &wa_id, now),
    );
    let wamid = st.wamid(&wa_id, true);
    st.push_thread(ThreadEntry {
        pnid: pnid.to_owned(),
        wa_id: wa_id.clone(),
        msg: PhoneMessage {
            direction: "out".into(),
            wamid: wamid.clone(),
            kind: kind.to_owned(),
            body: Value::Object(body),
            text: checked.text.clone(),
            status: "accepted".into(),
            at: now,
        },
        statuses: Vec::new(),
    });
    // Sending ends the typing indicator.
    st.typing.remove(&(pnid.to_owned(), wa_id.clone()));
    drop(st);

    lifecycle::spawn(
        inner.clone(),
        StatusJob {
            pnid: pnid.to_owned(),
            wamid: wamid.clone(),
            recipient: wa_id.clone(),
            callback,
            pricing,
            failure,
        },
    );
    let mut message = json!({ "id": wamid });
    if !free_form {
        message["message_status"] = json!("accepted");
    }
    Ok(json!({
        "messaging_product": "whatsapp",
        "contacts": [{ "input": input, "wa_id": wa_id }],
        "messages": [message],
    }))
}

/// PMP pricing: templates are `regular` except utility inside an open window; everything
/// else is free customer service; a free-entry-point window makes everything free.
fn pricing(template_category: Option<&str>, window: bool, free_entry: bool) -> Value {
    let category = template_category.map_or_else(|| "service".to_owned(), str::to_ascii_lowercase);
    let kind = if free_entry {
        "free_entry_point"
    } else if template_category.is_none() || (window && category == "utility") {
        "free_customer_service"
    } else {
        "regular"
    };
    json!({ "billable": kind == "regular", "pricing_model": "PMP", "type": kind, "category": category })
}

/// Display text of an inbound message, for the simulated phone.
pub(crate) fn display_text(kind: &str, message: &Value) -> Option<String> {
    let payload = message.get(kind)?;
    let field = |path: &[&str]| {
        path.iter()
            .try_fold(payload, |v, key| v.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    match kind {
        "text" => field(&["body"]),
        "image" | "video" | "document" => field(&["caption"])
            .or_else(|| field(&["filename"]))
            .or(Some(format!("[{kind}]"))),
        "audio" | "sticker" => Some(format!("[{kind}]")),
        "button" => field(&["text"]),
        "interactive" => field(&["button_reply", "title"])
            .or_else(|| field(&["list_reply", "title"]))
            .or_else(|| field(&["nfm_reply", "body"])),
        "reaction" => field(&["emoji"]),
        "location" => field(&["name"]).or(Some("Location".into())),
        "system" => field(&["body"]),
        _ => None,
    }
}
