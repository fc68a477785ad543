//! The HTTP surface: GraphQL (HTTP and graphql-ws), health, metrics and the embedded web app.

mod documents;
mod files;
mod graphql;
mod headers;
mod spa;
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
        .at("/files/:digest", get(files::download))
        .at("/documents/:digest", get(documents::download))
        .at("/healthz", get(healthz))
        .at("/metrics", get(metrics))
        .nest("/", spa::Spa)
        .data(app.clone())
        .data(schema)
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

/// Serves `app` on `listener` until `shutdown` resolves; in-flight requests then get 10 s.
pub async fn serve(
    app: Arc<App>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let acceptor = TcpAcceptor::from_tokio(listener)?;
    Server::new_with_acceptor(acceptor)
        .run_with_graceful_shutdown(routes(app), shutdown, Some(Duration::from_secs(10)))
        .await
}

pub async fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await
}
