//! Posts one signed WhatsApp delivery carrying `--count` text messages from one customer (a
//! long unanswered run) and measures how long until the last one is searchable, and how much
//! the server's memory grew meanwhile.
//!
//! ```sh
//! parley demo --data /tmp/burst --sandbox-app-secret S --admin-password Burst-Passw0rd &
//! cargo run --release --example burst_index -- --secret S --password Burst-Passw0rd \
//!     --pid $(pgrep -f 'parley demo') --count 10000
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_string())
}

/// Resident memory of `pid` in MB, from /proc.
fn rss_mb(pid: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn delivery(pnid: &str, count: usize, run: &str) -> Vec<u8> {
    let wa_id = "4915199999999";
    let messages: Vec<Value> = (0..count)
        .map(|n| {
            json!({"from": wa_id, "id": format!("wamid.BURST{run}{n}"), "timestamp": "1764000000",
                        "type": "text", "text": {"body": format!("Frage {run}x{n} zur Lieferung")}})
        })
        .collect();
    serde_json::to_vec(&json!({"object": "whatsapp_business_account", "entry": [{"id": "0", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "4930901820", "phone_number_id": pnid},
        "contacts": [{"profile": {"name": "Viel Schreiber"}, "wa_id": wa_id}], "messages": messages}}]}]}))
    .unwrap()
}

#[tokio::main]
async fn main() {
    let base = arg("--url", "http://127.0.0.1:8080");
    let secret = arg("--secret", "");
    let pnid = arg("--pnid", "106540352242922");
    let count: usize = arg("--count", "10000").parse().unwrap();
    let pid = arg("--pid", "");
    let run = format!("{:x}", std::process::id());
    let client = reqwest::Client::new();
    let login = client
        .post(format!("{base}/graphql"))
        .json(&json!({"query": "mutation($e:String!,$p:String!){ login(email:$e, password:$p){ token } }",
                      "variables": {"e": arg("--email", "admin@parley.local"), "p": arg("--password", "")}}))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let token = login["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("login failed: {login}"))
        .to_string();
    let rss_before = rss_mb(&pid);
    let body = delivery(&pnid, count, &run);
    let sig = parley::channel::whatsapp::signature::sign(&secret, &body);
    let started = Instant::now();
    let status = client
        .post(format!("{base}/webhooks/whatsapp"))
        .header("content-type", "application/json")
        .header("x-hub-signature-256", sig)
        .body(body)
        .send()
        .await
        .unwrap()
        .status();
    assert!(status.is_success(), "delivery refused: {status}");
    let acked = started.elapsed();
    let last = format!("{run}x{}", count - 1);
    let mut peak = rss_before.unwrap_or(0.0);
    loop {
        let r = client
            .post(format!("{base}/graphql"))
            .bearer_auth(&token)
            .json(
                &json!({"query": "query($s:String){ messages(search:$s, first:1){ totalCount } }",
                          "variables": {"s": last}}),
            )
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap();
        peak = peak.max(rss_mb(&pid).unwrap_or(0.0));
        if r["data"]["messages"]["totalCount"].as_i64() == Some(1) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "never searchable: {r}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let searchable = started.elapsed();
    println!(
        "{count} messages in one delivery: acknowledged after {:.2} s, last one searchable after {:.2} s",
        acked.as_secs_f64(),
        searchable.as_secs_f64()
    );
    if let Some(before) = rss_before {
        println!(
            "server RSS {before:.0} MB before, peak {peak:.0} MB (+{:.0} MB)",
            peak - before
        );
    }
}
