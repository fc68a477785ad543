//! What every benchmark starts from: a release `App` on a temporary data dir with its web
//! server, the in-process simulator at `rate` messages/s (no status delay, no pair limit) wired
//! to it by signed webhooks, a connected account, an administrator, one profile and plenty of
//! credit. Shared by the examples through `#[path]`.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use parley::App;
use parley::auth::{NewUser, Viewer};
use parley::channel::whatsapp::sandbox::{Sandbox, SandboxConfig};
use parley::clock::{SharedClock, SystemClock};
use parley::config::Config;
use parley::messaging::setup::{ConnectInput, NewProfile};
use parley::templates::{Category, TemplateInput, TemplateStatus};
use serde_json::json;

pub const SECRET: &str = "bench-secret";
pub const PASSWORD: &str = "Bench-Passw0rd";
pub const EMAIL: &str = "bench@example.com";

pub struct Bench {
    pub app: Arc<App>,
    /// The web server's base URL.
    pub url: String,
    pub sandbox: Sandbox,
    pub viewer: Viewer,
    pub profile_id: String,
    pub pnid: String,
    pub waba: String,
    _dir: tempfile::TempDir,
}

impl Bench {
    pub async fn start(rate: u32) -> Bench {
        let dir = tempfile::tempdir().unwrap();
        let cfg = Config {
            data_dir: dir.path().join("data"),
            messages_per_second: rate,
            ..Config::default()
        };
        let clock: SharedClock = Arc::new(SystemClock);
        let app = App::open(cfg, clock.clone()).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(parley::web::serve(
            app.clone(),
            listener,
            std::future::pending(),
        ));
        let mut sc = SandboxConfig::demo("127.0.0.1:0".parse().unwrap(), "bench-token", SECRET);
        sc.status_delay = Duration::ZERO;
        sc.review_delay = Duration::ZERO;
        sc.throughput_per_sec = rate;
        sc.pair_limit = false;
        sc.webhook_url = Some(format!("{url}/webhooks/whatsapp"));
        let pnid = sc.numbers[0].id.clone();
        let waba = sc.waba_id.clone();
        let sandbox = Sandbox::start(sc, clock).await.unwrap();
        app.start_workers();
        // Enough credit that charging never refuses a send of a benchmark.
        app.credits
            .manual_top_up(
                parley::credits::model::Money::parse("100000").unwrap(),
                "bench credit",
                None,
            )
            .await
            .unwrap();
        app.messaging
            .connect(ConnectInput {
                waba_id: waba.clone(),
                access_token: "bench-token".into(),
                app_secret: SECRET.into(),
                verify_token: "v".into(),
                graph_base_url: Some(sandbox.base_url()),
            })
            .await
            .unwrap();
        let admin = app
            .auth
            .create_user(NewUser {
                email: EMAIL.into(),
                name: "Bench".into(),
                password: PASSWORD.into(),
                is_admin: true,
                ..Default::default()
            })
            .await
            .unwrap();
        let viewer = Viewer {
            user: admin,
            token: String::new(),
        };
        let profile = app
            .messaging
            .create_profile(NewProfile {
                nickname: "Bench".into(),
                phone_number_id: pnid.clone(),
                unknown_senders: "Leads".into(),
                user_ids: vec![],
                group_ids: vec![],
                role_ids: vec![],
            })
            .await
            .unwrap();
        Bench {
            app,
            url,
            sandbox,
            viewer,
            profile_id: profile.id,
            pnid,
            waba,
            _dir: dir,
        }
    }

    /// Posts `body` to our webhook endpoint, signed as Meta would.
    pub async fn post_signed(&self, body: String) {
        let sig = parley::channel::whatsapp::signature::sign(SECRET, body.as_bytes());
        let status = reqwest::Client::new()
            .post(format!("{}/webhooks/whatsapp", self.url))
            .header("content-type", "application/json")
            .header("x-hub-signature-256", sig)
            .body(body)
            .send()
            .await
            .unwrap()
            .status();
        assert!(status.is_success());
    }

    /// The simulated number starts at TIER_1K; Meta announces an upgrade by webhook. Answers
    /// once the profile shows TIER_100K.
    pub async fn upgrade_to_100k(&self) {
        let profile = self
            .app
            .messaging
            .profile(&self.profile_id)
            .unwrap()
            .unwrap();
        let digits: String = profile
            .display_phone_number
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let body = json!({"object": "whatsapp_business_account", "entry": [{"id": self.waba, "changes": [{
            "field": "phone_number_quality_update",
            "value": {"display_phone_number": digits, "event": "UPGRADE", "current_limit": "TIER_100K", "old_limit": "TIER_1K"}}]}]});
        self.post_signed(body.to_string()).await;
        self.until(|b| {
            b.app
                .messaging
                .profile(&b.profile_id)
                .unwrap()
                .unwrap()
                .messaging_limit
                .as_deref()
                == Some("TIER_100K")
        })
        .await;
    }

    /// A UTILITY template on Leads with `body`, once the simulator's review approved it.
    pub async fn approved_template(&self, name: &str, body: &str) -> String {
        let t = self
            .app
            .templates
            .create(
                self.viewer.id(),
                TemplateInput {
                    name: name.into(),
                    module: "Leads".into(),
                    language: "en".into(),
                    category: Category::Utility,
                    body: body.into(),
                    header: None,
                    header_media: None,
                    footer: None,
                    buttons: vec![],
                },
            )
            .await
            .unwrap();
        self.until(|b| b.app.templates.get(&t.id).unwrap().status == TemplateStatus::Approved)
            .await;
        t.id
    }

    /// Waits on the event bus until `check` holds.
    pub async fn until(&self, check: impl Fn(&Bench) -> bool) {
        let mut events = self.app.bus.subscribe();
        while !check(self) {
            let _ = tokio::time::timeout(Duration::from_millis(100), events.recv()).await;
        }
    }
}
