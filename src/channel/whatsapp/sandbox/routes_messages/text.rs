//! Text, location, contacts and reaction messages.

use serde_json::{Map, Value};

use super::super::errors::ApiError;
use super::{Checked, object, s};

pub(super) fn check_text(body: &Map<String, Value>) -> Result<Checked, ApiError> {
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
    // A boolean; form and query parameters carry it as text.
    let boolean = |p: &Value| {
        p.is_boolean()
            || p.is_null()
            || p.as_str()
                .is_some_and(|t| matches!(t, "true" | "false" | "1" | "0"))
    };
    if text.get("preview_url").is_some_and(|p| !boolean(p)) {
        return Err(ApiError::invalid(
            "Param text['preview_url'] must be a boolean.",
        ));
    }
    Ok(Checked {
        text: Some(content.clone()),
        ..Checked::default()
    })
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

pub(super) fn check_location(body: &Map<String, Value>) -> Result<Checked, ApiError> {
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

pub(super) fn check_contacts(body: &Map<String, Value>) -> Result<Checked, ApiError> {
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

pub(super) fn check_reaction(body: &Map<String, Value>) -> Result<Checked, ApiError> {
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
