//! Attachment downloads (F23): `/files/<sha256>?message=<id>[&inline=1]`, for viewers who may
//! see the message (a message the customer deleted: administrators only).
//!
//! Stored files never run as pages of ours: a type WhatsApp does not take (a customer's
//! webhook names the type, so it may say `text/html`) is served as
//! `application/octet-stream`; `nosniff` (on every response) stops browsers guessing; and only
//! images and PDFs may be shown in place (`inline=1`, for previews), everything else is a
//! download. The file name goes in `Content-Disposition` both as plain ASCII and RFC 5987
//! encoded, with quotes, separators and control characters removed.

use std::sync::Arc;

use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{IntoResponse, Request, Response, handler};
use serde::Deserialize;

use crate::App;

#[derive(Deserialize)]
pub struct Which {
    message: String,
    #[serde(default)]
    inline: Option<String>,
}

/// Types a browser may show in place.
const INLINE: [&str; 4] = ["image/jpeg", "image/png", "image/webp", "application/pdf"];

/// The `Content-Type` to serve a stored file with.
fn served_type(mime: Option<&str>) -> String {
    let base = mime
        .and_then(|m| m.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match crate::attachments::kinds::by_mime(&base) {
        Some(t) if t.mime != "text/plain" => t.mime.to_string(),
        Some(_) => "text/plain; charset=utf-8".into(),
        None => "application/octet-stream".into(),
    }
}

/// `attachment; filename="…"; filename*=UTF-8''…` (or `inline; …`) for `name`.
pub fn disposition(kind: &str, name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | '/' | ';'))
        .collect();
    let clean = if clean.trim().is_empty() {
        "attachment".to_string()
    } else {
        clean
    };
    let ascii: String = clean
        .chars()
        .map(|c| if c.is_ascii() { c } else { '_' })
        .collect();
    let mut encoded = String::new();
    for b in clean.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[handler]
pub fn download(
    req: &Request,
    Path(digest): Path<String>,
    Query(q): Query<Which>,
    Data(app): Data<&Arc<App>>,
) -> Response {
    let Some(viewer) =
        super::graphql::credential(req).and_then(|t| app.auth.authenticate(&t).ok().flatten())
    else {
        return (StatusCode::UNAUTHORIZED, "sign in first").into_response();
    };
    let msg = app
        .messaging
        .message(&viewer, &q.message)
        .ok()
        .flatten()
        .filter(|m| m.deleted_at.is_none() || viewer.user.is_admin);
    let media = msg.and_then(|m| m.media);
    let Some(media) = media.filter(|m| m.blob.as_deref() == Some(digest.as_str())) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    match app.messaging.blob(&digest) {
        Ok(bytes) => {
            let content_type = served_type(media.mime_type.as_deref());
            let inline = q.inline.is_some() && INLINE.contains(&content_type.as_str());
            let name = media.file_name.unwrap_or_else(|| "attachment".into());
            Response::builder()
                .content_type(content_type)
                .header(
                    "content-disposition",
                    disposition(if inline { "inline" } else { "attachment" }, &name),
                )
                .header("cache-control", "private, max-age=3600")
                .body(bytes)
        }
        Err(_) => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_types_are_safe() {
        assert_eq!(
            disposition("attachment", "Angebot \"Q1\";\r\n.pdf"),
            "attachment; filename=\"Angebot Q1.pdf\"; filename*=UTF-8''Angebot%20Q1.pdf"
        );
        assert!(disposition("attachment", "Grüße.pdf").contains("filename=\"Gr__e.pdf\""));
        assert_eq!(served_type(Some("text/html")), "application/octet-stream");
        assert_eq!(served_type(Some("image/png")), "image/png");
        assert_eq!(served_type(None), "application/octet-stream");
    }
}
