//! Sender benchmark: the outbox against the in-process simulator set to 1,000 messages/s per
//! number, with Parley's sender set to the same limit.
//!
//! Phase 1 queues 5,000 template sends at once and measures the achieved send rate (first to
//! last acceptance by the simulator) and how long queueing took, with charging on (utility
//! templates to customers without an open window: priced, held, charged with a ledger entry on
//! delivery, an expiry job each) and off (the same template to customers whose service window is
//! open: free, so nothing is held, charged or written to the ledger), alternating twice. Phase 2
//! offers 500 sends/s for 4 s and measures the latency from queueing to SENT. Phase 3 asks
//! `sendCost` 2,000 times over HTTP GraphQL.
//!
//! ```sh
//! cargo run --release --example sender_bench
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parley::App;
use parley::events::Event;
use parley::messaging::SendTemplate;
use serde_json::json;

const RATE: u32 = 1000;

#[tokio::main]
async fn main() {
    let bench = support::Bench::start(RATE).await;
    let (app, viewer, sandbox, url) = (
        bench.app.clone(),
        bench.viewer.clone(),
        &bench.sandbox,
        bench.url.clone(),
    );
    let template_id = bench
        .approved_template(
            "bench",
            "Hello $[Leads.First Name], your order ships today.",
        )
        .await;
    let mut events = app.bus.subscribe();
    // 100 leads without a window (billable), 100 whose customers just wrote (free).
    let mut leads = vec![];
    let mut open = vec![];
    for i in 0..200 {
        let phone = format!("49151 6{i:07}");
        let r = app.crm.create(&viewer, "Leads", &json!({"First_Name": format!("B{i}"), "Last_Name": "Bench", "Mobile": format!("+{phone}")})).await.unwrap();
        if i < 100 {
            leads.push(r.id);
        } else {
            let wa_id = phone.replace(' ', "");
            sandbox
                .customer_send(
                    &bench.pnid,
                    &wa_id,
                    "Bench",
                    json!({"type": "text", "text": {"body": "hi"}}),
                )
                .await
                .unwrap();
            open.push(r.id);
        }
    }
    while app.messaging.inbox_len() > 0 {
        let _ = events.recv().await;
    }
    let send_to = |lead: String| {
        let (app, viewer, profile, tid) = (
            app.clone(),
            viewer.clone(),
            bench.profile_id.clone(),
            template_id.clone(),
        );
        async move {
            let req = SendTemplate {
                profile_id: profile,
                module: "Leads".into(),
                record_id: lead,
                template_id: tid,
                phone_field: None,
            };
            app.templates.send(&viewer, req).await.unwrap().id
        }
    };

    let send = |i: usize| send_to(leads[i % leads.len()].clone());

    // Phase 1: throughput, charging on and off.
    let n = 5000;
    for round in 0..4 {
        let charging = round % 2 == 0;
        let before = sandbox.sent().len();
        let queued_at = Instant::now();
        let ids: Vec<String> = futures_util::future::join_all((0..n).map(|i| {
            let pool = if charging { &leads } else { &open };
            send_to(pool[i % pool.len()].clone())
        }))
        .await;
        let queueing = queued_at.elapsed().as_secs_f64();
        wait_sent(&app, &ids, &mut events).await;
        let mut at: Vec<i64> = sandbox.sent()[before..].iter().map(|m| m.at).collect();
        at.sort_unstable();
        let span = (at[at.len() - 1] - at[0]) as f64 / 1000.0;
        println!(
            "throughput, charging {}: {n} sends queued in {queueing:.2} s, sent in {span:.2} s = {:.0}/s against a limit of {RATE}/s ({:.1}%); refused with 130429 so far: {}",
            if charging { "on " } else { "off" },
            (n - 1) as f64 / span,
            (n - 1) as f64 / span / f64::from(RATE) * 100.0,
            sandbox.throttled()
        );
    }
    let w = app.credits.wallet_unchecked().unwrap();
    println!(
        "wallet after the rounds: balance {}, held {}",
        w.balance, w.held
    );

    // Phase 2: latency at an offered 500/s. A collector notes when each message is first seen SENT.
    let seen: Arc<parking_lot::Mutex<HashMap<String, Instant>>> = Arc::default();
    let collector = {
        let (app, seen) = (app.clone(), seen.clone());
        let mut events = app.bus.subscribe();
        tokio::spawn(async move {
            loop {
                match events.recv().await {
                    Ok(c) => {
                        if let Event::MessageChanged { message_id, .. } = &c.event
                            && is_sent(&app, message_id)
                        {
                            seen.lock()
                                .entry(message_id.clone())
                                .or_insert_with(Instant::now);
                        }
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(_) => return,
                }
            }
        })
    };
    let mut queued: HashMap<String, Instant> = HashMap::new();
    let mut tick = tokio::time::interval(Duration::from_millis(10));
    for i in 0..400 {
        tick.tick().await;
        let started = Instant::now();
        for id in futures_util::future::join_all((0..5).map(|j| send(i * 5 + j))).await {
            queued.insert(id, started);
        }
    }
    let ids: Vec<String> = queued.keys().cloned().collect();
    wait_sent(&app, &ids, &mut events).await;
    let mut lat: Vec<Duration> = {
        let seen = seen.lock();
        queued
            .iter()
            .filter_map(|(id, q)| seen.get(id).map(|s| s.duration_since(*q)))
            .collect()
    };
    collector.abort();
    lat.sort_unstable();
    println!(
        "latency at 500/s offered: queue -> SENT p50 {:.1} ms, p99 {:.1} ms ({} of {} sends observed)",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat.len(),
        queued.len()
    );

    // Phase 3: the price preview, as the send dialog asks for it.
    let http = reqwest::Client::new();
    let gql = |query: &'static str, vars: serde_json::Value, token: Option<String>| {
        let mut req = http
            .post(format!("{url}/graphql"))
            .json(&json!({ "query": query, "variables": vars }));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        async move {
            req.send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let login = gql(
        "mutation($e:String!,$p:String!){ login(email:$e, password:$p){ token } }",
        json!({"e": support::EMAIL, "p": support::PASSWORD}),
        None,
    )
    .await;
    let token = login["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let mut lat = vec![];
    for i in 0..2000 {
        let vars = json!({"i": {"profileId": bench.profile_id, "module": "Leads", "recordId": leads[i % leads.len()], "templateId": template_id}});
        let started = Instant::now();
        let r = gql(
            "query($i:SendTemplateInput!){ sendCost(input:$i){ amount currency } }",
            vars,
            Some(token.clone()),
        )
        .await;
        lat.push(started.elapsed());
        assert!(r["data"]["sendCost"]["amount"].is_string(), "{r}");
    }
    lat.sort_unstable();
    println!(
        "sendCost over HTTP GraphQL, 2,000 sequential: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99)
    );
}

fn percentile(sorted: &[Duration], q: f64) -> f64 {
    sorted[((sorted.len() as f64 * q) as usize).min(sorted.len() - 1)].as_secs_f64() * 1e3
}

fn is_sent(app: &App, id: &str) -> bool {
    use parley::messaging::model::Status;
    app.messaging
        .message_unchecked(id)
        .is_ok_and(|m| m.status != Status::Queued)
}

async fn wait_sent(
    app: &App,
    ids: &[String],
    events: &mut tokio::sync::broadcast::Receiver<Arc<parley::events::Committed>>,
) {
    let mut pending: Vec<&String> = ids.iter().filter(|id| !is_sent(app, id)).collect();
    while !pending.is_empty() {
        let _ = tokio::time::timeout(Duration::from_millis(50), events.recv()).await;
        while !matches!(
            events.try_recv(),
            Err(tokio::sync::broadcast::error::TryRecvError::Empty
                | tokio::sync::broadcast::error::TryRecvError::Closed)
        ) {}
        pending.retain(|id| !is_sent(app, id));
    }
}
