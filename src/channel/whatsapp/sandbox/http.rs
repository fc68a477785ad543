//! Request plumbing: bearer auth, Graph path dispatch (`/{version}/{id}[/{edge}]`), and
//! rendering results as Meta-style JSON or error envelopes.

use std::collections::HashMap;
use std::sync::Arc;

use poem::http::StatusCode;
use poem::{Request, Response};
use serde_json::{Map, Value, json};

use super::Shared;
use super::errors::ApiError;
use super::state::Kind;
use super::{
    customer, routes_account as account, routes_media as media, routes_messages as messages,
};
use super::{params, routes_templates as templates, webhooks};

/// What a handler produced.
pub(crate) enum Reply {
    Json(Value),
    Bytes {
        data: Vec<u8>,
        mime: String,
    },
    /// Plain 404, as Meta answers expired media URLs.
    NotFound,
}

/// One request, already read: its parameters merged from the query string and the body
/// (JSON, urlencoded or multipart; see [`params`]).
pub(crate) struct Call {
    pub method: String,
    /// The `vNN.N` prefix the client used, for `paging.next` links.
    pub version: String,
    params: Map<String, Value>,
    /// Scalar parameters as text.
    flat: HashMap<String, String>,
    /// File parts of a multipart body.
    pub files: Vec<params::FilePart>,
}

impl Call {
    /// Every parameter, wherever the client put it; body values win over the query string.
    pub fn params(&self) -> Result<Map<String, Value>, ApiError> {
        Ok(self.params.clone())
    }

    /// A scalar parameter as text (numbers and booleans written out).
    pub fn query(&self, key: &str) -> Option<&str> {
        self.flat.get(key).map(String::as_str)
    }

    /// The first file part named `name`.
    pub fn file(&self, name: &str) -> Option<&params::FilePart> {
        self.files.iter().find(|f| f.name == name)
    }
}

pub(crate) async fn handle(inner: Arc<Shared>, mut req: Request) -> Response {
    let query: Vec<(String, String)> = req
        .uri()
        .query()
        .map(|q| params::decode_form(q.as_bytes()))
        .unwrap_or_default();
    let body = match req.take_body().into_vec().await {
        Ok(body) => body,
        Err(err) => {
            return render(Err(ApiError::invalid(format!(
                "Could not read the request body: {err}"
            ))));
        }
    };
    let parsed = params::parse(&query, req.content_type(), &body);
    let header_token = bearer(&req);
    let token = header_token.or_else(|| parsed.as_ref().ok().and_then(|p| p.access_token.clone()));
    if !token.is_some_and(|t| !t.is_empty() && t == inner.cfg.token) {
        return render(Err(ApiError::unauthorized()));
    }
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(err) => return render(Err(err)),
    };
    let path = req.uri().path().to_owned();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let call = Call {
        method: req.method().as_str().to_owned(),
        version: segments
            .first()
            .filter(|v| is_version(v))
            .map_or_else(|| "v23.0".to_owned(), |v| (*v).to_owned()),
        flat: params::flatten(&parsed.map),
        params: parsed.map,
        files: parsed.files,
    };
    let result = match segments.as_slice() {
        ["media-download", id] if call.method == "GET" => media::download(&inner, id, &call),
        ["sandbox", "customer", pnid, "messages"] if call.method == "POST" => {
            customer_http(&inner, pnid, &call)
        }
        [version, "app"] if is_version(version) && call.method == "GET" => {
            Ok(Reply::Json(super::routes_uploads::app()))
        }
        [version, app, "uploads"]
            if is_version(version)
                && *app == super::routes_uploads::APP_ID
                && call.method == "POST" =>
        {
            super::routes_uploads::start(&inner, &call).map(Reply::Json)
        }
        [version, session] if is_version(version) && session.starts_with("upload:") => {
            super::routes_uploads::finish(&inner, session, req.header("file_offset"), &body)
                .map(Reply::Json)
        }
        [version, id] if is_version(version) => graph(&inner, &call, id, None).await,
        [version, id, edge] if is_version(version) => graph(&inner, &call, id, Some(edge)).await,
        _ => Err(ApiError::invalid(format!(
            "Unknown path components: {path}"
        ))),
    };
    // Durable before acknowledged: whatever the call changed is on disk before it answers.
    let result = match inner.persisted().await {
        Ok(()) => result,
        Err(err) => Err(err),
    };
    render(result)
}

/// `Authorization: Bearer <token>`; `access_token` may also come as a parameter, like Graph.
fn bearer(req: &Request) -> Option<String> {
    req.header("authorization")
        .and_then(|h| h.split_once(' '))
        .filter(|(scheme, _)| {
            scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("oauth")
        })
        .map(|(_, token)| token.trim().to_owned())
}

/// `v23.0`, `v26.0`, ...
fn is_version(segment: &str) -> bool {
    segment
        .strip_prefix('v')
        .and_then(|v| v.split_once('.'))
        .is_some_and(|(major, minor)| {
            !major.is_empty()
                && !minor.is_empty()
                && major.bytes().all(|b| b.is_ascii_digit())
                && minor.bytes().all(|b| b.is_ascii_digit())
        })
}

async fn graph(
    inner: &Arc<Shared>,
    call: &Call,
    id: &str,
    edge: Option<&str>,
) -> Result<Reply, ApiError> {
    let method = call.method.as_str();
    let kind = inner.state.lock().kind(id, inner.now());
    let Some(kind) = kind else {
        return Err(ApiError::unknown_object(&method_of(method), id));
    };
    let json = match (kind, edge, method) {
        (Kind::Waba, None, "GET") => account::waba(inner, call),
        (Kind::Waba, Some("phone_numbers"), "GET") => account::list_numbers(inner, call),
        (Kind::Waba, Some("subscribed_apps"), _) => account::subscribed_apps(inner, call).await,
        (Kind::Waba, Some("message_templates"), "GET") => templates::list(inner, id, call),
        (Kind::Waba, Some("message_templates"), "POST") => templates::create(inner, call),
        (Kind::Waba, Some("message_templates"), "DELETE") => templates::delete(inner, call),
        (Kind::Number, None, "GET") => account::get_number(inner, id, call),
        (Kind::Number, None, "POST") => account::set_pin(inner, id, call),
        (Kind::Number, Some("register"), "POST") => account::register(inner, id, call),
        (Kind::Number, Some("deregister"), "POST") => account::deregister(inner, id),
        (Kind::Number, Some("request_code"), "POST") => account::request_code(call),
        (Kind::Number, Some("verify_code"), "POST") => account::verify_code(inner, id, call),
        (Kind::Number, Some("whatsapp_business_profile"), "GET") => {
            account::get_profile(inner, id, call)
        }
        (Kind::Number, Some("whatsapp_business_profile"), "POST") => {
            account::set_profile(inner, id, call)
        }
        (Kind::Number, Some("messages"), "POST") => messages::send(inner, id, call),
        (Kind::Number, Some("media"), "POST") => media::upload(inner, call),
        (Kind::Template, None, "GET") => templates::get(inner, id, call),
        (Kind::Template, None, "POST") => templates::edit(inner, id, call),
        (Kind::Media, None, "GET") => media::get(inner, id, call),
        (Kind::Media, None, "DELETE") => media::delete(inner, id),
        (kind, Some(edge), _) => Err(ApiError::invalid(format!(
            "Tried accessing nonexisting field ({edge}) on node type ({})",
            node_type(kind)
        ))),
        (kind, None, _) => Err(ApiError::unsupported(&method_of(method), node_type(kind))),
    }?;
    Ok(Reply::Json(json))
}

fn node_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Waba => "WhatsAppBusinessAccount",
        Kind::Number => "WhatsAppBusinessPhoneNumber",
        Kind::Template => "WhatsAppMessageTemplate",
        Kind::Media => "WhatsAppBusinessMedia",
    }
}

fn method_of(method: &str) -> poem::http::Method {
    poem::http::Method::from_bytes(method.as_bytes()).unwrap_or_default()
}

/// `POST /sandbox/customer/{pnid}/messages` `{from, name, message}` -> `{"id": wamid}`.
fn customer_http(inner: &Arc<Shared>, pnid: &str, call: &Call) -> Result<Reply, ApiError> {
    let params = call.params()?;
    let from = params
        .get("from")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::missing("from"))?;
    let name = params
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let message = params
        .get("message")
        .cloned()
        .ok_or_else(|| ApiError::missing("message"))?;
    match customer::inject(inner, pnid, from, name, message) {
        Ok(wamid) => Ok(Reply::Json(json!({ "id": wamid }))),
        Err(super::SandboxError::UnknownNumber(id)) => {
            Err(ApiError::unknown_object(&poem::http::Method::POST, &id))
        }
        Err(err) => Err(ApiError::invalid(err.to_string())),
    }
}

pub(crate) fn render(result: Result<Reply, ApiError>) -> Response {
    match result {
        Ok(Reply::Json(value)) => json_response(StatusCode::OK, &value),
        Ok(Reply::Bytes { data, mime }) => Response::builder().content_type(mime).body(data),
        Ok(Reply::NotFound) => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body("Not Found"),
        Err(err) => {
            let response = json_response(err.status, &err.to_json());
            if err.status == StatusCode::UNAUTHORIZED {
                let mut response = response;
                if let Ok(value) = poem::http::HeaderValue::from_str(&format!(
                    "OAuth \"Facebook Platform\" \"invalid_token\" \"{}\"",
                    err.message
                )) {
                    response.headers_mut().insert("www-authenticate", value);
                }
                return response;
            }
            response
        }
    }
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    Response::builder()
        .status(status)
        .content_type("application/json; charset=UTF-8")
        .body(webhooks::to_meta_json(value))
}
