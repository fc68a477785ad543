//! Attachment downloads (F23): `/files/<sha256>?message=<id>`, for viewers who may see the
//! message. Served as downloads so a stored file never runs as a page of ours.

use std::sync::Arc;

use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{IntoResponse, Request, Response, handler};
use serde::Deserialize;

use crate::App;

#[derive(Deserialize)]
pub struct Which {
    message: String,
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
    let media = app
        .messaging
        .message(&viewer, &q.message)
        .ok()
        .flatten()
        .and_then(|m| m.media);
    let Some(media) = media.filter(|m| m.blob.as_deref() == Some(digest.as_str())) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    match app.messaging.blob(&digest) {
        Ok(bytes) => {
            let name = media
                .file_name
                .unwrap_or_else(|| "attachment".into())
                .replace(['"', '\r', '\n'], "");
            Response::builder()
                .content_type(
                    media
                        .mime_type
                        .unwrap_or_else(|| "application/octet-stream".into()),
                )
                .header(
                    "content-disposition",
                    format!("attachment; filename=\"{name}\""),
                )
                .header("cache-control", "private, max-age=3600")
                .body(bytes)
        }
        Err(_) => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}
