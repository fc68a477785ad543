//! Sandbox configuration: the simulated account (WABA, numbers) and the knobs tests turn.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use rand::Rng;
use rand::distr::Alphanumeric;

/// How a free-form send outside the 24 h customer-service window fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WindowMode {
    /// Meta's usual behaviour: HTTP 200 with a wamid, then a `failed` status with 131047.
    #[default]
    Async,
    /// Reject the request synchronously: HTTP 400 with code 131047.
    Sync,
}

/// One phone number of the simulated WhatsApp Business Account.
#[derive(Debug, Clone)]
pub struct SandboxNumber {
    /// Phone-number ID (the `{pnid}` path segment).
    pub id: String,
    /// Formatted with `+` and spaces, as the Graph API shows it; webhooks carry the digits.
    pub display_phone_number: String,
    pub verified_name: String,
    /// `VERIFIED` or `NOT_VERIFIED`; an unverified number cannot be registered.
    pub code_verification_status: String,
    /// Unregistered numbers reject sends with 133010.
    pub registered: bool,
    /// Registered on another account with a two-step PIN we don't know: `register` fails (133005).
    pub in_use_elsewhere: bool,
    /// A two-step verification PIN already set on the number: `register` takes only this one.
    pub two_step_pin: Option<String>,
}

/// Fault injection for webhook deliveries and sends; switchable at runtime.
#[derive(Debug, Clone, Default)]
pub struct Chaos {
    /// Deliver every webhook twice (receivers must be idempotent).
    pub duplicate: bool,
    /// Emit `delivered` before `sent` (receivers must order by status rank, not arrival).
    pub reorder: bool,
    /// Recipients (wa_id digits) whose messages are accepted and then fail with 131026.
    pub fail_recipients: Vec<String>,
    /// MIME types (e.g. `application/pdf`) whose uploads to `POST /{pnid}/media` Meta refuses
    /// although they are on its list: HTTP 400 with 131053 "Media upload error", as for a
    /// file its media pipeline cannot process.
    pub refuse_media_types: Vec<String>,
}

impl Chaos {
    /// Whether an upload of `mime` is refused (parameters such as `; codecs=opus` and case
    /// ignored).
    pub fn refuses_upload(&self, mime: &str) -> bool {
        let base = |m: &str| {
            m.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        };
        let mime = base(mime);
        self.refuse_media_types.iter().any(|t| base(t) == mime)
    }
}

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// `127.0.0.1:0` in tests.
    pub listen: SocketAddr,
    /// The only accepted bearer token.
    pub token: String,
    /// Signs outgoing webhooks (`X-Hub-Signature-256`).
    pub app_secret: String,
    /// Where deliveries are POSTed; deliveries queue until it is set.
    pub webhook_url: Option<String>,
    /// Sent in the GET verification handshake ([`super::Sandbox::verify_webhook`]).
    pub verify_token: String,
    pub waba_id: String,
    pub numbers: Vec<SandboxNumber>,
    /// Between accepted -> sent -> delivered -> read.
    pub status_delay: Duration,
    /// Between template PENDING and the review decision.
    pub review_delay: Duration,
    /// Messages per second per number (token bucket, burst = one second's worth).
    pub throughput_per_sec: u32,
    /// Enforce ~1 msg / 6 s per (number, recipient) with a burst of 45 (131056).
    pub pair_limit: bool,
    pub window_mode: WindowMode,
    /// First webhook retry backoff; doubles on each further attempt.
    pub retry_base: Duration,
    /// Delivery attempts per webhook before it is dropped (logged).
    pub max_attempts: u32,
    /// Whether the app is subscribed to the WABA (`subscribed_apps`); unsubscribed
    /// accounts get no webhooks, like on Meta.
    pub subscribed: bool,
    /// Where the simulator keeps its state (`sandbox.redb`) across restarts: threads,
    /// media, templates and reviews, registration, profile. `None` keeps it in memory.
    pub data_dir: Option<PathBuf>,
}

/// The two-step verification PIN of the demo's second verified number (`+49 30 901822`):
/// registering it with this PIN succeeds, any other PIN fails with 133005 as on Meta.
pub const DEMO_PIN: &str = "123456";

/// The demo's main number; also the number seeded as the demo profile.
pub const DEMO_NUMBER_ID: &str = "106540352242922";
pub const DEMO_WABA_ID: &str = "102290129340398";

impl SandboxConfig {
    /// Demo defaults: one verified, registered number (`+49 30 901820`), one unverified
    /// number, one verified number waiting to be registered with [`DEMO_PIN`]; 2 s status and
    /// review delays, 80 mps.
    pub fn demo(
        listen: SocketAddr,
        token: impl Into<String>,
        app_secret: impl Into<String>,
    ) -> Self {
        let number = |id: &str,
                      display: &str,
                      name: &str,
                      verified: bool,
                      registered: bool,
                      pin: Option<&str>| {
            SandboxNumber {
                id: id.into(),
                display_phone_number: display.into(),
                verified_name: name.into(),
                code_verification_status: if verified { "VERIFIED" } else { "NOT_VERIFIED" }.into(),
                registered,
                in_use_elsewhere: false,
                two_step_pin: pin.map(str::to_owned),
            }
        };
        SandboxConfig {
            listen,
            token: token.into(),
            app_secret: app_secret.into(),
            webhook_url: None,
            verify_token: random_token(24),
            waba_id: DEMO_WABA_ID.into(),
            numbers: vec![
                number(
                    DEMO_NUMBER_ID,
                    "+49 30 901820",
                    "Parley Demo",
                    true,
                    true,
                    None,
                ),
                number(
                    "113409375076524",
                    "+49 30 901821",
                    "Parley Support",
                    false,
                    false,
                    None,
                ),
                number(
                    "118273645019283",
                    "+49 30 901822",
                    "Parley Sales",
                    true,
                    false,
                    Some(DEMO_PIN),
                ),
            ],
            status_delay: Duration::from_secs(2),
            review_delay: Duration::from_secs(2),
            throughput_per_sec: 80,
            pair_limit: true,
            window_mode: WindowMode::Async,
            retry_base: Duration::from_secs(1),
            max_attempts: 8,
            subscribed: true,
            data_dir: None,
        }
    }

    /// [`SandboxConfig::demo`] on `127.0.0.1:0` with zero delays and a 50 ms retry base.
    pub fn for_tests(token: impl Into<String>, app_secret: impl Into<String>) -> Self {
        let mut cfg = Self::demo(SocketAddr::from(([127, 0, 0, 1], 0)), token, app_secret);
        cfg.status_delay = Duration::ZERO;
        cfg.review_delay = Duration::ZERO;
        cfg.retry_base = Duration::from_millis(50);
        cfg
    }
}

pub(crate) fn random_token(len: usize) -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}
