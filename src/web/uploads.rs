//! `POST /uploads` (F21): one file in the multipart field `file`, signed in. The file streams to
//! the staging store under a size cap and is checked by its content and name against Meta's
//! types and limits; the answer is `{ "id", "fileName", "mimeType", "size" }`, or
//! `{ "error": { "code", "message" } }` with the code's HTTP status.
//!
//! Cookie-authenticated uploads must come from our own pages: a multipart form is a request any
//! site can make a browser send, so they need the `X-Requested-With` header (which a foreign
//! page cannot add without a CORS preflight we never grant) and, when the browser sends
//! `Origin`, our origin. Bearer clients are not affected.

use std::sync::Arc;

use poem::http::StatusCode;
use poem::web::{Data, Multipart};
use poem::{IntoResponse, Request, Response, handler};
use serde_json::json;
use tokio::io::AsyncReadExt;

use crate::App;
use crate::error::Error;

fn refuse(e: &Error) -> Response {
    if e.code() == crate::error::Code::Internal {
        tracing::error!(error = %e, "upload failed");
    }
    let message = if e.code() == crate::error::Code::Internal {
        "internal error".to_string()
    } else {
        e.to_string()
    };
    let status = StatusCode::from_u16(e.code().http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    let body = json!({"error": {"code": e.code().as_str(), "message": message}});
    (status, poem::web::Json(body)).into_response()
}

#[handler]
pub async fn upload(req: &Request, mut form: Multipart, Data(app): Data<&Arc<App>>) -> Response {
    if req.header("authorization").is_none() {
        let ours = req.header("x-requested-with").is_some()
            && super::graphql::same_origin(req, &app.config);
        if !ours {
            return refuse(&Error::Forbidden(
                "uploads from a browser need our own page (X-Requested-With)".into(),
            ));
        }
    }
    let Some(viewer) =
        super::graphql::credential(req).and_then(|t| app.auth.authenticate(&t).ok().flatten())
    else {
        return refuse(&Error::Unauthenticated);
    };
    let too_big = req
        .header("content-length")
        .and_then(|l| l.parse::<u64>().ok())
        .is_some_and(|l| l > crate::attachments::kinds::MAX_BYTES + 64 * 1024);
    if too_big {
        return refuse(&Error::TooLarge(format!(
            "the file is larger than {}, the most WhatsApp takes (documents)",
            crate::attachments::kinds::human(crate::attachments::kinds::MAX_BYTES)
        )));
    }
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => {
                return refuse(&Error::validation(
                    "file",
                    "send the file in the field `file`",
                ));
            }
            Err(e) => return refuse(&Error::invalid(format!("not a multipart upload: {e}"))),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("file").to_string();
        let mut upload = match app.attachments.begin(&viewer).await {
            Ok(u) => u,
            Err(e) => return refuse(&e),
        };
        let mut reader = Box::pin(field.into_async_read());
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf).await {
                Ok(0) => break,
                Ok(n) => {
                    if let Err(e) = upload.write(buf.get(..n).unwrap_or_default()) {
                        return refuse(&e);
                    }
                }
                Err(e) => {
                    upload.discard();
                    return refuse(&Error::invalid(format!("the upload broke off: {e}")));
                }
            }
        }
        return match app.attachments.finish(&viewer, upload, &name).await {
            Ok(row) => poem::web::Json(json!({
                "id": row.id,
                "fileName": row.file_name,
                "mimeType": row.mime_type,
                "size": row.size,
                "kind": row.kind,
            }))
            .into_response(),
            Err(e) => refuse(&e),
        };
    }
}
