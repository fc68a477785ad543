//! The OUTGOING_WEBHOOK action against a receiver started here: a signed body describing the
//! record and the trigger, retried on a 500 on the app's clock, failures on the owner, the
//! address rule; from rules, blueprint transitions and journey steps.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use parking_lot::Mutex;
use poem::{EndpointExt, Route, handler, http::StatusCode, post, web::Data};
use serde_json::{Value, json};

use super::{CR, RULES, lead, poll, poll_gql, rule};
use crate::harness::codes;
use crate::whatsapp::Wa;

/// (signature header, raw body) of each request received.
type Received = Vec<(Option<String>, Vec<u8>)>;

#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Received>>,
    /// Requests answered 500 before answering 200.
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

/// A receiver on 127.0.0.1; answers it and its port.
async fn receiver(fail_first: usize) -> (Receiver, u16) {
    let r = Receiver::default();
    r.fail_first.store(fail_first, Ordering::SeqCst);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let app = Route::new().at("/hook", post(hook)).data(r.clone());
    tokio::spawn(async move {
        let _ = poem::Server::new_with_acceptor(
            poem::listener::TcpAcceptor::from_tokio(listener).unwrap(),
        )
        .run(app)
        .await;
    });
    (r, port)
}

/// A connected server whose webhooks may go to loopback (as the demo's do).
async fn server(tune: impl FnOnce(&mut parley::config::Config)) -> Wa {
    Wa::start_bare(
        80,
        |c| {
            c.webhook_allow_loopback = true;
            tune(c);
        },
        |_| {},
    )
    .await
}

/// Checks the signature independently of the server's code: HMAC-SHA256 of the raw body.
fn verify(secret: &str, sig: Option<&str>, body: &[u8]) {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    let want = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(sig, Some(want.as_str()), "signature of {body:?}");
}

#[tokio::test]
async fn a_rules_webhook_posts_a_signed_body_and_retries_a_500_on_the_apps_clock() {
    let (rx, port) = receiver(1).await;
    let wa = server(|_| {}).await;
    let url = format!("http://127.0.0.1:{port}/hook");
    let r = wa
        .gql(
            CR,
            json!({"i": {"name": "Tell the ERP", "module": "Leads", "trigger": "CREATED",
            "conditions": [{"field": "Last_Name", "op": "CONTAINS", "value": "hook"}],
            "actions": [{"kind": "OUTGOING_WEBHOOK", "url": url, "secret": "s3cret-shh"}]}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let id = lead(&wa, json!({"First_Name": "Hanna", "Last_Name": "Hook"})).await;
    lead(&wa, json!({"Last_Name": "Other"})).await;
    poll("first attempt", || rx.got.lock().len() == 1).await;
    // The 500 shows on the rule at once; the retry waits 10 s on the app's clock.
    let r = poll_gql(&wa, "the error on the rule", RULES, |r| {
        rule(r, "Tell the ERP")["lastError"]
            .as_str()
            .is_some_and(|e| e.contains("HTTP 500"))
    })
    .await;
    assert_eq!(rule(&r, "Tell the ERP")["runs"], 1, "{r}");
    assert_eq!(
        rule(&r, "Tell the ERP")["failures"],
        0,
        "a retry is not a failure yet: {r}"
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(rx.got.lock().len(), 1, "no retry before its time");
    wa.s.clock.advance(11_000);
    wa.s.app.jobs.wake();
    poll("second attempt", || rx.got.lock().len() == 2).await;
    let r = poll_gql(&wa, "delivered", RULES, |r| {
        rule(r, "Tell the ERP")["history"][0]["detail"]
            .as_str()
            .is_some_and(|d| d.contains("delivered (HTTP 200, attempt 2)"))
    })
    .await;
    assert_eq!(rule(&r, "Tell the ERP")["failures"], 0, "{r}");

    let got = rx.got.lock().clone();
    for (sig, body) in &got {
        verify("s3cret-shh", sig.as_deref(), body);
    }
    assert_eq!(got[0].1, got[1].1, "a retry sends the same bytes (same id)");
    let body: Value = serde_json::from_slice(&got[0].1).unwrap();
    assert_eq!(body["event"], "automation.rule", "{body}");
    assert!(body["id"].is_string() && body["at"].is_string(), "{body}");
    let data = &body["data"];
    assert_eq!(data["automation"]["type"], "rule");
    assert_eq!(data["automation"]["name"], "Tell the ERP");
    assert_eq!(data["trigger"]["type"], "CREATED");
    assert_eq!(data["record"]["module"], "Leads");
    assert_eq!(data["record"]["id"], id.as_str());
    assert_eq!(data["record"]["values"]["Last_Name"], "Hook");
    assert_eq!(data["record"]["values"]["First_Name"], "Hanna");

    // The secret is never shown, only that there is one; an edit without it keeps it.
    let q = "{ workflowRules { id actions { kind url hasSecret } } }";
    let r = wa.gql(q, json!({})).await;
    let a = &r["data"]["workflowRules"][0]["actions"][0];
    assert_eq!(a["hasSecret"], true, "{r}");
    assert!(!r.to_string().contains("s3cret"), "{r}");
    let rule_id = r["data"]["workflowRules"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let edit = "mutation($id:ID!,$i:WorkflowRuleInput!){ updateWorkflowRule(id:$id, input:$i){ actions { url hasSecret } } }";
    let input = |secret: Option<&str>| {
        let mut a = json!({"kind": "OUTGOING_WEBHOOK", "url": url});
        if let Some(s) = secret {
            a["secret"] = json!(s);
        }
        json!({"id": rule_id, "i": {"name": "Tell the ERP", "module": "Leads",
            "trigger": "CREATED", "actions": [a]}})
    };
    let r = wa.gql(edit, input(None)).await;
    assert_eq!(
        r["data"]["updateWorkflowRule"]["actions"][0]["hasSecret"], true,
        "{r}"
    );
    let n = rx.got.lock().len();
    lead(&wa, json!({"Last_Name": "Kept"})).await;
    poll("the edited rule's delivery", || {
        rx.got.lock().len() == n + 1
    })
    .await;
    let (sig, body) = rx.got.lock()[n].clone();
    verify("s3cret-shh", sig.as_deref(), &body);
    let r = wa.gql(edit, input(Some(""))).await;
    assert_eq!(
        r["data"]["updateWorkflowRule"]["actions"][0]["hasSecret"], false,
        "{r}"
    );
}

#[tokio::test]
async fn journey_steps_and_blueprint_transitions_call_webhooks_too() {
    let (rx, port) = receiver(0).await;
    let wa = server(|_| {}).await;
    let url = format!("http://localhost:{port}/hook");
    let action = json!({"kind": "OUTGOING_WEBHOOK", "url": url, "secret": "k"});
    let r = wa.gql("mutation($i:JourneyInput!){ createJourney(input:$i){ id } }", json!({"i": {
        "name": "Hooked", "module": "Leads", "trigger": "CREATED",
        "conditions": [{"field": "City", "op": "EQUALS", "value": "Hookville"}],
        "steps": [{"key": "ping", "kind": "ACTION", "action": action}, {"key": "end", "kind": "END"}]}}))
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = wa
        .gql(
            "mutation($i:BlueprintInput!){ createBlueprint(input:$i){ id } }",
            json!({"i": {"name": "Flow", "module": "Leads", "field": "Lead_Status",
            "states": ["Not Contacted", "Contacted"],
            "transitions": [{"name": "Reach", "from": "Not Contacted", "to": "Contacted", "actions": [action]}]}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let id = lead(
        &wa,
        json!({"Last_Name": "Walker", "City": "Hookville", "Lead_Status": "Not Contacted"}),
    )
    .await;
    poll("the journey's delivery", || rx.got.lock().len() == 1).await;
    let r = wa
        .gql(
            "mutation($id:ID!){ transitionRecord(module:\"Leads\", recordId:$id, transition:\"Reach\"){ id } }",
            json!({"id": id}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    poll("the transition's delivery", || rx.got.lock().len() == 2).await;
    let got = rx.got.lock().clone();
    let bodies: Vec<Value> = got
        .iter()
        .map(|(sig, b)| {
            verify("k", sig.as_deref(), b);
            serde_json::from_slice(b).unwrap()
        })
        .collect();
    assert_eq!(bodies[0]["event"], "automation.journey");
    assert_eq!(bodies[0]["data"]["trigger"]["step"], "ping");
    assert_eq!(bodies[0]["data"]["record"]["id"], id.as_str());
    assert_eq!(bodies[1]["event"], "automation.blueprint");
    assert_eq!(bodies[1]["data"]["trigger"]["transition"], "Reach");
    assert_eq!(bodies[1]["data"]["trigger"]["to"], "Contacted");
    assert_eq!(
        bodies[1]["data"]["record"]["values"]["Lead_Status"],
        "Contacted"
    );
}

#[tokio::test]
async fn private_addresses_are_refused_and_a_delivery_that_gives_up_is_a_failure() {
    let (rx, port) = receiver(usize::MAX).await;
    // Loopback allowed, two tries in all.
    let wa = server(|c| c.webhook_max_attempts = 2).await;
    let url = format!("http://127.0.0.1:{port}/hook");
    for bad in [
        "http://10.0.0.7/hook",
        "http://[fd00::1]/x",
        "ftp://example.org/x",
    ] {
        let r = wa
            .gql(
                CR,
                json!({"i": {"name": "Bad", "module": "Leads", "trigger": "CREATED",
                "actions": [{"kind": "OUTGOING_WEBHOOK", "url": bad}]}}),
            )
            .await;
        assert_eq!(codes(&r), ["VALIDATION"], "{bad}: {r}");
    }
    let r = wa
        .gql(
            CR,
            json!({"i": {"name": "Always 500", "module": "Leads", "trigger": "CREATED",
            "actions": [{"kind": "OUTGOING_WEBHOOK", "url": url}]}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    lead(&wa, json!({"Last_Name": "Failing"})).await;
    poll("first attempt", || rx.got.lock().len() == 1).await;
    assert_eq!(rx.got.lock()[0].0, None, "no secret: unsigned");
    wa.s.clock.advance(11_000);
    wa.s.app.jobs.wake();
    let r = poll_gql(&wa, "gave up", RULES, |r| {
        rule(r, "Always 500")["failures"] == 1
    })
    .await;
    let rl = rule(&r, "Always 500");
    assert!(
        rl["lastError"]
            .as_str()
            .unwrap()
            .contains("failed for good after 2 attempts: HTTP 500"),
        "{r}"
    );
    assert_eq!(rl["history"][0]["ok"], false, "{r}");
    assert_eq!(rx.got.lock().len(), 2);
}

#[tokio::test]
async fn without_the_loopback_allowance_a_name_resolving_to_loopback_fails_at_delivery() {
    let (rx, port) = receiver(0).await;
    let wa = Wa::start_bare(80, |c| c.webhook_max_attempts = 1, |_| {}).await;
    let r = wa
        .gql(
            CR,
            json!({"i": {"name": "Literal", "module": "Leads", "trigger": "CREATED",
            "actions": [{"kind": "OUTGOING_WEBHOOK", "url": format!("http://127.0.0.1:{port}/hook")}]}}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    let r = wa
        .gql(
            CR,
            json!({"i": {"name": "By name", "module": "Leads", "trigger": "CREATED",
            "actions": [{"kind": "OUTGOING_WEBHOOK", "url": format!("http://localhost:{port}/hook")}]}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    lead(&wa, json!({"Last_Name": "Refused"})).await;
    let r = poll_gql(&wa, "refused", RULES, |r| {
        rule(r, "By name")["failures"] == 1
    })
    .await;
    assert!(
        rule(&r, "By name")["lastError"]
            .as_str()
            .unwrap()
            .contains("loopback"),
        "{r}"
    );
    assert!(rx.got.lock().is_empty(), "nothing was sent");
}
