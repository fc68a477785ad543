//! Queued sends survive a restart and go out once each.

use crate::binary::{BIN, free_port};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

const PW: &str = "Restart-Passw0rd-1";

pub(crate) struct Demo {
    pub(crate) child: Child,
    url: String,
    token: String,
}

impl Demo {
    pub(crate) async fn start(data: &std::path::Path, rate: &str) -> Demo {
        Demo::start_logging_to(data, rate, Stdio::null()).await
    }

    /// [`Demo::start`] with the server's log going to `log`.
    pub(crate) async fn start_logging_to(
        data: &std::path::Path,
        rate: &str,
        log: impl Into<Stdio>,
    ) -> Demo {
        let port = free_port();
        let child = crate::binary::spawn_ready_logging_to(
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
                    "--sandbox-listen",
                    &format!("127.0.0.1:{}", free_port()),
                ])
                .env("PARLEY_MESSAGES_PER_SECOND", rate),
            log,
        );
        let mut d = Demo {
            child,
            url: format!("http://127.0.0.1:{port}"),
            token: String::new(),
        };
        let r = d
            .gql(
                "mutation($p:String!){ login(email:\"admin@parley.local\", password:$p){ token } }",
                json!({"p": PW}),
            )
            .await;
        d.token = r["data"]["login"]["token"].as_str().unwrap().to_string();
        d
    }

    pub(crate) async fn gql(&self, query: &str, vars: Value) -> Value {
        reqwest::Client::new()
            .post(format!("{}/graphql", self.url))
            .bearer_auth(&self.token)
            .json(&json!({"query": query, "variables": vars}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Polls the API (the observable surface) until `check` holds, within a minute.
    pub(crate) async fn until(
        &self,
        what: &str,
        query: &str,
        check: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            let r = self.gql(query, json!({})).await;
            if check(&r) {
                return r;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for {what}: {r}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGKILL: no graceful stop, nothing finishes.
    pub(crate) fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    pub(crate) fn stop(mut self) {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(self.child.wait().unwrap().success());
    }
}

fn statuses(r: &Value) -> Vec<(String, String, Option<String>)> {
    r["data"]["messages"]["edges"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    let n = &e["node"];
                    (
                        n["id"].as_str().unwrap().into(),
                        n["status"].as_str().unwrap().into(),
                        n["wamid"].as_str().map(String::from),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_sends_go_out_after_a_restart_each_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data, "2").await;
    let t = demo
        .gql("mutation { createTemplate(input:{name:\"restart_check\", module:\"Leads\", language:\"en\", category:UTILITY, body:\"Hello $[Leads.First Name], see you soon.\"}){ id } }", json!({}))
        .await;
    let tid = t["data"]["createTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{t}"))
        .to_string();
    demo.until("approval", "{ templates { id status } }", |r| {
        r["data"]["templates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == tid.as_str() && x["status"] == "APPROVED")
    })
    .await;
    let lead = demo.gql("mutation { createRecord(module:\"Leads\", values:{First_Name:\"Rita\", Last_Name:\"Restart\", Mobile:\"+49 151 44455566\"}){ id } }", json!({})).await;
    let lead = lead["data"]["createRecord"]["id"].clone();
    let profile = demo.gql("{ whatsappProfiles { id } }", json!({})).await["data"]["whatsappProfiles"][0]["id"].clone();
    for _ in 0..12 {
        let r = demo
            .gql("mutation($i:SendTemplateInput!){ sendTemplate(input:$i){ id } }", json!({"i": {"profileId": profile, "module": "Leads", "recordId": lead, "templateId": tid}}))
            .await;
        assert!(r["errors"].is_null(), "{r}");
    }
    // This lead's sends only (the demo seeds replies of its own).
    let q = &format!(
        "{{ messages(filter:{{direction:OUTBOUND, recordId:{lead}}}){{ edges {{ node {{ id status wamid }} }} }} }}"
    );
    let before = demo
        .until("a first send", q, |r| {
            statuses(r).iter().any(|s| s.2.is_some())
        })
        .await;
    demo.stop();
    let sent_before: Vec<_> = statuses(&before)
        .into_iter()
        .filter(|s| s.2.is_some())
        .collect();
    assert!(sent_before.len() < 12, "the rate of 2/s keeps most queued");

    let demo = Demo::start(&data, "80").await;
    let after = demo
        .until("all sent", q, |r| {
            statuses(r).iter().all(|s| s.2.is_some() || s.1 == "FAILED")
        })
        .await;
    let all = statuses(&after);
    assert_eq!(all.len(), 12);
    let interrupted: Vec<_> = all.iter().filter(|s| s.1 == "FAILED").collect();
    assert!(
        interrupted.is_empty(),
        "a graceful stop interrupts nothing: {interrupted:?}"
    );
    let thread = demo
        .gql(
            "{ simulatorThread(waId:\"4915144455566\"){ direction wamid } }",
            json!({}),
        )
        .await;
    let out: Vec<String> = thread["data"]["simulatorThread"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["direction"] == "out")
        .map(|m| m["wamid"].as_str().unwrap().to_string())
        .collect();
    let mut wamids: Vec<String> = all.iter().filter_map(|s| s.2.clone()).collect();
    wamids.sort();
    wamids.dedup();
    assert_eq!(wamids.len(), 12, "every message has its own wamid");
    // The simulator keeps its state in the data dir: its phone shows the sends from before
    // the restart and the rest, each once.
    assert_eq!(
        out.len(),
        12,
        "all sends reached the simulated phone: {} in its thread, {} sent before the restart",
        out.len(),
        sent_before.len()
    );
    for w in &out {
        assert!(wamids.contains(w), "the simulator got only our messages");
        assert_eq!(out.iter().filter(|x| *x == w).count(), 1, "each once");
    }
    demo.stop();
}

/// A graceful stop closes the store, so the next start opens it without redb's repair (which
/// reads the whole file and made start-up grow with the data); a killed server's store is
/// repaired, and the log says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_graceful_stop_closes_the_store_so_the_next_start_needs_no_repair() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let log = |n: &str| std::fs::File::create(dir.path().join(n)).unwrap();
    let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap();
    const REPAIR: &str = "not closed cleanly";

    Demo::start_logging_to(&data, "80", log("first.log"))
        .await
        .stop();
    Demo::start_logging_to(&data, "80", log("after-stop.log"))
        .await
        .kill();
    Demo::start_logging_to(&data, "80", log("after-kill.log"))
        .await
        .stop();

    assert!(
        read("first.log").contains("stopped cleanly"),
        "{}",
        read("first.log")
    );
    assert!(
        !read("after-stop.log").contains(REPAIR),
        "{}",
        read("after-stop.log")
    );
    assert!(
        read("after-kill.log").contains(REPAIR),
        "{}",
        read("after-kill.log")
    );
}
