//! Issue 11, items 4, 5 and 13: inbound media as durable capped jobs, retention pruning on the
//! clock, contained panics and supervised workers reported by `/healthz`.

use std::time::Duration;

use parley::store::Json;
use parley::store::tables::{CHANGELOG, NOTIFICATIONS, PENDING_STATUS, SESSIONS};
use redb::{ReadableTable, ReadableTableMetadata, TableDefinition};
use serde_json::{Value, json};

use crate::harness::Server;
use crate::whatsapp::{Wa, fixture};

const ATTACHMENTS: &str = "{ messages(filter:{direction:INBOUND}){ edges { node { type attachment { status unavailableReason url size } } } } }";

async fn attachment(wa: &Wa) -> Value {
    let r = wa.gql(ATTACHMENTS, json!({})).await;
    r["data"]["messages"]["edges"][0]["node"]["attachment"].clone()
}

/// Polls `check` (every 50 ms, up to 30 s).
async fn eventually<F: AsyncFn() -> bool>(what: &str, check: F) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !check().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn inbound_media_is_fetched_by_a_job_and_shows_available() {
    let wa = Wa::start().await;
    let bytes = vec![7u8; 40_000];
    let media = wa.sandbox.put_media(bytes.clone(), "image/png");
    wa.sandbox
        .customer_send(
            &wa.pnid,
            "4915155500001",
            "Pia Picture",
            json!({"type": "image", "image": {"id": media, "mime_type": "image/png"}}),
        )
        .await
        .unwrap();
    eventually("media available", async || {
        attachment(&wa).await["status"] == "AVAILABLE"
    })
    .await;
    let att = attachment(&wa).await;
    assert_eq!(att["size"], 40_000);
    assert!(att["unavailableReason"].is_null());
    let got =
        wa.s.http
            .get(wa.s.url(att["url"].as_str().unwrap()))
            .bearer_auth(&wa.admin)
            .send()
            .await
            .unwrap();
    assert_eq!(got.bytes().await.unwrap().to_vec(), bytes);
    assert!(
        wa.s.app
            .jobs
            .waiting()
            .unwrap()
            .iter()
            .all(|j| j.kind != parley::jobs::Kind::MediaFetch)
    );
}

#[tokio::test]
async fn oversized_media_ends_unavailable_with_the_reason() {
    let wa = Wa::start().await;
    // 6 MB: over WhatsApp's 5 MB limit for images (the download stops at the limit).
    let media = wa
        .sandbox
        .put_media(vec![1u8; 6 * 1024 * 1024], "image/jpeg");
    wa.sandbox
        .customer_send(
            &wa.pnid,
            "4915155500002",
            "Olaf Oversize",
            json!({"type": "image", "image": {"id": media, "mime_type": "image/jpeg"}}),
        )
        .await
        .unwrap();
    eventually("media unavailable", async || {
        attachment(&wa).await["status"] == "UNAVAILABLE"
    })
    .await;
    let att = attachment(&wa).await;
    assert!(att["url"].is_null());
    let why = att["unavailableReason"].as_str().unwrap();
    assert!(why.contains("5 MB"), "{why}");
    let failed = wa.s.app.jobs.failed().unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].attempts, 1, "a size refusal is not retried");
    let leftovers: Vec<_> = std::fs::read_dir(wa.s.app.config.data_dir.join("blobs"))
        .unwrap()
        .collect();
    assert!(leftovers.is_empty(), "no partial file is kept");
}

#[tokio::test]
async fn pruning_follows_the_clock_and_the_retention_rules() {
    let wa = Wa::start().await;
    let app = wa.s.app.clone();
    // A status for a message Parley never sent waits in pending_status.
    let status = fixture(
        "status_delivered_pmp.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", "4915100000009"),
            ("WAMID", "wamid.NOBODY"),
            ("TS", "1764000000"),
        ],
    );
    assert_eq!(wa.post_signed(status.as_bytes()).await, 200);
    // Inbound messages ring the admin's bell.
    for i in 0..3 {
        let text = fixture(
            "inbound_text.json",
            &[
                ("PNID", &wa.pnid),
                ("WABA", &wa.waba),
                ("WAID", "4915133300011"),
                ("WAMID", &format!("wamid.PRUNE{i}")),
                ("TS", "1764000000"),
                ("NAME", "Pru Ne"),
            ],
        );
        assert_eq!(wa.post_signed(text.as_bytes()).await, 200);
    }
    wa.until("inbound", |w| {
        w.s.app.messaging.store_has_wamid("wamid.PRUNE2")
    })
    .await;
    let count = |t: &str| {
        let tx = app.store.read().unwrap();
        match t {
            "sessions" => tx.open_table(SESSIONS).unwrap().len().unwrap(),
            "notifications" => tx.open_table(NOTIFICATIONS).unwrap().len().unwrap(),
            "pending" => tx.open_table(PENDING_STATUS).unwrap().len().unwrap(),
            _ => unreachable!(),
        }
    };
    let first_log_key = || {
        let tx = app.store.read().unwrap();
        let log = tx.open_table(CHANGELOG).unwrap();
        log.first().unwrap().map(|(k, _)| k.value()).unwrap()
    };
    assert!(count("sessions") >= 1 && count("notifications") >= 3 && count("pending") == 1);
    let before = app.store.last_seq().unwrap();
    assert!(first_log_key() <= before);

    // 91 days later: sessions have expired, notifications (90 days) and pending statuses
    // (7 days) are past retention; the change log keeps what the last week may still need.
    wa.s.clock.advance(91 * 24 * 3600 * 1000);
    eventually("pruned", async || {
        count("sessions") == 0 && count("notifications") == 0 && count("pending") == 0
    })
    .await;
    let note = async || {
        app.store
            .write(|tx| {
                tx.emit(parley::events::Event::UserChanged {
                    user_id: "nobody".into(),
                })
            })
            .await
            .unwrap();
    };
    note().await;
    let later = app.store.last_seq().unwrap();
    // A week and a bit later still, everything logged before the first jump is older than
    // the 7 days kept (and applied by the search index): gone, but the sequence carries on.
    wa.s.clock.advance(8 * 24 * 3600 * 1000);
    eventually("change log pruned", async || first_log_key() > before).await;
    assert!(first_log_key() <= later, "the newest entries stay");
    note().await;
    assert_eq!(
        app.store.last_seq().unwrap(),
        later + 1,
        "sequences never restart"
    );
}

#[tokio::test]
async fn a_panicking_change_fails_alone_and_later_writes_succeed() {
    let s = Server::start().await;
    let store = s.app.store.clone();
    let mut writes = vec![];
    for i in 0..20u32 {
        let store = store.clone();
        writes.push(tokio::spawn(async move {
            store
                .write(move |_tx| {
                    if i == 7 {
                        panic!("a bug in one change");
                    }
                    Ok(i)
                })
                .await
        }));
    }
    let mut failed = vec![];
    for (i, w) in writes.into_iter().enumerate() {
        match w.await.unwrap() {
            Ok(n) => assert_eq!(n as usize, i),
            Err(e) => failed.push((i, e.code())),
        }
    }
    assert_eq!(failed, [(7, parley::error::Code::Internal)]);
    // The writer carries on: a login (a real write) works.
    s.admin_token().await;
}

#[tokio::test]
async fn an_undecodable_row_is_an_error_and_the_search_indexer_passes_it() {
    let wa = Wa::start().await;
    let s = &wa.s;
    // A change-log row this version cannot decode (as if written by a newer Parley, or damaged).
    const RAW_LOG: TableDefinition<u64, Json<Value>> = TableDefinition::new("changelog");
    let seq = s.app.store.last_seq().unwrap() + 1;
    s.app
        .store
        .write(move |tx| {
            tx.txn
                .open_table(RAW_LOG)?
                .insert(seq, Ok(json!({"kind": "from_the_future"})))?;
            Ok(())
        })
        .await
        .unwrap();
    // Reading it is an error the caller handles, not a panic: the change answers Internal.
    let read_it = s
        .app
        .store
        .write(move |tx| {
            let t = tx.txn.open_table(CHANGELOG)?;
            Ok(t.get(seq)?.map(|v| v.value()).transpose()?.is_some())
        })
        .await;
    assert_eq!(read_it.unwrap_err().code(), parley::error::Code::Internal);
    // The search indexer reads the log past it: a message that arrives after it is searchable,
    // and no worker stopped.
    let body = fixture(
        "inbound_text.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", "4915123456789"),
            ("WAMID", "wamid.AFTER"),
            ("TS", "1764000000"),
            ("NAME", "After"),
        ],
    );
    assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    // The fixture's text asks "does it come in blue?".
    let query = json!({ "s": "blue" });
    eventually("the later message is searchable", async || {
        let r = wa
            .gql(
                "query($s:String){ messages(search:$s){ totalCount } }",
                query.clone(),
            )
            .await;
        r["data"]["messages"]["totalCount"] == 1
    })
    .await;
    let r = s.http.get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn healthz_fails_while_a_worker_is_down_and_names_it() {
    use futures_util::FutureExt;
    use parley::service::FnService;
    let s = Server::start().await;
    let health = async || {
        let r = s.http.get(s.url("/healthz")).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    };
    assert_eq!(health().await.0, 200);
    // A worker whose every run fails (as one would whose disk went away): the supervisor keeps
    // restarting it with backoff and reports it down meanwhile.
    s.app
        .workers
        .start(FnService::new("ledger export", |_stop| {
            async {
                Err(parley::error::Error::Internal(
                    "disk /secret/path is gone".into(),
                ))
            }
            .boxed()
        }));
    eventually("healthz failing", async || health().await.0 == 503).await;
    let (_, body) = health().await;
    assert!(body.contains("ledger export"), "{body}");
    assert!(!body.contains("/secret/path"), "no internal detail: {body}");
    // Everything else keeps working.
    let token = s.admin_token().await;
    let r = s.gql(Some(&token), "{ me { email } }", json!({})).await;
    assert_eq!(r["data"]["me"]["email"], crate::harness::ADMIN_EMAIL);
}

#[tokio::test]
async fn a_damaged_record_fails_alone_through_graphql() {
    let s = Server::start().await;
    let token = s.admin_token().await;
    let mut ids = vec![];
    for name in ["Intact", "Damaged"] {
        let r = s
            .gql(
                Some(&token),
                "mutation($n:String!){ createRecord(module:\"Leads\", values:{Last_Name:$n}){ id } }",
                json!({ "n": name }),
            )
            .await;
        ids.push(
            r["data"]["createRecord"]["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    // The second lead's row as a newer version might have written it.
    const RAW: TableDefinition<(&str, &str), Json<Value>> = TableDefinition::new("records");
    let damaged = ids[1].clone();
    s.app
        .store
        .write(move |tx| {
            tx.txn.open_table(RAW)?.insert(
                ("Leads", damaged.as_str()),
                Ok(json!({"layout": 9, "secret": "customer data"})),
            )?;
            Ok(())
        })
        .await
        .unwrap();
    // Asking for it is a typed error without the row's contents...
    let r = s
        .gql(
            Some(&token),
            "query($id:ID!){ record(module:\"Leads\", id:$id){ id } }",
            json!({ "id": ids[1] }),
        )
        .await;
    assert_eq!(r["errors"][0]["extensions"]["code"], "INTERNAL", "{r}");
    assert!(!r.to_string().contains("customer data"), "{r}");
    // ...the list shows the rest, and writes go on.
    let r = s
        .gql(
            Some(&token),
            "{ records(module:\"Leads\"){ edges { node { id } } } }",
            json!({}),
        )
        .await;
    let listed: Vec<&str> = r["data"]["records"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [ids[0].as_str()], "{r}");
    let r = s
        .gql(
            Some(&token),
            "mutation{ createRecord(module:\"Leads\", values:{Last_Name:\"Later\"}){ id } }",
            json!({}),
        )
        .await;
    assert!(r["data"]["createRecord"]["id"].is_string(), "{r}");
}

/// The sender's in-flight mark must not wait behind a burst of queued changes: `write_first`
/// goes into the next group, ahead of every change already waiting.
#[tokio::test]
async fn an_urgent_change_goes_ahead_of_the_changes_already_waiting() {
    use std::future::Future;
    use std::task::Poll;
    const ORDER: TableDefinition<&str, u64> = TableDefinition::new("test_write_order");
    /// Records the change's place among the recorded ones, inside its own transaction.
    fn record(tx: &mut parley::store::Tx<'_>, name: &str) -> parley::error::Result<()> {
        let mut t = tx.txn.open_table(ORDER)?;
        let place = t.len()?;
        t.insert(name, place)?;
        Ok(())
    }
    /// Polls a write once, which hands its change to the writer.
    async fn hand_over<F: Future + Unpin>(f: &mut F) {
        std::future::poll_fn(|cx| {
            let _ = std::pin::Pin::new(&mut *f).poll(cx);
            Poll::Ready(())
        })
        .await;
    }
    let s = Server::start().await;
    let store = s.app.store.clone();
    // Hold the writer inside a change until the queue below is built.
    let (started_tx, started) = tokio::sync::oneshot::channel::<()>();
    let (release, gate) = std::sync::mpsc::channel::<()>();
    let mut started_tx = Some(started_tx);
    let held = tokio::spawn({
        let store = store.clone();
        async move {
            store
                .write(move |_| {
                    if let Some(t) = started_tx.take() {
                        let _ = t.send(());
                        let _ = gate.recv();
                    }
                    Ok(())
                })
                .await
        }
    });
    started.await.unwrap();
    let mut queued = vec![];
    for i in 0..300 {
        let name = format!("queued {i}");
        let mut w = Box::pin(store.write(move |tx| record(tx, &name)));
        hand_over(&mut w).await;
        queued.push(w);
    }
    let mut urgent = Box::pin(store.write_first(|tx| record(tx, "urgent")));
    hand_over(&mut urgent).await;
    release.send(()).unwrap();
    held.await.unwrap().unwrap();
    urgent.await.unwrap();
    for w in queued {
        w.await.unwrap();
    }
    let tx = store.read().unwrap();
    let t = tx.open_table(ORDER).unwrap();
    assert_eq!(t.get("urgent").unwrap().unwrap().value(), 0);
    assert_eq!(t.get("queued 0").unwrap().unwrap().value(), 1);
    assert_eq!(t.len().unwrap(), 301);
}
