//! Parley: a self-hosted CRM with WhatsApp Business messaging, in one binary.
//!
//! [`App::open`] wires the domain services over one store; `main.rs` and the tests both use it.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod attachments;
pub mod audit;
pub mod auth;
pub mod automation;
pub mod backup;
pub mod blobs;
pub mod broadcast;
pub mod channel;
pub mod clock;
pub mod config;
pub mod consent;
pub mod credits;
pub mod crm;
pub mod demo;
pub mod error;
pub mod events;
pub mod graphql;
pub mod i18n;
pub mod ids;
pub mod jobs;
pub mod messaging;
pub mod metrics;
pub mod notify;
pub mod predefined;
pub mod search;
pub mod secrets;
pub mod service;
pub mod store;
pub mod templates;
pub mod web;
pub mod webhooks;

use std::sync::Arc;

use clock::SharedClock;
use config::Config;
use events::Bus;
use metrics::Metrics;
use store::Store;

/// Why the app could not start; printed as one line by the CLI.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] store::OpenError),
    #[error("{0}")]
    Config(String),
    #[error(transparent)]
    Domain(#[from] error::Error),
}

/// Every domain service, sharing one store, bus and clock.
pub struct App {
    pub config: Config,
    pub clock: SharedClock,
    pub store: Store,
    pub bus: Bus,
    pub metrics: Metrics,
    pub auth: auth::Auth,
    pub crm: crm::Crm,
    pub messaging: messaging::Messaging,
    pub templates: templates::Templates,
    pub predefined: predefined::Predefined,
    pub search: search::Search,
    /// Durable background jobs (media fetches, pruning).
    pub jobs: jobs::Jobs,
    /// Runs, restarts and stops the background workers; `/healthz` asks it who is down.
    pub workers: service::Supervisor,
    pub credits: credits::Credits,
    /// Workflow rules, blueprints, journeys (their work runs as jobs) and demo time travel.
    pub automation: automation::Automation,
    /// The audit log (N11).
    pub audit: audit::Audit,
    /// Outgoing webhooks (N7).
    pub webhooks: webhooks::Webhooks,
    /// Opt-out state and keywords (N8).
    pub consent: consent::Consent,
    /// The bell: notifications per user.
    pub notifications: notify::Notifications,
    /// Broadcasts (N10) and their feeder.
    pub broadcasts: broadcast::Broadcasts,
    /// Uploads and the sources of attachments (F21).
    pub attachments: attachments::Attachments,
    /// The in-process Graph API simulator, in `demo` mode only.
    pub sandbox: std::sync::OnceLock<channel::whatsapp::sandbox::Sandbox>,
}

impl App {
    pub async fn open(config: Config, clock: SharedClock) -> Result<Arc<App>, StartError> {
        let country = crm::phone::parse_country(&config.default_country).ok_or_else(|| {
            StartError::Config(format!(
                "unknown default country '{}'",
                config.default_country
            ))
        })?;
        let bus = Bus::default();
        let metrics = Metrics::new();
        let store = Store::open(&config.data_dir, bus.clone(), metrics.clone())?;
        // Modules that follow another's events in the emitting transaction.
        store.react(notify::Notifications::react);
        store.react(broadcast::react);
        store.react(automation::engine::react);
        for dir in ["index", "blobs"] {
            std::fs::create_dir_all(config.data_dir.join(dir)).map_err(|e| {
                StartError::Config(format!("cannot create {dir}/ in the data dir: {e}"))
            })?;
        }
        let auth = auth::Auth::new(store.clone(), clock.clone()).await?;
        // The one blob store: media, sent files and documents (uploads stage apart, see
        // `Attachments::new`). Services hold it; resolvers and handlers ask them.
        let blobs = blobs::Blobs::in_data_dir(&config.data_dir);
        let search = search::Search::open(&config.data_dir.join("index"), store.clone(), &metrics)?;
        let crm = crm::Crm::new(
            store.clone(),
            clock.clone(),
            auth.clone(),
            blobs.clone(),
            country,
        )
        .with_currency(&config.currency)
        .with_search(search.clone());
        let sealer = secrets::Sealer::load(config.secret_key.as_deref(), &config.data_dir)?;
        let workers = service::Supervisor::default();
        let jobs = jobs::Jobs::new(store.clone(), clock.clone());
        let opts = messaging::Options {
            graph_base: config.graph_base_url.clone(),
            graph_version: config.graph_version.clone(),
            blobs: blobs.clone(),
            per_number_rate: config.messages_per_second,
            jobs: jobs.clone(),
            stop: workers.stop_signal(),
        };
        let messaging = messaging::Messaging::new(
            store.clone(),
            clock.clone(),
            auth.clone(),
            crm.clone(),
            sealer.clone(),
            search.clone(),
            opts,
        );
        let templates =
            templates::Templates::new(store.clone(), clock.clone(), crm.clone(), messaging.clone());
        let predefined = predefined::Predefined::new(store.clone(), clock.clone(), crm.clone());
        jobs.register(messaging::media::MediaFetcher::new(
            messaging.clone(),
            config.media_fetch_concurrency as usize,
        ));
        let attachments = attachments::Attachments::new(
            store.clone(),
            clock.clone(),
            crm.clone(),
            blobs,
            config.data_dir.join("uploads"),
        );
        jobs.register(jobs::prune::Pruner::new(
            store.clone(),
            clock.clone(),
            search.clone(),
            jobs::prune::Retention::from_config(&config),
            Arc::new(attachments.clone()),
        ));
        let credits =
            credits::Credits::open(store.clone(), clock.clone(), credit_settings(&config)?).await?;
        jobs.register(credits::expiry::HoldExpirer::new(clock.clone()));
        let consent = consent::Consent::new(store.clone());
        let notifications = notify::Notifications::new(store.clone());
        let broadcasts = broadcast::Broadcasts::new(
            store.clone(),
            clock.clone(),
            crm.clone(),
            templates.clone(),
            messaging.clone(),
            config.messages_per_second,
        );
        let audit = audit::Audit::new(store.clone(), clock.clone());
        let webhooks = webhooks::Webhooks::new(
            store.clone(),
            clock.clone(),
            sealer,
            jobs.clone(),
            webhooks::Settings {
                allow_private: config.webhook_allow_private,
                allow_loopback: config.webhook_allow_loopback,
                max_attempts: config.webhook_max_attempts.max(1),
                disable_after: config.webhook_disable_after.max(1),
            },
        );
        jobs.register(webhooks::Deliverer::new(webhooks.clone()));
        let automation = automation::Automation::new(automation::Deps {
            store: store.clone(),
            clock: clock.clone(),
            crm: crm.clone(),
            templates: templates.clone(),
            messaging: messaging.clone(),
            auth: auth.clone(),
            jobs: jobs.clone(),
            hooks: webhooks.clone(),
        });
        automation.restore_clock()?;
        if let Some(s) = backup::Scheduled::new(store.clone(), clock.clone(), &config) {
            jobs.register(s);
        }
        let app = Arc::new(App {
            config,
            clock,
            store,
            bus,
            metrics,
            auth,
            crm,
            messaging,
            templates,
            predefined,
            search,
            jobs,
            workers,
            credits,
            automation,
            audit,
            webhooks,
            consent,
            notifications,
            broadcasts,
            attachments,
            sandbox: Default::default(),
        });
        Ok(app)
    }

    /// Starts the background workers (search indexer, inbox processor, outbox sender, jobs),
    /// each under the supervisor, and schedules pruning. Separate from `open` so `demo` can
    /// restore its simulator before queued sends go out.
    pub fn start_workers(&self) {
        use futures_util::FutureExt;
        use service::FnService;
        let (search, bus) = (self.search.clone(), self.bus.clone());
        self.workers
            .start(FnService::new("search indexer", move |stop| {
                search.clone().run(bus.clone(), stop).boxed()
            }));
        let m = self.messaging.clone();
        self.workers.start(FnService::new("inbox", move |stop| {
            m.clone().run_inbox(stop).boxed()
        }));
        let m = self.messaging.clone();
        self.workers.start(FnService::new("sender", move |stop| {
            m.clone().run_sender(stop).boxed()
        }));
        let jobs = self.jobs.clone();
        self.workers.start(FnService::new("jobs", move |stop| {
            jobs.clone().run(stop).boxed()
        }));
        let (credits, bus) = (self.credits.clone(), self.bus.clone());
        self.workers
            .start(FnService::new("auto-recharge", move |stop| {
                credits.clone().run_auto_recharge(bus.clone(), stop).boxed()
            }));
        let (bus, jobs, m) = (self.bus.clone(), self.jobs.clone(), self.messaging.clone());
        self.workers
            .start(FnService::new("automation waker", move |stop| {
                automation::engine::run_waker(bus.clone(), jobs.clone(), m.clone(), stop).boxed()
            }));
        let (hooks, bus) = (self.webhooks.clone(), self.bus.clone());
        self.workers
            .start(FnService::new("webhook follower", move |stop| {
                hooks.clone().run_follower(bus.clone(), stop).boxed()
            }));
        #[cfg(unix)]
        {
            let (store, dir, clock) = (
                self.store.clone(),
                self.config.data_dir.clone(),
                self.clock.clone(),
            );
            self.workers
                .start(FnService::new("control socket", move |stop| {
                    backup::serve_control(store.clone(), dir.clone(), clock.clone(), stop).boxed()
                }));
        }
        if self.config.backup_dir.is_some() {
            let (jobs, due) = (
                self.jobs.clone(),
                self.clock.now() + i64::from(self.config.backup_interval_hours.max(1)) * 3_600_000,
            );
            tokio::spawn(async move {
                if let Err(e) = jobs.enqueue(backup::next_backup(due)).await {
                    tracing::error!(error = %e, "cannot schedule backups");
                }
            });
        }
        let (b, bus) = (self.broadcasts.clone(), self.bus.clone());
        self.workers
            .start(FnService::new("broadcasts", move |stop| {
                b.clone().run(bus.clone(), stop).boxed()
            }));
        // The first pruning runs now; each run schedules the next (one at a time, by its key).
        let (jobs, now) = (self.jobs.clone(), self.clock.now());
        tokio::spawn(async move {
            if let Err(e) = jobs.enqueue(crate::jobs::prune::next_run(now)).await {
                tracing::error!(error = %e, "cannot schedule pruning");
            }
        });
    }

    /// Stops the workers (each finishes what it is doing, within `grace`), waits until every
    /// change handed to the store so far is committed, and closes the store cleanly (so the
    /// next start does not have to repair it).
    pub async fn shutdown(&self, grace: std::time::Duration) {
        self.workers.shutdown(grace).await;
        if let Err(e) = self.store.close().await {
            tracing::error!(error = %e, "the store did not close cleanly on shutdown");
        }
    }
}

fn credit_settings(config: &Config) -> Result<credits::Settings, StartError> {
    let pricing_model = match config.pricing_model.to_ascii_lowercase().as_str() {
        "pmp" | "per_message" => credits::model::PricingModel::Pmp,
        "cbp" | "per_conversation" => credits::model::PricingModel::Cbp,
        other => {
            return Err(StartError::Config(format!(
                "unknown pricing model '{other}' (pmp or cbp)"
            )));
        }
    };
    if config.currency.len() != 3 {
        return Err(StartError::Config(format!(
            "currency '{}' is not a 3-letter code",
            config.currency
        )));
    }
    Ok(credits::Settings {
        currency: config.currency.clone(),
        pricing_model,
        home_country: config.default_country.clone(),
        gateway: config.payment_gateway.clone(),
    })
}
