//! Blueprints and journeys: transitions, both journey branches, time travel, restarts.

use std::time::Duration;

use serde_json::{Value, json};

use super::{CR, approved, lead, poll, poll_gql, record, tasks, template_sends, update};
use crate::harness::codes;
use crate::whatsapp::Wa;

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

pub(super) const JOURNEYS: &str = "{ journeys { id name enrolled inProgress completed failures lastError enrollments { recordId status step waitingForReply path { step note } } } }";

pub(super) fn enrollment<'a>(r: &'a Value, record_id: &str) -> &'a Value {
    r["data"]["journeys"][0]["enrollments"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .find(|e| e["recordId"] == record_id)
        .unwrap_or_else(|| panic!("no enrollment of {record_id}: {r}"))
}

pub(super) fn path(e: &Value) -> Vec<String> {
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
