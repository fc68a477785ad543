//! The README's Performance table in one command:
//!
//! ```sh
//! cargo run --release --example bench            # BENCH_DELIVERIES=60000 by default
//! ```
//!
//! Builds nothing itself: it runs the release `parley` binary next to it (`cargo build --release`
//! first) as `parley demo` on a fresh data dir, then measures, in order: signed webhook intake
//! (counted by the server's own `/metrics`, acknowledged = durably committed), RSS after it (and
//! by mapping), the conversation list (the web app's query, first page of 50, through HTTP), the
//! login page's first load in Chromium, start-up to healthy with that data, and the binary's
//! size. `BENCH_ALL=1` then runs the in-process benchmarks (records, sender, message search).
//! Figures depend on the machine and on what else runs on it; the README says where each was
//! measured.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const SECRET: &str = "bench-app-secret";
const PW: &str = "Bench-Passw0rd-1";
const PNID: &str = "106540352242922";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The login page's first load as Chromium receives it, from the web app's own measuring script
/// (`frontend/scripts/first-load.mjs`, which needs node, the web app's packages and Chromium).
fn first_load(url: &str) -> String {
    let frontend = Path::new(env!("CARGO_MANIFEST_DIR")).join("frontend");
    let out = Command::new("node")
        .args(["scripts/first-load.mjs", "--url", url, "--json"])
        .current_dir(&frontend)
        .output();
    let parsed = out
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| serde_json::from_slice::<serde_json::Value>(&o.stdout).ok());
    let Some(m) = parsed else {
        return "not measured (needs node, `npm ci` in frontend/ and Chromium)".into();
    };
    let kb = |key: &str| m[key].as_f64().unwrap_or(0.0) / 1000.0;
    format!(
        "{:.1} kB in {} responses (bodies {:.1} kB + headers {:.1} kB); the same files gzip {:.1} kB, uncompressed {:.1} kB",
        kb("total"),
        m["responses"].as_array().map_or(0, Vec::len),
        kb("body"),
        kb("headers"),
        kb("gzipBodies"),
        kb("identityBodies"),
    )
}

fn binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().unwrap().parent().unwrap().join("parley");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --release` first",
        bin.display()
    );
    bin
}

struct Demo {
    child: Child,
    url: String,
}

impl Demo {
    /// Starts `parley demo` on `data` and answers once `/healthz` does, with the time it took.
    async fn start(data: &Path) -> (Demo, Duration) {
        let sandbox = format!("127.0.0.1:{}", free_port());
        Self::run(
            &["demo", "--data", data.to_str().unwrap()],
            &[
                "--admin-password",
                PW,
                "--sandbox-app-secret",
                SECRET,
                "--sandbox-listen",
                &sandbox,
            ],
        )
        .await
    }

    /// Starts `parley serve` (what production runs) on `data`.
    async fn serve(data: &Path) -> (Demo, Duration) {
        Self::run(&["serve", "--data", data.to_str().unwrap()], &[]).await
    }

    async fn run(args: &[&str], more: &[&str]) -> (Demo, Duration) {
        let port = free_port();
        let started = Instant::now();
        let child = Command::new(binary())
            .args(args)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(more)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let url = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        loop {
            if let Ok(r) = client.get(format!("{url}/healthz")).send().await
                && r.status().is_success()
            {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(120), "no start");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        (Demo { child, url }, started.elapsed())
    }

    fn rss_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    }

    /// RSS by what backs it, from `/proc/PID/smaps`: anonymous memory (heap, the store's
    /// cache, the index writer's arena), the search index's mmapped segment files (clean pages
    /// the kernel can drop), the store file, and the binary.
    fn rss_by_mapping(&self) -> String {
        let smaps =
            std::fs::read_to_string(format!("/proc/{}/smaps", self.child.id())).unwrap_or_default();
        let mut by: std::collections::BTreeMap<&str, f64> = Default::default();
        let mut kind = "anonymous";
        for line in smaps.lines() {
            if let Some(kb) = line.strip_prefix("Rss:") {
                let kb: f64 = kb
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse()
                    .unwrap_or(0.0);
                *by.entry(kind).or_default() += kb / 1024.0;
            } else if line.split_whitespace().next().is_some_and(|r| {
                r.contains('-') && r.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
            }) {
                // A mapping's header: range, perms, offset, dev, inode, path.
                let path = line.split_whitespace().nth(5).unwrap_or("");
                kind = if path.is_empty() || path.starts_with('[') {
                    "anonymous"
                } else if path.contains("/index/") {
                    "search index files"
                } else if path.ends_with(".redb") {
                    "store file"
                } else if path.ends_with("/parley") {
                    "binary"
                } else {
                    "other files"
                };
            }
        }
        by.iter()
            .map(|(k, mb)| format!("{k} {mb:.0} MB"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    async fn acknowledged(&self) -> u64 {
        let text = reqwest::get(format!("{}/metrics", self.url))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        text.lines()
            .filter(|l| {
                l.starts_with("parley_http_requests_total")
                    && l.contains("route=\"/webhooks/whatsapp\"")
                    && l.contains("status=\"200\"")
            })
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum::<f64>() as u64
    }

    fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn delivery(n: u64, conversations: u64) -> Vec<u8> {
    let wa_id = format!("49151{:08}", n % conversations);
    serde_json::to_vec(&serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "0", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "4930901820", "phone_number_id": PNID},
        "contacts": [{"profile": {"name": format!("Load Test {}", n % conversations)}, "wa_id": wa_id}],
        "messages": [{"from": wa_id, "id": format!("wamid.BENCH{n}"), "timestamp": (1_764_000_000 + n).to_string(), "type": "text",
                      "text": {"body": format!("Nachricht Nummer {n} – Grüße")}}]}}]}]}))
    .unwrap()
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
        .as_secs_f64()
        * 1e3
}

/// Posts `count` signed deliveries at `concurrency`; answers (acknowledged per second by the
/// server's count, sorted latencies).
async fn load(
    demo: &Demo,
    count: u64,
    conversations: u64,
    concurrency: u64,
) -> (f64, Vec<Duration>) {
    let url = format!("{}/webhooks/whatsapp", demo.url);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency as usize)
        .build()
        .unwrap();
    let before = demo.acknowledged().await;
    let next = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, url, next) = (client.clone(), url.clone(), next.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= count {
                        return latencies;
                    }
                    let body = delivery(n, conversations);
                    let sig = parley::channel::whatsapp::signature::sign(SECRET, &body);
                    let t = Instant::now();
                    let _ = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .header("x-hub-signature-256", sig)
                        .body(body)
                        .timeout(Duration::from_secs(30))
                        .send()
                        .await;
                    latencies.push(t.elapsed());
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    let elapsed = started.elapsed();
    let acked = demo.acknowledged().await - before;
    all.sort_unstable();
    (acked as f64 / elapsed.as_secs_f64(), all)
}

const LIST: &str = "query Conversations($first: Int) { conversations(first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id customerWaId customerName windowOpen windowExpiresAt lastMessageAt profile { id nickname displayPhoneNumber } record { id module displayName } lastMessage { id direction type text status timestamp } } } } }";

async fn gql(
    client: &reqwest::Client,
    demo: &Demo,
    token: Option<&str>,
    q: &str,
    vars: serde_json::Value,
) -> serde_json::Value {
    let mut req = client
        .post(format!("{}/graphql", demo.url))
        .json(&serde_json::json!({"query": q, "variables": vars}));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap().json().await.unwrap()
}

/// The web app's conversation list query, first page of 50: (p50, p99, total listed).
async fn conversation_list(demo: &Demo, rounds: usize) -> (f64, f64, u64) {
    let client = reqwest::Client::new();
    let login = gql(
        &client,
        demo,
        None,
        "mutation($p:String!){ login(email:\"admin@parley.local\", password:$p){ token } }",
        serde_json::json!({"p": PW}),
    )
    .await;
    let token = login["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let mut times = Vec::with_capacity(rounds);
    let mut total = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let r = gql(
            &client,
            demo,
            Some(&token),
            LIST,
            serde_json::json!({"first": 50}),
        )
        .await;
        times.push(t.elapsed());
        assert!(r["errors"].is_null(), "{r}");
        total = r["data"]["conversations"]["totalCount"]
            .as_u64()
            .unwrap_or(0);
    }
    times.sort_unstable();
    (pct(&times, 0.5), pct(&times, 0.99), total)
}

/// Waits until the server has applied and indexed every delivery: the Messages module counts
/// them all.
async fn drained(demo: &Demo, messages: u64) {
    let client = reqwest::Client::new();
    let login = gql(
        &client,
        demo,
        None,
        "mutation($p:String!){ login(email:\"admin@parley.local\", password:$p){ token } }",
        serde_json::json!({"p": PW}),
    )
    .await;
    let token = login["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let started = Instant::now();
    loop {
        let r = gql(
            &client,
            demo,
            Some(&token),
            "{ messages(first: 1, filter: { direction: INBOUND }) { totalCount } }",
            serde_json::json!({}),
        )
        .await;
        if r["data"]["messages"]["totalCount"].as_u64().unwrap_or(0) >= messages {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(900),
            "inbox never drained"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::main]
async fn main() {
    let count: u64 = std::env::var("BENCH_DELIVERIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60_000);
    let conversations = std::env::var("BENCH_CONVERSATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or((count * 5 / 6).max(1));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (demo, _) = Demo::start(&data).await;
    let started = Instant::now();
    let (rate, latencies) = load(&demo, count, conversations, 64).await;
    let (p50, p99) = (pct(&latencies, 0.5), pct(&latencies, 0.99));
    drained(&demo, count).await;
    let drain = started.elapsed();
    let rss = demo.rss_mb();
    let rss_by = demo.rss_by_mapping();
    let (list50, list99, listed) = conversation_list(&demo, 200).await;
    let first_load = first_load(&demo.url);
    demo.stop();
    let (server, startup) = Demo::serve(&data).await;
    let rss_started = server.rss_mb();
    server.stop();
    if let Ok(keep) = std::env::var("BENCH_KEEP") {
        let _ = std::fs::rename(&data, &keep);
    }
    let size = std::fs::metadata(binary()).map_or(0, |m| m.len()) as f64 / 1e6;

    println!("| what | measured |");
    println!("|---|---|");
    println!(
        "| webhook intake, {count} deliveries, concurrency 64 (server-counted) | {rate:.0}/s, p50 {p50:.1} ms, p99 {p99:.1} ms |"
    );
    println!(
        "| RSS after the intake ({conversations} conversations; every message applied and searchable {:.1} s after the first delivery) | {rss:.0} MB ({rss_by}) |",
        drain.as_secs_f64()
    );
    println!(
        "| conversation list, first page of 50 over {listed} conversations (HTTP) | p50 {list50:.1} ms, p99 {list99:.1} ms |"
    );
    println!(
        "| `parley serve` start-up to healthy with that data | {:.0} ms (RSS then {rss_started:.0} MB) |",
        startup.as_secs_f64() * 1e3
    );
    println!("| release binary with the web app | {size:.1} MB |");
    println!("| first load of the login page, as sent (Chromium, cold cache) | {first_load} |");

    // The in-process benchmarks, when built (`cargo build --release --examples`).
    if std::env::var("BENCH_ALL").is_ok() {
        let dir = binary().parent().unwrap().join("examples");
        for name in ["crm_bench", "sender_bench", "search_bench"] {
            let exe = dir.join(name);
            if !exe.exists() {
                println!("\n{name}: not built");
                continue;
            }
            println!("\n{name}:");
            let out = Command::new(exe).output().unwrap();
            print!("{}", String::from_utf8_lossy(&out.stdout));
        }
    }
}
