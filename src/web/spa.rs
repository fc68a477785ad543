//! The embedded single-page app: hashed assets cached for a year, `index.html` never cached,
//! and every unknown path answered with `index.html` so client routes deep-link.

use poem::http::{Method, StatusCode};
use poem::{Endpoint, Request, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "$CARGO_MANIFEST_DIR/frontend/dist"]
struct Assets;

pub struct Spa;

impl Endpoint for Spa {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return Ok(Response::builder()
                .status(StatusCode::METHOD_NOT_ALLOWED)
                .finish());
        }
        let path = req.uri().path().trim_start_matches('/');
        if let Some(file) = (!path.is_empty()).then(|| Assets::get(path)).flatten() {
            let mime = mime_guess::from_path(path).first_or_octet_stream();
            let cache = if path.starts_with("assets/") {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            return Ok(Response::builder()
                .content_type(mime.as_ref())
                .header("cache-control", cache)
                .body(file.data.into_owned()));
        }
        if path.starts_with("assets/") {
            return Ok(Response::builder()
                .status(StatusCode::NOT_FOUND)
                .body("not found"));
        }
        let index = Assets::get("index.html")
            .map(|f| f.data.into_owned())
            .unwrap_or_default();
        Ok(Response::builder()
            .content_type("text/html; charset=utf-8")
            .header("cache-control", "no-cache")
            .body(index))
    }
}
