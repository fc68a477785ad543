//! A reply with attachments (F21) becomes several Cloud API messages, queued together: each file
//! is its own media message, the text is the first file's caption, or its own text message first
//! where Meta allows no caption (audio, stickers) or the text is longer than a caption may be.
//! A reply's quote (`context`) goes on the first message.
//!
//! Outbound files are in the blob store; the sender uploads each to the Graph API's media
//! endpoint just before sending and puts the media id into the payload ([`fill_media_id`]).

use serde_json::{Value, json};

use super::model::{Direction, Media, MediaStatus, Message, Status};
use crate::attachments::sources::ResolvedFile;
use crate::clock::Millis;

/// Meta's caption limit.
const CAPTION_MAX: usize = 1024;

/// What one queued message of a reply carries.
pub struct Part {
    pub kind: String,
    pub text: Option<String>,
    pub payload: Value,
    pub media: Option<Media>,
}

/// The parts of a reply to `to`: `text` and `files` (at most five, already checked).
pub fn reply_parts(
    to: &str,
    text: Option<String>,
    files: &[ResolvedFile],
    context: Option<&str>,
) -> Vec<Part> {
    let base =
        || json!({"messaging_product": "whatsapp", "recipient_type": "individual", "to": to});
    let text_part = |body: String| {
        let mut payload = base();
        payload["type"] = json!("text");
        payload["text"] = json!({"preview_url": false, "body": body});
        Part {
            kind: "text".into(),
            text: Some(body),
            payload,
            media: None,
        }
    };
    let mut parts = vec![];
    let mut caption = text;
    let captionable = files.first().is_some_and(|f| f.media_type.takes_caption())
        && caption
            .as_ref()
            .is_none_or(|t| t.chars().count() <= CAPTION_MAX);
    if (!captionable || files.is_empty())
        && let Some(t) = caption.take()
    {
        parts.push(text_part(t));
    }
    for f in files {
        let kind = f.media_type.kind;
        let mut media_obj = json!({});
        let this_caption = caption.take();
        if let Some(c) = &this_caption {
            media_obj["caption"] = json!(c);
        }
        if kind == "document" {
            media_obj["filename"] = json!(f.file_name);
        }
        let mut payload = base();
        payload["type"] = json!(kind);
        payload[kind] = media_obj;
        parts.push(Part {
            kind: kind.to_string(),
            text: this_caption,
            payload,
            media: Some(outbound_media(f)),
        });
    }
    if let (Some(first), Some(ctx)) = (parts.first_mut(), context) {
        first.payload["context"] = json!({"message_id": ctx});
    }
    parts
}

/// The stored media of an outbound file (not yet uploaded to Meta: empty `media_id`).
pub fn outbound_media(f: &ResolvedFile) -> Media {
    Media {
        media_id: String::new(),
        mime_type: Some(f.media_type.mime.to_string()),
        sha256: None,
        file_name: Some(f.file_name.clone()),
        blob: Some(f.sha256.clone()),
        size: Some(f.size),
        status: MediaStatus::Available,
        unavailable_reason: None,
        source: Some(f.source.to_string()),
    }
}

/// An outbound message (QUEUED) of `part`, not yet committed.
pub fn message_of(
    part: Part,
    id: &str,
    now: Millis,
    sent_by: &str,
    reply_to: Option<String>,
) -> Message {
    let mut payload = part.payload;
    payload["biz_opaque_callback_data"] = json!(id);
    Message {
        id: id.to_string(),
        conversation_id: String::new(),
        provider: "whatsapp".into(),
        wamid: None,
        direction: Direction::Outbound,
        kind: part.kind,
        text: part.text,
        status: Status::Queued,
        timestamp: now,
        error_code: None,
        error_message: None,
        template_id: None,
        sent_by: Some(sent_by.to_string()),
        reply_to,
        media: part.media,
        raw: None,
        payload: Some(payload),
        first_reply: None,
        reactions: vec![],
        edits: vec![],
        edited_at: None,
        deleted_at: None,
    }
}

/// Whether the sender must upload `m`'s file to the media endpoint before sending it.
pub fn needs_upload(m: &Message) -> bool {
    m.direction == Direction::Outbound
        && m.media
            .as_ref()
            .is_some_and(|md| md.blob.is_some() && md.media_id.is_empty())
}

/// Puts Meta's media id into the payload: the media object of a media message, or the media
/// parameter of a template's header.
pub fn fill_media_id(payload: &mut Value, media_id: &str) {
    let kind = payload
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if kind == "template" {
        let Some(components) = payload
            .pointer_mut("/template/components")
            .and_then(Value::as_array_mut)
        else {
            return;
        };
        for c in components {
            if c.get("type").and_then(Value::as_str) != Some("header") {
                continue;
            }
            if let Some(param) = c.pointer_mut("/parameters/0") {
                let pkind = param
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                if let Some(obj) = param.get_mut(&pkind).and_then(Value::as_object_mut) {
                    obj.remove("link");
                    obj.insert("id".into(), json!(media_id));
                }
            }
        }
    } else if let Some(obj) = payload.get_mut(&kind).and_then(Value::as_object_mut) {
        obj.insert("id".into(), json!(media_id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attachments::kinds;

    fn file(mime: &str, name: &str) -> ResolvedFile {
        ResolvedFile {
            source: "upload",
            file_name: name.into(),
            media_type: kinds::by_mime(mime).unwrap(),
            sha256: "0".repeat(64),
            size: 10,
        }
    }

    #[test]
    fn text_becomes_the_first_caption_or_its_own_message() {
        let p = reply_parts(
            "49151",
            Some("Hi".into()),
            &[file("image/png", "a.png"), file("application/pdf", "q.pdf")],
            Some("wamid.Q"),
        );
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].payload["image"]["caption"], "Hi");
        assert_eq!(p[0].payload["context"]["message_id"], "wamid.Q");
        assert_eq!(p[1].payload["document"]["filename"], "q.pdf");
        assert!(p[1].payload["document"].get("caption").is_none());
        let p = reply_parts(
            "49151",
            Some("Hi".into()),
            &[file("audio/mpeg", "a.mp3")],
            None,
        );
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].kind, "text");
        assert!(p[1].payload["audio"].get("caption").is_none());
    }

    #[test]
    fn media_ids_go_where_meta_wants_them() {
        let mut v = json!({"type": "document", "document": {"filename": "q.pdf"}});
        fill_media_id(&mut v, "123");
        assert_eq!(v["document"]["id"], "123");
        let mut t = json!({"type": "template", "template": {"components": [
            {"type": "header", "parameters": [{"type": "image", "image": {}}]}, {"type": "body"}]}});
        fill_media_id(&mut t, "456");
        assert_eq!(
            t["template"]["components"][0]["parameters"][0]["image"]["id"],
            "456"
        );
    }
}
