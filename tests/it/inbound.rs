//! Signed webhook deliveries: every fixture kind, signatures, duplicates, order, concurrency.

use serde_json::{Value, json};

use crate::whatsapp::{Wa, fixture};

const MESSAGES: &str = "{ messages(first: 500){ totalCount edges { node { id wamid direction type text status conversation { customerWaId record { id module values } } } } } }";

async fn all_messages(wa: &Wa) -> Vec<Value> {
    let r = wa.gql(MESSAGES, json!({})).await;
    r["data"]["messages"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

fn has_wamid(wa: &Wa, wamid: &str) -> bool {
    wa.s.app.messaging.store_has_wamid(wamid)
}

#[tokio::test]
async fn every_fixture_kind_becomes_a_visible_message() {
    let wa = Wa::start().await;
    let manifest: Vec<Value> = serde_json::from_str(&fixture("manifest.json", &[])).unwrap();
    for (i, case) in manifest.iter().enumerate() {
        let file = case["file"].as_str().unwrap();
        let wamid = format!("wamid.FIXTURE{i}");
        let waid = format!("4915112340{i:03}");
        let body = fixture(
            file,
            &[
                ("PNID", &wa.pnid),
                ("WABA", &wa.waba),
                ("WAID", &waid),
                ("WAMID", &wamid),
                ("TS", "1764000000"),
                ("NAME", "Erika Mustermann"),
                ("MEDIA", "123"),
                ("SHA", "x"),
                ("N", &i.to_string()),
            ],
        );
        assert_eq!(wa.post_signed(body.as_bytes()).await, 200, "{file}");
        wa.until(file, |w| has_wamid(w, &wamid)).await;
        let msgs = all_messages(&wa).await;
        let m = msgs
            .iter()
            .find(|m| m["wamid"] == wamid.as_str())
            .unwrap_or_else(|| panic!("{file} not visible"));
        assert_eq!(m["type"], case["type"], "{file}");
        assert_eq!(m["direction"], "INBOUND");
        assert_eq!(m["status"], "RECEIVED");
        if !case["text"].is_null() {
            assert_eq!(m["text"], case["text"], "{file}");
        }
        if case["no_record"].as_bool() != Some(true) {
            let rec = &m["conversation"]["record"];
            assert_eq!(
                rec["module"], "Leads",
                "{file}: unknown senders become leads"
            );
            let last = if case["anonymous"] == true {
                format!("+{waid}")
            } else {
                "Mustermann".into()
            };
            assert_eq!(
                rec["values"]["Last_Name"],
                last.as_str(),
                "{file}: named from the WhatsApp profile"
            );
            assert_eq!(rec["values"]["Mobile"], format!("+{waid}"), "{file}");
        }
    }
}

#[tokio::test]
async fn sender_is_matched_to_an_existing_contact_by_phone() {
    let wa = Wa::start().await;
    let r = wa.gql("mutation { createRecord(module:\"Contacts\", values:{Last_Name:\"Known\", Mobile:\"0151 2345 6789\"}){ id } }", json!({})).await;
    let id = r["data"]["createRecord"]["id"].clone();
    let body = fixture(
        "inbound_text.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", "4915123456789"),
            ("WAMID", "wamid.MATCH"),
            ("TS", "1764000000"),
            ("NAME", "Someone Else"),
        ],
    );
    assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    wa.until("message", |w| has_wamid(w, "wamid.MATCH")).await;
    let c = wa.gql("query($id:ID!){ conversations(filter:{recordId:$id}){ totalCount edges { node { record { id } messages { totalCount } } } } }", json!({"id": id})).await;
    assert_eq!(c["data"]["conversations"]["totalCount"], 1, "{c}");
    let leads = wa
        .gql("{ records(module:\"Leads\"){ totalCount } }", json!({}))
        .await;
    assert_eq!(
        leads["data"]["records"]["totalCount"], 0,
        "no lead created for a known contact"
    );
}

#[tokio::test]
async fn bad_signatures_store_nothing_and_bad_bodies_get_http_errors() {
    let wa = Wa::start().await;
    let body = fixture(
        "inbound_text.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", "4915199999999"),
            ("WAMID", "wamid.BAD"),
            ("TS", "1764000000"),
            ("NAME", "X Y"),
        ],
    );
    let wrong = parley::channel::whatsapp::signature::sign("not-the-secret", body.as_bytes());
    assert_eq!(
        wa.post_with_signature(body.as_bytes(), Some(wrong)).await,
        401
    );
    assert_eq!(wa.post_with_signature(body.as_bytes(), None).await, 401);
    let tampered = body.replace("blue", "red");
    let sig = parley::channel::whatsapp::signature::sign(crate::whatsapp::SECRET, body.as_bytes());
    assert_eq!(
        wa.post_with_signature(tampered.as_bytes(), Some(sig)).await,
        401
    );
    assert_eq!(wa.post_signed(b"{not json").await, 400);
    let big = vec![b' '; 5 * 1024 * 1024];
    assert_eq!(wa.post_signed(&big).await, 413);
    assert!(
        wa.s.app.messaging.inbox_len() == 0 && all_messages(&wa).await.is_empty(),
        "nothing stored"
    );
}

#[tokio::test]
async fn duplicates_store_once_and_concurrent_deliveries_all_land() {
    let wa = Wa::start().await;
    let body = fixture(
        "inbound_text.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", "4915100000001"),
            ("WAMID", "wamid.DUP"),
            ("TS", "1764000000"),
            ("NAME", "Dup Licate"),
        ],
    );
    for _ in 0..3 {
        assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    }
    let posts = (0..200).map(|i| {
        let body = fixture(
            "inbound_text.json",
            &[
                ("PNID", &wa.pnid),
                ("WABA", &wa.waba),
                ("WAID", &format!("49151200{:05}", i % 20)),
                ("WAMID", &format!("wamid.CONC{i}")),
                ("TS", "1764000000"),
                ("NAME", "Con Current"),
            ],
        );
        let wa = &wa;
        async move { wa.post_signed(body.as_bytes()).await }
    });
    let statuses = futures_util::future::join_all(posts).await;
    assert!(statuses.iter().all(|s| *s == 200));
    wa.until("all 200", |w| {
        (0..200).all(|i| has_wamid(w, &format!("wamid.CONC{i}")))
    })
    .await;
    wa.until("inbox drained", |w| w.s.app.messaging.inbox_len() == 0)
        .await;
    let msgs = all_messages(&wa).await;
    assert_eq!(msgs.iter().filter(|m| m["wamid"] == "wamid.DUP").count(), 1);
    assert_eq!(msgs.len(), 201);
    let convs = wa.gql("{ conversations { totalCount } }", json!({})).await;
    assert_eq!(
        convs["data"]["conversations"]["totalCount"], 21,
        "one conversation per customer"
    );
}

#[tokio::test]
async fn verification_handshake() {
    let wa = Wa::start().await;
    let ok = wa.s.http.get(wa.s.url("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444")).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "1158201444");
    let bad = wa
        .s
        .http
        .get(
            wa.s.url("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 403);
}

#[tokio::test]
async fn unknown_fields_are_acknowledged() {
    let wa = Wa::start().await;
    let body = fixture("account_update.json", &[("WABA", &wa.waba)]);
    assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    wa.until("inbox drained", |w| w.s.app.messaging.inbox_len() == 0)
        .await;
}

/// Issue 11, item 11: anonymous callers get a status and a fixed word, never internal text.
#[tokio::test]
async fn public_routes_do_not_show_internal_errors() {
    use parley::messaging::setup::Account;
    use parley::store::tables::ACCOUNTS;
    let s = crate::harness::Server::start().await;
    let health = s.http.get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    assert_eq!(health.text().await.unwrap(), "ok");
    // An account row whose sealed secrets cannot be opened (a damaged row, or a changed
    // PARLEY_SECRET_KEY): opening it fails inside.
    s.app
        .store
        .write(|tx| {
            let damaged = Account {
                waba_id: "1234".into(),
                access_token: "not-sealed".into(),
                app_secret: "not-sealed".into(),
                verify_token: "not-sealed".into(),
                graph_base_url: None,
                connected_at: 0,
            };
            tx.txn
                .open_table(ACCOUNTS)?
                .insert("whatsapp", Ok(damaged))?;
            Ok(())
        })
        .await
        .unwrap();
    let body =
        json!({"object": "whatsapp_business_account", "entry": [{"id": "1234", "changes": []}]});
    let delivery = s
        .http
        .post(s.url("/webhooks/whatsapp"))
        .header("content-type", "application/json")
        .header("x-hub-signature-256", "sha256=00")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let handshake = s
        .http
        .get(s.url("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1"))
        .send()
        .await
        .unwrap();
    for r in [delivery, handshake] {
        assert_eq!(r.status().as_u16(), 503);
        let text = r.text().await.unwrap();
        assert_eq!(text, "unavailable", "no internal detail: {text}");
    }
}
