//! Attachment downloads (F23): `/files/<sha256>?message=<id>[&inline=1]`, for viewers who may
//! see the message (a message the customer deleted: administrators only).
//!
//! Stored files never run as pages of ours: a type WhatsApp does not take (a customer's
//! webhook names the type, so it may say `text/html`) is served as
//! `application/octet-stream`; `nosniff` (on every response) stops browsers guessing; and only
//! images and PDFs may be shown in place (`inline=1`, for previews), everything else is a
//! download. The file name goes in `Content-Disposition` both as plain ASCII and RFC 5987
//! encoded, with quotes, separators and control characters removed.

use std::path::PathBuf;
use std::sync::Arc;

use poem::http::{StatusCode, header};
use poem::web::{Data, Path, Query};
use poem::{Body, IntoResponse, Request, Response, ResponseBuilder, handler};
use serde::Deserialize;
use tokio_util::io::ReaderStream;

use crate::App;

#[derive(Deserialize)]
pub struct FileQuery {
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

/// Sends the file at `path` as the body of `resp`, read in 64 KiB pieces as the client takes
/// them (a large attachment is never held in memory whole, and no read blocks the runtime).
/// `Content-Length` is the file's size. `None` when the file cannot be opened.
pub(super) async fn stream_file(path: PathBuf, resp: ResponseBuilder) -> Option<Response> {
    let file = tokio::fs::File::open(&path).await.ok()?;
    let len = file.metadata().await.ok()?.len();
    Some(
        resp.header(header::CONTENT_LENGTH, len)
            .body(Body::from_bytes_stream(ReaderStream::with_capacity(
                file,
                64 * 1024,
            ))),
    )
}

/// Why a download is refused: a status and its reason, small enough to return by value.
pub(super) type Refusal = (StatusCode, &'static str);

/// What a download found: the stored file and how to name and type it.
struct Found {
    path: PathBuf,
    content_type: String,
    inline: bool,
    name: String,
}

/// The store lookups (the session, the message and its visibility), run on the blocking pool.
fn find(app: &App, token: Option<String>, digest: &str, q: &FileQuery) -> Result<Found, Refusal> {
    let Some(viewer) = token.and_then(|t| app.auth.authenticate(&t).ok().flatten()) else {
        return Err((StatusCode::UNAUTHORIZED, "sign in first"));
    };
    let msg = app
        .messaging
        .message(&viewer, &q.message)
        .ok()
        .flatten()
        .filter(|m| m.deleted_at.is_none() || viewer.user.is_admin);
    let media = msg.and_then(|m| m.media);
    let Some(media) = media.filter(|m| m.blob.as_deref() == Some(digest)) else {
        return Err((StatusCode::NOT_FOUND, "no such file"));
    };
    let Ok(path) = app.messaging.blob_path(digest) else {
        return Err((StatusCode::NOT_FOUND, "no such file"));
    };
    let content_type = served_type(media.mime_type.as_deref());
    let inline = q.inline.is_some() && INLINE.contains(&content_type.as_str());
    Ok(Found {
        path,
        content_type,
        inline,
        name: media.file_name.unwrap_or_else(|| "attachment".into()),
    })
}

#[handler]
pub async fn download(
    req: &Request,
    Path(digest): Path<String>,
    Query(q): Query<FileQuery>,
    Data(app): Data<&Arc<App>>,
) -> Response {
    let token = super::graphql::credential(req);
    let app = app.clone();
    let found = match tokio::task::spawn_blocking(move || find(&app, token, &digest, &q)).await {
        Ok(Ok(found)) => found,
        Ok(Err(refusal)) => return refusal.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "file lookup failed");
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
        }
    };
    let resp = Response::builder()
        .content_type(found.content_type)
        .header(
            "content-disposition",
            disposition(
                if found.inline { "inline" } else { "attachment" },
                &found.name,
            ),
        )
        .header("cache-control", "private, max-age=3600");
    match stream_file(found.path, resp).await {
        Some(resp) => resp,
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
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

    #[tokio::test]
    async fn files_are_streamed_whole_with_their_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blob");
        // Several 64 KiB pieces and a partial one.
        let bytes: Vec<u8> = (0..(3 * 64 * 1024 + 123))
            .map(|i| (i % 251) as u8)
            .collect();
        std::fs::write(&path, &bytes).unwrap();
        let resp = stream_file(path, Response::builder().content_type("application/pdf"))
            .await
            .unwrap();
        assert_eq!(resp.headers()["content-length"], bytes.len().to_string());
        assert_eq!(resp.headers()["content-type"], "application/pdf");
        assert_eq!(resp.into_body().into_vec().await.unwrap(), bytes);
        assert!(
            stream_file(dir.path().join("missing"), Response::builder())
                .await
                .is_none()
        );
    }
}
