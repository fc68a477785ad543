//! `POST /{pnid}/messages`: validation of every message type (§5), templates against
//! the account's approved templates, the 24 h window, throughput and pair limits; then
//! acceptance (`wamid`) and the asynchronous status lifecycle. Also mark-as-read.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::Inner;
use super::config::WindowMode;
use super::errors::ApiError;
use super::http::Call;
use super::lifecycle::{self, StatusJob};
use super::limits::Throttled;
use super::review::{param_names, placeholders};
use super::routes_media::kind_of;
use super::state::{PhoneMessage, SentMessage, State, Template, ThreadEntry};

const TYPES: &str = "{AUDIO, CONTACTS, DOCUMENT, IMAGE, INTERACTIVE, LOCATION, REACTION, STICKER, TEMPLATE, TEXT, VIDEO}";
const INTERACTIVE_TYPES: [&str; 11] = [
    "button",
    "list",
    "cta_url",
    "product",
    "product_list",
    "catalog_message",
    "flow",
    "location_request_message",
    "address_message",
    "voice_call",
    "call_permission_request",
];
const WINDOW_DETAILS: &str = "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";

/// What validation learned about the payload.
#[derive(Debug, Default)]
struct Checked {
    text: Option<String>,
    /// Upper-case category when this is a template send.
    template_category: Option<String>,
    /// Accepted, but Meta would fail it later (131053).
    media_failure: Option<String>,
}

fn s<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

fn object<'a>(value: Option<&'a Value>, what: &str) -> Result<&'a Map<String, Value>, ApiError> {
    match value {
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(ApiError::invalid(format!(
            "Param {what} must be a JSON object."
        ))),
        None => Err(ApiError::missing(what)),
    }
}

fn too_long(what: &str, text: &str, max: usize) -> Result<(), ApiError> {
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

pub(crate) fn send(inner: &Arc<Inner>, pnid: &str, call: &Call) -> Result<Value, ApiError> {
    let body = call.params()?;
    match s(&body, "messaging_product") {
        Some("whatsapp") => {}
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
        return mark_read(inner, pnid, &body);
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
    if let Some(rt) = body.get("recipient_type")
        && rt.as_str() != Some("individual")
    {
        return Err(ApiError::invalid(
            "Param recipient_type must be \"individual\"; groups are not simulated.",
        ));
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
    let kind = match body.get("type") {
        None => "text",
        Some(Value::String(t)) => t.as_str(),
        Some(_) => {
            return Err(ApiError::invalid(format!(
                "Param type must be one of {TYPES}."
            )));
        }
    };
    let checked = match kind {
        "text" => check_text(&body)?,
        "image" | "video" | "audio" | "document" | "sticker" => check_media(&st, kind, &body, now)?,
        "location" => check_location(&body)?,
        "contacts" => check_contacts(&body)?,
        "interactive" => check_interactive(&body)?,
        "reaction" => check_reaction(&body)?,
        "template" => check_template(&st, &body)?,
        _ => {
            return Err(ApiError::invalid(format!(
                "Param type must be one of {TYPES} - got \"{kind}\"."
            )));
        }
    };
    let callback = match body.get("biz_opaque_callback_data") {
        None => None,
        Some(Value::String(cb)) if cb.chars().count() <= 512 => Some(cb.clone()),
        Some(_) => {
            return Err(ApiError::invalid(
                "Param biz_opaque_callback_data must be a string of at most 512 characters.",
            ));
        }
    };

    let window = st.window_open(pnid, &wa_id, now);
    let free_form = checked.template_category.is_none();
    if free_form && !window && inner.cfg.window_mode == WindowMode::Sync {
        return Err(ApiError::new(131047, WINDOW_DETAILS));
    }
    match st.limits.admit(pnid, &wa_id, inner.cfg.pair_limit, now) {
        Ok(()) => {}
        Err(Throttled::Throughput) => {
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
    let request = Value::Object(body.clone());
    st.sent.push(SentMessage {
        phone_number_id: pnid.to_owned(),
        body: request.clone(),
        wamid: wamid.clone(),
        at: now,
    });
    st.thread.push(ThreadEntry {
        pnid: pnid.to_owned(),
        wa_id: wa_id.clone(),
        msg: PhoneMessage {
            direction: "out".into(),
            wamid: wamid.clone(),
            body: request,
            text: checked.text.clone(),
            status: "accepted".into(),
            at: now,
        },
    });
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

fn check_text(body: &Map<String, Value>) -> Result<Checked, ApiError> {
    let text = object(body.get("text"), "text")?;
    let content = match text.get("body") {
        Some(Value::String(b)) if !b.is_empty() => b,
        Some(Value::String(_)) | None => return Err(ApiError::missing("text['body']")),
        Some(_) => return Err(ApiError::invalid("Param text['body'] must be a string.")),
    };
    if content.chars().count() > 4096 {
        return Err(ApiError::invalid(
            "Param text['body'] must be at most 4096 characters long.",
        ));
    }
    if text.get("preview_url").is_some_and(|p| !p.is_boolean()) {
        return Err(ApiError::invalid(
            "Param text['preview_url'] must be a boolean.",
        ));
    }
    Ok(Checked {
        text: Some(content.clone()),
        ..Checked::default()
    })
}

fn check_media(
    st: &State,
    kind: &str,
    body: &Map<String, Value>,
    now: i64,
) -> Result<Checked, ApiError> {
    let media = object(body.get(kind), kind)?;
    let mut checked = Checked::default();
    match (media.get("id"), media.get("link")) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(format!(
                "Param {kind} must contain exactly one of id or link, not both."
            )));
        }
        (None, None) => {
            return Err(ApiError::missing(&format!(
                "{kind}['id'] or {kind}['link']"
            )));
        }
        (Some(id), None) => {
            let id = id.as_str().ok_or_else(|| {
                ApiError::invalid(format!("Param {kind}['id'] must be a string."))
            })?;
            let stored = st
                .media
                .get(id)
                .filter(|m| m.expires_at > now)
                .ok_or_else(|| ApiError::new(131009, format!("Invalid media id {id}.")))?;
            let stored_kind = kind_of(&stored.mime);
            if kind != "document" && stored_kind != kind {
                checked.media_failure = Some(format!(
                    "Media of type {} can't be sent as {kind}.",
                    stored.mime
                ));
            }
        }
        (None, Some(link)) => {
            let ok = link
                .as_str()
                .is_some_and(|l| l.starts_with("https://") || l.starts_with("http://"));
            if !ok {
                return Err(ApiError::new(
                    131009,
                    format!("Param {kind}['link'] must be an http(s) URL."),
                ));
            }
        }
    }
    if let Some(caption) = media.get("caption") {
        if !matches!(kind, "image" | "video" | "document") {
            return Err(ApiError::invalid(format!(
                "Param {kind}['caption'] is not allowed for {kind} messages."
            )));
        }
        let caption = caption
            .as_str()
            .ok_or_else(|| ApiError::invalid("Param caption must be a string."))?;
        too_long("caption", caption, 1024)?;
        checked.text = Some(caption.to_owned());
    }
    if media.contains_key("filename") && kind != "document" {
        return Err(ApiError::invalid(format!(
            "Param {kind}['filename'] is only allowed for documents."
        )));
    }
    Ok(checked)
}

fn coordinate(location: &Map<String, Value>, key: &str, max: f64) -> Result<f64, ApiError> {
    let value = match location.get(key) {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
        None => return Err(ApiError::missing(&format!("location['{key}']"))),
    };
    value.filter(|v| v.abs() <= max).ok_or_else(|| {
        ApiError::invalid(format!(
            "Param location['{key}'] must be a number between -{max} and {max}."
        ))
    })
}

fn check_location(body: &Map<String, Value>) -> Result<Checked, ApiError> {
    let location = object(body.get("location"), "location")?;
    coordinate(location, "latitude", 90.0)?;
    coordinate(location, "longitude", 180.0)?;
    let text = s(location, "name")
        .or(s(location, "address"))
        .map(str::to_owned);
    Ok(Checked {
        text: Some(text.unwrap_or_else(|| "Location".into())),
        ..Checked::default()
    })
}

fn check_contacts(body: &Map<String, Value>) -> Result<Checked, ApiError> {
    let contacts = match body.get("contacts") {
        Some(Value::Array(list)) if !list.is_empty() => list,
        Some(_) => {
            return Err(ApiError::invalid(
                "Param contacts must be a non-empty array.",
            ));
        }
        None => return Err(ApiError::missing("contacts")),
    };
    let mut names = Vec::new();
    for (i, contact) in contacts.iter().enumerate() {
        let name = contact
            .get("name")
            .and_then(|n| n.get("formatted_name"))
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| {
                ApiError::missing(&format!("contacts[{i}]['name']['formatted_name']"))
            })?;
        names.push(name);
    }
    Ok(Checked {
        text: Some(format!("Contact: {}", names.join(", "))),
        ..Checked::default()
    })
}

fn required_text<'a>(
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

fn check_interactive(body: &Map<String, Value>) -> Result<Checked, ApiError> {
    let interactive = object(body.get("interactive"), "interactive")?;
    let kind = s(interactive, "type").ok_or_else(|| ApiError::missing("interactive['type']"))?;
    if !INTERACTIVE_TYPES.contains(&kind) {
        return Err(ApiError::invalid(format!(
            "Param interactive['type'] must be one of {{{}}} - got \"{kind}\".",
            INTERACTIVE_TYPES.join(", ")
        )));
    }
    let needs_body = !matches!(kind, "product" | "voice_call" | "call_permission_request");
    let text = match interactive.get("body") {
        Some(b) => Some(required_text(
            object(Some(b), "interactive['body']")?,
            "text",
            "interactive['body']['text']",
            1024,
        )?),
        None if needs_body => return Err(ApiError::missing("interactive['body']")),
        None => None,
    };
    if let Some(footer) = interactive.get("footer") {
        required_text(
            object(Some(footer), "interactive['footer']")?,
            "text",
            "interactive['footer']['text']",
            60,
        )?;
    }
    if let Some(header) = interactive.get("header") {
        let header = object(Some(header), "interactive['header']")?;
        let header_type =
            s(header, "type").ok_or_else(|| ApiError::missing("interactive['header']['type']"))?;
        if header_type == "text" {
            required_text(header, "text", "interactive['header']['text']", 60)?;
        } else if kind == "list" {
            return Err(ApiError::new(
                131009,
                "A list message header must be of type text.",
            ));
        }
    }
    let action = object(interactive.get("action"), "interactive['action']")?;
    match kind {
        "button" => check_buttons(action)?,
        "list" => check_list(action)?,
        "cta_url" => {
            let parameters = object(
                action.get("parameters"),
                "interactive['action']['parameters']",
            )?;
            required_text(
                parameters,
                "display_text",
                "interactive['action']['parameters']['display_text']",
                20,
            )?;
            let url = required_text(
                parameters,
                "url",
                "interactive['action']['parameters']['url']",
                2000,
            )?;
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(ApiError::new(
                    131009,
                    "Param interactive['action']['parameters']['url'] must be an http(s) URL.",
                ));
            }
        }
        _ => {}
    }
    Ok(Checked {
        text: text.map(str::to_owned),
        ..Checked::default()
    })
}

fn check_buttons(action: &Map<String, Value>) -> Result<(), ApiError> {
    let buttons = match action.get("buttons") {
        Some(Value::Array(b)) => b,
        _ => return Err(ApiError::missing("interactive['action']['buttons']")),
    };
    if buttons.is_empty() || buttons.len() > 3 {
        return Err(ApiError::new(
            131009,
            "A button message needs 1 to 3 buttons.",
        ));
    }
    let mut titles = Vec::new();
    for (i, button) in buttons.iter().enumerate() {
        let what = format!("interactive['action']['buttons'][{i}]");
        let button = object(Some(button), &what)?;
        if s(button, "type") != Some("reply") {
            return Err(ApiError::new(
                131009,
                format!("Param {what}['type'] must be \"reply\"."),
            ));
        }
        let reply = object(button.get("reply"), &format!("{what}['reply']"))?;
        required_text(reply, "id", &format!("{what}['reply']['id']"), 256)?;
        let title = required_text(reply, "title", &format!("{what}['reply']['title']"), 20)?;
        if titles.contains(&title) {
            return Err(ApiError::new(
                131009,
                format!("Button titles must be unique; \"{title}\" repeats."),
            ));
        }
        titles.push(title);
    }
    Ok(())
}

fn check_list(action: &Map<String, Value>) -> Result<(), ApiError> {
    required_text(action, "button", "interactive['action']['button']", 20)?;
    let sections = match action.get("sections") {
        Some(Value::Array(list)) => list,
        _ => return Err(ApiError::missing("interactive['action']['sections']")),
    };
    if sections.is_empty() || sections.len() > 10 {
        return Err(ApiError::new(
            131009,
            "A list message needs 1 to 10 sections.",
        ));
    }
    let mut rows_total = 0;
    for (i, section) in sections.iter().enumerate() {
        let what = format!("interactive['action']['sections'][{i}]");
        let section = object(Some(section), &what)?;
        if sections.len() > 1 || section.contains_key("title") {
            required_text(section, "title", &format!("{what}['title']"), 24)?;
        }
        let rows = match section.get("rows") {
            Some(Value::Array(rows)) if !rows.is_empty() => rows,
            _ => return Err(ApiError::missing(&format!("{what}['rows']"))),
        };
        for (j, row) in rows.iter().enumerate() {
            let row_what = format!("{what}['rows'][{j}]");
            let row = object(Some(row), &row_what)?;
            required_text(row, "id", &format!("{row_what}['id']"), 200)?;
            required_text(row, "title", &format!("{row_what}['title']"), 24)?;
            if let Some(description) = s(row, "description") {
                too_long(&format!("{row_what}['description']"), description, 72)?;
            }
        }
        rows_total += rows.len();
    }
    if rows_total > 10 {
        return Err(ApiError::new(
            131009,
            "A list message can have at most 10 rows in total.",
        ));
    }
    Ok(())
}

fn check_reaction(body: &Map<String, Value>) -> Result<Checked, ApiError> {
    let reaction = object(body.get("reaction"), "reaction")?;
    s(reaction, "message_id")
        .filter(|m| !m.is_empty())
        .ok_or_else(|| ApiError::missing("reaction['message_id']"))?;
    let emoji = match reaction.get("emoji") {
        None => "",
        Some(Value::String(e)) => e.as_str(),
        Some(_) => {
            return Err(ApiError::invalid(
                "Param reaction['emoji'] must be a string.",
            ));
        }
    };
    Ok(Checked {
        text: Some(emoji.to_owned()),
        ..Checked::default()
    })
}

fn components_of<'a>(template: &'a Map<String, Value>, kind: &str) -> Vec<&'a Value> {
    template
        .get("components")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter(|c| {
                    c.get("type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.eq_ignore_ascii_case(kind))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn parameters_of<'a>(components: &[&'a Value]) -> Vec<&'a Value> {
    components
        .iter()
        .filter_map(|c| c.get("parameters").and_then(Value::as_array))
        .flatten()
        .collect()
}

fn check_template(st: &State, body: &Map<String, Value>) -> Result<Checked, ApiError> {
    let template = object(body.get("template"), "template")?;
    let name = s(template, "name").ok_or_else(|| ApiError::missing("template['name']"))?;
    let language = template
        .get("language")
        .and_then(|l| l.get("code"))
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::missing("template['language']['code']"))?;
    let stored = st
        .templates
        .iter()
        .find(|t| t.name == name && t.language == language)
        .ok_or_else(|| {
            ApiError::new(
                132001,
                format!("template name ({name}) does not exist in {language}"),
            )
        })?;
    match stored.status.as_str() {
        "APPROVED" => {}
        "PAUSED" => {
            return Err(ApiError::new(
                132015,
                format!("Template {name} is paused due to low quality."),
            ));
        }
        "DISABLED" => {
            return Err(ApiError::new(
                132016,
                format!("Template {name} has been disabled due to low quality."),
            ));
        }
        other => {
            return Err(ApiError::new(
                132001,
                format!("template name ({name}) in {language} is {other}, not APPROVED"),
            ));
        }
    }
    // Text parameters may be long only when the body is the template's only component.
    let body_only = stored.components.as_array().is_some_and(|c| c.len() == 1);
    let max_param = if body_only { 32_768 } else { 1024 };
    let header_params = parameters_of(&components_of(template, "header"));
    check_header(stored, &header_params, max_param)?;
    let body_params = parameters_of(&components_of(template, "body"));
    let values = body_values(stored, &body_params, max_param)?;
    let mut rendered = stored.body_text().to_owned();
    for (name, value) in values {
        rendered = rendered.replace(&format!("{{{{{name}}}}}"), &value);
    }
    Ok(Checked {
        text: Some(rendered),
        template_category: Some(stored.category.clone()),
        ..Checked::default()
    })
}

/// A body/header parameter's display value (text, or the fallback of currency/date_time).
fn param_value(param: &Value, where_: &str, max: usize) -> Result<String, ApiError> {
    let kind = param
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::missing(&format!("{where_}['type']")))?;
    let value = match kind {
        "text" => param.get("text").and_then(Value::as_str),
        "currency" | "date_time" => param
            .get(kind)
            .and_then(|c| c.get("fallback_value"))
            .and_then(Value::as_str),
        other => {
            return Err(ApiError::new(
                132012,
                format!("{where_}: parameter type {other} is not allowed here."),
            ));
        }
    };
    let value = value.ok_or_else(|| {
        ApiError::new(
            132008,
            format!("{where_}: the {kind} parameter has no value."),
        )
    })?;
    if value.chars().count() > max {
        return Err(ApiError::new(
            132005,
            format!("{where_}: a text parameter can be at most {max} characters long."),
        ));
    }
    Ok(value.to_owned())
}

fn body_values(
    stored: &Template,
    params: &[&Value],
    max: usize,
) -> Result<Vec<(String, String)>, ApiError> {
    let expected = param_names(stored.body_text());
    if params.len() != expected.len() {
        return Err(ApiError::new(
            132000,
            format!(
                "body: number of localizable_params ({}) does not match the expected number of params ({})",
                params.len(),
                expected.len()
            ),
        ));
    }
    let named = stored.parameter_format == "NAMED";
    let mut values = Vec::with_capacity(params.len());
    for (i, param) in params.iter().enumerate() {
        let value = param_value(param, &format!("body parameter {i}"), max)?;
        let name = if named {
            let name = param
                .get("parameter_name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if !expected.iter().any(|e| e == name)
                || values.iter().any(|(n, _): &(String, String)| n == name)
            {
                return Err(ApiError::new(
                    132000,
                    format!(
                        "body: parameter names must be exactly {{{}}}; got \"{name}\".",
                        expected.join(", ")
                    ),
                ));
            }
            name.to_owned()
        } else {
            (i + 1).to_string()
        };
        values.push((name, value));
    }
    Ok(values)
}

fn check_header(stored: &Template, params: &[&Value], max: usize) -> Result<(), ApiError> {
    let header = stored.component("HEADER");
    let format = header
        .and_then(|h| h.get("format"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let expected = match format {
        "TEXT" => placeholders(
            header
                .and_then(|h| h.get("text"))
                .and_then(Value::as_str)
                .unwrap_or_default(),
        )
        .len(),
        "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION" => 1,
        _ => 0,
    };
    if params.len() != expected {
        return Err(ApiError::new(
            132000,
            format!(
                "header: number of localizable_params ({}) does not match the expected number of params ({expected})",
                params.len()
            ),
        ));
    }
    let Some(param) = params.first() else {
        return Ok(());
    };
    let kind = param
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    match format {
        "TEXT" => {
            param_value(param, "header parameter", max)?;
        }
        _ => {
            let want = format.to_ascii_lowercase();
            if kind != want {
                return Err(ApiError::new(
                    132012,
                    format!("header: expected a {want} parameter, got {kind}."),
                ));
            }
            let media = param.get(kind).and_then(Value::as_object);
            let ok = media.is_some_and(|m| {
                if kind == "location" {
                    m.contains_key("latitude") && m.contains_key("longitude")
                } else {
                    m.contains_key("id") != m.contains_key("link")
                }
            });
            if !ok {
                return Err(ApiError::new(
                    132012,
                    format!("header: the {kind} parameter needs exactly one of id or link."),
                ));
            }
        }
    }
    Ok(())
}

/// `{status: "read", message_id}`: marks that inbound message and earlier ones read.
fn mark_read(inner: &Arc<Inner>, pnid: &str, body: &Map<String, Value>) -> Result<Value, ApiError> {
    if s(body, "status") != Some("read") {
        return Err(ApiError::invalid("Param status must be \"read\"."));
    }
    let message_id = s(body, "message_id")
        .ok_or_else(|| ApiError::invalid("The parameter message_id is required."))?;
    if let Some(indicator) = body.get("typing_indicator")
        && indicator.get("type").and_then(Value::as_str) != Some("text")
    {
        return Err(ApiError::invalid(
            "Param typing_indicator['type'] must be \"text\".",
        ));
    }
    let mut st = inner.state.lock();
    let (owner, wa_id) = st
        .inbound
        .get(message_id)
        .cloned()
        .filter(|(owner, _)| owner == pnid)
        .ok_or_else(|| ApiError::invalid(format!("Invalid parameter message_id: {message_id} is not a message received by this number.")))?;
    let upto = st
        .thread
        .iter()
        .find(|e| e.msg.wamid == message_id)
        .map_or(i64::MAX, |e| e.msg.at);
    for entry in st.thread.iter_mut() {
        if entry.pnid == owner
            && entry.wa_id == wa_id
            && entry.msg.direction == "in"
            && entry.msg.at <= upto
        {
            entry.msg.status = "read".into();
        }
    }
    Ok(json!({ "success": true }))
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
