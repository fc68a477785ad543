//! Automation (F11–F13): workflow rules, blueprints, journeys, time travel.

use std::time::Duration;

use redb::ReadableTable;
use serde_json::{Value, json};

use crate::harness::codes;
use crate::whatsapp::Wa;
use parley::store::tables::{ACTIVITIES_BY_RECORD, CONVERSATIONS, MESSAGES};

const CT: &str = "mutation($i:CreateTemplateInput!){ createTemplate(input:$i){ id } }";
const CR: &str = "mutation($i:WorkflowRuleInput!){ createWorkflowRule(input:$i){ id status } }";
const RULES: &str = "{ workflowRules { id name runs failures lastError status pausedReason history { ok detail } } }";

async fn template(wa: &Wa, name: &str) -> String {
    let r = wa.gql(CT, json!({"i": {"name": name, "module": "Leads", "language": "en", "category": "UTILITY", "body": "Hello $[Leads.First Name]!"}})).await;
    r["data"]["createTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string()
}

fn template_status(wa: &Wa, id: &str) -> String {
    format!("{:?}", wa.s.app.templates.get(id).unwrap().status).to_uppercase()
}

async fn approved(wa: &Wa, name: &str) -> String {
    let id = template(wa, name).await;
    poll("approval", || template_status(wa, &id) == "APPROVED").await;
    id
}

/// Polls `check` every 20 ms for up to 30 s.
async fn poll(what: &str, check: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !check() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn poll_gql(wa: &Wa, what: &str, q: &str, check: impl Fn(&Value) -> bool) -> Value {
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

async fn lead(wa: &Wa, values: Value) -> String {
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

async fn update(wa: &Wa, id: &str, values: Value) -> Value {
    let r = wa
        .gql(
            "mutation($id:ID!,$v:JSON!){ updateRecord(module:\"Leads\", id:$id, values:$v){ id values } }",
            json!({ "id": id, "v": values }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["updateRecord"]["values"].clone()
}

fn record(wa: &Wa, id: &str) -> Value {
    let r = wa.s.app.crm.get_unchecked("Leads", id).unwrap().unwrap();
    Value::Object(r.values)
}

/// Template messages queued for the record.
fn template_sends(wa: &Wa, record_id: &str) -> usize {
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

fn tasks(wa: &Wa, record_id: &str) -> usize {
    let tx = wa.s.app.store.read().unwrap();
    let t = tx.open_table(ACTIVITIES_BY_RECORD).unwrap();
    t.range(("Leads", record_id, "")..=("Leads", record_id, "\u{10FFFF}"))
        .unwrap()
        .count()
}

fn rule<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["data"]["workflowRules"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .find(|x| x["name"] == name)
        .unwrap_or_else(|| panic!("no rule {name}: {r}"))
}

async fn create_rule(wa: &Wa, input: Value) -> Value {
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
        "actions": [{"kind": "OUTGOING_WEBHOOK", "url": "https://example.com/hook"}]}}),
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

const AVAILABLE: &str =
    "query($id:ID!){ availableTransitions(module:\"Leads\", recordId:$id){ name from to } }";
const TRANSITION: &str = "mutation($id:ID!,$t:String!){ transitionRecord(module:\"Leads\", recordId:$id, transition:$t){ id values } }";

#[tokio::test]
async fn a_blueprint_refuses_a_transition_from_the_wrong_state_and_sends_on_the_right_one() {
    let wa = Wa::start().await;
    let tid = approved(&wa, "reach_out").await;
    let r = wa
        .gql(
            "mutation($i:BlueprintInput!){ createBlueprint(input:$i){ id field } }",
            json!({"i": {
            "name": "Lead process", "module": "Leads", "field": "Lead_Status",
            "states": ["Not Contacted", "Contacted", "Qualified"],
            "transitions": [
                {"name": "Reach out", "from": "Not Contacted", "to": "Contacted",
                 "actions": [{"kind": "SEND_TEMPLATE", "templateId": tid}]},
                {"name": "Qualify", "from": "Contacted", "to": "Qualified"}
            ]}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let id = lead(&wa, json!({"First_Name": "Blue", "Last_Name": "Print", "Mobile": "+4915111110005", "Lead_Status": "Not Contacted"})).await;
    let r = wa.gql(AVAILABLE, json!({"id": id})).await;
    assert_eq!(
        r["data"]["availableTransitions"],
        json!([{"name": "Reach out", "from": "Not Contacted", "to": "Contacted"}]),
        "{r}"
    );
    let r = wa.gql(TRANSITION, json!({"id": id, "t": "Qualify"})).await;
    assert_eq!(codes(&r), ["CONFLICT"], "{r}");
    assert_eq!(record(&wa, &id)["Lead_Status"], "Not Contacted");
    let r = wa
        .gql(TRANSITION, json!({"id": id, "t": "Reach out"}))
        .await;
    assert_eq!(
        r["data"]["transitionRecord"]["values"]["Lead_Status"], "Contacted",
        "{r}"
    );
    poll("the transition's send", || template_sends(&wa, &id) == 1).await;
    let r = wa
        .gql(TRANSITION, json!({"id": id, "t": "Reach out"}))
        .await;
    assert_eq!(codes(&r), ["CONFLICT"], "{r}");
    let r = wa.gql(AVAILABLE, json!({"id": id})).await;
    assert_eq!(
        r["data"]["availableTransitions"][0]["name"], "Qualify",
        "{r}"
    );
    let r = wa.gql(TRANSITION, json!({"id": id, "t": "Qualify"})).await;
    assert_eq!(
        r["data"]["transitionRecord"]["values"]["Lead_Status"], "Qualified",
        "{r}"
    );
    let r = wa
        .gql(
            "{ blueprints(module:\"Leads\") { runs failures history { ok } } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["blueprints"][0]["runs"], 1, "{r}");
    assert_eq!(r["data"]["blueprints"][0]["failures"], 0, "{r}");
}

const JOURNEYS: &str = "{ journeys { id name enrolled inProgress completed failures lastError enrollments { recordId status step waitingForReply path { step note } } } }";

fn enrollment<'a>(r: &'a Value, record_id: &str) -> &'a Value {
    r["data"]["journeys"][0]["enrollments"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .find(|e| e["recordId"] == record_id)
        .unwrap_or_else(|| panic!("no enrollment of {record_id}: {r}"))
}

fn path(e: &Value) -> Vec<String> {
    e["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["step"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_journey_takes_the_reply_branch_at_once_and_the_no_reply_branch_after_the_wait() {
    let wa = Wa::start().await;
    let tid = approved(&wa, "journey_hello").await;
    let r = wa.gql("mutation($i:JourneyInput!){ createJourney(input:$i){ id enrolled completed } }", json!({"i": {
        "name": "Onboarding", "module": "Leads", "trigger": "CREATED",
        "conditions": [{"field": "Mobile", "op": "IS_NOT_EMPTY"}],
        "steps": [
            {"key": "hello", "kind": "ACTION", "action": {"kind": "SEND_TEMPLATE", "templateId": tid}},
            {"key": "ask", "kind": "WAIT_FOR_REPLY", "waitMinutes": 60, "onReply": "thanks", "onNoReply": "nudge"},
            {"key": "thanks", "kind": "ACTION", "action": {"kind": "CREATE_TASK", "subject": "They replied"}, "next": "end"},
            {"key": "nudge", "kind": "ACTION", "action": {"kind": "UPDATE_FIELD", "field": "Description", "value": "no reply"}},
            {"key": "end", "kind": "END"}
        ]}})).await;
    assert!(r["errors"].is_null(), "{r}");
    let a = lead(
        &wa,
        json!({"First_Name": "Ann", "Last_Name": "Replies", "Mobile": "+4915111110006"}),
    )
    .await;
    let b = lead(
        &wa,
        json!({"First_Name": "Bob", "Last_Name": "Silent", "Mobile": "+4915111110007"}),
    )
    .await;
    let _not = lead(&wa, json!({"Last_Name": "No phone"})).await;
    poll_gql(&wa, "both waiting", JOURNEYS, |r| {
        r["data"]["journeys"][0]["enrollments"]
            .as_array()
            .is_some_and(|es| es.len() == 2 && es.iter().all(|e| e["waitingForReply"] == true))
    })
    .await;
    assert_eq!(template_sends(&wa, &a), 1);
    assert_eq!(template_sends(&wa, &b), 1);
    // Ann replies: she moves on at once, without any clock movement.
    wa.sandbox
        .customer_send(
            &wa.pnid,
            "4915111110006",
            "Ann",
            json!({"type": "text", "text": {"body": "yes please"}}),
        )
        .await
        .unwrap();
    let r = poll_gql(&wa, "Ann done", JOURNEYS, |r| {
        enrollment(r, &a)["status"] == "COMPLETED"
    })
    .await;
    assert_eq!(
        path(enrollment(&r, &a)),
        ["hello", "ask", "ask", "thanks", "end"],
        "{r}"
    );
    assert_eq!(tasks(&wa, &a), 1);
    assert_eq!(enrollment(&r, &b)["status"], "ACTIVE");
    // Bob stays silent: an hour later (time travel) the no-reply branch runs.
    let r = wa
        .gql("mutation { advanceClock(minutes: 61) }", json!({}))
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = poll_gql(&wa, "Bob done", JOURNEYS, |r| {
        enrollment(r, &b)["status"] == "COMPLETED"
    })
    .await;
    let e = enrollment(&r, &b);
    assert_eq!(path(e), ["hello", "ask", "ask", "nudge", "end"], "{r}");
    assert_eq!(e["path"][2]["note"], "no reply");
    assert_eq!(record(&wa, &b)["Description"], "no reply");
    assert_eq!(tasks(&wa, &b), 0);
    let j = &r["data"]["journeys"][0];
    assert_eq!(
        (
            j["enrolled"].clone(),
            j["inProgress"].clone(),
            j["completed"].clone()
        ),
        (json!(2), json!(0), json!(2)),
        "{r}"
    );
    // One enrollment per record: a later edit does not enrol Ann again.
    update(&wa, &a, json!({"City": "Köln"})).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let r = wa.gql(JOURNEYS, json!({})).await;
    assert_eq!(r["data"]["journeys"][0]["enrolled"], 2, "{r}");
    assert_eq!(template_sends(&wa, &a), 1);
}

#[tokio::test]
async fn advance_clock_is_for_administrators_and_refused_without_time_travel() {
    let wa = Wa::start().await;
    let (_, user) = wa.s.user(&wa.admin, "someone@example.com", None).await;
    let r =
        wa.s.gql(
            Some(&user),
            "mutation { advanceClock(minutes: 5) }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&r), ["FORBIDDEN"], "{r}");
    let before = wa.s.app.clock.now();
    let r = wa
        .gql("mutation { advanceClock(minutes: 120) }", json!({}))
        .await;
    assert!(r["errors"].is_null(), "{r}");
    assert!(wa.s.app.clock.now() - before >= 120 * 60_000);
    // `serve` runs on the system clock, which cannot travel.
    use parley::clock::Clock;
    assert_eq!(parley::clock::SystemClock.advance_by(60_000), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journey_wait_survives_a_restart_and_the_demo_clock_keeps_its_offset() {
    use crate::restart::Demo;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data, "80").await;
    let r = demo.gql("mutation($i:JourneyInput!){ createJourney(input:$i){ id } }", json!({"i": {
        "name": "Later", "module": "Leads", "trigger": "CREATED",
        "steps": [
            {"key": "wait", "kind": "WAIT", "waitMinutes": 60},
            {"key": "task", "kind": "ACTION", "action": {"kind": "CREATE_TASK", "subject": "An hour later"}},
            {"key": "end", "kind": "END"}
        ]}})).await;
    assert!(r["errors"].is_null(), "{r}");
    let r = demo
        .gql(
            "mutation { createRecord(module:\"Leads\", values:{Last_Name:\"Waiting\"}){ id } }",
            json!({}),
        )
        .await;
    let id = r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    const Q: &str = "{ journeys { enrolled completed enrollments { recordId status step path { step note } } } }";
    demo.until("waiting", Q, |r| {
        r["data"]["journeys"][0]["enrollments"][0]["path"][0]["note"] == "waiting"
    })
    .await;
    let r = demo
        .gql("mutation { advanceClock(minutes: 30) }", json!({}))
        .await;
    assert!(r["errors"].is_null(), "{r}");
    demo.stop();

    let demo = Demo::start(&data, "80").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let r = demo.gql(Q, json!({})).await;
    assert_eq!(
        r["data"]["journeys"][0]["enrollments"][0]["status"], "ACTIVE",
        "still waiting: {r}"
    );
    // 30 minutes before the stop and 31 after: the hour is up only if the offset was kept.
    let r = demo
        .gql("mutation { advanceClock(minutes: 31) }", json!({}))
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = demo
        .until("completed", Q, |r| {
            r["data"]["journeys"][0]["completed"] == 1
        })
        .await;
    let steps: Vec<&str> = r["data"]["journeys"][0]["enrollments"][0]["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["wait", "wait", "task", "end"], "{r}");
    let a = demo
        .gql(
            "query($id:ID!){ activities(module:\"Leads\", recordId:$id){ subject } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        a["data"]["activities"],
        json!([{"subject": "An hour later"}]),
        "{a}"
    );
    demo.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rule_actions_run_exactly_once_across_a_kill_9() {
    use crate::restart::Demo;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut demo = Demo::start(&data, "80").await;
    let r = demo
        .gql(
            CR,
            json!({"i": {"name": "Task each", "module": "Leads", "trigger": "CREATED",
            "conditions": [{"field": "Last_Name", "op": "CONTAINS", "value": "kill"}],
            "actions": [{"kind": "CREATE_TASK", "subject": "once"}]}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let mut ids = vec![];
    for i in 0..30 {
        let r = demo
            .gql(
                "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
                json!({"v": {"Last_Name": format!("kill {i}")}}),
            )
            .await;
        ids.push(
            r["data"]["createRecord"]["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    demo.child.kill().unwrap(); // SIGKILL, jobs possibly in flight
    demo.child.wait().unwrap();
    let demo = Demo::start(&data, "80").await;
    demo.until("all runs", "{ workflowRules { runs } }", |r| {
        r["data"]["workflowRules"][0]["runs"] == 30
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let r = demo
        .gql("{ workflowRules { runs failures } }", json!({}))
        .await;
    assert_eq!(r["data"]["workflowRules"][0]["runs"], 30, "{r}");
    for id in &ids {
        let a = demo
            .gql(
                "query($id:ID!){ activities(module:\"Leads\", recordId:$id){ subject } }",
                json!({"id": id}),
            )
            .await;
        assert_eq!(a["data"]["activities"], json!([{"subject": "once"}]), "{a}");
    }
    demo.stop();
}
