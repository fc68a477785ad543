//! Boots Parley in-process (or as the real binary) and speaks GraphQL to it.

use std::net::SocketAddr;
use std::sync::Arc;

use parley::App;
use parley::clock::{ManualClock, SharedClock};
use parley::config::Config;
use serde_json::{Value, json};
use tempfile::TempDir;

pub const ADMIN_EMAIL: &str = "admin@parley.local";
pub const ADMIN_PW: &str = "Admin-Passw0rd-1";

pub struct Server {
    pub addr: SocketAddr,
    pub app: Arc<App>,
    pub clock: Arc<ManualClock>,
    pub http: reqwest::Client,
    _dir: TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Server {
    /// A server with an admin user and nothing else.
    pub async fn start() -> Server {
        Self::start_with(80).await
    }

    /// A server whose sender keeps to `rate` messages a second per number.
    pub async fn start_with(rate: u32) -> Server {
        Self::start_tuned(|c| c.messages_per_second = rate).await
    }

    /// Like `start_with`, with `tune` adjusting the configuration too.
    pub async fn start_config(rate: u32, tune: impl FnOnce(&mut Config)) -> Server {
        Self::start_tuned(|c| {
            c.messages_per_second = rate;
            tune(c);
        })
        .await
    }

    /// A server whose configuration `tune` adjusts (the data dir is set afterwards).
    pub async fn start_tuned(tune: impl FnOnce(&mut Config)) -> Server {
        Self::start_prepared(tune, |_| {}).await
    }

    /// Like `start_tuned`, over a data dir that `prepare` fills first (a store as an older
    /// version left it).
    pub async fn start_prepared(
        tune: impl FnOnce(&mut Config),
        prepare: impl FnOnce(&std::path::Path),
    ) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = Config::default();
        tune(&mut cfg);
        cfg.data_dir = dir.path().join("data");
        std::fs::create_dir_all(&cfg.data_dir).unwrap();
        prepare(&cfg.data_dir);
        let clock = ManualClock::new();
        let shared: SharedClock = clock.clone();
        let app = App::open(cfg, shared).await.unwrap();
        app.start_workers();
        app.auth
            .create_user(parley::auth::NewUser {
                email: ADMIN_EMAIL.into(),
                name: "Admin".into(),
                password: ADMIN_PW.into(),
                is_admin: true,
                ..Default::default()
            })
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let served = app.clone();
        tokio::spawn(async move {
            parley::web::serve(served, listener, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        Server {
            addr,
            app,
            clock,
            http: reqwest::Client::new(),
            _dir: dir,
            stop: Some(stop),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Posts a GraphQL request with an optional bearer token; returns the JSON answer.
    pub async fn gql(&self, token: Option<&str>, query: &str, vars: Value) -> Value {
        let mut req = self
            .http
            .post(self.url("/graphql"))
            .json(&json!({"query": query, "variables": vars}));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.unwrap().json().await.unwrap()
    }

    pub async fn login(&self, email: &str, pw: &str) -> String {
        let r = self
            .gql(
                None,
                "mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }",
                json!({"e": email, "p": pw}),
            )
            .await;
        r["data"]["login"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("login failed: {r}"))
            .to_string()
    }

    pub async fn admin_token(&self) -> String {
        self.login(ADMIN_EMAIL, ADMIN_PW).await
    }

    /// Creates a role (below `parent`, if given) and returns its id.
    pub async fn role(&self, admin: &str, name: &str, parent: Option<&str>) -> String {
        let r = self
            .gql(
                Some(admin),
                "mutation($n:String!,$p:ID){ createRole(name:$n, parentId:$p){ id } }",
                json!({"n": name, "p": parent}),
            )
            .await;
        r["data"]["createRole"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createRole: {r}"))
            .to_string()
    }

    /// Creates a standard user (optionally in a role) and returns (id, token).
    pub async fn user(&self, admin: &str, email: &str, role: Option<&str>) -> (String, String) {
        let r = self
            .gql(
                Some(admin),
                "mutation($i:CreateUserInput!){ createUser(input:$i){ id } }",
                json!({"i": {"email": email, "name": email, "password": "User-Passw0rd-1", "roleId": role}}),
            )
            .await;
        let id = r["data"]["createUser"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createUser: {r}"))
            .to_string();
        (id, self.login(email, "User-Passw0rd-1").await)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// The error codes of a GraphQL answer.
pub fn codes(r: &Value) -> Vec<String> {
    r["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["extensions"]["code"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}
