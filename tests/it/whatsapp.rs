//! A server connected to the Graph API simulator: the account, a profile, signed deliveries.

use std::time::Duration;

use parley::channel::whatsapp::sandbox::{Sandbox, SandboxConfig, WindowMode};
use parley::channel::whatsapp::signature;
use parley::messaging::setup::ConnectInput;
use serde_json::{Value, json};

use crate::harness::Server;

pub const SECRET: &str = "test-app-secret";
pub const TOKEN: &str = "test-sandbox-token";

pub struct Wa {
    pub s: Server,
    pub sandbox: Sandbox,
    pub admin: String,
    pub profile_id: String,
    pub pnid: String,
    pub waba: String,
}

impl Wa {
    pub async fn start() -> Wa {
        Self::start_with(80, |_| {}).await
    }

    /// `tune` adjusts the simulator (rates, window mode) before it starts.
    pub async fn start_with(rate: u32, tune: impl FnOnce(&mut SandboxConfig)) -> Wa {
        let wa = Self::start_bare(rate, |_| {}, tune).await;
        // Credits for the template sends of tests about other things.
        wa.s.app
            .credits
            .manual_top_up(
                parley::credits::model::Money::parse("1000").unwrap(),
                "test credit",
                None,
            )
            .await
            .unwrap();
        wa
    }

    /// A connected server with an empty wallet; `config` adjusts the server's configuration.
    pub async fn start_bare(
        rate: u32,
        config: impl FnOnce(&mut parley::config::Config),
        tune: impl FnOnce(&mut SandboxConfig),
    ) -> Wa {
        let s = Server::start_config(rate, config).await;
        let mut cfg = SandboxConfig::demo("127.0.0.1:0".parse().unwrap(), TOKEN, SECRET);
        cfg.status_delay = Duration::ZERO;
        cfg.review_delay = Duration::ZERO;
        cfg.retry_base = Duration::from_millis(20);
        cfg.webhook_url = Some(s.url("/webhooks/whatsapp"));
        cfg.window_mode = WindowMode::Async;
        tune(&mut cfg);
        let waba = cfg.waba_id.clone();
        let pnid = cfg.numbers[0].id.clone();
        let sandbox = Sandbox::start(cfg, s.app.clock.clone()).await.unwrap();
        s.app
            .messaging
            .connect(ConnectInput {
                waba_id: waba.clone(),
                access_token: TOKEN.into(),
                app_secret: SECRET.into(),
                verify_token: "verify-me".into(),
                graph_base_url: Some(sandbox.base_url()),
            })
            .await
            .unwrap();
        let admin = s.admin_token().await;
        let r = s
            .gql(
                Some(&admin),
                "mutation($i:CreateWhatsappProfileInput!){ createWhatsappProfile(input:$i){ id phoneNumberId } }",
                json!({"i": {"nickname": "Support", "phoneNumberId": pnid, "unknownSenders": "Leads"}}),
            )
            .await;
        let profile_id = r["data"]["createWhatsappProfile"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{r}"))
            .to_string();
        Wa {
            s,
            sandbox,
            admin,
            profile_id,
            pnid,
            waba,
        }
    }

    /// Posts `body` signed with the app secret; returns the HTTP status.
    pub async fn post_signed(&self, body: &[u8]) -> u16 {
        self.post_with_signature(body, Some(signature::sign(SECRET, body)))
            .await
    }

    pub async fn post_with_signature(&self, body: &[u8], sig: Option<String>) -> u16 {
        let mut req = self
            .s
            .http
            .post(self.s.url("/webhooks/whatsapp"))
            .header("content-type", "application/json")
            .body(body.to_vec());
        if let Some(sig) = sig {
            req = req.header("x-hub-signature-256", sig);
        }
        req.send().await.unwrap().status().as_u16()
    }

    pub async fn gql(&self, query: &str, vars: Value) -> Value {
        self.s.gql(Some(&self.admin), query, vars).await
    }

    /// Waits (on the event bus and the inbox, not a timer) until `check` holds for the store.
    pub async fn until<F: Fn(&Wa) -> bool>(&self, what: &str, check: F) {
        let mut events = self.s.app.bus.subscribe();
        let mut processed = self.s.app.messaging.processed();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
        loop {
            if check(self) {
                return;
            }
            let woke = tokio::time::timeout_at(deadline, async {
                tokio::select! {
                    _ = events.recv() => {}
                    _ = processed.changed() => {}
                }
            });
            if woke.await.is_err() {
                panic!("timed out waiting for {what}");
            }
        }
    }
}

/// A fixture from `fixtures/webhooks` with its placeholders filled.
pub fn fixture(name: &str, vars: &[(&str, &str)]) -> String {
    let path = format!("{}/fixtures/webhooks/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(path).unwrap();
    for (k, v) in vars {
        text = text.replace(&format!("{{{{{k}}}}}"), v);
    }
    text
}
