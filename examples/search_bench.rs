//! Search benchmark over 1,000,000 messages: index build rate, word-query latency with an
//! owner filter (as an administrator filtering by owner, and as a rep whose visibility is the
//! filter), and the lag from a store commit to the message being searchable.
//!
//! ```sh
//! cargo run --release --example search_bench            # 1,000,000 messages
//! cargo run --release --example search_bench -- 100000  # fewer
//! BENCH_PARTS=1 cargo run --release --example search_bench # also time the query's parts
//! ```
//!
//! Messages are written straight into the store's tables in large transactions (this measures
//! search, not webhook intake), then the index is rebuilt from the store as `parley reindex`
//! does, then the indexer follows the change log as in `parley serve`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parley::App;
use parley::auth::{NewUser, Viewer};
use parley::clock::{SharedClock, SystemClock};
use parley::config::Config;
use parley::events::Event;
use parley::messaging::model::compute_first_replies;
use parley::messaging::model::{Conversation, Direction, Message, RecordRef, Status};
use parley::search::MessageQuery;
use parley::store::PutRow;
use parley::store::conversation_index as listing;
use parley::store::tables::{MESSAGES, MSG_BY_CONV};
use serde_json::json;

const PER_CONVERSATION: usize = 50;
const REPS: usize = 10;
const WORDS: &[&str] = &[
    "Rechnung",
    "Lieferung",
    "Angebot",
    "Termin",
    "Frage",
    "danke",
    "bitte",
    "heute",
    "morgen",
    "Bestellung",
    "Preis",
    "Rabatt",
    "Zahlung",
    "Vertrag",
    "Kunde",
    "Paket",
    "Versand",
    "invoice",
    "delivery",
    "quote",
    "meeting",
    "question",
    "thanks",
    "please",
    "today",
    "tomorrow",
    "order",
    "price",
    "discount",
    "payment",
    "contract",
    "customer",
    "package",
    "shipping",
    "Grüße",
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Adresse",
    "Telefon",
    "Rückruf",
    "Stornierung",
    "Reklamation",
    "Garantie",
    "Ersatzteil",
    "Werkstatt",
    "Abholung",
    "Filiale",
];

fn percentiles(mut d: Vec<Duration>) -> (f64, f64) {
    d.sort_unstable();
    let p = |q: f64| d[((d.len() as f64 * q) as usize).min(d.len() - 1)].as_secs_f64() * 1e3;
    (p(0.5), p(0.99))
}

/// A deterministic pseudo-random text of 6–14 words, skewed towards the first words.
fn text(seed: u64) -> String {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let n = 6 + (x % 9) as usize;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let r = (x % 1000) as usize;
            WORDS[(r * r / 1000) * WORDS.len() / 1000]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn message(id: String, conv: &str, n: usize, ts: i64) -> Message {
    let inbound = n % 3 != 2;
    Message {
        id,
        conversation_id: conv.to_string(),
        provider: "whatsapp".into(),
        wamid: None,
        direction: if inbound {
            Direction::Inbound
        } else {
            Direction::Outbound
        },
        kind: "text".into(),
        text: Some(text(n as u64)),
        status: if inbound {
            Status::Received
        } else {
            Status::Read
        },
        timestamp: ts,
        error_code: None,
        error_message: None,
        template_id: None,
        sent_by: None,
        reply_to: None,
        media: None,
        raw: None,
        payload: None,
        first_reply: None,
        reactions: vec![],
        edits: vec![],
        edited_at: None,
        deleted_at: None,
    }
}

#[tokio::main]
async fn main() {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config {
        data_dir: dir.path().join("data"),
        ..Config::default()
    };
    let clock: SharedClock = Arc::new(SystemClock);
    let app = App::open(cfg, clock.clone()).await.unwrap();
    let mk_user = |i: usize, admin: bool, role: Option<String>| {
        let app = app.clone();
        async move {
            app.auth
                .create_user(NewUser {
                    email: format!("u{i}@example.com"),
                    name: format!("User {i}"),
                    password: "Bench-Passw0rd".into(),
                    is_admin: admin,
                    role_id: role,
                    ..Default::default()
                })
                .await
                .unwrap()
        }
    };
    let admin = Viewer {
        user: mk_user(0, true, None).await,
        token: String::new(),
    };
    let role = app.auth.create_role("Rep", None).await.unwrap();
    let mut reps = vec![];
    for i in 1..=REPS {
        reps.push(mk_user(i, false, Some(role.id.clone())).await);
    }

    // Leads (one per conversation), owned round-robin by the reps.
    let conversations = total.div_ceil(PER_CONVERSATION);
    let started = Instant::now();
    let mut leads = Vec::with_capacity(conversations);
    for chunk in (0..conversations).collect::<Vec<_>>().chunks(2000) {
        let made = chunk.iter().map(|i| {
            let (app, admin, owner) = (app.clone(), admin.clone(), reps[i % REPS].id.clone());
            async move {
                let v = json!({"Last_Name": format!("Kunde {i}"), "Mobile": format!("+49 151 {:08}", i), "Owner": owner});
                app.crm.create(&admin, "Leads", &v).await.unwrap().id
            }
        });
        leads.extend(futures_util::future::join_all(made).await);
    }
    println!(
        "{conversations} leads in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // Messages, straight into the tables, 20 conversations per transaction.
    let started = Instant::now();
    let base = clock.now() - 400 * 24 * 3_600_000;
    for (c, batch) in leads.chunks(20).enumerate() {
        let batch: Vec<String> = batch.to_vec();
        app.store
            .write(move |tx| {
                let mut msgs = tx.txn.open_table(MESSAGES)?;
                let mut by_conv = tx.txn.open_table(MSG_BY_CONV)?;
                for (k, lead) in batch.iter().enumerate() {
                    let i = c * 20 + k;
                    let conv_id = format!("c{i:08}");
                    let last = base + (i * PER_CONVERSATION) as i64 * 1000;
                    let mut conv = Conversation {
                        id: conv_id.clone(),
                        profile_id: "bench".into(),
                        customer_wa_id: format!("49151{:08}", i),
                        customer_name: Some(format!("Kunde {i}")),
                        record: Some(RecordRef {
                            module: "Leads".into(),
                            id: lead.clone(),
                        }),
                        last_inbound_at: Some(last),
                        last_message_at: last,
                        created_at: base,
                        last_message: None,
                    };
                    let mut thread: Vec<Message> = (0..PER_CONVERSATION)
                        .map(|n| {
                            let seq = i * PER_CONVERSATION + n;
                            message(
                                format!("m{seq:010}"),
                                &conv_id,
                                seq,
                                base + seq as i64 * 1000,
                            )
                        })
                        .collect();
                    compute_first_replies(&mut thread);
                    for m in &thread {
                        msgs.put(m.id.as_str(), m)?;
                        by_conv.insert((conv_id.as_str(), m.id.as_str()), ())?;
                        conv.note_message(m);
                    }
                    listing::put(tx.txn, &conv)?;
                }
                Ok(())
            })
            .await
            .unwrap();
    }
    let n = conversations * PER_CONVERSATION;
    println!(
        "{n} messages stored in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    app.search.rebuild().unwrap();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "index build: {} documents in {secs:.1} s = {:.0} messages/s",
        app.search.num_docs(),
        n as f64 / secs
    );

    app.start_workers();
    let owner = &reps[3];
    if std::env::var("BENCH_PARTS").is_ok() {
        for (what, q, word) in [
            (
                "owner only",
                MessageQuery {
                    owner: Some(owner.id.clone()),
                    ..Default::default()
                },
                None,
            ),
            ("word only", MessageQuery::default(), Some("Rechnung")),
            (
                "word+owner",
                MessageQuery {
                    owner: Some(owner.id.clone()),
                    ..Default::default()
                },
                Some("Rechnung"),
            ),
            (
                "rare word+owner",
                MessageQuery {
                    owner: Some(owner.id.clone()),
                    ..Default::default()
                },
                Some("Reklamation"),
            ),
        ] {
            let mut d = vec![];
            for _ in 0..100 {
                let t = Instant::now();
                app.search
                    .messages(&q, word, None, clock.now(), 0, 50)
                    .unwrap();
                d.push(t.elapsed());
            }
            let (p50, p99) = percentiles(d);
            println!("{what}: p50 {p50:.2} ms p99 {p99:.2} ms");
        }
    }
    let owners: HashSet<String> = [owner.id.clone()].into();
    for word in ["Rechnung", "Reklamation", "Filiale"] {
        let mut as_admin = vec![];
        let mut as_rep = vec![];
        let mut hits = (0, 0);
        for _ in 0..300 {
            let q = MessageQuery {
                owner: Some(owner.id.clone()),
                ..Default::default()
            };
            let t = Instant::now();
            let page = app
                .search
                .messages(&q, Some(word), None, clock.now(), 0, 50)
                .unwrap();
            as_admin.push(t.elapsed());
            hits.0 = page.total;
            let t = Instant::now();
            let page = app
                .search
                .messages(
                    &MessageQuery::default(),
                    Some(word),
                    Some(&owners),
                    clock.now(),
                    0,
                    50,
                )
                .unwrap();
            as_rep.push(t.elapsed());
            hits.1 = page.total;
            assert_eq!(hits.0, hits.1);
        }
        let (a50, a99) = percentiles(as_admin);
        let (r50, r99) = percentiles(as_rep);
        println!(
            "search {word:?} ({} of {n} match, owner's share), first page of 50: owner filter p50 {a50:.2} ms p99 {a99:.2} ms; rep's visibility p50 {r50:.2} ms p99 {r99:.2} ms",
            hits.0
        );
    }

    // Lag: commit a new message with a unique word, then wait until a search finds it.
    let mut lags = vec![];
    for k in 0..40 {
        let word = format!("lagprobe{k}");
        let conv = "c00000000".to_string();
        let id = format!("z{k:08}");
        let m = Message {
            text: Some(format!("Neue Nachricht {word}")),
            ..message(id.clone(), &conv, 0, clock.now())
        };
        let started = Instant::now();
        app.store
            .write(move |tx| {
                tx.txn.open_table(MESSAGES)?.put(m.id.as_str(), &m)?;
                tx.txn
                    .open_table(MSG_BY_CONV)?
                    .insert((conv.as_str(), m.id.as_str()), ())?;
                tx.emit(Event::MessageChanged {
                    message_id: m.id.clone(),
                    conversation_id: conv.clone(),
                    new: true,
                })
            })
            .await
            .unwrap();
        loop {
            let page = app
                .search
                .messages(
                    &MessageQuery::default(),
                    Some(&word),
                    None,
                    clock.now(),
                    0,
                    1,
                )
                .unwrap();
            if page.total == 1 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        lags.push(started.elapsed());
    }
    let (l50, l99) = percentiles(lags);
    println!(
        "commit → searchable (no query waiting, so the indexer's own commit cadence): p50 {l50:.0} ms, p99 {l99:.0} ms"
    );
}
