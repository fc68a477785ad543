//! The real binary: demo start-up, the data-dir lock, clean shutdown, restarts, `user create`,
//! `reindex`.

use crate::binary::{BIN, free_port};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

const PW: &str = "Demo-Passw0rd-123";

struct Demo {
    child: Child,
    url: String,
}

impl Demo {
    fn start(data: &std::path::Path) -> Demo {
        let port = free_port();
        let child = Command::new(BIN)
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
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut demo = Demo {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        demo.wait_ready();
        demo
    }

    /// Reads the banner: it is printed once the listener is bound, so requests queue from then on.
    fn wait_ready(&mut self) {
        let out = self.child.stdout.take().unwrap();
        let mut lines = BufReader::new(out).lines();
        for line in lines.by_ref() {
            if line.unwrap().contains("App:") {
                std::thread::spawn(move || lines.for_each(drop));
                let r = reqwest::blocking::get(format!("{}/healthz", self.url)).unwrap();
                assert_eq!(r.status(), 200);
                return;
            }
        }
        panic!("demo exited before it was ready");
    }

    fn gql(&self, token: Option<&str>, query: &str, vars: Value) -> Value {
        let mut req = reqwest::blocking::Client::new()
            .post(format!("{}/graphql", self.url))
            .json(&json!({"query": query, "variables": vars}));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().unwrap().json().unwrap()
    }

    fn login(&self, email: &str, pw: &str) -> Option<String> {
        let r = self.gql(
            None,
            "mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }",
            json!({"e": email, "p": pw}),
        );
        r["data"]["login"]["token"].as_str().map(String::from)
    }

    fn terminate(mut self) -> std::process::ExitStatus {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        self.child.wait().unwrap()
    }
}

#[test]
fn demo_lock_sigterm_restart_and_user_create() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    let token = demo
        .login("admin@parley.local", PW)
        .expect("the demo admin signs in");
    let leads = demo.gql(
        Some(&token),
        "{ records(module:\"Leads\"){ totalCount } }",
        json!({}),
    );
    assert!(
        leads["data"]["records"]["totalCount"].as_i64().unwrap() >= 10,
        "{leads}"
    );

    let second = Command::new(BIN)
        .args([
            "demo",
            "--data",
            data.to_str().unwrap(),
            "--listen",
            &format!("127.0.0.1:{}", free_port()),
        ])
        .output()
        .unwrap();
    assert!(!second.status.success());
    let why = String::from_utf8_lossy(&second.stderr);
    assert!(why.contains("in use by another Parley process"), "{why}");

    let user = Command::new(BIN)
        .args([
            "user",
            "create",
            "--data",
            data.to_str().unwrap(),
            "--email",
            "x@example.com",
            "--name",
            "X",
        ])
        .args(["--password", "Long-Passw0rd-1"])
        .output()
        .unwrap();
    assert!(
        !user.status.success(),
        "user create refuses while the server holds the data dir"
    );

    let status = demo.terminate();
    assert!(status.success(), "SIGTERM exits 0, got {status}");

    let user = Command::new(BIN)
        .args([
            "user",
            "create",
            "--data",
            data.to_str().unwrap(),
            "--email",
            "rep@example.com",
            "--name",
            "Rep",
        ])
        .args(["--password", "Long-Passw0rd-1"])
        .output()
        .unwrap();
    assert!(
        user.status.success(),
        "{}",
        String::from_utf8_lossy(&user.stderr)
    );

    let demo = Demo::start(&data);
    assert!(
        demo.login("admin@parley.local", PW).is_some(),
        "data survives a restart"
    );
    let rep = demo
        .login("rep@example.com", "Long-Passw0rd-1")
        .expect("the CLI-made user signs in");
    let me = demo.gql(Some(&rep), "{ me { isAdmin } }", json!({}));
    assert_eq!(me["data"]["me"]["isAdmin"], false);
    let leads2 = demo.gql(
        Some(&token),
        "{ records(module:\"Leads\"){ totalCount } }",
        json!({}),
    );
    assert!(
        leads2["data"]["records"].is_null()
            || leads2["data"]["records"]["totalCount"] == leads["data"]["records"]["totalCount"]
    );
    demo.terminate();
}

#[test]
fn bad_flags_and_unusable_data_dir_fail_with_one_line() {
    let out = Command::new(BIN)
        .args(["demo", "--listen", "not-an-address"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let file = tempfile::NamedTempFile::new().unwrap();
    let out = Command::new(BIN)
        .args([
            "demo",
            "--data",
            file.path().to_str().unwrap(),
            "--listen",
            &format!("127.0.0.1:{}", free_port()),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn schema_subcommand_prints_the_sdl() {
    let out = Command::new(BIN).arg("schema").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        parley::graphql::sdl().trim()
    );
}

#[test]
fn reindex_and_an_unreadable_index_rebuild_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let reindex = || {
        Command::new(BIN)
            .args(["reindex", "--data", data.to_str().unwrap()])
            .output()
            .unwrap()
    };
    let demo = Demo::start(&data);
    let token = demo.login("admin@parley.local", PW).unwrap();
    let made = demo.gql(
        Some(&token),
        "mutation { createPredefinedText(input:{name:\"Mahnung\", module:\"Leads\", text:\"Ihre Zahlungserinnerung\"}){ id } }",
        json!({}),
    );
    assert!(made["errors"].is_null(), "{made}");
    let lead = demo.gql(
        Some(&token),
        "mutation { createRecord(module:\"Leads\", values:{Last_Name:\"Reindexhöfer\"}){ id } }",
        json!({}),
    );
    assert!(lead["errors"].is_null(), "{lead}");
    let lead_found = |demo: &Demo, token: &str| {
        let r = demo.gql(
            Some(token),
            "{ records(module:\"Leads\", search:\"INDEXHÖ\"){ totalCount edges { node { id } } } }",
            json!({}),
        );
        assert_eq!(r["data"]["records"]["totalCount"], 1, "{r}");
        assert_eq!(
            r["data"]["records"]["edges"][0]["node"]["id"],
            lead["data"]["createRecord"]["id"]
        );
    };
    lead_found(&demo, &token);
    assert!(
        !reindex().status.success(),
        "reindex refuses while the server holds the data dir"
    );
    assert!(demo.terminate().success());

    let out = reindex();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("rebuilt the search index"), "{said}");
    // Records are searched from the rebuilt index.
    let demo = Demo::start(&data);
    let token = demo.login("admin@parley.local", PW).unwrap();
    lead_found(&demo, &token);
    assert!(demo.terminate().success());

    // A damaged index is rebuilt on start; search still finds what the store holds.
    std::fs::write(data.join("index").join("meta.json"), b"not json").unwrap();
    let demo = Demo::start(&data);
    let token = demo.login("admin@parley.local", PW).unwrap();
    let found = demo.gql(
        Some(&token),
        "{ predefinedTexts(search:\"zahlungserinnerungen\"){ name } }",
        json!({}),
    );
    assert_eq!(
        found["data"]["predefinedTexts"][0]["name"], "Mahnung",
        "{found}"
    );
    lead_found(&demo, &token);
    demo.terminate();
}
