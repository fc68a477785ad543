//! Outgoing webhooks against a local receiver: signatures, retries with backoff, disabling,
//! refused addresses.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use parking_lot::Mutex;
use poem::{EndpointExt, Route, handler, http::StatusCode, post, web::Data};
use serde_json::{Value, json};

use crate::harness::{Server, codes};

/// (signature header, raw body) of each request received.
type Received = Vec<(Option<String>, Vec<u8>)>;

#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Received>>,
    /// Requests answered 500 before answering 200 (usize::MAX: always 500).
    fail_first: Arc<AtomicUsize>,
}

#[handler]
fn hook(req: &poem::Request, body: Vec<u8>, r: Data<&Receiver>) -> StatusCode {
    let sig = req.header("x-parley-signature").map(str::to_string);
    let n = {
        let mut got = r.got.lock();
        got.push((sig, body));
        got.len()
    };
    if n <= r.fail_first.load(Ordering::SeqCst) {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

async fn receiver(fail_first: usize) -> (Receiver, String) {
    let r = Receiver::default();
    r.fail_first.store(fail_first, Ordering::SeqCst);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Route::new().at("/hook", post(hook)).data(r.clone());
    tokio::spawn(async move {
        let _ = poem::Server::new_with_acceptor(
            poem::listener::TcpAcceptor::from_tokio(listener).unwrap(),
        )
        .run(app)
        .await;
    });
    (r, format!("http://{addr}/hook"))
}

async fn until(what: &str, s: &Server, mut check: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(tokio::time::Instant::now() < deadline, "timed out: {what}");
        s.app.jobs.wake();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn subscribe(s: &Server, admin: &str, url: &str, events: &[&str]) -> (String, String) {
    let r = s
        .gql(
            Some(admin),
            "mutation($u:String!,$e:[String!]!){ createWebhookSubscription(url:$u, events:$e){ id url events secret } }",
            json!({"u": url, "e": events}),
        )
        .await;
    let sub = &r["data"]["createWebhookSubscription"];
    (
        sub["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{r}"))
            .to_string(),
        sub["secret"].as_str().unwrap().to_string(),
    )
}

async fn lead(s: &Server, admin: &str, name: &str) {
    let r = s
        .gql(
            Some(admin),
            "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
            json!({"v": {"Last_Name": name}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
}

const SUBS: &str = "{ webhookSubscriptions { id active secret consecutiveFailures disabledReason deliveries { event status statusCode attempts { statusCode error } } } }";

#[tokio::test]
async fn deliveries_are_signed_retried_with_backoff_and_logged() {
    let (rx, url) = receiver(2).await;
    let s = Server::start_tuned(|c| c.webhook_allow_loopback = true).await;
    let admin = s.admin_token().await;
    let (_id, secret) = subscribe(&s, &admin, &url, &["record.created"]).await;
    lead(&s, &admin, "Hook").await;
    until("first attempt", &s, || rx.got.lock().len() == 1).await;
    // The retry waits 10 s on the app's clock, then 30 s.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(rx.got.lock().len(), 1, "no retry before its time");
    s.clock.advance(11_000);
    until("second attempt", &s, || rx.got.lock().len() == 2).await;
    s.clock.advance(31_000);
    until("third attempt", &s, || rx.got.lock().len() == 3).await;

    let got = rx.got.lock().clone();
    for (sig, body) in &got {
        assert_eq!(
            sig.as_deref(),
            Some(parley::webhooks::sign(&secret, body).as_str())
        );
        // Verified independently with the secret.
        use hmac::Mac;
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(body);
        let hex = hex::encode(mac.finalize().into_bytes());
        assert_eq!(sig.as_deref(), Some(format!("sha256={hex}").as_str()));
    }
    let first: Value = serde_json::from_slice(&got[0].1).unwrap();
    let last: Value = serde_json::from_slice(&got[2].1).unwrap();
    assert_eq!(first, last, "a retry sends the same body (same id)");
    assert_eq!(first["event"], "record.created");
    assert_eq!(first["data"]["values"]["Last_Name"], "Hook");
    assert!(first["id"].is_string() && first["at"].is_string());

    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let subs = loop {
        let r = s.gql(Some(&admin), SUBS, json!({})).await;
        let d = &r["data"]["webhookSubscriptions"][0]["deliveries"][0];
        if d["status"] == "SUCCEEDED" || tokio::time::Instant::now() > deadline {
            break r;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let sub = &subs["data"]["webhookSubscriptions"][0];
    assert!(sub["secret"].is_null(), "the secret is shown once");
    let d = &sub["deliveries"][0];
    assert_eq!(d["status"], "SUCCEEDED", "{subs}");
    assert_eq!(d["statusCode"], 200);
    let codes_seen: Vec<i64> = d["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["statusCode"].as_i64().unwrap())
        .collect();
    assert_eq!(codes_seen, [500, 500, 200]);

    // A test event goes to the subscription whatever it asked for.
    let id = sub["id"].as_str().unwrap();
    let r = s
        .gql(
            Some(&admin),
            "mutation($id:ID!){ sendTestWebhook(id:$id){ event status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(r["data"]["sendTestWebhook"]["event"], "webhook.test", "{r}");
    until("test event", &s, || rx.got.lock().len() == 4).await;
    let body: Value = serde_json::from_slice(&rx.got.lock()[3].1).unwrap();
    assert_eq!(body["event"], "webhook.test");
}

#[tokio::test]
async fn a_subscription_failing_repeatedly_is_switched_off_and_admins_told() {
    let (rx, url) = receiver(usize::MAX).await;
    let s = Server::start_tuned(|c| {
        c.webhook_allow_loopback = true;
        c.webhook_max_attempts = 2;
        c.webhook_disable_after = 2;
    })
    .await;
    let admin = s.admin_token().await;
    subscribe(&s, &admin, &url, &["record.created"]).await;
    lead(&s, &admin, "One").await;
    lead(&s, &admin, "Two").await;
    until("first attempts", &s, || rx.got.lock().len() == 2).await;
    s.clock.advance(11_000);
    until("retries", &s, || rx.got.lock().len() == 4).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let r = loop {
        let r = s.gql(Some(&admin), SUBS, json!({})).await;
        if r["data"]["webhookSubscriptions"][0]["active"] == false
            || tokio::time::Instant::now() > deadline
        {
            break r;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let sub = &r["data"]["webhookSubscriptions"][0];
    assert_eq!(sub["active"], false, "{r}");
    assert!(
        sub["disabledReason"]
            .as_str()
            .unwrap()
            .contains("2 deliveries in a row failed")
    );
    assert!(
        sub["deliveries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["status"] == "FAILED")
    );
    let n = s
        .gql(
            Some(&admin),
            "{ notifications(first: 10) { edges { node { title } } } }",
            json!({}),
        )
        .await;
    assert!(
        n.to_string().contains("Outgoing webhook switched off"),
        "{n}"
    );
    // Disabled: nothing more is sent.
    lead(&s, &admin, "Three").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(rx.got.lock().len(), 4);
}

#[tokio::test]
async fn private_and_loopback_addresses_are_refused_unless_allowed() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    for url in [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest",
        "http://[::1]/hook",
        "ftp://example.com/hook",
    ] {
        let r = s
            .gql(
                Some(&admin),
                "mutation($u:String!){ createWebhookSubscription(url:$u, events:[\"record.created\"]){ id } }",
                json!({"u": url}),
            )
            .await;
        assert_eq!(codes(&r), ["VALIDATION"], "{url}: {r}");
    }
    let (_, rep) = s.user(&admin, "rep@example.com", None).await;
    let r = s
        .gql(
            Some(&rep),
            "mutation{ createWebhookSubscription(url:\"https://example.com/h\", events:[\"record.created\"]){ id } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&r), ["FORBIDDEN"]);

    // Loopback allowed (the demo's setting) still refuses private networks.
    let s = Server::start_tuned(|c| c.webhook_allow_loopback = true).await;
    let admin = s.admin_token().await;
    let ok = s
        .gql(
            Some(&admin),
            "mutation{ createWebhookSubscription(url:\"http://127.0.0.1:9/hook\", events:[\"message.received\"]){ id } }",
            json!({}),
        )
        .await;
    assert!(ok["errors"].is_null(), "{ok}");
    let r = s
        .gql(
            Some(&admin),
            "mutation{ createWebhookSubscription(url:\"http://10.0.0.1/hook\", events:[\"message.received\"]){ id } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"]);
    let r = s
        .gql(
            Some(&admin),
            "mutation{ createWebhookSubscription(url:\"http://127.0.0.1:9/hook\", events:[\"no.such\"]){ id } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"]);
}

#[tokio::test]
async fn a_test_event_reaches_a_switched_off_subscription_signed_and_is_audited() {
    let (rx, url) = receiver(0).await;
    let s = Server::start_tuned(|c| c.webhook_allow_loopback = true).await;
    let admin = s.admin_token().await;
    let (id, secret) = subscribe(&s, &admin, &url, &["record.created"]).await;
    let r = s
        .gql(
            Some(&admin),
            "mutation($id:ID!){ setWebhookSubscriptionActive(id:$id, active:false){ active } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        r["data"]["setWebhookSubscriptionActive"]["active"], false,
        "{r}"
    );
    // Switched off: events are not delivered, a test event is.
    lead(&s, &admin, "Quiet").await;
    let r = s
        .gql(
            Some(&admin),
            "mutation($id:ID!){ sendTestWebhook(id:$id){ id event status } }",
            json!({"id": id}),
        )
        .await;
    let delivery = r["data"]["sendTestWebhook"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    assert_eq!(r["data"]["sendTestWebhook"]["status"], "PENDING");
    until("test event", &s, || !rx.got.lock().is_empty()).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got = rx.got.lock().clone();
    assert_eq!(got.len(), 1, "only the test event");
    let (sig, body) = &got[0];
    assert_eq!(
        sig.as_deref(),
        Some(parley::webhooks::sign(&secret, body).as_str())
    );
    let body: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(body["event"], "webhook.test");
    assert_eq!(body["id"], delivery.as_str());
    assert_eq!(body["data"]["subscriptionId"], id.as_str());

    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let r = loop {
        let r = s.gql(Some(&admin), SUBS, json!({})).await;
        let d = &r["data"]["webhookSubscriptions"][0]["deliveries"][0];
        if d["status"] == "SUCCEEDED" || tokio::time::Instant::now() > deadline {
            break r;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let sub = &r["data"]["webhookSubscriptions"][0];
    assert_eq!(sub["deliveries"][0]["status"], "SUCCEEDED", "{r}");
    assert_eq!(sub["deliveries"][0]["statusCode"], 200);
    assert_eq!(sub["active"], false, "a test does not switch it on");

    let log = s
        .gql(
            Some(&admin),
            "{ auditLog(filter:{action:\"webhook.test\"}){ edges { node { subject actor { email } detail } } } }",
            json!({}),
        )
        .await;
    let e = &log["data"]["auditLog"]["edges"][0]["node"];
    assert_eq!(e["subject"], url.as_str(), "{log}");
    assert_eq!(e["actor"]["email"], "admin@parley.local");
    assert_eq!(e["detail"]["deliveryId"], delivery.as_str());
}
