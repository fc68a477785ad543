//! Automation (F11–F13): workflow rules, blueprints, journeys, time travel.

use std::time::Duration;

use redb::ReadableTable;
use serde_json::{Value, json};

use crate::harness::codes;
use crate::whatsapp::Wa;
use parley::store::tables::{ACTIVITIES_BY_RECORD, CONVERSATIONS, MESSAGES};

mod edit;
mod journeys;
mod webhook;

pub(super) const CT: &str = "mutation($i:CreateTemplateInput!){ createTemplate(input:$i){ id } }";
pub(super) const CR: &str =
    "mutation($i:WorkflowRuleInput!){ createWorkflowRule(input:$i){ id status } }";
pub(super) const RULES: &str = "{ workflowRules { id name runs failures lastError status pausedReason history { ok detail } } }";

pub(super) async fn template(wa: &Wa, name: &str) -> String {
    let r = wa.gql(CT, json!({"i": {"name": name, "module": "Leads", "language": "en", "category": "UTILITY", "body": "Hello $[Leads.First Name]!"}})).await;
    r["data"]["createTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string()
}

pub(super) fn template_status(wa: &Wa, id: &str) -> String {
    format!("{:?}", wa.s.app.templates.get(id).unwrap().status).to_uppercase()
}

pub(super) async fn approved(wa: &Wa, name: &str) -> String {
    let id = template(wa, name).await;
    poll("approval", || template_status(wa, &id) == "APPROVED").await;
    id
}

/// Polls `check` every 20 ms for up to 30 s.
pub(super) async fn poll(what: &str, check: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !check() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub(super) async fn poll_gql(
    wa: &Wa,
    what: &str,
    q: &str,
    check: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let r = wa.gql(q, json!({})).await;
        if check(&r) {
            return r;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}: {r}"
        );
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

pub(super) async fn lead(wa: &Wa, values: Value) -> String {
    let r = wa
        .gql(
            "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
            json!({ "v": values }),
        )
        .await;
    r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string()
}

pub(super) async fn update(wa: &Wa, id: &str, values: Value) -> Value {
    let r = wa
        .gql(
            "mutation($id:ID!,$v:JSON!){ updateRecord(module:\"Leads\", id:$id, values:$v){ id values } }",
            json!({ "id": id, "v": values }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["updateRecord"]["values"].clone()
}

pub(super) fn record(wa: &Wa, id: &str) -> Value {
    let r = wa.s.app.crm.get_unchecked("Leads", id).unwrap().unwrap();
    Value::Object(r.values)
}

/// Template messages queued for the record.
pub(super) fn template_sends(wa: &Wa, record_id: &str) -> usize {
    let tx = wa.s.app.store.read().unwrap();
    let convs = tx.open_table(CONVERSATIONS).unwrap();
    let msgs = tx.open_table(MESSAGES).unwrap();
    msgs.iter()
        .unwrap()
        .map(|e| e.unwrap().1.value().unwrap())
        .filter(|m| {
            m.template_id.is_some()
                && convs
                    .get(m.conversation_id.as_str())
                    .unwrap()
                    .is_some_and(|c| c.value().unwrap().record.is_some_and(|r| r.id == record_id))
        })
        .count()
}

pub(super) fn tasks(wa: &Wa, record_id: &str) -> usize {
    let tx = wa.s.app.store.read().unwrap();
    let t = tx.open_table(ACTIVITIES_BY_RECORD).unwrap();
    t.range(("Leads", record_id, "")..=("Leads", record_id, "\u{10FFFF}"))
        .unwrap()
        .count()
}

pub(super) fn rule<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["data"]["workflowRules"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .find(|x| x["name"] == name)
        .unwrap_or_else(|| panic!("no rule {name}: {r}"))
}

pub(super) async fn create_rule(wa: &Wa, input: Value) -> Value {
    let r = wa.gql(CR, json!({ "i": input })).await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["createWorkflowRule"].clone()
}

#[tokio::test]
async fn a_created_rule_with_a_condition_sends_its_approved_template_once() {
    let wa = Wa::start().await;
    let tid = approved(&wa, "welcome").await;
    create_rule(
        &wa,
        json!({"name": "Welcome web leads", "module": "Leads", "trigger": "CREATED",
        "conditions": [{"field": "Lead_Source", "op": "EQUALS", "value": "web"}],
        "actions": [{"kind": "SEND_TEMPLATE", "templateId": tid, "profileId": wa.profile_id}]}),
    )
    .await;
    let web = lead(&wa, json!({"First_Name": "Wendy", "Last_Name": "Web", "Mobile": "+4915111110001", "Lead_Source": "Web"})).await;
    let other = lead(&wa, json!({"First_Name": "Otto", "Last_Name": "Fair", "Mobile": "+4915111110002", "Lead_Source": "Trade Show"})).await;
    let r = poll_gql(&wa, "one run", RULES, |r| {
        rule(r, "Welcome web leads")["runs"] == 1
    })
    .await;
    let rl = rule(&r, "Welcome web leads");
    assert_eq!(rl["failures"], 0, "{r}");
    assert_eq!(rl["status"], "ACTIVE");
    assert_eq!(rl["history"][0]["ok"], true, "{r}");
    assert_eq!(template_sends(&wa, &web), 1);
    // It goes out through the outbox like a manual send.
    poll("sent", || {
        let tx = wa.s.app.store.read().unwrap();
        let msgs = tx.open_table(MESSAGES).unwrap();
        msgs.iter().unwrap().any(|e| {
            let m = e.unwrap().1.value().unwrap();
            m.template_id.is_some() && m.wamid.is_some()
        })
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(template_sends(&wa, &web), 1, "sent once");
    assert_eq!(template_sends(&wa, &other), 0, "the condition held it back");
}

#[tokio::test]
async fn edits_and_field_updates_create_tasks_and_set_fields_without_looping() {
    let wa = Wa::start().await;
    create_rule(
        &wa,
        json!({"name": "Task on edit", "module": "Leads", "trigger": "EDITED",
        "conditions": [{"field": "Company", "op": "IS_NOT_EMPTY"}],
        "actions": [{"kind": "CREATE_TASK", "subject": "Call back", "dueInDays": 2}]}),
    )
    .await;
    create_rule(&wa, json!({"name": "Qualified", "module": "Leads", "trigger": "FIELD_UPDATED", "field": "Lead_Status",
        "conditions": [{"field": "Lead_Status", "op": "EQUALS", "value": "Qualified"}],
        "actions": [{"kind": "UPDATE_FIELD", "field": "Description", "value": "qualified by automation"}]})).await;
    let id = lead(
        &wa,
        json!({"Last_Name": "Edit", "Company": "Acme", "Lead_Status": "Contacted"}),
    )
    .await;
    update(&wa, &id, json!({"Lead_Status": "Qualified"})).await;
    let r = poll_gql(&wa, "both rules", RULES, |r| {
        rule(r, "Task on edit")["runs"] == 1 && rule(r, "Qualified")["runs"] == 1
    })
    .await;
    assert_eq!(rule(&r, "Qualified")["failures"], 0, "{r}");
    assert_eq!(record(&wa, &id)["Description"], "qualified by automation");
    assert_eq!(tasks(&wa, &id), 1);
    // The rule's own field change triggers nothing (no loop).
    tokio::time::sleep(Duration::from_millis(500)).await;
    let r = wa.gql(RULES, json!({})).await;
    assert_eq!(rule(&r, "Task on edit")["runs"], 1, "{r}");
    // Another field changes: EDITED fires, FIELD_UPDATED(Lead_Status) does not.
    update(&wa, &id, json!({"City": "Berlin"})).await;
    poll_gql(&wa, "second edit", RULES, |r| {
        rule(r, "Task on edit")["runs"] == 2
    })
    .await;
    assert_eq!(tasks(&wa, &id), 2);
    let r = wa.gql(RULES, json!({})).await;
    assert_eq!(rule(&r, "Qualified")["runs"], 1, "{r}");
    // Without a company the EDITED condition fails.
    update(&wa, &id, json!({"Company": null, "City": "Bonn"})).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(tasks(&wa, &id), 2);
}

#[test]
fn every_condition_operator() {
    use parley::automation::engine::conditions_hold;
    use parley::automation::model::{CondOp, Condition};
    let mut values = serde_json::Map::new();
    values.insert("City".into(), json!("Berlin"));
    values.insert("Employees".into(), json!(120));
    values.insert("Date".into(), json!("2025-03-01"));
    let row = parley::crm::model::RecordRow {
        id: "r".into(),
        module: "Accounts".into(),
        owner_id: "u".into(),
        values,
        created_at: 0,
        created_by: "u".into(),
        modified_at: 0,
        modified_by: "u".into(),
    };
    let c = |field: &str, op, value: Option<&str>| Condition {
        field: field.into(),
        op,
        value: value.map(String::from),
    };
    let yes = [
        c("City", CondOp::Equals, Some("berlin")),
        c("City", CondOp::NotEquals, Some("Bonn")),
        c("City", CondOp::Contains, Some("erl")),
        c("Street", CondOp::IsEmpty, None),
        c("City", CondOp::IsNotEmpty, None),
        c("Employees", CondOp::GreaterThan, Some("99")),
        c("Employees", CondOp::LessThan, Some("1000")),
        c("Date", CondOp::GreaterThan, Some("2025-01-31")),
    ];
    for cond in &yes {
        assert!(
            conditions_hold(std::slice::from_ref(cond), &row),
            "{cond:?}"
        );
    }
    let no = [
        c("City", CondOp::Equals, Some("Bonn")),
        c("City", CondOp::NotEquals, Some("BERLIN")),
        c("City", CondOp::Contains, Some("xyz")),
        c("City", CondOp::IsEmpty, None),
        c("Street", CondOp::IsNotEmpty, None),
        c("Employees", CondOp::GreaterThan, Some("120")),
        c("Employees", CondOp::LessThan, Some("20")),
        c("Street", CondOp::LessThan, Some("zzz")),
    ];
    for cond in &no {
        assert!(
            !conditions_hold(std::slice::from_ref(cond), &row),
            "{cond:?}"
        );
    }
    assert!(conditions_hold(&yes, &row), "all of them together");
}

#[tokio::test]
async fn an_inbound_message_triggers_rules_for_the_senders_record() {
    let wa = Wa::start().await;
    create_rule(
        &wa,
        json!({"name": "Inbound", "module": "Leads", "trigger": "INBOUND_MESSAGE",
        "conditions": [{"field": "Lead_Source", "op": "EQUALS", "value": "WhatsApp"}],
        "actions": [{"kind": "CREATE_TASK", "subject": "Answer the customer"}]}),
    )
    .await;
    let id = lead(
        &wa,
        json!({"Last_Name": "Known", "Mobile": "+4915111110003", "Lead_Source": "WhatsApp"}),
    )
    .await;
    wa.sandbox
        .customer_send(
            &wa.pnid,
            "4915111110003",
            "Known",
            json!({"type": "text", "text": {"body": "hi"}}),
        )
        .await
        .unwrap();
    poll_gql(&wa, "inbound rule", RULES, |r| {
        rule(r, "Inbound")["runs"] == 1
    })
    .await;
    assert_eq!(tasks(&wa, &id), 1);
}

#[tokio::test]
async fn only_approved_templates_attach_and_a_paused_template_pauses_the_rule() {
    let wa = Wa::start_with(80, |c| c.review_delay = Duration::from_secs(3600)).await;
    let tid = template(&wa, "slow_review").await;
    let input = json!({"name": "Pending", "module": "Leads", "trigger": "CREATED",
        "actions": [{"kind": "SEND_TEMPLATE", "templateId": tid}]});
    let r = wa.gql(CR, json!({ "i": input })).await;
    assert_eq!(codes(&r), ["TEMPLATE_NOT_APPROVED"], "{r}");
    let r = wa
        .gql(
            CR,
            json!({"i": {"name": "Hook", "module": "Leads", "trigger": "CREATED",
        "actions": [{"kind": "OUTGOING_WEBHOOK", "url": "http://10.1.2.3/hook"}]}}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    let meta = wa.s.app.templates.get(&tid).unwrap().meta_id.unwrap();
    wa.sandbox.set_template_status(&meta, "APPROVED").unwrap();
    poll("approved", || template_status(&wa, &tid) == "APPROVED").await;
    create_rule(
        &wa,
        json!({"name": "Greeter", "module": "Leads", "trigger": "CREATED",
        "actions": [{"kind": "SEND_TEMPLATE", "templateId": tid}]}),
    )
    .await;
    wa.sandbox.set_template_status(&meta, "PAUSED").unwrap();
    poll("paused", || template_status(&wa, &tid) == "PAUSED").await;
    let r = wa.gql(RULES, json!({})).await;
    assert_eq!(rule(&r, "Greeter")["status"], "PAUSED", "{r}");
    assert!(
        rule(&r, "Greeter")["pausedReason"]
            .as_str()
            .unwrap()
            .contains("PAUSED"),
        "{r}"
    );
    let id = lead(
        &wa,
        json!({"Last_Name": "Paused", "Mobile": "+4915111110004"}),
    )
    .await;
    let r = poll_gql(&wa, "a failed run", RULES, |r| {
        rule(r, "Greeter")["runs"] == 1
    })
    .await;
    assert_eq!(rule(&r, "Greeter")["failures"], 1, "{r}");
    assert!(
        rule(&r, "Greeter")["lastError"]
            .as_str()
            .unwrap()
            .contains("not approved"),
        "{r}"
    );
    assert_eq!(rule(&r, "Greeter")["history"][0]["ok"], false);
    assert_eq!(template_sends(&wa, &id), 0);
}
