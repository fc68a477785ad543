//! GraphQL over HTTP and over graphql-ws. Both authenticate by the session cookie or a bearer
//! token; the websocket also accepts `{ "authorization": "Bearer …" }` in `connection_init`.

use std::sync::Arc;

use async_graphql::Data as GqlData;
use async_graphql_poem::{GraphQLProtocol, GraphQLWebSocket};
use poem::http::StatusCode;
use poem::web::websocket::WebSocket;
use poem::web::{Data, RemoteAddr};
use poem::{Body, IntoResponse, Request, Response, handler};

use crate::App;
use crate::auth::Viewer;
use crate::graphql::{AppSchema, RequestCtx};

const SESSION_COOKIE: &str = "parley_session";

/// The credential a request carries: a bearer token first, else the session cookie.
pub fn credential(req: &Request) -> Option<String> {
    if let Some(h) = req.header("authorization") {
        return h.strip_prefix("Bearer ").map(|t| t.trim().to_string());
    }
    req.header("cookie")?
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string())
}

fn viewer_for(app: &App, token: Option<String>) -> Option<Viewer> {
    let token = token?;
    app.auth.authenticate(&token).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "authentication lookup failed");
        None
    })
}

fn client_addr(addr: &RemoteAddr) -> String {
    addr.as_socket_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}

#[handler]
pub async fn http(
    req: &Request,
    body: Body,
    Data(app): Data<&Arc<App>>,
    Data(schema): Data<&AppSchema>,
    remote: &RemoteAddr,
) -> Response {
    let bytes = match body.into_bytes_limit(app.config.max_body_bytes).await {
        Ok(b) => b,
        Err(poem::error::ReadBodyError::PayloadTooLarge) => {
            return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
        }
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    let gql_req: async_graphql::Request = match serde_json::from_slice(&bytes) {
        Ok(r) => r,
        Err(e) => {
            return (
                StatusCode::BAD_REQUEST,
                format!("not a GraphQL request: {e}"),
            )
                .into_response();
        }
    };
    let ctx = Arc::new(RequestCtx {
        viewer: viewer_for(app, credential(req)),
        client_addr: client_addr(remote),
        set_cookies: Default::default(),
    });
    let resp = schema.execute(gql_req.data(ctx.clone())).await;
    let mut out = Response::builder()
        .content_type("application/json")
        .header("cache-control", "no-store");
    for c in ctx.set_cookies.lock().drain(..) {
        out = out.header("set-cookie", c);
    }
    out.body(serde_json::to_vec(&resp).unwrap_or_default())
}

#[handler]
pub async fn ws(
    req: &Request,
    socket: WebSocket,
    protocol: GraphQLProtocol,
    Data(app): Data<&Arc<App>>,
    Data(schema): Data<&AppSchema>,
    remote: &RemoteAddr,
) -> impl IntoResponse {
    let schema = schema.clone();
    let app = app.clone();
    let from_cookie = viewer_for(&app, credential(req));
    let addr = client_addr(remote);
    socket
        .protocols(vec!["graphql-transport-ws", "graphql-ws"])
        .on_upgrade(move |stream| {
            GraphQLWebSocket::new(stream, schema, protocol)
                .on_connection_init(move |payload| async move {
                    let token = payload
                        .get("authorization")
                        .or_else(|| payload.get("Authorization"))
                        .and_then(|v| v.as_str())
                        .map(|s| s.strip_prefix("Bearer ").unwrap_or(s).trim().to_string());
                    let viewer = match token {
                        Some(t) => Some(
                            viewer_for(&app, Some(t))
                                .ok_or_else(|| async_graphql::Error::new("invalid credentials"))?,
                        ),
                        None => from_cookie,
                    };
                    let mut data = GqlData::default();
                    data.insert(Arc::new(RequestCtx {
                        viewer,
                        client_addr: addr,
                        set_cookies: Default::default(),
                    }));
                    Ok(data)
                })
                .serve()
        })
}
