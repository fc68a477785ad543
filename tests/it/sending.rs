//! Templates through review, sends through the outbox, replies in the 24-hour window.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::codes;
use crate::whatsapp::{Wa, fixture};

const CT: &str = "mutation($i:CreateTemplateInput!){ createTemplate(input:$i){ id name status rejectionReason } }";
const ST: &str =
    "mutation($i:SendTemplateInput!){ sendTemplate(input:$i){ id status conversation { id } } }";
const SR: &str = "mutation($i:SendReplyInput!){ sendReply(input:$i){ id status direction text } }";

async fn template(wa: &Wa, name: &str, body: &str) -> Value {
    let r = wa.gql(CT, json!({"i": {"name": name, "module": "Leads", "language": "en", "category": "UTILITY", "body": body}})).await;
    r["data"]["createTemplate"].clone()
}

fn template_status(wa: &Wa, id: &str) -> String {
    wa.s.app
        .templates
        .get(id)
        .map(|t| format!("{:?}", t.status).to_uppercase())
        .unwrap_or_default()
}

fn message_status(wa: &Wa, id: &str) -> (String, Option<i64>) {
    let m = wa.s.app.messaging.message_unchecked(id).unwrap();
    (format!("{:?}", m.status).to_uppercase(), m.error_code)
}

async fn lead(wa: &Wa, first: &str, mobile: &str) -> String {
    let r = wa
        .gql(
            "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
            json!({"v": {"First_Name": first, "Last_Name": "Test", "Mobile": mobile}}),
        )
        .await;
    r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string()
}

async fn approved(wa: &Wa, name: &str) -> String {
    let t = template(
        wa,
        name,
        "Hello $[Leads.First Name], your reference is $[Leads.Last Name].",
    )
    .await;
    let id = t["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{t}"))
        .to_string();
    wa.until("approval", |w| template_status(w, &id) == "APPROVED")
        .await;
    id
}

#[tokio::test]
async fn templates_are_reviewed_approved_or_rejected_by_webhook() {
    let wa = Wa::start().await;
    let ok = template(
        &wa,
        "welcome",
        "Hello $[Leads.First Name], thanks for your interest.",
    )
    .await;
    assert_eq!(ok["status"], "PENDING");
    let ok_id = ok["id"].as_str().unwrap().to_string();
    wa.until("approval", |w| template_status(w, &ok_id) == "APPROVED")
        .await;
    let bad = template(
        &wa,
        "promo",
        "Hello $[Leads.First Name], get a 50% discount on everything today!",
    )
    .await;
    let bad_id = bad["id"].as_str().unwrap().to_string();
    wa.until("rejection", |w| template_status(w, &bad_id) == "REJECTED")
        .await;
    let list = wa
        .gql(
            "{ templates(module:\"Leads\"){ id status rejectionReason } }",
            json!({}),
        )
        .await;
    let rejected = list["data"]["templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == bad_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(rejected["rejectionReason"], "PROMOTIONAL");
    let r = wa.gql(CT, json!({"i": {"name": "bad_field", "module": "Leads", "language": "en", "category": "UTILITY", "body": "Hi $[Leads.Nope]"}})).await;
    assert_eq!(codes(&r), ["VALIDATION"]);
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("$[Leads.Nope]")
    );
}

#[tokio::test]
async fn in_review_templates_cannot_be_edited_or_sent() {
    let wa = Wa::start_with(80, |c| c.review_delay = Duration::from_secs(3600)).await;
    let t = template(&wa, "slow_review", "Hello $[Leads.First Name], thanks.").await;
    let id = t["id"].as_str().unwrap();
    let upd = wa.gql("mutation($id:ID!,$i:CreateTemplateInput!){ updateTemplate(id:$id, input:$i){ id } }",
        json!({"id": id, "i": {"name": "slow_review", "module": "Leads", "language": "en", "category": "UTILITY", "body": "Changed $[Leads.First Name]."}})).await;
    assert_eq!(codes(&upd), ["CONFLICT"]);
    let lead = lead(&wa, "Greta", "+49 151 77788899").await;
    let r = wa.gql(ST, json!({"i": {"profileId": wa.profile_id, "module": "Leads", "recordId": lead, "templateId": id}})).await;
    assert_eq!(codes(&r), ["TEMPLATE_NOT_APPROVED"]);
}

#[tokio::test]
async fn a_sent_template_carries_the_records_values_and_reaches_read() {
    let wa = Wa::start().await;
    let tid = approved(&wa, "reference").await;
    let lead = lead(&wa, "Greta", "+49 151 77788899").await;
    let r = wa.gql(ST, json!({"i": {"profileId": wa.profile_id, "module": "Leads", "recordId": lead, "templateId": tid}})).await;
    let id = r["data"]["sendTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    assert_eq!(r["data"]["sendTemplate"]["status"], "QUEUED");
    wa.until("read", |w| message_status(w, &id).0 == "READ")
        .await;
    let sent = wa.sandbox.sent();
    let body = &sent.last().unwrap().body;
    assert_eq!(body["to"], "4915177788899");
    assert_eq!(body["template"]["name"], "reference");
    let params: Vec<_> = body["template"]["components"][0]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].clone())
        .collect();
    assert_eq!(params, [json!("Greta"), json!("Test")]);
    // Late and reordered statuses never move it back.
    let wamid =
        wa.s.app
            .messaging
            .message_unchecked(&id)
            .unwrap()
            .wamid
            .unwrap();
    for f in [
        "status_delivered_pmp.json",
        "status_sent_cbp.json",
        "status_failed.json",
    ] {
        let body = fixture(
            f,
            &[
                ("PNID", &wa.pnid),
                ("WABA", &wa.waba),
                ("WAID", "4915177788899"),
                ("WAMID", &wamid),
                ("TS", "1764000000"),
            ],
        );
        assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    }
    wa.until("inbox drained", |w| w.s.app.messaging.inbox_len() == 0)
        .await;
    assert_eq!(message_status(&wa, &id).0, "READ");
}

#[tokio::test]
async fn replies_need_the_24_hour_window() {
    let wa = Wa::start().await;
    let tid = approved(&wa, "opener").await;
    let lead = lead(&wa, "Greta", "+49 151 77788899").await;
    let r = wa.gql(ST, json!({"i": {"profileId": wa.profile_id, "module": "Leads", "recordId": lead, "templateId": tid}})).await;
    let conv = r["data"]["sendTemplate"]["conversation"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "text": "Before the customer wrote"}}),
        )
        .await;
    assert_eq!(codes(&r), ["WINDOW_CLOSED"]);
    let wamid = wa
        .sandbox
        .customer_send(
            &wa.pnid,
            "4915177788899",
            "Greta Test",
            json!({"type": "text", "text": {"body": "Ja, gerne!"}}),
        )
        .await
        .unwrap();
    wa.until("inbound", |w| w.s.app.messaging.store_has_wamid(&wamid))
        .await;
    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "text": "Morgen um 10?"}}),
        )
        .await;
    assert_eq!(r["data"]["sendReply"]["direction"], "OUTBOUND", "{r}");
    let pt = wa.gql("mutation { createPredefinedText(input:{name:\"Greeting\", module:\"Leads\", text:\"Hallo $[Leads.First Name], danke!\"}){ id } }", json!({})).await;
    let pt = pt["data"]["createPredefinedText"]["id"].clone();
    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "predefinedTextId": pt}}),
        )
        .await;
    assert_eq!(r["data"]["sendReply"]["text"], "Hallo Greta, danke!", "{r}");
    wa.s.clock.advance(25 * 3600 * 1000);
    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "text": "Too late"}}),
        )
        .await;
    assert_eq!(codes(&r), ["WINDOW_CLOSED"]);
    assert!(
        r["errors"][0]["extensions"]["windowExpiresAt"].is_string(),
        "{r}"
    );
}

#[tokio::test]
async fn a_send_the_simulator_refuses_with_131047_ends_failed_with_that_code() {
    let wa = Wa::start().await;
    // The customer's message reaches us directly, so the simulator never saw it: its window is closed.
    let body = fixture(
        "inbound_text.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", "4915166655544"),
            ("WAMID", "wamid.DIRECT"),
            ("TS", &(wa.s.app.clock.now() / 1000).to_string()),
            ("NAME", "Dora Direct"),
        ],
    );
    assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    wa.until("inbound", |w| {
        w.s.app.messaging.store_has_wamid("wamid.DIRECT")
    })
    .await;
    let convs = wa
        .gql(
            "{ conversations { edges { node { id windowOpen } } } }",
            json!({}),
        )
        .await;
    let conv = convs["data"]["conversations"]["edges"][0]["node"].clone();
    assert_eq!(conv["windowOpen"], true);
    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv["id"], "text": "Hallo Dora"}}),
        )
        .await;
    let id = r["data"]["sendReply"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    wa.until("failed", |w| message_status(w, &id).0 == "FAILED")
        .await;
    assert_eq!(message_status(&wa, &id).1, Some(131047));
}

#[tokio::test]
async fn a_thousand_queued_sends_keep_to_the_limit_and_all_arrive() {
    let wa = Wa::start_with(80, |c| {
        c.throughput_per_sec = 80;
        c.pair_limit = false;
    })
    .await;
    let tid = approved(&wa, "bulk").await;
    let mut ids = vec![];
    for i in 0..20 {
        let lead = lead(&wa, &format!("Bulk{i}"), &format!("+49 151 5550{i:04}")).await;
        for _ in 0..50 {
            let r = wa.gql(ST, json!({"i": {"profileId": wa.profile_id, "module": "Leads", "recordId": lead, "templateId": tid}})).await;
            ids.push(
                r["data"]["sendTemplate"]["id"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{r}"))
                    .to_string(),
            );
        }
    }
    wa.until("the outbox to empty", |w| {
        w.s.app.messaging.outbox_len() == 0
    })
    .await;
    let failed: Vec<_> = ids
        .iter()
        .map(|id| message_status(&wa, id))
        .filter(|s| s.0 == "FAILED")
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    let mut at: Vec<i64> = wa.sandbox.sent().iter().map(|m| m.at).collect();
    assert_eq!(at.len(), 1000, "each once");
    at.sort_unstable();
    for w in at.windows(81) {
        assert!(w[80] - w[0] >= 1000, "81 sends within one second");
    }
}

#[tokio::test]
async fn sync_pulls_templates_made_elsewhere() {
    let wa = Wa::start().await;
    let acc = wa.s.app.messaging.account().unwrap().unwrap();
    let body = json!({"name": "made_in_manager", "language": "de", "category": "UTILITY",
        "components": [{"type": "BODY", "text": "Ihre Bestellung ist unterwegs."}]});
    acc.client.create_template(&wa.waba, &body).await.unwrap();
    let r = wa
        .gql(
            "mutation { syncTemplates { name language body module status } }",
            json!({}),
        )
        .await;
    let list = r["data"]["syncTemplates"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"));
    let t = list
        .iter()
        .find(|t| t["name"] == "made_in_manager")
        .expect("pulled");
    assert_eq!(t["language"], "de");
    assert_eq!(t["body"], "Ihre Bestellung ist unterwegs.");
    let again = wa
        .gql("mutation { syncTemplates { name } }", json!({}))
        .await;
    let n = again["data"]["syncTemplates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["name"] == "made_in_manager")
        .count();
    assert_eq!(n, 1, "a second sync adds nothing");
}
