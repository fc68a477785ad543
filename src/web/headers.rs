//! Security headers and request metrics on every response.

use std::time::Instant;

use poem::http::HeaderValue;
use poem::{Endpoint, IntoResponse, Request, Response};

use crate::metrics::Metrics;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data: blob:; connect-src 'self' ws: wss:; font-src 'self' data:; \
                   object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub async fn around<E: Endpoint>(
    next: E,
    req: Request,
    metrics: Metrics,
) -> poem::Result<Response> {
    let started = Instant::now();
    let route = route_label(req.uri().path());
    let mut resp = match next.call(req).await {
        Ok(r) => r.into_response(),
        Err(e) => e.into_response(),
    };
    let h = resp.headers_mut();
    h.insert("content-security-policy", HeaderValue::from_static(CSP));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    metrics.observe_request(
        route,
        resp.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    Ok(resp)
}

/// A bounded set of labels, so client routes cannot blow up the metric's cardinality.
fn route_label(path: &str) -> &'static str {
    match path {
        "/graphql" => "/graphql",
        "/graphql/ws" => "/graphql/ws",
        "/healthz" => "/healthz",
        "/metrics" => "/metrics",
        "/uploads" => "/uploads",
        p if p.starts_with("/files/") => "/files",
        p if p.starts_with("/webhooks/whatsapp") => "/webhooks/whatsapp",
        p if p.starts_with("/assets/") => "/assets",
        _ => "/app",
    }
}
