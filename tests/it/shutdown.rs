//! Issue 11, items 14 and 4 with the real binary: SIGTERM stops an idle server within a second
//! and a loaded one without losing an acknowledged delivery; a media fetch cut off by a restart
//! completes after it.

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use parking_lot::Mutex;
use parley::channel::whatsapp::sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};

use crate::binary::{BIN, free_port};
use crate::crash::{PW, SECRET, delivery, start};

/// Sends SIGTERM and waits for the exit; answers (success, how long it took).
fn terminate(child: &mut Child) -> (bool, Duration) {
    let asked = Instant::now();
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (status.success(), asked.elapsed());
        }
        if asked.elapsed() > Duration::from_secs(15) {
            child.kill().unwrap();
            panic!("still running 15 s after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

async fn wait_healthy(url: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(r) = reqwest::get(format!("{url}/healthz")).await
            && r.status() == 200
        {
            return;
        }
        assert!(Instant::now() < deadline, "{url} never became healthy");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn serve(data: &std::path::Path, port: u16, graph: Option<&str>) -> Child {
    let mut cmd = Command::new(BIN);
    cmd.args([
        "serve",
        "--data",
        data.to_str().unwrap(),
        "--listen",
        &format!("127.0.0.1:{port}"),
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    if let Some(g) = graph {
        cmd.env("PARLEY_GRAPH_BASE_URL", g);
    }
    cmd.spawn().unwrap()
}

fn create_admin(data: &std::path::Path) {
    let out = Command::new(BIN)
        .args(["user", "create", "--data", data.to_str().unwrap()])
        .args([
            "--email",
            "admin@parley.local",
            "--name",
            "Admin",
            "--admin",
        ])
        .args(["--password", PW])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn gql(url: &str, token: Option<&str>, query: &str, vars: Value) -> Value {
    let mut req = reqwest::Client::new()
        .post(format!("{url}/graphql"))
        .json(&json!({"query": query, "variables": vars}));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap().json().await.unwrap()
}

async fn login(url: &str) -> String {
    let r = gql(
        url,
        None,
        "mutation($p:String!){ login(email:\"admin@parley.local\", password:$p){ token } }",
        json!({"p": PW}),
    )
    .await;
    r["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_demo_and_serve_stop_within_a_second_of_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut demo = start(&dir.path().join("demo"), port);
    wait_healthy(&format!("http://127.0.0.1:{port}")).await;
    let (ok, took) = terminate(&mut demo);
    assert!(ok, "demo exits 0 on SIGTERM");
    assert!(took < Duration::from_secs(2), "demo took {took:?} to stop");

    let port = free_port();
    let mut server = serve(&dir.path().join("serve"), port, None);
    wait_healthy(&format!("http://127.0.0.1:{port}")).await;
    let (ok, took) = terminate(&mut server);
    assert!(ok, "serve exits 0 on SIGTERM");
    assert!(took < Duration::from_secs(2), "serve took {took:?} to stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_under_load_stops_promptly_and_loses_no_acknowledged_delivery() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let port = free_port();
    let mut child = start(&data, port);
    let url = format!("http://127.0.0.1:{port}");
    wait_healthy(&url).await;
    let acked = Arc::new(Mutex::new(HashSet::new()));
    let client = reqwest::Client::new();
    let posters: Vec<_> = (0..16)
        .map(|w| {
            let (client, url, acked) = (client.clone(), url.clone(), acked.clone());
            tokio::spawn(async move {
                for i in 0..2000 {
                    let (wamid, body) = delivery(w * 10_000 + i);
                    let sig = parley::channel::whatsapp::signature::sign(SECRET, &body);
                    let r = client
                        .post(format!("{url}/webhooks/whatsapp"))
                        .header("x-hub-signature-256", sig)
                        .body(body)
                        .send()
                        .await;
                    match r {
                        Ok(r) if r.status() == 200 => {
                            acked.lock().insert(wamid);
                        }
                        Ok(_) => {}
                        Err(_) => return, // the server is gone
                    }
                }
            })
        })
        .collect();
    while acked.lock().len() < 300 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let (ok, took) = tokio::task::spawn_blocking(move || {
        let r = terminate(&mut child);
        (r, child)
    })
    .await
    .map(|(r, _)| r)
    .unwrap();
    for p in posters {
        p.await.unwrap();
    }
    assert!(ok, "exits 0 under load");
    assert!(
        took < Duration::from_secs(6),
        "took {took:?} to stop under load"
    );
    let acked: HashSet<String> = acked.lock().clone();

    let port = free_port();
    let mut child = start(&data, port);
    let url = format!("http://127.0.0.1:{port}");
    let token = login(&url).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut have = HashSet::new();
        let mut after: Option<String> = None;
        loop {
            let r = gql(&url, Some(&token), "query($a:String){ messages(first:500, after:$a){ edges { node { wamid } } pageInfo { hasNextPage endCursor } } }", json!({"a": after})).await;
            let conn = &r["data"]["messages"];
            for e in conn["edges"].as_array().unwrap() {
                if let Some(w) = e["node"]["wamid"].as_str() {
                    have.insert(w.to_string());
                }
            }
            if conn["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = conn["pageInfo"]["endCursor"].as_str().map(String::from);
        }
        let missing = acked.iter().filter(|a| !have.contains(*a)).count();
        if missing == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{missing} of {} acknowledged deliveries are missing",
            acked.len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (ok, _) = terminate(&mut child);
    assert!(ok);
}

/// A TCP proxy the test can cut (refusing new connections and dropping open ones).
async fn proxy(upstream: String) -> (String, tokio::sync::watch::Sender<bool>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (open, gate) = tokio::sync::watch::channel(true);
    tokio::spawn(async move {
        loop {
            let Ok((mut down, _)) = listener.accept().await else {
                return;
            };
            let mut closed = gate.clone();
            if !*closed.borrow() {
                continue;
            }
            let upstream = upstream.clone();
            tokio::spawn(async move {
                let Ok(mut up) = tokio::net::TcpStream::connect(upstream).await else {
                    return;
                };
                tokio::select! {
                    _ = tokio::io::copy_bidirectional(&mut down, &mut up) => {}
                    _ = closed.wait_for(|o| !*o) => {}
                }
            });
        }
    });
    (format!("http://{addr}"), open)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_media_fetch_cut_off_by_a_restart_completes_after_it() {
    const TOKEN: &str = "restart-media-token";
    let clock: parley::clock::SharedClock = Arc::new(parley::clock::SystemClock);
    let cfg = SandboxConfig::demo("127.0.0.1:0".parse().unwrap(), TOKEN, SECRET);
    let (waba, pnid) = (cfg.waba_id.clone(), cfg.numbers[0].id.clone());
    let sandbox = Sandbox::start(cfg, clock).await.unwrap();
    let upstream = sandbox.base_url().trim_start_matches("http://").to_string();
    let (graph, gate) = proxy(upstream).await;

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    create_admin(&data);
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    let mut server = serve(&data, port, Some(&graph));
    wait_healthy(&url).await;
    let token = login(&url).await;
    let r = gql(&url, Some(&token), "mutation($i:ConnectWhatsappInput!){ connectWhatsapp(input:$i){ wabaId } }", json!({"i": {"wabaId": waba, "accessToken": TOKEN, "appSecret": SECRET, "verifyToken": "v"}})).await;
    assert!(r["errors"].is_null(), "{r}");
    let r = gql(
        &url,
        Some(&token),
        "mutation($i:CreateWhatsappProfileInput!){ createWhatsappProfile(input:$i){ id } }",
        json!({"i": {"nickname": "Support", "phoneNumberId": pnid, "unknownSenders": "Leads"}}),
    )
    .await;
    assert!(r["errors"].is_null(), "{r}");

    // The Graph API becomes unreachable; a customer's image arrives meanwhile.
    let bytes = vec![42u8; 100_000];
    let media = sandbox.put_media(bytes.clone(), "image/png");
    gate.send_replace(false);
    let sha = base64::engine::general_purpose::STANDARD
        .encode(hex::decode(parley::ids::sha256_hex(&bytes)).unwrap());
    let body = serde_json::to_vec(&json!({"object": "whatsapp_business_account", "entry": [{"id": waba, "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "4930901820", "phone_number_id": pnid},
        "contacts": [{"profile": {"name": "Rita Restart"}, "wa_id": "4915144400001"}],
        "messages": [{"from": "4915144400001", "id": "wamid.MEDIARESTART", "timestamp": "1764000000", "type": "image",
            "image": {"id": media, "mime_type": "image/png", "sha256": sha}}]}}]}]}))
    .unwrap();
    let sig = parley::channel::whatsapp::signature::sign(SECRET, &body);
    let r = reqwest::Client::new()
        .post(format!("{url}/webhooks/whatsapp"))
        .header("x-hub-signature-256", sig)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let q =
        "{ messages(filter:{direction:INBOUND}){ edges { node { attachment { status url } } } } }";
    let att = |r: &Value| r["data"]["messages"]["edges"][0]["node"]["attachment"].clone();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let r = gql(&url, Some(&token), q, json!({})).await;
        if att(&r)["status"] == "PENDING" {
            break;
        }
        assert!(Instant::now() < deadline, "{r}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Let an attempt fail (it backs off), then stop the server with the fetch unfinished.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (ok, took) = terminate(&mut server);
    assert!(ok && took < Duration::from_secs(2), "{ok} {took:?}");

    gate.send_replace(true);
    let mut server = serve(&data, port, Some(&graph));
    wait_healthy(&url).await;
    let token = login(&url).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    let got = loop {
        let r = gql(&url, Some(&token), q, json!({})).await;
        if att(&r)["status"] == "AVAILABLE" {
            break att(&r);
        }
        assert!(Instant::now() < deadline, "{r}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let file = reqwest::Client::new()
        .get(format!("{url}{}", got["url"].as_str().unwrap()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(file.bytes().await.unwrap().to_vec(), bytes);
    terminate(&mut server);
    sandbox.shutdown().await;
}
