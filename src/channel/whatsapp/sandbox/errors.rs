//! Meta's error shapes: the synchronous Graph envelope, the asynchronous webhook error
//! object, and the code table (title + HTTP status) both are built from.

use poem::http::{Method, StatusCode};
use rand::Rng;
use serde_json::{Value, json};

/// Errors of the Rust-side test hooks (the HTTP side answers with Meta error envelopes).
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("unknown phone number id {0}")]
    UnknownNumber(String),
    #[error("invalid customer wa_id {0:?}: digits only, 8 to 15 of them")]
    InvalidWaId(String),
    #[error("invalid customer message: {0}")]
    InvalidMessage(String),
    #[error("unknown media id {0}")]
    UnknownMedia(String),
    #[error("unknown template id {0}")]
    UnknownTemplate(String),
    #[error("no webhook url is set")]
    NoWebhookUrl,
    #[error("webhook verification failed: {0}")]
    Verification(String),
    #[error("the sandbox is shut down")]
    ShutDown,
}

/// `(title, HTTP status)` for the codes the sandbox emits; titles follow Meta's table.
pub(crate) fn describe(code: u32) -> (&'static str, StatusCode) {
    match code {
        0 => ("AuthException", StatusCode::UNAUTHORIZED),
        10 => ("Permission denied", StatusCode::FORBIDDEN),
        100 => ("Invalid parameter", StatusCode::BAD_REQUEST),
        190 => ("Invalid OAuth access token", StatusCode::UNAUTHORIZED),
        2200 => ("Callback verification failed", StatusCode::BAD_REQUEST),
        130429 => ("Rate limit hit", StatusCode::BAD_REQUEST),
        131000 => ("Something went wrong", StatusCode::INTERNAL_SERVER_ERROR),
        131008 => ("Required parameter is missing", StatusCode::BAD_REQUEST),
        131009 => ("Parameter value is not valid", StatusCode::BAD_REQUEST),
        131021 => ("Recipient cannot be sender", StatusCode::BAD_REQUEST),
        131026 => ("Message undeliverable", StatusCode::BAD_REQUEST),
        131047 => ("Re-engagement message", StatusCode::BAD_REQUEST),
        131051 => ("Unsupported message type", StatusCode::BAD_REQUEST),
        131053 => ("Media upload error", StatusCode::BAD_REQUEST),
        131056 => (
            "(Business Account, Consumer Account) pair rate limit hit",
            StatusCode::BAD_REQUEST,
        ),
        132000 => (
            "Number of parameters does not match the expected number of params",
            StatusCode::BAD_REQUEST,
        ),
        132001 => (
            "Template name does not exist in the translation",
            StatusCode::NOT_FOUND,
        ),
        132005 => ("Translated text too long", StatusCode::BAD_REQUEST),
        132008 => ("Template Parameter Values Invalid", StatusCode::BAD_REQUEST),
        132012 => (
            "Parameter format does not match format in the created template",
            StatusCode::BAD_REQUEST,
        ),
        132015 => ("Template is Paused", StatusCode::BAD_REQUEST),
        132016 => ("Template is Disabled", StatusCode::BAD_REQUEST),
        133005 => (
            "Two step verification PIN Mismatch",
            StatusCode::BAD_REQUEST,
        ),
        133006 => (
            "Phone number re-verification needed",
            StatusCode::BAD_REQUEST,
        ),
        133010 => ("Account not registered", StatusCode::BAD_REQUEST),
        133016 => (
            "Account register deregister rate limit exceeded",
            StatusCode::BAD_REQUEST,
        ),
        _ => ("Something went wrong", StatusCode::BAD_REQUEST),
    }
}

const HREF: &str = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

/// A synchronous Graph API error, rendered as Meta's `{"error": {...}}` envelope.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: u32,
    pub kind: &'static str,
    pub message: String,
    pub subcode: Option<u32>,
    /// `error_data.details`; Meta omits `error_data` on token and unknown-object errors.
    pub details: Option<String>,
}

impl ApiError {
    /// A WhatsApp error from the code table: message `(#code) title`.
    pub fn new(code: u32, details: impl Into<String>) -> Self {
        let (title, status) = describe(code);
        ApiError {
            status,
            code,
            kind: "OAuthException",
            message: format!("(#{code}) {title}"),
            subcode: None,
            details: Some(details.into()),
        }
    }

    pub fn invalid(details: impl Into<String>) -> Self {
        Self::new(100, details)
    }

    pub fn missing(param: &str) -> Self {
        Self::new(131008, format!("The parameter {param} is required."))
    }

    /// Missing or wrong bearer token (Meta's exact wording for an unparsable token).
    pub fn unauthorized() -> Self {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: 190,
            kind: "OAuthException",
            message: "Invalid OAuth access token - Cannot parse access token".into(),
            subcode: None,
            details: None,
        }
    }

    /// An ID that names nothing in this account (Graph's subcode-33 error).
    pub fn unknown_object(method: &Method, id: &str) -> Self {
        let verb = method.as_str().to_ascii_lowercase();
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: 100,
            kind: "GraphMethodException",
            message: format!(
                "Unsupported {verb} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api"
            ),
            subcode: Some(33),
            details: None,
        }
    }

    /// A known object without that edge, or an edge without that method.
    pub fn unsupported(method: &Method, what: &str) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: 100,
            kind: "GraphMethodException",
            message: format!(
                "Unsupported {} request on {what}",
                method.as_str().to_ascii_lowercase()
            ),
            subcode: None,
            details: None,
        }
    }

    pub fn to_json(&self) -> Value {
        let mut error = json!({
            "message": self.message,
            "type": self.kind,
            "code": self.code,
        });
        if let Some(subcode) = self.subcode {
            error["error_subcode"] = json!(subcode);
        }
        if let Some(details) = &self.details {
            error["error_data"] = json!({ "messaging_product": "whatsapp", "details": details });
        }
        error["fbtrace_id"] = json!(fbtrace_id());
        json!({ "error": error })
    }
}

/// The asynchronous error object used in `statuses[].errors` and `messages[].errors`.
pub(crate) fn webhook_error(code: u32, details: &str) -> Value {
    let (title, _) = describe(code);
    json!({
        "code": code,
        "title": title,
        "message": title,
        "error_data": { "details": details },
        "href": HREF,
    })
}

/// Meta's trace IDs look like `AI5Ob2z72R0JAUB5zOF-nao`.
pub(crate) fn fbtrace_id() -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut rng = rand::rng();
    (0..23)
        .map(|_| char::from(CHARS[rng.random_range(0..CHARS.len())]))
        .collect()
}
