//! The audit log: an entry for each kind of action, administrators only, and nothing in the API
//! changes an entry.

use serde_json::{Value, json};

use crate::harness::codes;
use crate::whatsapp::Wa;

const LOG: &str = "query($f:AuditFilter){ auditLog(first: 500, filter:$f){ edges { node { id at action subject actorEmail actor { email } detail } } pageInfo { hasNextPage } } }";

async fn entries(wa: &Wa, filter: Value) -> Vec<Value> {
    let r = wa.gql(LOG, json!({"f": filter})).await;
    r["data"]["auditLog"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

async fn approved(wa: &Wa, name: &str) -> String {
    let r = wa
        .gql(
            "mutation($i:CreateTemplateInput!){ createTemplate(input:$i){ id } }",
            json!({"i": {"name": name, "module": "Leads", "language": "en", "category": "MARKETING",
                "body": "Hello $[Leads.First Name]."}}),
        )
        .await;
    let id = r["data"]["createTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    wa.until("approval", |w| {
        w.s.app
            .templates
            .get(&id)
            .map(|t| format!("{:?}", t.status))
            .unwrap_or_default()
            == "Approved"
    })
    .await;
    id
}

#[tokio::test]
async fn every_kind_of_action_is_audited_and_entries_cannot_change() {
    let wa = Wa::start_bare(
        80,
        |c| {
            c.payment_gateway = Some("simulated".into());
            c.webhook_allow_loopback = true;
        },
        |_| {},
    )
    .await;
    let s = &wa.s;
    // Sign-ins, failed and succeeded; users and roles.
    let bad = s
        .gql(
            None,
            "mutation{ login(email:\"admin@parley.local\", password:\"wrong-password\"){ token } }",
            json!({}),
        )
        .await;
    assert!(!codes(&bad).is_empty());
    let role = s.role(&wa.admin, "Sales", None).await;
    let (rep_id, rep) = s.user(&wa.admin, "rep@example.com", Some(&role)).await;
    let r = wa
        .gql(
            "mutation($id:ID!){ updateUser(id:$id, input:{name:\"Rep Renamed\"}){ id } }",
            json!({"id": rep_id}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    // Templates, credits, a send with its price, an export, a webhook subscription.
    let tid = approved(&wa, "audit_offer").await;
    let other = approved(&wa, "audit_other").await;
    let r = wa
        .gql(
            "mutation($id:ID!){ deleteTemplate(id:$id) }",
            json!({"id": other}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    for q in [
        "mutation{ recordTopUp(amount:\"50\", reference:\"INV-7\"){ balance } }",
        "mutation{ adjustCredits(amount:\"-1\", note:\"goodwill\"){ balance } }",
    ] {
        let r = wa.gql(q, json!({})).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let r = wa
        .gql(
            "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
            json!({"v": {"First_Name": "Greta", "Last_Name": "Test", "Mobile": "+4915177788899"}}),
        )
        .await;
    let lead = r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = wa
        .gql(
            "mutation($i:SendTemplateInput!){ sendTemplate(input:$i){ id } }",
            json!({"i": {"profileId": wa.profile_id, "module": "Leads", "recordId": lead, "templateId": tid}}),
        )
        .await;
    let sent = r["data"]["sendTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    let r = wa
        .gql("{ exportRecords(module:\"Leads\") }", json!({}))
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = wa
        .gql(
            "mutation{ createWebhookSubscription(url:\"http://127.0.0.1:9/hook\", events:[\"record.created\"]){ id secret } }",
            json!({}),
        )
        .await;
    assert!(
        r["data"]["createWebhookSubscription"]["secret"]
            .as_str()
            .is_some_and(|s| s.starts_with("whsec_")),
        "{r}"
    );
    let hook = r["data"]["createWebhookSubscription"]["id"].clone();
    let r = wa
        .gql(
            "mutation($id:ID!){ sendTestWebhook(id:$id){ id } }",
            json!({"id": hook}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = wa
        .gql(
            "mutation{ setConsentKeywords(optOut:[\"STOP\",\"HALT\"], optIn:[\"START\"]){ optOut } }",
            json!({}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");

    let all = entries(&wa, Value::Null).await;
    let actions: Vec<&str> = all.iter().filter_map(|e| e["action"].as_str()).collect();
    for want in [
        "auth.sign_in_failed",
        "auth.sign_in",
        "role.create",
        "user.create",
        "user.update",
        "template.create",
        "template.delete",
        "credits.top_up",
        "credits.adjust",
        "message.send",
        "export.records",
        "webhook.create",
        "webhook.test",
        "consent.keywords",
        "whatsapp.create_profile",
    ] {
        assert!(actions.contains(&want), "{want} missing from {actions:?}");
    }
    // The filter's list of actions names every action written.
    let r = wa.gql("{ auditActions }", json!({})).await;
    let known: Vec<&str> = r["data"]["auditActions"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for a in &actions {
        assert!(known.contains(a), "{a} is not in auditActions");
    }
    let kw = all
        .iter()
        .find(|e| e["action"] == "consent.keywords")
        .unwrap();
    assert_eq!(kw["detail"]["optOut"], json!(["STOP", "HALT"]), "{kw}");
    let test = all.iter().find(|e| e["action"] == "webhook.test").unwrap();
    assert_eq!(test["subject"], "http://127.0.0.1:9/hook", "{test}");
    let send = all.iter().find(|e| e["action"] == "message.send").unwrap();
    assert_eq!(send["subject"], sent.as_str());
    assert_eq!(send["actor"]["email"], "admin@parley.local");
    assert!(send["detail"]["price"].is_string(), "{send}");
    let failed = all
        .iter()
        .find(|e| e["action"] == "auth.sign_in_failed")
        .unwrap();
    assert!(failed["actor"].is_null());
    assert_eq!(failed["actorEmail"], "admin@parley.local");
    // Newest first.
    let ids: Vec<&str> = all.iter().filter_map(|e| e["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ids, sorted);

    // Filters and CSV.
    let auth = entries(&wa, json!({"action": "auth."})).await;
    assert!(!auth.is_empty());
    assert!(
        auth.iter()
            .all(|e| e["action"].as_str().unwrap().starts_with("auth."))
    );
    let r = wa
        .gql(
            "query{ auditLogCsv(filter:{action:\"template.\"}) }",
            json!({}),
        )
        .await;
    let csv = r["data"]["auditLogCsv"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"));
    assert!(csv.starts_with("id,at,actor_id,actor_email,action,subject,detail"));
    assert!(csv.contains("template.create") && !csv.contains("message.send"));

    // Administrators only.
    for q in [
        "{ auditLog { edges { node { id } } } }",
        "{ auditLogCsv }",
        "{ webhookSubscriptions { id } }",
        "{ auditActions }",
    ] {
        let r = s.gql(Some(&rep), q, json!({})).await;
        assert_eq!(codes(&r), ["FORBIDDEN"], "{q}: {r}");
    }

    // No mutation is about the audit log, and more actions leave earlier entries as they were.
    let r = wa
        .gql(
            "{ __type(name:\"Mutation\"){ fields { name } } }",
            json!({}),
        )
        .await;
    let names: Vec<String> = r["data"]["__type"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.iter().all(|n| !n.contains("audit")), "{names:?}");
    let r = wa
        .gql(
            "mutation($id:ID!){ updateUser(id:$id, input:{active:false}){ id } }",
            json!({"id": rep_id}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let later = entries(&wa, Value::Null).await;
    assert!(later.len() > all.len());
    for e in &all {
        assert!(later.contains(e), "entry changed or vanished: {e}");
    }
}
