//! Conversations and messages (F14–F18, F24): the durable inbox of webhook deliveries, the
//! outbox and sender, sending templates and replies, and reading conversations.

pub mod compose;
pub mod history;
pub mod home;
pub mod inbound;
pub mod media;
pub mod model;
pub mod outbox;
pub mod quality;
mod queries;
pub mod replies;
pub mod rich;
pub mod send;
pub mod setup;
pub mod status;
pub mod views;

use std::sync::Arc;

use redb::ReadableTable;
use tokio::sync::Notify;

pub use queries::{ConversationFilter, ConversationHit, MessageList, MessageRow};
pub use send::{SendReply, SendTemplate};

use crate::auth::Auth;
use crate::channel::whatsapp::client::GraphError;
use crate::clock::SharedClock;
use crate::crm::Crm;
use crate::error::{Error, Result};
use crate::search::Search;
use crate::secrets::Sealer;
use crate::store::Store;
use crate::store::tables::{INBOX, MSG_BY_WAMID, USERS};

#[derive(Clone)]
pub struct Messaging {
    store: Store,
    clock: SharedClock,
    auth: Auth,
    crm: Crm,
    sealer: Sealer,
    search: Search,
    graph_base: String,
    graph_version: String,
    /// The app's one blob store (built by `App::open`): customer media and sent files.
    blobs: crate::blobs::Blobs,
    inbox_wake: Arc<Notify>,
    outbox_wake: Arc<Notify>,
    limits: Arc<outbox::Limits>,
    /// Counts inbox batches applied, so observers can wait for the inbox to drain.
    processed: Arc<tokio::sync::watch::Sender<u64>>,
    /// Fires on shutdown: the sender finishes what is in flight and stops taking work.
    stop: crate::service::Stop,
    /// Durable background work (media fetches).
    jobs: crate::jobs::Jobs,
    account_cache: Arc<parking_lot::RwLock<Option<setup::OpenAccount>>>,
}

pub struct Options {
    pub graph_base: String,
    pub graph_version: String,
    /// The app's one blob store.
    pub blobs: crate::blobs::Blobs,
    /// Messages per second per number the sender keeps to.
    pub per_number_rate: u32,
    pub jobs: crate::jobs::Jobs,
    /// The workers' stop signal.
    pub stop: crate::service::Stop,
}

/// Meta's refusal as a domain error, keeping Meta's code.
pub fn upstream(e: GraphError) -> Error {
    let message = e
        .details
        .clone()
        .map_or_else(|| e.message.clone(), |d| format!("{}: {d}", e.message));
    Error::Upstream {
        meta_code: Some(e.code),
        message,
    }
}

impl Messaging {
    pub fn new(
        store: Store,
        clock: SharedClock,
        auth: Auth,
        crm: Crm,
        sealer: Sealer,
        search: Search,
        opts: Options,
    ) -> Self {
        Self {
            store,
            clock,
            auth,
            crm,
            sealer,
            search,
            graph_base: opts.graph_base,
            graph_version: opts.graph_version,
            blobs: opts.blobs,
            inbox_wake: Arc::default(),
            outbox_wake: Arc::default(),
            limits: Arc::new(outbox::Limits::new(opts.per_number_rate)),
            processed: Arc::new(tokio::sync::watch::Sender::new(0)),
            stop: opts.stop,
            jobs: opts.jobs,
            account_cache: Arc::default(),
        }
    }

    fn stopping(&self) -> bool {
        *self.stop.borrow()
    }

    /// Stores a raw webhook delivery durably; the caller may answer 200 once this returns.
    pub async fn accept_delivery(&self, raw: String) -> Result<()> {
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(INBOX)?;
                let next = t.last()?.map(|(k, _)| k.value() + 1).unwrap_or(1);
                t.insert(next, raw.as_str())?;
                Ok(())
            })
            .await?;
        self.inbox_wake.notify_one();
        Ok(())
    }

    /// Works the inbox until `stop` fires: each batch of deliveries is applied and removed in
    /// one transaction, so a crash repeats work (deduped by wamid) but never loses it. A batch
    /// in progress at shutdown is finished (or, if the process dies, repeated on start).
    pub async fn run_inbox(self, mut stop: crate::service::Stop) -> Result<()> {
        while !*stop.borrow() {
            let wake = self.inbox_wake.notified();
            let idle = match self.process_inbox_batch().await {
                Ok(0) => true,
                Ok(_) => false,
                Err(e) => {
                    tracing::error!(error = %e, "inbox processing failed; retrying");
                    true
                }
            };
            if idle {
                tokio::select! {
                    () = wake => {}
                    // Also a retry after an error, without waiting for the next delivery.
                    () = tokio::time::sleep(std::time::Duration::from_secs(5)) => {}
                    _ = stop.changed() => {}
                }
            }
        }
        Ok(())
    }

    async fn process_inbox_batch(&self) -> Result<usize> {
        let batch: Vec<(u64, String)> = {
            let tx = self.store.read()?;
            let t = tx.open_table(INBOX)?;
            t.iter()?
                .take(256)
                .filter_map(|r| r.ok().map(|(k, v)| (k.value(), v.value().to_string())))
                .collect()
        };
        if batch.is_empty() {
            return Ok(0);
        }
        let ctx = Arc::new(self.inbound_ctx()?);
        let n = batch.len();
        let fetches = self
            .store
            .write(move |tx| {
                let mut fetches = 0;
                for (seq, raw) in &batch {
                    // Media is fetched by a durable job committed with its message.
                    for f in inbound::apply_delivery(tx, &ctx, raw)? {
                        crate::jobs::enqueue(
                            tx,
                            ctx.now,
                            media::fetch_job(&f.message_id, ctx.now),
                        )?;
                        fetches += 1;
                    }
                    tx.txn.open_table(INBOX)?.remove(*seq)?;
                }
                Ok(fetches)
            })
            .await?;
        self.processed.send_modify(|n| *n += 1);
        if fetches > 0 {
            self.jobs.wake();
        }
        Ok(n)
    }

    /// Whether a message with this wamid is stored (tests and diagnostics).
    pub fn store_has_wamid(&self, wamid: &str) -> bool {
        self.store
            .read()
            .and_then(|tx| Ok(tx.open_table(MSG_BY_WAMID)?.get(wamid)?.is_some()))
            .unwrap_or(false)
    }

    /// Sends queued or in flight.
    pub fn outbox_len(&self) -> u64 {
        use redb::ReadableTableMetadata;
        self.store
            .read()
            .and_then(|tx| Ok(tx.open_table(crate::store::tables::OUTBOX)?.len()?))
            .unwrap_or(0)
    }

    /// Changes each time a batch of inbox deliveries has been applied.
    pub fn processed(&self) -> tokio::sync::watch::Receiver<u64> {
        self.processed.subscribe()
    }

    /// Deliveries accepted but not yet applied.
    pub fn inbox_len(&self) -> u64 {
        use redb::ReadableTableMetadata;
        self.store
            .read()
            .and_then(|tx| Ok(tx.open_table(INBOX)?.len()?))
            .unwrap_or(0)
    }

    fn inbound_ctx(&self) -> Result<inbound::DeliveryContext> {
        let tx = self.store.read()?;
        let fallback_owner = tx
            .open_table(USERS)?
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, u)| u.value().ok()))
            .find(|u| u.is_admin && u.active)
            .map(|u| u.id)
            .unwrap_or_default();
        Ok(inbound::DeliveryContext {
            now: self.clock.now(),
            profiles: self.profiles()?,
            modules: self.crm.modules()?,
            fallback_owner,
        })
    }
}
