//! The demo's simulated phone: the customer side of the Graph API simulator, for people trying
//! Parley without a Meta account. Absent (null / FORBIDDEN) outside `demo`, and for
//! administrators only: it reads and writes any customer's thread, whoever owns the record.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::{admin, app, gql_error, viewer};
use crate::channel::whatsapp::sandbox::Sandbox;
use crate::clock::to_datetime;
use crate::error::Error;

#[derive(SimpleObject)]
pub struct SimulatorInfo {
    phone_number_id: String,
    display_phone_number: String,
    /// The two-step verification PIN that registers the simulator's unregistered number.
    demo_pin: String,
}

#[derive(SimpleObject)]
pub struct SimulatedMessage {
    /// `in` = customer to business, `out` = business to customer.
    direction: String,
    wamid: String,
    #[graphql(name = "type")]
    kind: String,
    text: Option<String>,
    status: String,
    at: DateTime<Utc>,
    /// A media message's (or a template's media header's) file.
    file_name: Option<String>,
    mime_type: Option<String>,
    /// Images up to 1 MB as a `data:` URL, for the phone's preview.
    preview_data_url: Option<String>,
    /// The text of the message this one quotes (Meta's `context`).
    quoted_text: Option<String>,
    /// Reactions on this message: the customer's and the business's.
    reactions: Vec<String>,
}

/// The media id a phone message carries: the media object's id, or a template header's.
fn media_id(kind: &str, body: &Value) -> Option<String> {
    let id = |v: &Value| {
        v.get("id").and_then(|i| match i {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    if kind == "template" {
        let header = body
            .pointer("/template/components")?
            .as_array()?
            .iter()
            .find(|c| c.get("type").and_then(Value::as_str) == Some("header"))?;
        let p = header.pointer("/parameters/0")?;
        let k = p.get("type")?.as_str()?;
        return id(p.get(k)?);
    }
    id(body.get(kind)?)
}

const PREVIEW_MAX: usize = 1024 * 1024;

fn simulated(
    sb: &Sandbox,
    thread: &[crate::channel::whatsapp::sandbox::PhoneMessage],
) -> Vec<SimulatedMessage> {
    use std::collections::HashMap;
    let texts: HashMap<&str, &str> = thread
        .iter()
        .filter_map(|m| Some((m.wamid.as_str(), m.text.as_deref()?)))
        .collect();
    // The latest reaction of each side per message ("" removes it).
    let mut reactions: HashMap<String, (Option<String>, Option<String>)> = HashMap::new();
    for m in thread.iter().filter(|m| m.kind == "reaction") {
        let Some(target) = m
            .body
            .pointer("/reaction/message_id")
            .and_then(Value::as_str)
        else {
            continue;
        };
        let emoji = m
            .body
            .pointer("/reaction/emoji")
            .and_then(Value::as_str)
            .filter(|e| !e.is_empty())
            .map(String::from);
        let e = reactions.entry(target.to_string()).or_default();
        if m.direction == "in" {
            e.0 = emoji;
        } else {
            e.1 = emoji;
        }
    }
    thread
        .iter()
        .map(|m| {
            let kind = m
                .body
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("text")
                .to_string();
            let media = media_id(&kind, &m.body).and_then(|id| sb.media(&id));
            let file_name = m
                .body
                .pointer(&format!("/{kind}/filename"))
                .and_then(Value::as_str)
                .map(String::from);
            let preview_data_url = media.as_ref().and_then(|(bytes, mime)| {
                (mime.starts_with("image/") && bytes.len() <= PREVIEW_MAX).then(|| {
                    format!(
                        "data:{mime};base64,{}",
                        base64::engine::general_purpose::STANDARD.encode(bytes)
                    )
                })
            });
            let quoted = m
                .body
                .pointer("/context/message_id")
                .or_else(|| m.body.pointer("/context/id"))
                .and_then(Value::as_str)
                .and_then(|w| texts.get(w).map(|t| (*t).to_string()));
            let (mine, theirs) = reactions.get(&m.wamid).cloned().unwrap_or_default();
            SimulatedMessage {
                kind,
                direction: m.direction.clone(),
                wamid: m.wamid.clone(),
                text: m.text.clone(),
                status: m.status.clone(),
                at: to_datetime(m.at),
                file_name,
                mime_type: media.map(|(_, mime)| mime),
                preview_data_url,
                quoted_text: quoted,
                reactions: [mine, theirs].into_iter().flatten().collect(),
            }
        })
        .collect()
}

#[derive(InputObject)]
pub struct SimulateMessageInput {
    /// The customer's number, digits with country code.
    wa_id: String,
    name: String,
    /// `text`, `image`, `document`, `location`, `reaction` or `button`.
    #[graphql(name = "type")]
    kind: String,
    text: Option<String>,
    caption: Option<String>,
    file_name: Option<String>,
    mime_type: Option<String>,
    data_base64: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    emoji: Option<String>,
    react_to_wamid: Option<String>,
    button_text: Option<String>,
}

fn sandbox<'a>(ctx: &Context<'a>) -> Option<&'a Sandbox> {
    app(ctx).sandbox.get()
}

fn demo_number(ctx: &Context<'_>) -> Option<(String, String)> {
    let p = app(ctx)
        .messaging
        .profiles()
        .ok()?
        .into_iter()
        .find(|p| p.active)?;
    Some((p.phone_number_id, p.display_phone_number))
}

#[derive(Default)]
pub struct SimulatorQuery;

#[Object]
impl SimulatorQuery {
    /// The simulated number customers write to; null outside demo mode and for users who are
    /// not administrators.
    async fn simulator(&self, ctx: &Context<'_>) -> Result<Option<SimulatorInfo>> {
        let v = viewer(ctx)?;
        if sandbox(ctx).is_none() || !v.user.is_admin {
            return Ok(None);
        }
        Ok(
            demo_number(ctx).map(|(phone_number_id, display_phone_number)| SimulatorInfo {
                phone_number_id,
                display_phone_number,
                demo_pin: crate::channel::whatsapp::sandbox::DEMO_PIN.to_string(),
            }),
        )
    }

    /// What the customer's phone shows of the thread with the business, oldest first.
    /// Administrators only.
    async fn simulator_thread(
        &self,
        ctx: &Context<'_>,
        wa_id: String,
    ) -> Result<Vec<SimulatedMessage>> {
        admin(ctx)?;
        let (Some(sb), Some((pnid, _))) = (sandbox(ctx), demo_number(ctx)) else {
            return Ok(vec![]);
        };
        let thread = sb.conversation_with(&pnid, wa_id.trim_start_matches('+'));
        Ok(simulated(sb, &thread))
    }
}

#[derive(Default)]
pub struct SimulatorMutation;

#[Object]
impl SimulatorMutation {
    /// Sends a message from the simulated customer to the business; returns its wamid.
    /// Administrators only.
    async fn simulate_customer_message(
        &self,
        ctx: &Context<'_>,
        input: SimulateMessageInput,
    ) -> Result<String> {
        admin(ctx)?;
        let (Some(sb), Some((pnid, _))) = (sandbox(ctx), demo_number(ctx)) else {
            return Err(gql_error(&Error::Forbidden(
                "the simulated phone exists only in demo mode".into(),
            )));
        };
        let wa_id: String = input.wa_id.chars().filter(char::is_ascii_digit).collect();
        if wa_id.len() < 8 {
            return Err(gql_error(&Error::validation(
                "waId",
                "a number with country code, e.g. 4915123456789",
            )));
        }
        let message = customer_message(sb, &input)?;
        sb.customer_send(&pnid, &wa_id, input.name.trim(), message)
            .await
            .map_err(|e| {
                gql_error(&Error::Upstream {
                    meta_code: None,
                    message: e.to_string(),
                })
            })
    }
}

#[derive(Default)]
pub struct SimulatorChaosMutation;

#[Object]
impl SimulatorChaosMutation {
    /// Demo only, administrators: fault injection in the simulator (every webhook delivered
    /// twice, `delivered` before `sent`, recipients whose sends are accepted and then fail,
    /// MIME types whose media uploads are refused with 131053).
    async fn set_simulator_chaos(
        &self,
        ctx: &Context<'_>,
        duplicate: bool,
        reorder: bool,
        fail_recipients: Option<Vec<String>>,
        refuse_media_types: Option<Vec<String>>,
    ) -> Result<bool> {
        super::admin(ctx)?;
        let Some(sb) = sandbox(ctx) else {
            return Err(gql_error(&Error::Forbidden(
                "the simulator exists only in demo mode".into(),
            )));
        };
        sb.set_chaos(crate::channel::whatsapp::sandbox::Chaos {
            duplicate,
            reorder,
            fail_recipients: fail_recipients.unwrap_or_default(),
            refuse_media_types: refuse_media_types.unwrap_or_default(),
        });
        Ok(true)
    }
}

fn customer_message(sb: &Sandbox, i: &SimulateMessageInput) -> Result<Value> {
    let need = |v: &Option<String>, f: &str| {
        v.clone()
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| gql_error(&Error::validation(f, "required")))
    };
    Ok(match i.kind.as_str() {
        "text" => json!({"type": "text", "text": {"body": need(&i.text, "text")?}}),
        "image" | "document" => {
            let data = need(&i.data_base64, "dataBase64")?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data.trim())
                .map_err(|_| gql_error(&Error::validation("dataBase64", "not base64")))?;
            let mime = i.mime_type.clone().unwrap_or_else(|| {
                if i.kind == "image" {
                    "image/jpeg"
                } else {
                    "application/pdf"
                }
                .into()
            });
            let id = sb.put_media(bytes.clone(), &mime);
            let sha = base64::engine::general_purpose::STANDARD
                .encode(hex::decode(crate::ids::sha256_hex(&bytes)).unwrap_or_default());
            let mut media = json!({"id": id, "mime_type": mime, "sha256": sha});
            if let Some(c) = i.caption.clone().filter(|c| !c.is_empty()) {
                media["caption"] = json!(c);
            }
            if i.kind == "document" {
                media["filename"] =
                    json!(i.file_name.clone().unwrap_or_else(|| "document.pdf".into()));
            }
            json!({"type": i.kind, i.kind.clone(): media})
        }
        "location" => {
            let (Some(lat), Some(lon)) = (i.latitude, i.longitude) else {
                return Err(gql_error(&Error::validation(
                    "latitude",
                    "latitude and longitude are required",
                )));
            };
            json!({"type": "location", "location": {"latitude": lat, "longitude": lon, "name": i.text}})
        }
        "reaction" => {
            json!({"type": "reaction", "reaction": {"message_id": need(&i.react_to_wamid, "reactToWamid")?, "emoji": need(&i.emoji, "emoji")?}})
        }
        "button" => {
            let text = need(&i.button_text, "buttonText")?;
            json!({"type": "button", "button": {"text": text, "payload": text}})
        }
        other => {
            return Err(gql_error(&Error::validation(
                "type",
                format!("cannot simulate '{other}'"),
            )));
        }
    })
}
