//! Load generator: posts signed WhatsApp webhook deliveries (one inbound text each) to a running
//! Parley at a chosen concurrency and reports acknowledged deliveries per second and latency.
//!
//! ```sh
//! parley demo --data /tmp/load --sandbox-app-secret S &
//! cargo run --release --example webhook_load -- --url http://127.0.0.1:8080 --secret S \
//!     --pnid 106540352242922 --concurrency 64 --count 100000
//! ```
//! Every 200 means the delivery was durably committed before the answer (group commit).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_string())
}

fn delivery(pnid: &str, n: u64, run: &str) -> Vec<u8> {
    let wa_id = format!("49151{:08}", n % 50_000);
    serde_json::to_vec(&serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "0", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "4930901820", "phone_number_id": pnid},
        "contacts": [{"profile": {"name": format!("Load Test {}", n % 50_000)}, "wa_id": wa_id}],
        "messages": [{"from": wa_id, "id": format!("wamid.LOAD{run}{n}"), "timestamp": "1764000000", "type": "text",
                      "text": {"body": format!("Nachricht Nummer {n} – Grüße")}}]}}]}]}))
    .unwrap()
}

#[tokio::main]
async fn main() {
    let url = format!(
        "{}/webhooks/whatsapp",
        arg("--url", "http://127.0.0.1:8080")
    );
    let secret = arg("--secret", "");
    let pnid = arg("--pnid", "106540352242922");
    let concurrency: u64 = arg("--concurrency", "64").parse().unwrap();
    let count: u64 = arg("--count", "10000").parse().unwrap();
    let run = format!(
        "{:x}",
        Instant::now().elapsed().as_nanos() ^ u128::from(std::process::id())
    );
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency as usize)
        .build()
        .unwrap();
    let next = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, url, secret, pnid, next, failures, run) = (
                client.clone(),
                url.clone(),
                secret.clone(),
                pnid.clone(),
                next.clone(),
                failures.clone(),
                run.clone(),
            );
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= count {
                        return latencies;
                    }
                    let body = delivery(&pnid, n, &run);
                    let sig = parley::channel::whatsapp::signature::sign(&secret, &body);
                    let t = Instant::now();
                    let ok = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .header("x-hub-signature-256", sig)
                        .body(body)
                        .timeout(Duration::from_secs(30))
                        .send()
                        .await
                        .is_ok_and(|r| r.status() == 200);
                    latencies.push(t.elapsed());
                    if !ok {
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    let elapsed = started.elapsed();
    all.sort_unstable();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    let failed = failures.load(Ordering::Relaxed);
    println!("deliveries:   {count} at concurrency {concurrency}, {failed} not acknowledged");
    println!(
        "throughput:   {:.0} acknowledged deliveries/s",
        (count - failed) as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency:      p50 {:.2} ms, p99 {:.2} ms",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3
    );
}
