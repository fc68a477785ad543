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

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parley::App;
use parley::auth::{NewUser, Viewer};
use parley::broadcast::{BroadcastInput, BroadcastStatus};
use parley::channel::whatsapp::sandbox::{Sandbox, SandboxConfig};
use parley::clock::{SharedClock, SystemClock};
use parley::config::Config;
use parley::messaging::setup::{ConnectInput, NewProfile};
use parley::templates::{Category, TemplateInput, TemplateStatus};
use serde_json::json;

const RATE: u32 = 1000;
const N: usize = 10_000;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config {
        data_dir: dir.path().join("data"),
        messages_per_second: RATE,
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
    let mut sc = SandboxConfig::demo(
        "127.0.0.1:0".parse().unwrap(),
        "bench-token",
        "bench-secret",
    );
    sc.status_delay = Duration::ZERO;
    sc.review_delay = Duration::ZERO;
    sc.throughput_per_sec = RATE;
    sc.pair_limit = false;
    sc.webhook_url = Some(format!("{url}/webhooks/whatsapp"));
    let pnid = sc.numbers[0].id.clone();
    let waba = sc.waba_id.clone();
    let sandbox = Sandbox::start(sc, clock).await.unwrap();
    app.start_workers();
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
            app_secret: "bench-secret".into(),
            verify_token: "v".into(),
            graph_base_url: Some(sandbox.base_url()),
        })
        .await
        .unwrap();
    let admin = app
        .auth
        .create_user(NewUser {
            email: "bench@example.com".into(),
            name: "Bench".into(),
            password: "Bench-Passw0rd".into(),
            is_admin: true,
            ..Default::default()
        })
        .await
        .unwrap();
    let viewer = Viewer {
        user: admin.clone(),
        token: String::new(),
    };
    let profile = app
        .messaging
        .create_profile(NewProfile {
            nickname: "Bench".into(),
            phone_number_id: pnid,
            unknown_senders: "Leads".into(),
            user_ids: vec![],
            group_ids: vec![],
            role_ids: vec![],
        })
        .await
        .unwrap();
    // The simulated number starts at TIER_1K; Meta announces an upgrade by webhook.
    let digits: String = profile
        .display_phone_number
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": waba, "changes": [{
        "field": "phone_number_quality_update",
        "value": {"display_phone_number": digits, "event": "UPGRADE", "current_limit": "TIER_100K", "old_limit": "TIER_1K"}}]}]})
    .to_string();
    let sig = parley::channel::whatsapp::signature::sign("bench-secret", body.as_bytes());
    let status = reqwest::Client::new()
        .post(format!("{url}/webhooks/whatsapp"))
        .header("content-type", "application/json")
        .header("x-hub-signature-256", sig)
        .body(body)
        .send()
        .await
        .unwrap()
        .status();
    assert!(status.is_success());
    let t = app
        .templates
        .create(
            &admin.id,
            TemplateInput {
                name: "bench_broadcast".into(),
                module: "Leads".into(),
                language: "en".into(),
                category: Category::Utility,
                body: "Hello $[Leads.First Name], your order ships today.".into(),
                header: None,
                footer: None,
                buttons: vec![],
                header_media: None,
            },
        )
        .await
        .unwrap();
    let mut events = app.bus.subscribe();
    while app.templates.get(&t.id).unwrap().status != TemplateStatus::Approved
        || app
            .messaging
            .profile(&profile.id)
            .unwrap()
            .unwrap()
            .messaging_limit
            .as_deref()
            != Some("TIER_100K")
    {
        let _ = tokio::time::timeout(Duration::from_millis(100), events.recv()).await;
    }
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
        profile_id: profile.id.clone(),
        template_id: t.id.clone(),
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
