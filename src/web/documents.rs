//! Generated documents: `/documents/<sha256>?module=<module>&record=<id>`, for signed-in users
//! who can see the record. Served as downloads.

use std::sync::Arc;

use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{IntoResponse, Request, Response, handler};
use serde::Deserialize;

use crate::App;
use crate::blobs::Blobs;

#[derive(Deserialize)]
pub struct Which {
    module: String,
    record: String,
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
    let doc = match app
        .crm
        .document_for_download(&viewer, &q.module, &q.record, &digest)
    {
        Ok(Some(d)) => d,
        Ok(None) => return (StatusCode::NOT_FOUND, "no such document").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "document lookup failed");
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
        }
    };
    match Blobs::in_data_dir(&app.config.data_dir).get(&doc.sha256) {
        Ok(bytes) => Response::builder()
            .content_type("application/pdf")
            .header(
                "content-disposition",
                super::files::disposition("attachment", &doc.file_name),
            )
            .header("cache-control", "private, max-age=3600")
            .body(bytes),
        Err(_) => (StatusCode::NOT_FOUND, "no such document").into_response(),
    }
}
