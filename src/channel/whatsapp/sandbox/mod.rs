//! An in-process simulator of Meta's WhatsApp Cloud API (Graph API shape), used by
//! `parley demo` and by tests. It serves the Cloud API paths under any `/vNN.N/`
//! prefix, checks requests the way Meta does (error envelopes, codes, limits, the 24 h
//! window), and sends signed webhooks for inbound messages, delivery statuses and
//! template reviews to a configurable callback URL.
//!
//! Time comes from the injected [`Clock`](crate::clock::Clock): window checks,
//! timestamps, token-bucket refills and media/URL expiry all use `clock.now()`. Real
//! sleeps are used only for the configured status/review delays and retry backoff.
//!
//! # Endpoints (any `/vNN.N/` prefix; bearer token or `access_token` parameter required)
//!
//! Every endpoint reads its parameters from the query string, an urlencoded or multipart
//! form, or a JSON body alike (module `params`). With `SandboxConfig::data_dir` the state is
//! kept in `sandbox.redb` there and survives restarts (module `persist`).
//!
//! - `GET /{waba}`, `GET /{waba}/phone_numbers`, `GET|POST /{pnid}` (POST sets the PIN),
//!   `POST /{pnid}/register|deregister|request_code|verify_code`,
//!   `GET|POST /{pnid}/whatsapp_business_profile`, `GET|POST|DELETE /{waba}/subscribed_apps`
//! - `POST /{pnid}/messages` (sends and mark-as-read), `POST /{pnid}/media`,
//!   `GET|DELETE /{media_id}`, `GET /media-download/{id}?exp&sig` (the URL from GET media)
//! - `GET|POST|DELETE /{waba}/message_templates`, `GET|POST /{template_id}`
//! - `POST /sandbox/customer/{pnid}/messages` `{from, name, message}`: inject an inbound
//!   message (same as [`Sandbox::customer_send`]).
//!
//! Errors use Meta's envelope and HTTP statuses: 401/190 for tokens, 400/100
//! `GraphMethodException` (subcode 33) for unknown IDs, 404 for 132001 (template missing
//! or not approved), 400 for everything else including throttling (130429, 131056).
//!
//! # Template review rules
//!
//! After `review_delay`, a PENDING template is decided by the first matching rule:
//!
//! 1. `REJECTED` / `INVALID_FORMAT` — the body (trimmed) starts or ends with a
//!    parameter, or two parameters are separated by nothing but whitespace.
//! 2. `REJECTED` / `ABUSIVE_CONTENT` — any text (header, body, footer, button labels)
//!    contains one of the words: idiot, stupid, moron, loser, bastard, scum, arschloch,
//!    vollidiot, scheisse, scheiße (whole words, case-insensitive).
//! 3. `REJECTED` / `PROMOTIONAL` — the category is UTILITY and any text contains one
//!    of the words discount(s), coupon(s), promo, promotion(s), sale, rabatt(e), rabattcode,
//!    sonderangebot(e), gutscheincode (whole words, case-insensitive) or one of the phrases
//!    "% off", "% Rabatt", "special offer", "limited time", "buy now", "for free",
//!    "free gift", "jetzt kaufen", "nur heute", "gratis". Ordinary business words such as
//!    "Angebot" (a quote) or "feel free" pass, as they do at Meta. If the template was created with
//!    `allow_category_change: true` it is instead re-categorised to MARKETING and
//!    approved.
//! 4. Otherwise `APPROVED`.
//!
//! Each decision is delivered as a `message_template_status_update` webhook. Edits
//! (`POST /{template_id}`) put the template back to PENDING and re-run the review.
//!
//! # Other documented simplifications
//!
//! - The status lifecycle of every accepted send is `sent` -> `delivered` -> `read`
//!   (`status_delay` apart), or a single `failed`. `pricing` (PMP) rides on `sent` and
//!   `delivered`; no CBP `conversation` object (v24+ behaviour).
//! - A customer message carrying a `referral` opens a 72 h free-entry-point window
//!   (`pricing.type: free_entry_point`) for that (number, customer).
//! - Sending uploaded media as a different kind (e.g. a PDF as `image`) is accepted and
//!   then fails with 131053, like a bad `link`.
//! - Deleting an APPROVED template blocks its name for 30 days.

mod config;
mod customer;
mod errors;
mod http;
mod lifecycle;
mod limits;
mod params;
mod persist;
mod review;
mod routes_account;
mod routes_media;
mod routes_messages;
mod routes_templates;
mod routes_uploads;
mod state;
mod validate;
mod webhooks;

use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;
use serde_json::{Value, json};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::SharedClock;

pub use config::{
    Chaos, DEMO_NUMBER_ID, DEMO_PIN, DEMO_WABA_ID, SandboxConfig, SandboxNumber, WindowMode,
};
pub use errors::SandboxError;
pub use state::{PhoneMessage, SentMessage};

use state::State;
use webhooks::Outbox;

/// Shared by the HTTP handlers, the delivery queue and the lifecycle/review tasks.
pub(crate) struct Shared {
    pub cfg: SandboxConfig,
    pub clock: SharedClock,
    pub base_url: String,
    /// Signs media download URLs (persisted with the state, so URLs outlive a restart).
    pub url_key: String,
    pub state: Mutex<State>,
    pub chaos: Arc<Mutex<Chaos>>,
    pub outbox: Outbox,
    pub http: reqwest::Client,
    shutdown: watch::Sender<bool>,
    server: Mutex<Option<JoinHandle<()>>>,
    delivery: Mutex<Option<JoinHandle<()>>>,
}

impl Shared {
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    pub fn is_shut_down(&self) -> bool {
        *self.shutdown.borrow()
    }

    /// Sleeps for a configured delay; false if the sandbox shut down meanwhile.
    pub async fn pause(&self, delay: Duration) -> bool {
        let mut stop = self.shutdown.subscribe();
        if delay.is_zero() {
            tokio::task::yield_now().await;
        } else {
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = stop.wait_for(|s| *s) => {}
            }
        }
        !self.is_shut_down()
    }

    /// Waits until every state change made so far is durably saved (immediately without a
    /// data dir).
    pub async fn persisted(&self) -> Result<(), errors::ApiError> {
        let mark = self.state.lock().mark();
        let saved = match mark {
            Some(mark) => mark.wait().await,
            None => true,
        };
        if saved {
            Ok(())
        } else {
            Err(errors::ApiError::new(
                131000,
                "The simulator could not save its state.",
            ))
        }
    }

    /// `metadata` of a `messages` change for one of our numbers.
    pub fn metadata(&self, pnid: &str) -> Value {
        let digits = self
            .state
            .lock()
            .number(pnid)
            .map(state::NumberState::digits)
            .unwrap_or_default();
        json!({ "display_phone_number": digits, "phone_number_id": pnid })
    }

    /// Queues a webhook (dropped, like on Meta, while the app is unsubscribed).
    pub fn emit(&self, field: &str, value: Value, time: Option<i64>) {
        if self.is_shut_down() {
            return;
        }
        if !self.state.lock().subscribed {
            tracing::debug!(
                field,
                "sandbox webhook dropped: app not subscribed to the WABA"
            );
            return;
        }
        let envelope = webhooks::envelope(&self.cfg.waba_id, field, value, time);
        self.outbox.push(webhooks::to_meta_json(&envelope));
    }
}

/// One message of a past exchange for [`Sandbox::record_history`].
#[derive(Debug, Clone)]
pub struct HistoryTurn {
    /// Clock millis.
    pub at: i64,
    pub from_customer: bool,
    /// A customer's message object (as for [`Sandbox::customer_send`]) or the business's
    /// send request body.
    pub message: Value,
}

/// What [`Sandbox::record_history`] answers per turn.
#[derive(Debug, Clone)]
pub enum HistoryItem {
    /// The `messages` change value of a customer's message.
    Received(Value),
    /// The wamid of the business's message.
    Sent(String),
}

/// A running simulator; cheap to clone. Call [`Sandbox::shutdown`] to stop it.
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Shared>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.inner.base_url)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Binds `cfg.listen` and serves the Graph API in a background task.
    pub async fn start(cfg: SandboxConfig, clock: SharedClock) -> std::io::Result<Sandbox> {
        let listener = tokio::net::TcpListener::bind(cfg.listen).await?;
        let mut addr = listener.local_addr()?;
        if addr.ip().is_unspecified() {
            addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(std::io::Error::other)?;
        let chaos = Arc::new(Mutex::new(Chaos::default()));
        let (outbox, delivery) = webhooks::spawn(
            webhooks::Courier {
                http: http.clone(),
                app_secret: cfg.app_secret.clone(),
                retry_base: cfg.retry_base,
                max_attempts: cfg.max_attempts,
                chaos: chaos.clone(),
            },
            cfg.webhook_url.clone(),
        );
        let mut state = State::new(
            cfg.waba_id.clone(),
            cfg.numbers.clone(),
            cfg.subscribed,
            cfg.throughput_per_sec,
        );
        if let Some(dir) = &cfg.data_dir {
            let (journal, loaded) = persist::open(dir, clock.now())?;
            state.restore(journal, loaded);
        }
        let pending: Vec<(String, u64)> = state
            .templates
            .iter()
            .filter(|t| t.status == "PENDING")
            .map(|t| (t.id.clone(), t.revision))
            .collect();
        let url_key = state.url_key.clone();
        let (shutdown, _) = watch::channel(false);
        let inner = Arc::new(Shared {
            cfg,
            clock,
            base_url: format!("http://{addr}"),
            url_key,
            state: Mutex::new(state),
            chaos,
            outbox,
            http,
            shutdown,
            server: Mutex::new(None),
            delivery: Mutex::new(Some(delivery)),
        });

        let acceptor = poem::listener::TcpAcceptor::from_tokio(listener)?;
        let for_requests = inner.clone();
        let endpoint = poem::endpoint::make(move |req| {
            let inner = for_requests.clone();
            async move { http::handle(inner, req).await }
        });
        let mut stop = inner.shutdown.subscribe();
        let server = tokio::spawn(async move {
            let signal = async move {
                let _ = stop.wait_for(|s| *s).await;
            };
            let run = poem::Server::new_with_acceptor(acceptor).run_with_graceful_shutdown(
                endpoint,
                signal,
                Some(Duration::from_secs(1)),
            );
            if let Err(err) = run.await {
                tracing::warn!(%err, "sandbox server stopped");
            }
        });
        *inner.server.lock() = Some(server);
        // Reviews cut short by a restart run again.
        for (id, revision) in pending {
            review::schedule(&inner, id, revision);
        }
        Ok(Sandbox { inner })
    }

    /// `http://127.0.0.1:PORT`; clients append `/v23.0/...`.
    pub fn base_url(&self) -> String {
        self.inner.base_url.clone()
    }

    /// The WABA ID of the simulated account.
    pub fn waba_id(&self) -> String {
        self.inner.cfg.waba_id.clone()
    }

    /// Sets the callback URL; queued deliveries start flowing to it.
    pub fn set_webhook_url(&self, url: String) {
        self.inner.outbox.set_url(Some(url));
    }

    /// Performs Meta's GET verification handshake against the current callback URL
    /// (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`; expects 200 and the
    /// challenge echoed).
    pub async fn verify_webhook(&self) -> Result<(), SandboxError> {
        let url = self.inner.outbox.url().ok_or(SandboxError::NoWebhookUrl)?;
        webhooks::handshake(&self.inner.http, &url, &self.inner.cfg.verify_token)
            .await
            .map_err(SandboxError::Verification)
    }

    pub fn set_chaos(&self, chaos: Chaos) {
        *self.inner.chaos.lock() = chaos;
    }

    /// Messages per second per number; 0 throttles every send.
    pub fn set_throughput(&self, per_sec: u32) {
        self.inner.state.lock().limits.set_rate(per_sec);
    }

    /// The customer side: `from_wa_id` (digits) named `name` sends `message` (the inner
    /// message object without from/id/timestamp, e.g. `{"type":"text","text":{"body":"hi"}}`)
    /// to number `pnid`. The sandbox adds from, a fresh wamid and the clock's timestamp,
    /// fills `mime_type`/`sha256` of sandbox media, opens/refreshes the 24 h window, and
    /// delivers the signed webhook. Returns the wamid.
    pub async fn customer_send(
        &self,
        pnid: &str,
        from_wa_id: &str,
        name: &str,
        message: Value,
    ) -> Result<String, SandboxError> {
        let wamid = customer::inject(&self.inner, pnid, from_wa_id, name, message)?;
        if self.inner.persisted().await.is_err() {
            tracing::warn!(%wamid, "sandbox: a customer message was not saved");
        }
        Ok(wamid)
    }

    /// Writes a past exchange with customer `wa_id` into the thread of number `pnid` (the
    /// demo's seed): each turn at its own time, the customer's opening the window from then,
    /// the business's delivered and read. Nothing is delivered by webhook; the caller stores
    /// the same history. Answers one item per turn, in order: a customer message as the
    /// `messages` change value Meta would have delivered, a business message's wamid.
    pub async fn record_history(
        &self,
        pnid: &str,
        wa_id: &str,
        name: &str,
        turns: Vec<HistoryTurn>,
    ) -> Result<Vec<HistoryItem>, SandboxError> {
        let mut out = Vec::with_capacity(turns.len());
        for turn in turns {
            out.push(if turn.from_customer {
                let (_, value) =
                    customer::compose(&self.inner, pnid, wa_id, name, turn.message, turn.at)?;
                HistoryItem::Received(value)
            } else {
                HistoryItem::Sent(customer::record_sent(
                    &self.inner,
                    pnid,
                    wa_id,
                    turn.message,
                    turn.at,
                )?)
            });
        }
        {
            let mut st = self.inner.state.lock();
            st.save_account();
        }
        if self.inner.persisted().await.is_err() {
            tracing::warn!("sandbox: a recorded history was not saved");
        }
        Ok(out)
    }

    /// Decides template `template_id`'s review now instead of after `review_delay` (the demo
    /// seed's templates are decided before anyone looks); the decision's webhook is delivered
    /// as usual. Answers the new status.
    pub fn review_now(&self, template_id: &str) -> Result<String, SandboxError> {
        review::decide_now(&self.inner, template_id)
    }

    /// Stores media for customer messages (kept 7 days); returns its media ID.
    pub fn put_media(&self, bytes: Vec<u8>, mime: &str) -> String {
        routes_media::store(&self.inner, bytes, mime, state::DAY_MS * 7)
    }

    /// The bytes and MIME type of media `id` (uploaded by the business or the customer's).
    pub fn media(&self, id: &str) -> Option<(Vec<u8>, String)> {
        let st = self.inner.state.lock();
        st.media.get(id).map(|m| (m.bytes.to_vec(), m.mime.clone()))
    }

    /// The MIME type of every media upload refused by [`Chaos::refuse_media_types`], in order
    /// (one entry per attempt, so a client that retries shows up more than once).
    pub fn refused_uploads(&self) -> Vec<String> {
        self.inner.state.lock().refused_uploads.clone()
    }

    /// How many sends the per-number throughput limit refused (130429) so far.
    pub fn throttled(&self) -> u64 {
        self.inner.state.lock().throttled
    }

    /// Every accepted business send, in order.
    pub fn sent(&self) -> Vec<SentMessage> {
        self.inner.state.lock().sent.clone()
    }

    /// Status names emitted so far for an outbound wamid, in emission order.
    pub fn statuses(&self, wamid: &str) -> Vec<String> {
        self.inner.state.lock().statuses(wamid)
    }

    /// Both directions of one (number, customer) thread, oldest first.
    pub fn conversation_with(&self, pnid: &str, wa_id: &str) -> Vec<PhoneMessage> {
        let st = self.inner.state.lock();
        st.thread
            .iter()
            .filter(|e| e.pnid == pnid && e.wa_id == wa_id)
            .map(|e| e.msg.clone())
            .collect()
    }

    /// All templates of the account, as `GET /{template_id}` shows them.
    pub fn templates(&self) -> Vec<Value> {
        self.inner
            .state
            .lock()
            .templates
            .iter()
            .map(state::Template::to_json)
            .collect()
    }

    /// Moves a template to `status` (e.g. `PAUSED`, `DISABLED`, `APPROVED`) as Meta's
    /// quality system would, and delivers the `message_template_status_update`.
    pub fn set_template_status(&self, template_id: &str, status: &str) -> Result<(), SandboxError> {
        review::force_status(&self.inner, template_id, status)
    }

    /// Whether the customer `wa_id` currently sees "typing…" from number `pnid` (set by
    /// a mark-as-read with `typing_indicator`, cleared by the next send or after 25 s).
    pub fn typing(&self, pnid: &str, wa_id: &str) -> bool {
        let now = self.inner.now();
        self.inner
            .state
            .lock()
            .typing
            .get(&(pnid.to_owned(), wa_id.to_owned()))
            .is_some_and(|until| *until > now)
    }

    /// Stops serving and delivering; pending deliveries and timers are dropped. With a
    /// data dir, saved state is flushed and the file closed, so a new sandbox can reopen it.
    pub async fn shutdown(&self) {
        self.inner.shutdown.send_replace(true);
        let server = self.inner.server.lock().take();
        if let Some(server) = server {
            let _ = server.await;
        }
        let closed = self.inner.state.lock().journal_mut().map(|j| j.close());
        if let Some(closed) = closed {
            let _ = closed.await;
        }
        let delivery = self.inner.delivery.lock().take();
        if let Some(delivery) = delivery {
            delivery.abort();
        }
    }
}
