//! The HTTP surface: GraphQL (HTTP and graphql-ws), health, metrics and the embedded web app.

mod documents;
mod files;
mod graphql;
mod headers;
mod spa;
mod uploads;
mod webhook;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use poem::listener::TcpAcceptor;
use poem::web::Data;
use poem::{EndpointExt, Route, Server, get, handler, post};

use crate::App;

pub fn routes(app: Arc<App>) -> impl poem::Endpoint + 'static {
    let schema = crate::graphql::build_schema(Some(app.clone()));
    Route::new()
        .at("/graphql", post(graphql::http))
        .at("/graphql/ws", get(graphql::ws))
        .at(
            "/webhooks/whatsapp",
            get(webhook::verify).post(webhook::deliver),
        )
        .at("/uploads", post(uploads::upload))
        .at("/files/:digest", get(files::download))
        .at("/documents/:digest", get(documents::download))
        .at("/healthz", get(healthz))
        .at("/metrics", get(metrics))
        .nest("/", spa::Spa)
        .data(app.clone())
        .data(schema)
        // A panic (a bug, or a stored row that does not decode) answers 500 with no detail.
        .with(poem::middleware::CatchPanic::new())
        .around(move |ep, req| headers::around(ep, req, app.metrics.clone()))
}

/// The answer to an anonymous caller when something inside failed: a status and a fixed word,
/// never the internal error's text (paths, table names, keys); the detail goes to the log.
pub(crate) fn unavailable(what: &str, error: &dyn std::fmt::Display) -> poem::Response {
    tracing::error!(error = %error, "{what}");
    poem::Response::builder()
        .status(poem::http::StatusCode::SERVICE_UNAVAILABLE)
        .content_type("text/plain")
        .body("unavailable")
}

#[handler]
fn healthz(Data(app): Data<&Arc<App>>) -> poem::Response {
    // Every background worker must be running (the supervisor restarts one that fails; while
    // it waits to, the worker is down). Only the names are shown.
    let down = app.workers.down();
    if !down.is_empty() {
        tracing::warn!(workers = ?down, "health check: workers down");
        return poem::Response::builder()
            .status(poem::http::StatusCode::SERVICE_UNAVAILABLE)
            .content_type("text/plain")
            .body(format!("down: {}", down.join(", ")));
    }
    // Reading both proves the store and the index answer.
    match app.store.last_seq().map(|_| app.search.num_docs()) {
        Ok(_) => poem::Response::builder()
            .content_type("text/plain")
            .body("ok"),
        Err(e) => unavailable("health check failed", &e),
    }
}

#[handler]
fn metrics(Data(app): Data<&Arc<App>>) -> poem::Response {
    poem::Response::builder()
        .content_type("text/plain; version=0.0.4")
        .body(app.metrics.render())
}

/// Serves `app` on `listener` until `shutdown` resolves: it stops accepting at once, and
/// requests in flight then get up to 5 s to finish (an idle server stops at once).
pub async fn serve(
    app: Arc<App>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let acceptor = TcpAcceptor::from_tokio(listener)?;
    Server::new_with_acceptor(acceptor)
        .run_with_graceful_shutdown(routes(app), shutdown, Some(Duration::from_secs(5)))
        .await
}

pub async fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await
}
