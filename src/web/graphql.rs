//! GraphQL over HTTP and over graphql-ws. Both authenticate by the session cookie or a bearer
//! token; the websocket also accepts `{ "authorization": "Bearer …" }` in `connection_init`.
//!
//! Requests a browser could be tricked into sending (no bearer token, so the cookie speaks) must
//! look like our own web app's: `POST /graphql` needs `Content-Type: application/json` (which a
//! cross-site form or `text/plain` fetch cannot send without a CORS preflight we never grant) and
//! a same-origin `Origin` when one is sent; a cookie-authenticated websocket needs a same-origin
//! `Origin`. A websocket outlives no session: each client message and each change of the user
//! re-checks the credential, and the socket closes (4401 session ended, 4403 rights changed)
//! when it no longer holds.

use std::sync::Arc;

use async_graphql::Data as GqlData;
use async_graphql::http::WsMessage;
use async_graphql_poem::GraphQLProtocol;
use futures_util::{SinkExt, StreamExt, future};
use parking_lot::Mutex;
use poem::http::StatusCode;
use poem::web::websocket::{Message, WebSocket, WebSocketStream};
use poem::web::{Data, RemoteAddr};
use poem::{Body, IntoResponse, Request, Response, handler};
use tokio::sync::broadcast::error::RecvError;

use crate::App;
use crate::auth::{User, Viewer};
use crate::config::Config;
use crate::events::Event;
use crate::graphql::{AppSchema, RequestCtx};

const SESSION_COOKIE: &str = "parley_session";

/// The credential a request carries: a bearer token first, else the session cookie.
pub fn credential(req: &Request) -> Option<String> {
    if let Some(h) = req.header("authorization") {
        return h.strip_prefix("Bearer ").map(|t| t.trim().to_string());
    }
    session_cookie(req)
}

fn session_cookie(req: &Request) -> Option<String> {
    req.header("cookie")?
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string())
}

/// `scheme://host[:port]`, lowercased, without the scheme's default port.
fn normalize_origin(scheme: &str, authority: &str) -> String {
    let scheme = scheme.to_ascii_lowercase();
    let authority = authority.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" | "wss" => ":443",
        _ => ":80",
    };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    format!("{scheme}://{authority}")
}

/// The origin of a URL such as `PARLEY_PUBLIC_URL` (`https://crm.example.com/parley` →
/// `https://crm.example.com`).
fn origin_of_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then(|| normalize_origin(scheme, authority))
}

/// Whether the request's `Origin` (when a browser sent one) is this server: the configured
/// public URL's origin, or the origin the request itself was addressed to (its `Host`).
/// Requests without `Origin` are not from a browser's cross-site context and pass.
pub fn same_origin(req: &Request, config: &Config) -> bool {
    let Some(origin) = req.header("origin") else {
        return true;
    };
    let Some(origin) = origin_of_url(origin) else {
        return false; // `null` and other opaque origins
    };
    if config.public_url.as_deref().and_then(origin_of_url) == Some(origin.clone()) {
        return true;
    }
    let host = req
        .header("host")
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()));
    let Some(host) = host else {
        return false;
    };
    ["http", "https"]
        .iter()
        .any(|scheme| normalize_origin(scheme, &host) == origin)
}

/// Refuses a cookie (or anonymous) `POST /graphql` a foreign page could have sent.
fn refuse_cross_site(req: &Request, config: &Config) -> Option<Response> {
    if req.header("authorization").is_some() {
        return None; // bearer clients: no ambient credential to abuse
    }
    let json = req
        .header("content-type")
        .and_then(|c| c.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Some(
            (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "POST /graphql takes Content-Type: application/json",
            )
                .into_response(),
        );
    }
    if !same_origin(req, config) {
        return Some((StatusCode::FORBIDDEN, "cross-origin request refused").into_response());
    }
    None
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
    // Checked before the body is read or anything runs.
    if let Some(refused) = refuse_cross_site(req, &app.config) {
        return refused;
    }
    let bytes = match body.into_bytes_limit(app.config.max_body_bytes).await {
        Ok(b) => b,
        Err(poem::error::ReadBodyError::PayloadTooLarge) => {
            return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
        }
        Err(e) => {
            tracing::debug!(error = %e, "could not read a GraphQL request body");
            return (StatusCode::BAD_REQUEST, "could not read the request body").into_response();
        }
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
    // The user's language setting, else the browser's (README, Decisions).
    let lang = match &ctx.viewer {
        Some(v) => crate::i18n::Lang::from(v.user.language),
        None => crate::i18n::Lang::from_accept_language(
            req.header("accept-language").unwrap_or_default(),
        ),
    };
    let resp = crate::i18n::scope(lang, schema.execute(gql_req.data(ctx.clone()))).await;
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
) -> Response {
    // A browser sends the cookie with any page's websocket: only our own origin may use it.
    if req.header("authorization").is_none()
        && session_cookie(req).is_some()
        && !same_origin(req, &app.config)
    {
        return (StatusCode::FORBIDDEN, "cross-origin websocket refused").into_response();
    }
    let schema = schema.clone();
    let app = app.clone();
    let from_cookie = viewer_for(&app, credential(req));
    let addr = client_addr(remote);
    socket
        .protocols(vec!["graphql-transport-ws", "graphql-ws"])
        .on_upgrade(move |stream| serve_ws(stream, schema, protocol, app, from_cookie, addr))
        .into_response()
}

/// Why a websocket is closed under its client.
type CloseReason = (u16, &'static str);

/// Whether the connection's credential still stands for the same rights it had at
/// `connection_init`. The role, administrator flag and active flag shape everything the
/// connection's resolvers decide, so any change of them ends the connection (the client
/// reconnects and gets the user as they are now).
fn recheck(app: &App, at_init: &Viewer) -> Result<(), CloseReason> {
    let same_rights = |u: &User| {
        u.active == at_init.user.active
            && u.is_admin == at_init.user.is_admin
            && u.role_id == at_init.user.role_id
    };
    match app.auth.authenticate(&at_init.token) {
        Ok(Some(now)) if same_rights(&now.user) => Ok(()),
        Ok(Some(_)) => Err((4403, "your rights changed; reconnect")),
        Ok(None) => Err((4401, "the session ended")),
        Err(e) => {
            tracing::error!(error = %e, "could not re-check a websocket's session");
            Err((1011, "internal error"))
        }
    }
}

/// Most operations one connection may have running at once, and the longest operation id:
/// each running subscription holds a bus receiver, so a client may not open them without end.
const MAX_OPERATIONS: usize = 64;
const MAX_OPERATION_ID: usize = 128;

/// The ids of a connection's running operations, followed from the frames both ways.
#[derive(Default)]
struct Operations(std::collections::HashSet<String>);

#[derive(serde::Deserialize)]
struct Frame {
    #[serde(rename = "type")]
    kind: String,
    id: Option<String>,
}

impl Operations {
    fn incoming(&mut self, raw: &[u8]) -> Result<(), CloseReason> {
        let Ok(Frame { kind, id: Some(id) }) = serde_json::from_slice::<Frame>(raw) else {
            return Ok(()); // not an operation frame; the protocol layer judges it
        };
        match kind.as_str() {
            "subscribe" | "start" => {
                if id.len() > MAX_OPERATION_ID {
                    return Err((4400, "operation id too long"));
                }
                if !self.0.contains(&id) && self.0.len() >= MAX_OPERATIONS {
                    return Err((1008, "too many operations at once"));
                }
                self.0.insert(id);
            }
            "complete" | "stop" => {
                self.0.remove(&id);
            }
            _ => {}
        }
        Ok(())
    }

    fn outgoing(&mut self, text: &str) {
        // The server's frames put `type` first; only `complete` ends an operation.
        if text.starts_with(r#"{"type":"complete""#)
            && let Ok(Frame { id: Some(id), .. }) = serde_json::from_str::<Frame>(text)
        {
            self.0.remove(&id);
        }
    }
}

/// `GraphQLWebSocket::serve` with a guard: the connection's session is re-checked before each
/// client message and whenever the bus says its user or sessions changed.
async fn serve_ws(
    stream: WebSocketStream,
    schema: AppSchema,
    protocol: GraphQLProtocol,
    app: Arc<App>,
    from_cookie: Option<Viewer>,
    addr: String,
) {
    let (mut sink, incoming) = stream.split();
    let signed_in: Arc<Mutex<Option<Viewer>>> = Arc::default();
    let ended: Arc<Mutex<Option<CloseReason>>> = Arc::default();
    let ops: Arc<Mutex<Operations>> = Arc::default();
    let incoming = {
        let (app, signed_in, ended, ops) =
            (app.clone(), signed_in.clone(), ended.clone(), ops.clone());
        incoming
            .take_while(|res| future::ready(res.is_ok()))
            .filter_map(|res| future::ready(res.ok()))
            .filter(|msg| future::ready(msg.is_text() || msg.is_binary()))
            .take_while(move |msg| {
                let verdict = signed_in
                    .lock()
                    .as_ref()
                    .map_or(Ok(()), |v| recheck(&app, v))
                    .and_then(|()| ops.lock().incoming(msg.as_bytes()));
                if let Err(reason) = verdict {
                    *ended.lock() = Some(reason);
                }
                future::ready(ended.lock().is_none())
            })
            .map(Message::into_bytes)
    };
    let on_init = {
        let (app, signed_in) = (app.clone(), signed_in.clone());
        move |payload: serde_json::Value| async move {
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
            signed_in.lock().clone_from(&viewer);
            let mut data = GqlData::default();
            data.insert(Arc::new(RequestCtx {
                viewer,
                client_addr: addr,
                set_cookies: Default::default(),
            }));
            Ok(data)
        }
    };
    let gql = async_graphql::http::WebSocket::new(schema, incoming, protocol.0)
        .on_connection_init(on_init)
        .map(|msg| match msg {
            WsMessage::Text(text) => {
                ops.lock().outgoing(&text);
                Message::text(text)
            }
            WsMessage::Close(code, status) => Message::close_with(code, status),
        });
    futures_util::pin_mut!(gql);
    let mut bus = app.bus.subscribe();
    let mut bus_open = true;
    loop {
        tokio::select! {
            out = gql.next() => match out {
                Some(msg) => {
                    if sink.send(msg).await.is_err() {
                        return;
                    }
                }
                None => break,
            },
            ev = bus.recv(), if bus_open => {
                // Whose user or sessions changed (`None`: events were missed, so anyone's).
                let who = match &ev {
                    Ok(c) => match &c.event {
                        Event::UserChanged { user_id } | Event::SessionsEnded { user_id } => {
                            Some(Some(user_id.clone()))
                        }
                        _ => None,
                    },
                    Err(RecvError::Lagged(_)) => Some(None),
                    Err(RecvError::Closed) => {
                        bus_open = false;
                        None
                    }
                };
                let Some(who) = who else { continue };
                let me = signed_in.lock().clone();
                if let Some(me) = me
                    && who.is_none_or(|u| u == me.user.id)
                    && let Err(reason) = recheck(&app, &me)
                {
                    *ended.lock() = Some(reason);
                    break;
                }
            }
        }
    }
    let reason = ended.lock().take();
    if let Some((code, why)) = reason {
        let _ = sink.send(Message::close_with(code, why)).await;
    }
}
