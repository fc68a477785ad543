//! Media: multipart upload with Meta's MIME whitelist and size limits, metadata with a
//! short-lived signed download URL (which still needs the bearer token), and delete.

use std::sync::Arc;

use serde_json::{Value, json};

use super::Shared;
use super::errors::ApiError;
use super::http::{Call, Reply};
use super::state::{DAY_MS, Media};
use super::webhooks::hmac_sha256;

const MB: usize = 1024 * 1024;
/// Download URLs live 5 minutes, like Meta's lookaside links.
const URL_TTL_MS: i64 = 5 * 60 * 1000;

/// Size limit for a supported MIME type (parameters such as `; codecs=opus` ignored).
fn limit_for(mime: &str) -> Option<usize> {
    let base = mime
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    Some(match base.as_str() {
        "audio/aac" | "audio/amr" | "audio/mpeg" | "audio/mp4" | "audio/ogg" => 16 * MB,
        "text/plain"
        | "application/pdf"
        | "application/msword"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.ms-excel"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.ms-powerpoint"
        | "application/vnd.openxmlformats-officedocument.presentationml.presentation" => 100 * MB,
        "image/jpeg" | "image/png" => 5 * MB,
        "image/webp" => 500 * 1024,
        "video/mp4" | "video/3gpp" => 16 * MB,
        _ => return None,
    })
}

/// Which message type a MIME type can be sent as (`document` takes anything).
pub(crate) fn kind_of(mime: &str) -> &'static str {
    let base = mime
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match base.as_str() {
        "image/webp" => "sticker",
        m if m.starts_with("image/") => "image",
        m if m.starts_with("video/") => "video",
        m if m.starts_with("audio/") => "audio",
        _ => "document",
    }
}

/// Stores bytes and returns a fresh media ID valid for `ttl_ms`.
pub(crate) fn store(inner: &Shared, bytes: Vec<u8>, mime: &str, ttl_ms: i64) -> String {
    let expires_at = inner.now() + ttl_ms;
    let mut st = inner.state.lock();
    let id = st.fresh_id();
    st.put_media(
        id.clone(),
        Media {
            bytes: Arc::from(bytes),
            mime: mime.to_owned(),
            expires_at,
        },
    );
    id
}

/// `POST /{pnid}/media` (multipart: `messaging_product`, `file`, `type`).
pub(crate) fn upload(inner: &Arc<Shared>, call: &Call) -> Result<Value, ApiError> {
    let params = call.params()?;
    match params.get("messaging_product").and_then(Value::as_str) {
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
    let file = call
        .file("file")
        .ok_or_else(|| ApiError::invalid("The parameter file is required."))?;
    let mime = params
        .get("type")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .or_else(|| file.content_type.clone())
        .ok_or_else(|| ApiError::invalid("The parameter type is required."))?;
    let limit = limit_for(&mime).ok_or_else(|| {
        ApiError::invalid(format!(
            "Param file must be a file with one of the following types: audio/aac, audio/amr, audio/mpeg, audio/mp4, audio/ogg, text/plain, application/pdf, application/msword, application/vnd.ms-excel, application/vnd.ms-powerpoint, (OOXML documents), image/jpeg, image/png, image/webp, video/mp4, video/3gpp. Received file of type '{mime}'."
        ))
    })?;
    if file.data.is_empty() {
        return Err(ApiError::new(131053, "The uploaded file is empty."));
    }
    if file.data.len() > limit {
        return Err(ApiError::new(
            131053,
            format!(
                "The file is {} bytes; the limit for {mime} is {limit} bytes.",
                file.data.len()
            ),
        ));
    }
    if inner.chaos.lock().refuses_upload(&mime) {
        inner.state.lock().refused_uploads.push(mime.clone());
        return Err(ApiError::new(
            131053,
            format!("The uploaded media of type {mime} could not be processed."),
        ));
    }
    let id = store(inner, file.data.clone(), &mime, 30 * DAY_MS);
    Ok(json!({ "id": id }))
}

fn url_signature(inner: &Shared, id: &str, expires: i64) -> String {
    let mac = hmac_sha256(
        inner.url_key.as_bytes(),
        format!("{id}:{expires}").as_bytes(),
    );
    hex::encode(&mac[..mac.len().min(16)])
}

/// `GET /{media_id}`: metadata plus a download URL valid for 5 minutes.
pub(crate) fn get(inner: &Arc<Shared>, id: &str, call: &Call) -> Result<Value, ApiError> {
    let now = inner.now();
    let expires = now + URL_TTL_MS;
    let sig = url_signature(inner, id, expires);
    let st = inner.state.lock();
    if let Some(pnid) = call.query("phone_number_id")
        && st.number(pnid).is_none()
    {
        return Err(ApiError::invalid(format!(
            "Param phone_number_id {pnid} is not a phone number of this account."
        )));
    }
    let media = st
        .media
        .get(id)
        .filter(|m| m.expires_at > now)
        .ok_or_else(|| ApiError::unknown_object(&poem::http::Method::GET, id))?;
    Ok(json!({
        "messaging_product": "whatsapp",
        "url": format!("{}/media-download/{id}?exp={expires}&sig={sig}", inner.base_url),
        "mime_type": media.mime,
        "sha256": media.sha256_hex(),
        "file_size": media.bytes.len(),
        "id": id,
    }))
}

/// `GET /media-download/{id}?exp&sig` (bearer checked by the router); 404 once expired.
pub(crate) fn download(inner: &Arc<Shared>, id: &str, call: &Call) -> Result<Reply, ApiError> {
    let now = inner.now();
    let expires = call.query("exp").and_then(|e| e.parse::<i64>().ok());
    let valid = expires.is_some_and(|exp| {
        exp > now && call.query("sig") == Some(url_signature(inner, id, exp).as_str())
    });
    if !valid {
        return Ok(Reply::NotFound);
    }
    let st = inner.state.lock();
    Ok(match st.media.get(id).filter(|m| m.expires_at > now) {
        Some(media) => Reply::Bytes {
            data: media.bytes.to_vec(),
            mime: media.mime.clone(),
        },
        None => Reply::NotFound,
    })
}

/// `DELETE /{media_id}`.
pub(crate) fn delete(inner: &Arc<Shared>, id: &str) -> Result<Value, ApiError> {
    match inner.state.lock().remove_media(id) {
        Some(_) => Ok(json!({ "success": true })),
        None => Err(ApiError::unknown_object(&poem::http::Method::DELETE, id)),
    }
}
