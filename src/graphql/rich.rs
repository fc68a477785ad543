//! Rich message parts (N3) as GraphQL types: reactions, edit history, locations with a map
//! link, shared contact cards, chosen options. Locations, contacts and options are read from
//! the delivery as Meta sent it (kept on the message), so nothing is lost to a fixed schema.

use async_graphql::{ID, SimpleObject};
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::channel::whatsapp::wire::{self, Content};
use crate::clock::to_datetime;
use crate::messaging::model::{Message, Reaction};

#[derive(SimpleObject)]
#[graphql(name = "Reaction")]
pub struct ReactionGql {
    pub emoji: String,
    /// True for the customer's reaction, false for the business's.
    pub from_customer: bool,
    /// The user who reacted for the business.
    pub by_id: Option<ID>,
    pub at: DateTime<Utc>,
}

impl From<&Reaction> for ReactionGql {
    fn from(r: &Reaction) -> Self {
        Self {
            emoji: r.emoji.clone(),
            from_customer: r.from_customer,
            by_id: r.by.clone().map(ID),
            at: to_datetime(r.at),
        }
    }
}

/// A text an edited message had before.
#[derive(SimpleObject)]
#[graphql(name = "MessageEdit")]
pub struct MessageEditGql {
    pub text: Option<String>,
    pub replaced_at: DateTime<Utc>,
}

#[derive(SimpleObject)]
#[graphql(name = "Location")]
pub struct LocationGql {
    pub latitude: f64,
    pub longitude: f64,
    pub name: Option<String>,
    pub address: Option<String>,
    /// The place on OpenStreetMap.
    pub map_url: String,
}

#[derive(SimpleObject)]
#[graphql(name = "SharedPhone")]
pub struct SharedPhoneGql {
    pub phone: String,
    /// Present when the number is on WhatsApp.
    pub wa_id: Option<String>,
    #[graphql(name = "type")]
    pub kind: Option<String>,
}

/// A contact card the customer shared (it can be added as a lead).
#[derive(SimpleObject)]
#[graphql(name = "SharedContact")]
pub struct SharedContactGql {
    pub name: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phones: Vec<SharedPhoneGql>,
    pub emails: Vec<String>,
    pub company: Option<String>,
}

/// The option a customer picked: a reply button, a list row, a template's quick reply.
#[derive(SimpleObject)]
#[graphql(name = "ChosenOption")]
pub struct ChosenOptionGql {
    pub id: Option<String>,
    pub title: String,
}

fn raw(m: &Message) -> Option<Value> {
    serde_json::from_str(m.raw.as_deref()?).ok()
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

pub fn location(m: &Message) -> Option<LocationGql> {
    if m.kind != "location" {
        return None;
    }
    match wire::content("location", &raw(m)?) {
        Content::Location {
            latitude,
            longitude,
            name,
            address,
        } => Some(LocationGql {
            latitude,
            longitude,
            name,
            address,
            map_url: format!(
                "https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=16/{latitude}/{longitude}"
            ),
        }),
        _ => None,
    }
}

pub fn contacts(m: &Message) -> Vec<SharedContactGql> {
    if m.kind != "contacts" {
        return vec![];
    }
    let Some(raw) = raw(m) else {
        return vec![];
    };
    let list = raw
        .get("contacts")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|c| {
            let name = c.get("name").cloned().unwrap_or(Value::Null);
            let first_name = text(&name, "first_name");
            let last_name = text(&name, "last_name");
            let formatted = text(&name, "formatted_name").unwrap_or_else(|| {
                [first_name.clone(), last_name.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            let items = |k: &str| {
                c.get(k)
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            };
            SharedContactGql {
                name: formatted,
                first_name,
                last_name,
                phones: items("phones")
                    .iter()
                    .filter_map(|p| {
                        Some(SharedPhoneGql {
                            phone: text(p, "phone")?,
                            wa_id: text(p, "wa_id"),
                            kind: text(p, "type"),
                        })
                    })
                    .collect(),
                emails: items("emails")
                    .iter()
                    .filter_map(|e| text(e, "email"))
                    .collect(),
                company: c.get("org").and_then(|o| text(o, "company")),
            }
        })
        .collect()
}

pub fn chosen(m: &Message) -> Option<ChosenOptionGql> {
    if !matches!(m.kind.as_str(), "interactive" | "button") {
        return None;
    }
    match wire::content(&m.kind, &raw(m)?) {
        Content::Reply { id, title } => Some(ChosenOptionGql { id, title }),
        _ => None,
    }
}
