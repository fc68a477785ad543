//! Broadcast benchmark: a 10,000-recipient broadcast against the in-process simulator set to
//! 1,000 messages/s per number, Parley's sender at the same limit, credits on (every send
//! priced and held, charged on delivery). The floor is 10 s (10,000 at 1,000/s).
//!
//! Measures: `broadcastCost` (plan of 10,000), `createBroadcast` (plan, reservation and 10,000
//! recipient rows in one transaction), and the wall time from creation until every recipient
//! is SENT, plus the simulator's first-to-last acceptance span; then checks each recipient was
//! sent exactly once.
//!
//! ```sh
//! cargo run --release --example broadcast_bench
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use parley::broadcast::{BroadcastInput, BroadcastStatus};
use serde_json::json;

const RATE: u32 = 1000;
const N: usize = 10_000;

#[tokio::main]
async fn main() {
    let bench = support::Bench::start(RATE).await;
    let (app, viewer, sandbox) = (bench.app.clone(), bench.viewer.clone(), &bench.sandbox);
    bench.upgrade_to_100k().await;
    let template_id = bench
        .approved_template(
            "bench_broadcast",
            "Hello $[Leads.First Name], your order ships today.",
        )
        .await;
    let mut events = app.bus.subscribe();
    let started = Instant::now();
    let mut ids = Vec::with_capacity(N);
    for chunk in (0..N).collect::<Vec<_>>().chunks(1000) {
        let made = futures_util::future::join_all(chunk.iter().map(|i| {
            let (app, viewer) = (app.clone(), viewer.clone());
            let i = *i;
            async move {
                app.crm
                    .create(&viewer, "Leads", &json!({"First_Name": format!("B{i}"), "Last_Name": "Broadcast", "Mobile": format!("+49 151 7{i:07}")}))
                    .await
                    .unwrap()
                    .id
            }
        }))
        .await;
        ids.extend(made);
    }
    println!(
        "{N} leads created in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let input = BroadcastInput {
        name: "Bench".into(),
        profile_id: bench.profile_id.clone(),
        template_id: template_id.clone(),
        module: "Leads".into(),
        view_search: None,
        record_ids: Some(ids),
    };
    let t0 = Instant::now();
    let plan = app.broadcasts.cost(&viewer, &input).unwrap();
    println!(
        "broadcastCost: {} recipients, {} skipped, total {} {} in {:.0} ms",
        plan.recipients,
        plan.skipped,
        plan.total,
        plan.currency,
        t0.elapsed().as_secs_f64() * 1e3
    );
    let before = sandbox.sent().len();
    let t1 = Instant::now();
    let b = app.broadcasts.create(&viewer, input).await.unwrap();
    let created = t1.elapsed();
    println!(
        "createBroadcast (plan + reservation + {N} rows, one transaction): {:.0} ms",
        created.as_secs_f64() * 1e3
    );
    loop {
        let cur = app.broadcasts.get(&b.id).unwrap().unwrap();
        if cur.counters.sent as usize + cur.counters.failed as usize >= N
            || cur.status != BroadcastStatus::Running
        {
            break;
        }
        let _ = tokio::time::timeout(Duration::from_millis(20), events.recv()).await;
        while events.try_recv().is_ok() {}
    }
    let wall = t1.elapsed().as_secs_f64();
    let cur = app.broadcasts.get(&b.id).unwrap().unwrap();
    let sent = sandbox.sent();
    let mine = &sent[before..];
    let mut per: HashMap<&str, usize> = HashMap::new();
    for m in mine {
        *per.entry(m.body["to"].as_str().unwrap_or("")).or_default() += 1;
    }
    let mut at: Vec<i64> = mine.iter().map(|m| m.at).collect();
    at.sort_unstable();
    let span = (at[at.len() - 1] - at[0]) as f64 / 1000.0;
    println!(
        "broadcast of {N}: all SENT {wall:.2} s after createBroadcast (floor {:.1} s at {RATE}/s) = {:.0}/s; simulator accepted first to last in {span:.2} s = {:.0}/s; sent {} failed {}",
        N as f64 / f64::from(RATE),
        N as f64 / wall,
        (mine.len() - 1) as f64 / span,
        cur.counters.sent,
        cur.counters.failed
    );
    assert_eq!(per.len(), N, "every recipient reached");
    assert!(per.values().all(|&n| n == 1), "each exactly once");
    let w = app.credits.wallet_unchecked().unwrap();
    println!("wallet after: balance {} held {}", w.balance, w.held);
}
