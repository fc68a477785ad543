//! Parley: a self-hosted CRM with WhatsApp Business messaging, in one binary.
//!
//! [`App::open`] wires the domain services over one store; `main.rs` and the tests both use it.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod auth;
pub mod blobs;
pub mod channel;
pub mod clock;
pub mod config;
pub mod credits;
pub mod crm;
pub mod demo;
pub mod error;
pub mod events;
pub mod graphql;
pub mod ids;
pub mod messaging;
pub mod metrics;
pub mod notify;
pub mod predefined;
pub mod search;
pub mod secrets;
pub mod store;
pub mod templates;
pub mod web;

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
    pub credits: credits::Credits,
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
        for dir in ["index", "blobs"] {
            std::fs::create_dir_all(config.data_dir.join(dir)).map_err(|e| {
                StartError::Config(format!("cannot create {dir}/ in the data dir: {e}"))
            })?;
        }
        let auth = auth::Auth::new(store.clone(), clock.clone()).await?;
        let crm = crm::Crm::new(store.clone(), clock.clone(), auth.clone(), country);
        let search = search::Search::open(&config.data_dir.join("index"), store.clone(), &metrics)?;
        let sealer = secrets::Sealer::load(config.secret_key.as_deref(), &config.data_dir)?;
        let opts = messaging::Options {
            graph_base: config.graph_base_url.clone(),
            graph_version: config.graph_version.clone(),
            blobs: config.data_dir.join("blobs"),
            per_number_rate: config.messages_per_second,
        };
        let messaging = messaging::Messaging::new(
            store.clone(),
            clock.clone(),
            auth.clone(),
            crm.clone(),
            sealer,
            search.clone(),
            opts,
        );
        let templates =
            templates::Templates::new(store.clone(), clock.clone(), crm.clone(), messaging.clone());
        let predefined = predefined::Predefined::new(store.clone(), clock.clone(), crm.clone());
        let credits =
            credits::Credits::open(store.clone(), clock.clone(), credit_settings(&config)?).await?;
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
            credits,
            sandbox: Default::default(),
        });
        Ok(app)
    }

    /// Starts the background workers (inbox processor, outbox sender, search indexer). Separate
    /// from `open` so `demo` can restore its simulator before queued sends go out.
    pub fn start_workers(&self) {
        tokio::spawn(self.search.clone().run(self.bus.clone()));
        tokio::spawn(self.messaging.clone().run_inbox());
        tokio::spawn(self.messaging.clone().run_sender());
        tokio::spawn(self.credits.clone().run_auto_recharge(self.bus.clone()));
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
