//! One configuration struct: defaults, then an optional TOML file, then `PARLEY_*` environment
//! variables, then command-line flags. Secrets are redacted from `Debug`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Holds `parley.redb`, `index/` and `blobs/`.
    pub data_dir: PathBuf,
    pub listen: SocketAddr,
    /// ISO country for national phone numbers, e.g. `DE`.
    pub default_country: String,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    /// Largest GraphQL response, in bytes; a larger one is replaced by a `TOO_LARGE` error.
    pub max_response_bytes: usize,
    /// Public URL of this server, used in links and as the webhook address given to the simulator.
    pub public_url: Option<String>,
    /// Graph API base, e.g. `https://graph.facebook.com`.
    pub graph_base_url: String,
    pub graph_version: String,
    /// Key that encrypts stored WhatsApp secrets; generated under the data dir when absent.
    pub secret_key: Option<String>,
    /// Messages per second per number the sender keeps to (Meta's default throughput is 80).
    pub messages_per_second: u32,
    /// Inbound media downloads running at once.
    pub media_fetch_concurrency: u32,
    /// How often the retention rules run.
    pub prune_interval_minutes: u32,
    /// Change-log entries kept this long (and always until the search index applied them).
    pub retention_changelog_days: u32,
    /// Notifications kept this long, and at most this many per user (newest kept).
    pub retention_notification_days: u32,
    pub retention_notifications_per_user: u32,
    /// Statuses for messages we do not know kept this long.
    pub retention_pending_status_days: u32,
    /// Jobs that gave up (with their last error) kept this long.
    pub retention_failed_jobs_days: u32,
    /// The credit wallet's currency (`EUR`, `USD`); fixed once the wallet exists.
    pub currency: String,
    /// Meta's billing model for the account: `pmp` (per message, default) or `cbp` (per
    /// conversation).
    pub pricing_model: String,
    /// `simulated` (demo) or none: administrators then record manual top-ups.
    pub payment_gateway: Option<String>,
    /// Audit entries kept this long (0 keeps them for ever).
    pub retention_audit_days: u32,
    /// Outgoing-webhook deliveries (the delivery log) kept this long.
    pub retention_webhook_deliveries_days: u32,
    /// Uploads (`POST /uploads`) kept this long; one never attached to a message is gone then.
    pub retention_uploads_hours: u32,
    /// Where scheduled backups go; none: no scheduled backups.
    pub backup_dir: Option<PathBuf>,
    /// Hours between scheduled backups.
    pub backup_interval_hours: u32,
    /// Scheduled backups kept (the oldest beyond this are deleted).
    pub backup_keep: u32,
    /// Deliver outgoing webhooks to private, link-local and loopback addresses too.
    pub webhook_allow_private: bool,
    /// Deliver outgoing webhooks to loopback addresses (the demo allows it).
    pub webhook_allow_loopback: bool,
    /// Tries per outgoing webhook delivery (retries back off from 10 s to 8 h).
    pub webhook_max_attempts: u32,
    /// Deliveries failed in a row after which a subscription is switched off.
    pub webhook_disable_after: u32,
}

/// Default cap on one GraphQL response (`PARLEY_MAX_RESPONSE_BYTES`).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("./parley-data"),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            default_country: "DE".into(),
            max_body_bytes: 4 * 1024 * 1024,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            public_url: None,
            graph_base_url: "https://graph.facebook.com".into(),
            graph_version: "v23.0".into(),
            secret_key: None,
            messages_per_second: 80,
            media_fetch_concurrency: 4,
            prune_interval_minutes: 60,
            retention_changelog_days: 7,
            retention_notification_days: 90,
            retention_notifications_per_user: 500,
            retention_pending_status_days: 7,
            retention_failed_jobs_days: 30,
            currency: "EUR".into(),
            pricing_model: "pmp".into(),
            payment_gateway: None,
            retention_audit_days: 365,
            retention_webhook_deliveries_days: 30,
            retention_uploads_hours: 24,
            backup_dir: None,
            backup_interval_hours: 24,
            backup_keep: 7,
            webhook_allow_private: false,
            webhook_allow_loopback: false,
            webhook_max_attempts: 10,
            webhook_disable_after: 5,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("data_dir", &self.data_dir)
            .field("listen", &self.listen)
            .field("default_country", &self.default_country)
            .field("graph_base_url", &self.graph_base_url)
            .field("graph_version", &self.graph_version)
            .field(
                "secret_key",
                &self.secret_key.as_ref().map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {0}: {1}")]
    Read(String, std::io::Error),
    #[error("config file {0}: {1}")]
    Parse(String, toml::de::Error),
    #[error("environment variable {0}: {1}")]
    Env(String, String),
}

impl Config {
    /// Whether the server is reached over https (`public_url` says so): the session cookie is
    /// then marked `Secure`.
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.trim().to_ascii_lowercase().starts_with("https://"))
    }

    /// Defaults, overlaid by `file` when given, then by `PARLEY_*` variables.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut cfg = match file {
            Some(p) => {
                let name = p.display().to_string();
                let text =
                    std::fs::read_to_string(p).map_err(|e| ConfigError::Read(name.clone(), e))?;
                toml::from_str(&text).map_err(|e| ConfigError::Parse(name, e))?
            }
            None => Config::default(),
        };
        cfg.apply_env(|k| std::env::var(k).ok())?;
        Ok(cfg)
    }

    fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let bad = |k: &str, e: String| ConfigError::Env(k.to_string(), e);
        if let Some(v) = get("PARLEY_DATA_DIR") {
            self.data_dir = v.into();
        }
        if let Some(v) = get("PARLEY_LISTEN") {
            self.listen = v
                .parse()
                .map_err(|e: std::net::AddrParseError| bad("PARLEY_LISTEN", e.to_string()))?;
        }
        if let Some(v) = get("PARLEY_DEFAULT_COUNTRY") {
            self.default_country = v;
        }
        if let Some(v) = get("PARLEY_MAX_BODY_BYTES") {
            self.max_body_bytes = v.parse().map_err(|e: std::num::ParseIntError| {
                bad("PARLEY_MAX_BODY_BYTES", e.to_string())
            })?;
        }
        if let Some(v) = get("PARLEY_MAX_RESPONSE_BYTES") {
            self.max_response_bytes = v.parse().map_err(|e: std::num::ParseIntError| {
                bad("PARLEY_MAX_RESPONSE_BYTES", e.to_string())
            })?;
        }
        if let Some(v) = get("PARLEY_PUBLIC_URL") {
            self.public_url = Some(v);
        }
        if let Some(v) = get("PARLEY_GRAPH_BASE_URL") {
            self.graph_base_url = v;
        }
        if let Some(v) = get("PARLEY_GRAPH_VERSION") {
            self.graph_version = v;
        }
        if let Some(v) = get("PARLEY_MESSAGES_PER_SECOND") {
            self.messages_per_second = v.parse().map_err(|e: std::num::ParseIntError| {
                bad("PARLEY_MESSAGES_PER_SECOND", e.to_string())
            })?;
        }
        if let Some(v) = get("PARLEY_CURRENCY") {
            self.currency = v;
        }
        if let Some(v) = get("PARLEY_PRICING_MODEL") {
            self.pricing_model = v;
        }
        if let Some(v) = get("PARLEY_PAYMENT_GATEWAY") {
            self.payment_gateway = Some(v).filter(|v| !v.is_empty());
        }
        if let Some(v) = get("PARLEY_SECRET_KEY") {
            self.secret_key = Some(v);
        }
        if let Some(v) = get("PARLEY_BACKUP_DIR") {
            self.backup_dir = Some(PathBuf::from(v)).filter(|p| !p.as_os_str().is_empty());
        }
        for (key, field) in [
            (
                "PARLEY_WEBHOOK_ALLOW_PRIVATE",
                &mut self.webhook_allow_private,
            ),
            (
                "PARLEY_WEBHOOK_ALLOW_LOOPBACK",
                &mut self.webhook_allow_loopback,
            ),
        ] {
            if let Some(v) = get(key) {
                *field = v
                    .parse()
                    .map_err(|e: std::str::ParseBoolError| bad(key, e.to_string()))?;
            }
        }
        let more: [(&str, &mut u32); 7] = [
            (
                "PARLEY_RETENTION_UPLOADS_HOURS",
                &mut self.retention_uploads_hours,
            ),
            (
                "PARLEY_RETENTION_AUDIT_DAYS",
                &mut self.retention_audit_days,
            ),
            (
                "PARLEY_RETENTION_WEBHOOK_DELIVERIES_DAYS",
                &mut self.retention_webhook_deliveries_days,
            ),
            (
                "PARLEY_BACKUP_INTERVAL_HOURS",
                &mut self.backup_interval_hours,
            ),
            ("PARLEY_BACKUP_KEEP", &mut self.backup_keep),
            (
                "PARLEY_WEBHOOK_MAX_ATTEMPTS",
                &mut self.webhook_max_attempts,
            ),
            (
                "PARLEY_WEBHOOK_DISABLE_AFTER",
                &mut self.webhook_disable_after,
            ),
        ];
        for (key, field) in more {
            if let Some(v) = get(key) {
                *field = v
                    .parse()
                    .map_err(|e: std::num::ParseIntError| bad(key, e.to_string()))?;
            }
        }
        let numbers: [(&str, &mut u32); 7] = [
            (
                "PARLEY_MEDIA_FETCH_CONCURRENCY",
                &mut self.media_fetch_concurrency,
            ),
            (
                "PARLEY_PRUNE_INTERVAL_MINUTES",
                &mut self.prune_interval_minutes,
            ),
            (
                "PARLEY_RETENTION_CHANGELOG_DAYS",
                &mut self.retention_changelog_days,
            ),
            (
                "PARLEY_RETENTION_NOTIFICATION_DAYS",
                &mut self.retention_notification_days,
            ),
            (
                "PARLEY_RETENTION_NOTIFICATIONS_PER_USER",
                &mut self.retention_notifications_per_user,
            ),
            (
                "PARLEY_RETENTION_PENDING_STATUS_DAYS",
                &mut self.retention_pending_status_days,
            ),
            (
                "PARLEY_RETENTION_FAILED_JOBS_DAYS",
                &mut self.retention_failed_jobs_days,
            ),
        ];
        for (key, field) in numbers {
            if let Some(v) = get(key) {
                *field = v
                    .parse()
                    .map_err(|e: std::num::ParseIntError| bad(key, e.to_string()))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_overrides_defaults_and_debug_hides_secrets() {
        let mut c = Config::default();
        c.apply_env(|k| match k {
            "PARLEY_LISTEN" => Some("127.0.0.1:9999".into()),
            "PARLEY_SECRET_KEY" => Some("hunter2-hunter2".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.listen.port(), 9999);
        c.apply_env(|k| (k == "PARLEY_RETENTION_CHANGELOG_DAYS").then(|| "3".into()))
            .unwrap();
        assert_eq!(c.retention_changelog_days, 3);
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn bad_env_is_an_error() {
        let mut c = Config::default();
        assert!(
            c.apply_env(|k| (k == "PARLEY_LISTEN").then(|| "nope".into()))
                .is_err()
        );
    }
}
