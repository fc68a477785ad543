//! Serde types for what Meta sends and answers. Parsing is lenient on purpose: real deliveries
//! carry unknown fields, numbers where strings were documented, and missing parts (no phone
//! number for business-scoped user ids). Nothing here rejects a delivery; what cannot be read
//! becomes [`Content::Unsupported`] and the raw JSON is kept beside it.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A string, or a number rendered as one (Meta sends ids and timestamps both ways).
fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    })
}

fn lenient_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Some(lenient(d)?).filter(|s| !s.is_empty()))
}

#[derive(Debug, Deserialize, Default)]
pub struct Envelope {
    #[serde(default)]
    pub object: String,
    #[serde(default)]
    pub entry: Vec<Entry>,
}

#[derive(Debug, Deserialize, Default)]
pub struct Entry {
    /// The WhatsApp Business Account id.
    #[serde(default, deserialize_with = "lenient")]
    pub id: String,
    #[serde(default)]
    pub changes: Vec<Change>,
}

#[derive(Debug, Deserialize, Default)]
pub struct Change {
    #[serde(default)]
    pub field: String,
    #[serde(default)]
    pub value: Value,
}

/// `value` of a `messages` change: inbound messages, statuses, or value-level errors.
#[derive(Debug, Deserialize, Default)]
pub struct MessagesValue {
    #[serde(default)]
    pub metadata: Metadata,
    #[serde(default)]
    pub contacts: Vec<ContactProfile>,
    /// Kept as JSON: each is read on its own so one odd message cannot spoil its neighbours.
    #[serde(default)]
    pub messages: Vec<Value>,
    #[serde(default)]
    pub statuses: Vec<Value>,
    #[serde(default)]
    pub errors: Vec<ApiErrorObject>,
}

#[derive(Debug, Deserialize, Default)]
pub struct Metadata {
    #[serde(default, deserialize_with = "lenient")]
    pub display_phone_number: String,
    #[serde(default, deserialize_with = "lenient")]
    pub phone_number_id: String,
}

#[derive(Debug, Deserialize, Default, Clone)]
pub struct ContactProfile {
    #[serde(default)]
    pub profile: Option<ProfileName>,
    #[serde(default, deserialize_with = "lenient_opt")]
    pub wa_id: Option<String>,
    /// Business-scoped user id (2026+), present for users with usernames.
    #[serde(default, deserialize_with = "lenient_opt")]
    pub user_id: Option<String>,
}

#[derive(Debug, Deserialize, Default, Clone)]
pub struct ProfileName {
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Deserialize, Default, Clone, serde::Serialize)]
pub struct ApiErrorObject {
    #[serde(default)]
    pub code: i64,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub error_data: Option<Value>,
}

impl ApiErrorObject {
    pub fn text(&self) -> String {
        let details = self
            .error_data
            .as_ref()
            .and_then(|d| d.get("details"))
            .and_then(Value::as_str);
        details
            .or(self.message.as_deref())
            .or(self.title.as_deref())
            .unwrap_or("unknown error")
            .to_string()
    }
}

/// The parts of an inbound message every type shares.
#[derive(Debug, Deserialize, Default)]
pub struct InboundHeader {
    #[serde(default, deserialize_with = "lenient_opt")]
    pub from: Option<String>,
    #[serde(default, deserialize_with = "lenient_opt")]
    pub from_user_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient")]
    pub timestamp: String,
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub context: Option<MessageContext>,
    #[serde(default)]
    pub errors: Vec<ApiErrorObject>,
}

#[derive(Debug, Deserialize, Default)]
pub struct MessageContext {
    #[serde(default, deserialize_with = "lenient_opt")]
    pub id: Option<String>,
    #[serde(default)]
    pub forwarded: bool,
    #[serde(default)]
    pub frequently_forwarded: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text {
        body: String,
    },
    Media {
        kind: String,
        id: String,
        mime_type: Option<String>,
        sha256: Option<String>,
        caption: Option<String>,
        filename: Option<String>,
    },
    Location {
        latitude: f64,
        longitude: f64,
        name: Option<String>,
        address: Option<String>,
    },
    Contacts {
        names: Vec<String>,
    },
    /// Interactive button/list replies and template quick-reply buttons.
    Reply {
        id: Option<String>,
        title: String,
    },
    Reaction {
        message_id: String,
        emoji: Option<String>,
    },
    Order {
        text: Option<String>,
        items: usize,
    },
    System {
        body: String,
        new_wa_id: Option<String>,
    },
    Unsupported {
        reason: String,
    },
}

impl Content {
    /// What the Messages module shows as the message's text.
    pub fn text(&self) -> Option<String> {
        match self {
            Content::Text { body } => Some(body.clone()),
            Content::Media {
                caption, filename, ..
            } => caption.clone().or_else(|| filename.clone()),
            Content::Location {
                name,
                address,
                latitude,
                longitude,
            } => Some(
                [name.clone(), address.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .filter(|s| !s.is_empty())
            .or_else(|| Some(format!("{latitude}, {longitude}"))),
            Content::Contacts { names } => Some(names.join(", ")),
            Content::Reply { title, .. } => Some(title.clone()),
            Content::Reaction { emoji, .. } => emoji.clone(),
            Content::Order { text, items } => Some(
                text.clone()
                    .unwrap_or_else(|| format!("Order with {items} items")),
            ),
            Content::System { body, .. } => Some(body.clone()),
            Content::Unsupported { .. } => None,
        }
    }
}

fn s(v: &Value, path: &[&str]) -> Option<String> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    match cur {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn f(v: &Value, key: &str) -> Option<f64> {
    match v.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Reads the type-specific payload of an inbound message.
pub fn content(kind: &str, raw: &Value) -> Content {
    let body = raw.get(kind).cloned().unwrap_or(Value::Null);
    let unsupported = |reason: &str| Content::Unsupported {
        reason: reason.to_string(),
    };
    match kind {
        "text" => s(&body, &["body"]).map_or_else(
            || unsupported("text without body"),
            |b| Content::Text { body: b },
        ),
        "image" | "video" | "audio" | "document" | "sticker" => match s(&body, &["id"]) {
            Some(id) => Content::Media {
                kind: kind.to_string(),
                id,
                mime_type: s(&body, &["mime_type"]),
                sha256: s(&body, &["sha256"]),
                caption: s(&body, &["caption"]),
                filename: s(&body, &["filename"]),
            },
            None => unsupported("media without id"),
        },
        "location" => match (f(&body, "latitude"), f(&body, "longitude")) {
            (Some(latitude), Some(longitude)) => Content::Location {
                latitude,
                longitude,
                name: s(&body, &["name"]),
                address: s(&body, &["address"]),
            },
            _ => unsupported("location without coordinates"),
        },
        "contacts" => Content::Contacts {
            names: body
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|c| s(c, &["name", "formatted_name"]))
                        .collect()
                })
                .unwrap_or_default(),
        },
        "interactive" => {
            let sub = s(&body, &["type"]).unwrap_or_default();
            let reply = body.get(&sub).cloned().unwrap_or(Value::Null);
            match s(&reply, &["title"]).or_else(|| s(&reply, &["body"])) {
                Some(title) => Content::Reply {
                    id: s(&reply, &["id"]),
                    title,
                },
                None => unsupported(&format!("interactive {sub}")),
            }
        }
        "button" => match s(&body, &["text"]) {
            Some(title) => Content::Reply {
                id: s(&body, &["payload"]),
                title,
            },
            None => unsupported("button without text"),
        },
        "reaction" => match s(&body, &["message_id"]) {
            Some(message_id) => Content::Reaction {
                message_id,
                emoji: s(&body, &["emoji"]).filter(|e| !e.is_empty()),
            },
            None => unsupported("reaction without message"),
        },
        "order" => Content::Order {
            text: s(&body, &["text"]),
            items: body
                .get("product_items")
                .and_then(Value::as_array)
                .map_or(0, Vec::len),
        },
        "system" => Content::System {
            body: s(&body, &["body"]).unwrap_or_default(),
            new_wa_id: s(&body, &["wa_id"]).or_else(|| s(&body, &["new_wa_id"])),
        },
        other => unsupported(&format!("type {other}")),
    }
}

/// A delivery status for a message we sent.
#[derive(Debug, Deserialize, Default)]
pub struct StatusUpdate {
    #[serde(default, deserialize_with = "lenient")]
    pub id: String,
    #[serde(default)]
    pub status: String,
    #[serde(default, deserialize_with = "lenient")]
    pub timestamp: String,
    #[serde(default, deserialize_with = "lenient_opt")]
    pub recipient_id: Option<String>,
    #[serde(default)]
    pub biz_opaque_callback_data: Option<String>,
    #[serde(default)]
    pub errors: Vec<ApiErrorObject>,
    /// CBP `conversation` and PMP `pricing` blocks vary by API generation; kept raw.
    #[serde(default)]
    pub pricing: Option<Value>,
    #[serde(default)]
    pub conversation: Option<Value>,
}

/// `value` of a `message_template_status_update` change.
#[derive(Debug, Deserialize, Default)]
pub struct TemplateStatusValue {
    #[serde(default)]
    pub event: String,
    #[serde(default, deserialize_with = "lenient")]
    pub message_template_id: String,
    #[serde(default)]
    pub message_template_name: String,
    #[serde(default)]
    pub message_template_language: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub rejection_info: Option<Value>,
}

/// Unix seconds (string or number, possibly fractional or in millis) to UTC millis.
pub fn timestamp_millis(ts: &str) -> Option<i64> {
    let n: f64 = ts.trim().parse().ok()?;
    if !n.is_finite() || n <= 0.0 {
        return None;
    }
    // Anything past the year 5138 in seconds is really milliseconds.
    let ms = if n > 1e11 { n } else { n * 1000.0 };
    Some(ms as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn timestamps_are_lenient() {
        assert_eq!(timestamp_millis("1749416383"), Some(1_749_416_383_000));
        assert_eq!(timestamp_millis("1749416383.5"), Some(1_749_416_383_500));
        assert_eq!(timestamp_millis("1749416383000"), Some(1_749_416_383_000));
        assert_eq!(timestamp_millis("soon"), None);
    }

    #[test]
    fn unknown_types_become_unsupported() {
        let raw = json!({"type": "poll", "poll": {"q": 1}});
        assert!(matches!(content("poll", &raw), Content::Unsupported { .. }));
        let raw = json!({"type": "image", "image": {}});
        assert!(matches!(
            content("image", &raw),
            Content::Unsupported { .. }
        ));
    }

    #[test]
    fn header_accepts_numbers_for_strings() {
        let h: InboundHeader = serde_json::from_value(json!({"from": 4915112345678u64, "id": "wamid.X", "timestamp": 1749416383, "type": "text"})).unwrap();
        assert_eq!(h.from.as_deref(), Some("4915112345678"));
        assert_eq!(h.timestamp, "1749416383");
    }
}
