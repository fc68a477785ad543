//! Durability: deliveries acknowledged with 200 survive a SIGKILL, each exactly once.

use crate::binary::{BIN, free_port};
use std::collections::HashSet;
use std::process::{Child, Command};
use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;
use serde_json::json;

pub(crate) const PW: &str = "Crash-Passw0rd-1";
pub(crate) const SECRET: &str = "crash-app-secret";
const PNID: &str = parley::channel::whatsapp::sandbox::DEMO_NUMBER_ID;
/// The load's customers are `{LOAD_PREFIX}00000` to `…00099`.
const LOAD_PREFIX: &str = "4915190";

/// Whether a conversation's customer is one of the load's (the demo seeds customers of its own).
pub fn is_load_customer(wa_id: &serde_json::Value) -> bool {
    wa_id.as_str().is_some_and(|w| w.starts_with(LOAD_PREFIX))
}

pub(crate) fn start(data: &std::path::Path, port: u16) -> Child {
    crate::binary::spawn_ready(
        Command::new(BIN)
            .args([
                "demo",
                "--data",
                data.to_str().unwrap(),
                "--listen",
                &format!("127.0.0.1:{port}"),
            ])
            .args([
                "--admin-password",
                PW,
                "--sandbox-app-secret",
                SECRET,
                "--sandbox-listen",
                &format!("127.0.0.1:{}", free_port()),
            ]),
    )
}

pub(crate) fn delivery(n: usize) -> (String, Vec<u8>) {
    let wamid = format!("wamid.CRASH{n}");
    let wa_id = format!("{LOAD_PREFIX}{:05}", n % 100);
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "0", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "4930901820", "phone_number_id": PNID},
        "contacts": [{"profile": {"name": "Crash Test"}, "wa_id": wa_id}],
        "messages": [{"from": wa_id, "id": wamid, "timestamp": "1764000000", "type": "text", "text": {"body": format!("crash {n}")}}]}}]}]});
    (wamid, serde_json::to_vec(&body).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_deliveries_survive_sigkill_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let port = free_port();
    let mut child = start(&data, port);
    let url = format!("http://127.0.0.1:{port}");
    let acked = Arc::new(Mutex::new(HashSet::new()));
    let client = reqwest::Client::new();
    let (kill_tx, mut kill_rx) = tokio::sync::watch::channel(false);
    let posters: Vec<_> = (0..16)
        .map(|w| {
            let (client, url, acked, mut stop) =
                (client.clone(), url.clone(), acked.clone(), kill_rx.clone());
            tokio::spawn(async move {
                for i in 0..400 {
                    if *stop.borrow_and_update() {
                        return;
                    }
                    let (wamid, body) = delivery(w * 1000 + i);
                    let sig = parley::channel::whatsapp::signature::sign(SECRET, &body);
                    let r = client
                        .post(format!("{url}/webhooks/whatsapp"))
                        .header("x-hub-signature-256", sig)
                        .body(body)
                        .send()
                        .await;
                    if r.is_ok_and(|r| r.status() == 200) {
                        acked.lock().insert(wamid);
                    }
                }
            })
        })
        .collect();
    // Kill once a good number of deliveries were acknowledged, with posts still in flight.
    loop {
        if acked.lock().len() >= 500 {
            break;
        }
        tokio::select! {
            _ = kill_rx.changed() => {}
            _ = tokio::time::sleep(Duration::from_millis(5)) => {}
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    kill_tx.send(true).unwrap();
    for p in posters {
        p.await.unwrap();
    }
    let acked: HashSet<String> = acked.lock().clone();
    assert!(acked.len() >= 500);

    let port = free_port();
    let mut child = start(&data, port);
    let url = format!("http://127.0.0.1:{port}");
    let login: serde_json::Value = client
        .post(format!("{url}/graphql"))
        .json(&json!({"query": "mutation($p:String!){ login(email:\"admin@parley.local\", password:$p){ token } }", "variables": {"p": PW}}))
        .send().await.unwrap().json().await.unwrap();
    let token = login["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let fetch = || async {
        let mut wamids = vec![];
        let mut after: Option<String> = None;
        loop {
            let r: serde_json::Value = client
                .post(format!("{url}/graphql"))
                .bearer_auth(&token)
                .json(&json!({"query": "query($a:String){ messages(first:500, after:$a){ edges { node { wamid conversation { customerWaId } } } pageInfo { hasNextPage endCursor } } }", "variables": {"a": after}}))
                .send().await.unwrap().json().await.unwrap();
            let conn = &r["data"]["messages"];
            wamids.extend(
                conn["edges"]
                    .as_array()
                    .unwrap()
                    .iter()
                    // The load's customers only (the demo seeds conversations of its own).
                    .filter(|e| is_load_customer(&e["node"]["conversation"]["customerWaId"]))
                    .filter_map(|e| e["node"]["wamid"].as_str().map(String::from)),
            );
            if conn["pageInfo"]["hasNextPage"] != true {
                return wamids;
            }
            after = conn["pageInfo"]["endCursor"].as_str().map(String::from);
        }
    };
    // The inbox is worked after start; poll the API until every acknowledged delivery shows.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    let wamids = loop {
        let w = fetch().await;
        let have: HashSet<&String> = w.iter().collect();
        if acked.iter().all(|a| have.contains(a)) || tokio::time::Instant::now() > deadline {
            break w;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    for a in &acked {
        assert_eq!(
            wamids.iter().filter(|w| *w == a).count(),
            1,
            "{a} must be there exactly once"
        );
    }
    let unique: HashSet<&String> = wamids.iter().collect();
    assert_eq!(unique.len(), wamids.len(), "no duplicates at all");

    // The search index caught up with the store after the kill: the store's per-conversation
    // counts and a full-text search agree, and single messages are found by their words.
    let gql = |query: String| {
        let (client, url, token) = (client.clone(), url.clone(), token.clone());
        async move {
            let r: serde_json::Value = client
                .post(format!("{url}/graphql"))
                .bearer_auth(&token)
                .json(&json!({ "query": query }))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            r
        }
    };
    let convs = gql(
        "{ conversations(first:500){ edges { node { customerWaId messages { totalCount } } } } }"
            .into(),
    )
    .await;
    let in_store: i64 = convs["data"]["conversations"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| crate::crash::is_load_customer(&e["node"]["customerWaId"]))
        .map(|e| e["node"]["messages"]["totalCount"].as_i64().unwrap())
        .sum();
    let searched = gql("{ messages(search:\"crash\"){ totalCount } }".into()).await;
    assert_eq!(
        searched["data"]["messages"]["totalCount"].as_i64(),
        Some(in_store)
    );
    assert_eq!(in_store, i64::try_from(wamids.len()).unwrap());
    for a in acked.iter().take(20) {
        let n = a.trim_start_matches("wamid.CRASH");
        let r = gql(format!(
            // The number first: the last word also matches as a prefix (1000 → 10000).
            "{{ messages(search:\"{n} crash\"){{ edges {{ node {{ wamid }} }} }} }}"
        ))
        .await;
        let found: Vec<&str> = r["data"]["messages"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["node"]["wamid"].as_str())
            .collect();
        assert_eq!(found, [a.as_str()], "search for message {n}");
    }
    child.kill().unwrap();
    child.wait().unwrap();
}
