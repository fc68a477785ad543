//! Templates as the Graph API sees them: the creation body (with a media header's upload
//! handle), templates read back from Meta, and media headers as message media.

use serde_json::{Value, json};

use super::{Category, Template, TemplateStatus, Templates, model};
use crate::clock::Millis;
use crate::crm::merge;

impl Templates {
    /// Uploads a media header's file with the Resumable Upload API: the handle Meta's review
    /// takes as the header's example (None without a media header).
    pub(super) async fn header_handle(
        &self,
        client: &crate::channel::whatsapp::client::Client,
        t: &Template,
    ) -> std::result::Result<Option<String>, crate::channel::whatsapp::client::GraphError> {
        let Some(m) = &t.header_media else {
            return Ok(None);
        };
        let bytes = self.messaging.blob(&m.sha256).map_err(|e| {
            crate::channel::whatsapp::client::GraphError {
                http_status: 0,
                code: 0,
                subcode: None,
                message: format!("the header file is gone: {e}"),
                details: None,
                retryable: false,
            }
        })?;
        client
            .upload_handle(bytes, &m.mime_type, &m.file_name)
            .await
            .map(Some)
    }
}

/// A media header's file as a message's media (for the sender to upload before sending).
pub fn header_as_media(m: &model::HeaderMedia) -> crate::messaging::model::Media {
    crate::messaging::model::Media {
        media_id: String::new(),
        mime_type: Some(m.mime_type.clone()),
        sha256: None,
        file_name: Some(m.file_name.clone()),
        blob: Some(m.sha256.clone()),
        size: Some(m.size),
        status: crate::messaging::model::MediaStatus::Available,
        unavailable_reason: None,
        source: Some("template_header".into()),
    }
}

/// The Graph API request: positional parameters with each field's label as its example; a
/// media header's example is its upload `handle`.
pub(super) fn meta_body(t: &Template, segments: &[merge::Segment], handle: Option<&str>) -> Value {
    let examples: Vec<String> = merge::fields(segments)
        .iter()
        .map(|f| f.label.clone())
        .collect();
    let mut body = json!({"type": "BODY", "text": merge::to_positional(segments)});
    if !examples.is_empty() {
        body["example"] = json!({"body_text": [examples]});
    }
    let mut components = vec![];
    if let Some(h) = &t.header {
        components.push(json!({"type": "HEADER", "format": "TEXT", "text": h}));
    } else if let Some(m) = &t.header_media {
        components.push(
            json!({"type": "HEADER", "format": m.kind.to_ascii_uppercase(),
            "example": {"header_handle": [handle.unwrap_or_default()]}}),
        );
    }
    components.push(body);
    if let Some(f) = &t.footer {
        components.push(json!({"type": "FOOTER", "text": f}));
    }
    if !t.buttons.is_empty() {
        let buttons: Vec<Value> = t
            .buttons
            .iter()
            .map(|b| match b.kind.as_str() {
                "URL" => json!({"type": "URL", "text": b.text, "url": b.url}),
                _ => json!({"type": "QUICK_REPLY", "text": b.text}),
            })
            .collect();
        components.push(json!({"type": "BUTTONS", "buttons": buttons}));
    }
    let category = match t.category {
        Category::Utility => "UTILITY",
        Category::Marketing => "MARKETING",
    };
    json!({"name": t.name, "language": t.language, "category": category, "parameter_format": "POSITIONAL", "components": components})
}

/// A stored template for Meta's `r`: the known one with a fresh status, or a new one.
pub(super) fn from_meta(
    r: &Value,
    known: &[Template],
    author: &str,
    now: Millis,
) -> Option<Template> {
    let text = |k: &str| r.get(k).and_then(Value::as_str).map(String::from);
    let (name, language) = (text("name")?, text("language")?);
    let status = text("status")
        .and_then(|s| TemplateStatus::from_event(&s))
        .unwrap_or(TemplateStatus::Pending);
    if let Some(k) = known
        .iter()
        .find(|k| k.name == name && k.language == language)
    {
        let mut k = k.clone();
        k.status = status;
        k.rejection_reason = (status == TemplateStatus::Rejected).then(|| {
            text("rejected_reason")
                .filter(|r| r != "NONE")
                .or(k.rejection_reason.clone())
                .unwrap_or_else(|| "REJECTED".into())
        });
        k.meta_id = text("id").or(k.meta_id);
        k.quality = quality_of(r).or(k.quality);
        return Some(k);
    }
    let component = |kind: &str| {
        r.get("components")?
            .as_array()?
            .iter()
            .find(|c| c.get("type").and_then(Value::as_str) == Some(kind))?
            .get("text")?
            .as_str()
            .map(String::from)
    };
    Some(Template {
        id: crate::ids::new_id(now),
        name,
        module: "Leads".into(),
        language,
        category: if text("category").as_deref() == Some("MARKETING") {
            Category::Marketing
        } else {
            Category::Utility
        },
        body: component("BODY")?,
        header: component("HEADER"),
        footer: component("FOOTER"),
        buttons: vec![],
        status,
        rejection_reason: None,
        meta_id: text("id"),
        created_by: Some(author.to_string()),
        created_at: now,
        updated_at: now,
        quality: quality_of(r),
        header_media: None,
    })
}

/// The quality score in a Graph API template object (`quality_score.score`).
fn quality_of(r: &Value) -> Option<String> {
    r.get("quality_score")
        .and_then(|q| q.get("score").or(Some(q)))
        .and_then(Value::as_str)
        .map(String::from)
}
