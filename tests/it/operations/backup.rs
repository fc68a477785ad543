//! Backup under write load with the real binary, restore into a fresh dir, start on it.

use std::collections::HashSet;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;
use serde_json::json;

use crate::binary::{BIN, free_port};
use crate::crash::{PW, SECRET, delivery, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_under_write_load_restores_a_consistent_copy() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let port = free_port();
    let mut child = start(&data, port);
    let url = format!("http://127.0.0.1:{port}");
    let acked = Arc::new(Mutex::new(HashSet::new()));
    let client = reqwest::Client::new();
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let posters: Vec<_> = (0..8)
        .map(|w| {
            let (client, url, acked, stop) =
                (client.clone(), url.clone(), acked.clone(), stop_rx.clone());
            tokio::spawn(async move {
                for i in 0..100_000 {
                    if *stop.borrow() {
                        return;
                    }
                    let (wamid, body) = delivery(w * 100_000 + i);
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
    while acked.lock().len() < 300 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Taken while the posters keep writing: through the running server's control socket.
    let before: HashSet<String> = acked.lock().clone();
    let file = dir.path().join("parley.pbk");
    let out = Command::new(BIN)
        .args(["backup", "--data", data.to_str().unwrap(), "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "backup failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("by the running server"));
    let after: HashSet<String> = acked.lock().clone();
    assert!(
        after.len() > before.len(),
        "writes went on during the backup"
    );
    stop_tx.send(true).unwrap();
    for p in posters {
        p.await.unwrap();
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // A damaged copy is refused; so is a non-empty data dir without --force.
    let mut bytes = std::fs::read(&file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    let damaged = dir.path().join("damaged.pbk");
    std::fs::write(&damaged, &bytes).unwrap();
    let restored = dir.path().join("restored");
    let out = Command::new(BIN)
        .args(["restore", "--data", restored.to_str().unwrap()])
        .arg(&damaged)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("checksum"));
    std::fs::create_dir_all(&restored).unwrap();
    std::fs::write(restored.join("stray"), b"x").unwrap();
    let out = Command::new(BIN)
        .args(["restore", "--data", restored.to_str().unwrap()])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    let out = Command::new(BIN)
        .args(["restore", "--force", "--data", restored.to_str().unwrap()])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "restore failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The copy starts, and holds every delivery acknowledged before the backup began, each
    // once; its per-conversation counts and the rebuilt search index agree.
    let port = free_port();
    let mut child = start(&restored, port);
    let url = format!("http://127.0.0.1:{port}");
    let login: serde_json::Value = client
        .post(format!("{url}/graphql"))
        .json(&json!({"query": "mutation($p:String!){ login(email:\"admin@parley.local\", password:$p){ token } }", "variables": {"p": PW}}))
        .send().await.unwrap().json().await.unwrap();
    let token = login["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_string();
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
    let fetch = || async {
        let mut wamids = vec![];
        let mut after = String::new();
        loop {
            let a = if after.is_empty() {
                String::new()
            } else {
                format!(", after:\"{after}\"")
            };
            let r = gql(format!(
                "{{ messages(first:500{a}){{ edges {{ node {{ wamid conversation {{ customerWaId }} }} }} pageInfo {{ hasNextPage endCursor }} }} }}"
            ))
            .await;
            let conn = &r["data"]["messages"];
            wamids.extend(
                conn["edges"]
                    .as_array()
                    .unwrap()
                    .iter()
                    // The load's customers only (the demo seeds conversations of its own).
                    .filter(|e| {
                        crate::crash::is_load_customer(&e["node"]["conversation"]["customerWaId"])
                    })
                    .filter_map(|e| e["node"]["wamid"].as_str().map(String::from)),
            );
            if conn["pageInfo"]["hasNextPage"] != true {
                return wamids;
            }
            after = conn["pageInfo"]["endCursor"].as_str().unwrap().to_string();
        }
    };
    // Deliveries still in the backed-up inbox are worked after start.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    let wamids = loop {
        let w = fetch().await;
        let have: HashSet<&String> = w.iter().collect();
        if before.iter().all(|a| have.contains(a)) || tokio::time::Instant::now() > deadline {
            break w;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let have: HashSet<&String> = wamids.iter().collect();
    assert_eq!(have.len(), wamids.len(), "no duplicates");
    for a in &before {
        assert!(have.contains(a), "{a} was acknowledged before the backup");
    }
    for w in &wamids {
        assert!(after.contains(w), "{w} was never acknowledged");
    }
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
    // What the demo seeded, besides the load.
    let seeded: u64 = convs["data"]["conversations"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !crate::crash::is_load_customer(&e["node"]["customerWaId"]))
        .map(|e| e["node"]["messages"]["totalCount"].as_u64().unwrap())
        .sum();
    assert_eq!(in_store, i64::try_from(wamids.len()).unwrap());
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let searched = gql("{ messages(search:\"crash\"){ totalCount } }".into()).await;
        if searched["data"]["messages"]["totalCount"].as_i64() == Some(in_store) {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "search: {searched}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // Offline: with no server running, the CLI opens the store itself.
    let offline = dir.path().join("offline.pbk");
    let out = Command::new(BIN)
        .args(["backup", "--data", restored.to_str().unwrap(), "--out"])
        .arg(&offline)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = parley::backup::verify(&offline).unwrap();
    assert_eq!(m.format_version, parley::backup::FORMAT_VERSION);
    assert_eq!(
        m.tables.get("messages").copied(),
        Some(u64::try_from(wamids.len()).unwrap() + seeded)
    );
}

/// Scheduled backups write into `backup_dir` and keep the newest `backup_keep`.
#[tokio::test]
async fn scheduled_backups_keep_the_newest() {
    let backups = tempfile::tempdir().unwrap();
    let dir = backups.path().to_path_buf();
    let s = crate::harness::Server::start_tuned(move |c| {
        c.backup_dir = Some(dir);
        c.backup_interval_hours = 1;
        c.backup_keep = 2;
    })
    .await;
    let count = || {
        std::fs::read_dir(backups.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".pbk"))
            .count()
    };
    for round in 1..=3 {
        s.clock.advance(3_600_000 + 1000);
        s.app.jobs.wake();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while count() < round.min(2) {
            assert!(tokio::time::Instant::now() < deadline, "round {round}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // Distinct names need a new second; the manual clock moved an hour.
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert_eq!(count(), 2);
    for e in std::fs::read_dir(backups.path()).unwrap() {
        parley::backup::verify(&e.unwrap().path()).unwrap();
    }
}
