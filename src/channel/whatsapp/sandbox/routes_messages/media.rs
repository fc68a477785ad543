//! Media messages: image, video, audio, document, sticker (by uploaded `id` or `link`).

use serde_json::{Map, Value};

use super::super::errors::ApiError;
use super::super::routes_media::kind_of;
use super::super::state::State;
use super::{Checked, object, too_long};

pub(super) fn check_media(
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
            // IDs are numeric strings; a JSON number is accepted too.
            let id = match id {
                Value::String(id) => id.clone(),
                Value::Number(n) => n.to_string(),
                _ => {
                    return Err(ApiError::invalid(format!(
                        "Param {kind}['id'] must be a string."
                    )));
                }
            };
            let id = id.as_str();
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
    // The phone shows the caption, else a document's file name, else the kind.
    if checked.text.is_none() {
        let filename = media.get("filename").and_then(Value::as_str);
        checked.text = Some(filename.map_or_else(|| format!("[{kind}]"), str::to_owned));
    }
    Ok(checked)
}
