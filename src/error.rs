//! One error type for the domain, with one table that maps each kind to its public code and HTTP
//! status. GraphQL and HTTP edges translate through [`Code`]; nothing else invents codes.

use serde_json::Value;

use crate::i18n::{Lang, Text, localize};

/// Stable, public error codes (CONTRACT.md). The string form is what clients see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    Unauthenticated,
    Forbidden,
    NotFound,
    Validation,
    Conflict,
    WindowClosed,
    TemplateNotApproved,
    InsufficientCredits,
    PaymentFailed,
    /// The recipient opted out of WhatsApp messages (N8).
    OptedOut,
    RateLimited,
    /// An operation that asks for too much work at once (complexity, depth, repeated exports).
    TooComplex,
    /// A response larger than the configured cap.
    TooLarge,
    Upstream,
    Internal,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Unauthenticated => "UNAUTHENTICATED",
            Code::Forbidden => "FORBIDDEN",
            Code::NotFound => "NOT_FOUND",
            Code::Validation => "VALIDATION",
            Code::Conflict => "CONFLICT",
            Code::WindowClosed => "WINDOW_CLOSED",
            Code::TemplateNotApproved => "TEMPLATE_NOT_APPROVED",
            Code::InsufficientCredits => "INSUFFICIENT_CREDITS",
            Code::PaymentFailed => "PAYMENT_FAILED",
            Code::OptedOut => "OPTED_OUT",
            Code::RateLimited => "RATE_LIMITED",
            Code::TooComplex => "TOO_COMPLEX",
            Code::TooLarge => "TOO_LARGE",
            Code::Upstream => "UPSTREAM",
            Code::Internal => "INTERNAL",
        }
    }

    pub fn http_status(self) -> u16 {
        match self {
            Code::Unauthenticated => 401,
            Code::Forbidden => 403,
            Code::NotFound => 404,
            Code::Validation => 400,
            Code::Conflict | Code::WindowClosed | Code::TemplateNotApproved => 409,
            Code::InsufficientCredits | Code::PaymentFailed => 402,
            Code::OptedOut => 409,
            Code::RateLimited => 429,
            Code::TooComplex => 400,
            Code::TooLarge => 413,
            Code::Upstream => 502,
            Code::Internal => 500,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("sign in first")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(String),
    /// A rejected input; `field` names what was wrong so the UI can point at it.
    #[error("{message}")]
    Validation {
        field: Option<String>,
        message: Text,
    },
    #[error("{0}")]
    Conflict(String),
    #[error("the 24-hour reply window is closed")]
    WindowClosed { expired_at: Option<String> },
    #[error("template is not approved (status {0})")]
    TemplateNotApproved(String),
    #[error(
        "not enough credits: this send costs {needed}, {available} is available; buy credits or ask an administrator to top up"
    )]
    InsufficientCredits { needed: String, available: String },
    #[error("payment failed: {0}")]
    PaymentFailed(String),
    #[error("{0}")]
    OptedOut(String),
    #[error("too many attempts; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("{0}")]
    TooComplex(String),
    #[error("{0}")]
    TooLarge(String),
    /// Meta's own words; the code says it was WhatsApp (the web app's headline names it), so
    /// the message does not repeat it.
    #[error("{message}")]
    Upstream {
        meta_code: Option<i64>,
        message: String,
    },
    #[error("storage: {0}")]
    Store(String),
    #[error("internal: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn validation(field: impl Into<String>, message: impl Into<Text>) -> Self {
        Error::Validation {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<Text>) -> Self {
        Error::Validation {
            field: None,
            message: message.into(),
        }
    }

    /// The message in `lang` (what the API answers; README, Decisions).
    pub fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Error::Validation { message, .. } => message.in_lang(lang),
            Error::NotFound(what) => match localize(what, lang).as_str() {
                w if w == what => localize(&self.to_string(), lang),
                w => format!("{w} nicht gefunden"),
            },
            Error::WindowClosed { .. } => localize(&self.to_string(), lang),
            Error::TemplateNotApproved(status) => {
                format!("Die Vorlage ist nicht genehmigt (Status {status})")
            }
            Error::InsufficientCredits { needed, available } => format!(
                "Nicht genug Guthaben: Dieser Versand kostet {needed}, verfügbar sind {available}; kaufen Sie Guthaben oder bitten Sie einen Administrator, es aufzuladen"
            ),
            Error::PaymentFailed(why) => format!("Zahlung fehlgeschlagen: {}", localize(why, lang)),
            Error::RateLimited { retry_after_secs } => {
                format!("Zu viele Versuche; bitte in {retry_after_secs} s erneut versuchen")
            }
            Error::Store(_) | Error::Internal(_) => "Interner Fehler".to_string(),
            other => localize(&other.to_string(), lang),
        }
    }

    pub fn code(&self) -> Code {
        match self {
            Error::Unauthenticated => Code::Unauthenticated,
            Error::Forbidden(_) => Code::Forbidden,
            Error::NotFound(_) => Code::NotFound,
            Error::Validation { .. } => Code::Validation,
            Error::Conflict(_) => Code::Conflict,
            Error::WindowClosed { .. } => Code::WindowClosed,
            Error::TemplateNotApproved(_) => Code::TemplateNotApproved,
            Error::InsufficientCredits { .. } => Code::InsufficientCredits,
            Error::PaymentFailed(_) => Code::PaymentFailed,
            Error::OptedOut(_) => Code::OptedOut,
            Error::RateLimited { .. } => Code::RateLimited,
            Error::TooComplex(_) => Code::TooComplex,
            Error::TooLarge(_) => Code::TooLarge,
            Error::Upstream { .. } => Code::Upstream,
            Error::Store(_) | Error::Internal(_) => Code::Internal,
        }
    }

    /// Extra machine-readable details beside the code (field names, Meta's code, times).
    pub fn extensions(&self) -> Vec<(&'static str, Value)> {
        match self {
            Error::Validation { field: Some(f), .. } => vec![("field", Value::from(f.clone()))],
            Error::WindowClosed {
                expired_at: Some(t),
            } => vec![("windowExpiresAt", Value::from(t.clone()))],
            Error::InsufficientCredits { needed, available } => vec![
                ("needed", Value::from(needed.clone())),
                ("available", Value::from(available.clone())),
            ],
            Error::RateLimited { retry_after_secs } => {
                vec![("retryAfter", Value::from(*retry_after_secs))]
            }
            Error::Upstream {
                meta_code: Some(c), ..
            } => vec![("metaCode", Value::from(*c))],
            _ => vec![],
        }
    }
}

macro_rules! store_error_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Self { Error::Store(e.to_string()) }
        }
    )*};
}
store_error_from!(
    redb::Error,
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    tantivy::TantivyError,
    tantivy::directory::error::OpenDirectoryError
);
