//! Generated documents: `/documents/<sha256>?module=<module>&record=<id>`, for signed-in users
//! who can see the record. Served as downloads.

use std::path::PathBuf;
use std::sync::Arc;

use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{IntoResponse, Request, Response, handler};
use serde::Deserialize;

use crate::App;

#[derive(Deserialize)]
pub struct DocumentQuery {
    module: String,
    record: String,
}

/// The store lookups (the session, the record and its documents), run on the blocking pool:
/// the document's file and name.
fn find(
    app: &App,
    token: Option<String>,
    digest: &str,
    q: &DocumentQuery,
) -> Result<(PathBuf, String), super::files::Refusal> {
    let Some(viewer) = token.and_then(|t| app.auth.authenticate(&t).ok().flatten()) else {
        return Err((StatusCode::UNAUTHORIZED, "sign in first"));
    };
    let doc = match app
        .crm
        .document_for_download(&viewer, &q.module, &q.record, digest)
    {
        Ok(Some(d)) => d,
        Ok(None) => return Err((StatusCode::NOT_FOUND, "no such document")),
        Err(e) => {
            tracing::error!(error = %e, "document lookup failed");
            return Err((StatusCode::INTERNAL_SERVER_ERROR, "internal error"));
        }
    };
    match app.crm.document_path(&doc) {
        Ok(path) => Ok((path, doc.file_name)),
        Err(_) => Err((StatusCode::NOT_FOUND, "no such document")),
    }
}

#[handler]
pub async fn download(
    req: &Request,
    Path(digest): Path<String>,
    Query(q): Query<DocumentQuery>,
    Data(app): Data<&Arc<App>>,
) -> Response {
    let token = super::graphql::credential(req);
    let app = app.clone();
    let (path, name) =
        match tokio::task::spawn_blocking(move || find(&app, token, &digest, &q)).await {
            Ok(Ok(found)) => found,
            Ok(Err(refusal)) => return refusal.into_response(),
            Err(e) => {
                tracing::error!(error = %e, "document lookup failed");
                return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
            }
        };
    let resp = Response::builder()
        .content_type("application/pdf")
        .header(
            "content-disposition",
            super::files::disposition("attachment", &name),
        )
        .header("cache-control", "private, max-age=3600");
    match super::files::stream_file(path, resp).await {
        Some(resp) => resp,
        None => (StatusCode::NOT_FOUND, "no such document").into_response(),
    }
}
