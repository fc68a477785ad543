//! Interactive messages: reply buttons, lists, CTA URL and the other interactive types.

use serde_json::{Map, Value};

use super::super::errors::ApiError;
use super::{Checked, object, required_text, s, too_long};

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

pub(super) fn check_interactive(body: &Map<String, Value>) -> Result<Checked, ApiError> {
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
