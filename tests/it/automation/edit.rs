//! Editing rules, blueprints and journeys in place, and what happens to the records already on
//! a journey that is edited.

use serde_json::{Value, json};

use super::journeys::path;
use super::{CR, RULES, lead, poll_gql, record, rule};
use crate::harness::codes;
use crate::whatsapp::Wa;

const EDIT_RULE: &str = "mutation($id:ID!,$i:WorkflowRuleInput!){ updateWorkflowRule(id:$id, input:$i){ id name trigger delayMinutes lastError actions { kind subject field value } } }";

async fn subjects(wa: &Wa, id: &str) -> Vec<String> {
    let r = wa
        .gql(
            "query($id:ID!){ activities(module:\"Leads\", recordId:$id){ subject } }",
            json!({"id": id}),
        )
        .await;
    let mut out: Vec<String> = r["data"]["activities"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|a| a["subject"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn an_edited_rule_does_what_it_now_says_and_keeps_its_id_and_history() {
    let wa = Wa::start().await;
    let r = wa
        .gql(
            CR,
            json!({"i": {"name": "Follow up", "module": "Leads", "trigger": "CREATED",
            "actions": [{"kind": "CREATE_TASK", "subject": "first version"}]}}),
        )
        .await;
    let id = r["data"]["createWorkflowRule"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    let a = lead(&wa, json!({"Last_Name": "Before"})).await;
    poll_gql(&wa, "first run", RULES, |r| {
        rule(r, "Follow up")["runs"] == 1
    })
    .await;
    assert_eq!(subjects(&wa, &a).await, ["first version"]);

    let r = wa
        .gql(
            EDIT_RULE,
            json!({"id": id, "i": {"name": "Follow up (edited)", "module": "Leads", "trigger": "CREATED",
            "conditions": [{"field": "Last_Name", "op": "CONTAINS", "value": "after"}],
            "actions": [{"kind": "CREATE_TASK", "subject": "second version"},
                        {"kind": "UPDATE_FIELD", "field": "Description", "value": "edited rule"}]}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let e = &r["data"]["updateWorkflowRule"];
    assert_eq!(e["id"], id.as_str());
    assert_eq!(e["name"], "Follow up (edited)");
    assert_eq!(e["actions"][1]["kind"], "UPDATE_FIELD");

    let skipped = lead(&wa, json!({"Last_Name": "Nope"})).await;
    let b = lead(&wa, json!({"Last_Name": "After"})).await;
    let r = poll_gql(&wa, "second run", RULES, |r| {
        rule(r, "Follow up (edited)")["runs"] == 2
    })
    .await;
    assert_eq!(
        rule(&r, "Follow up (edited)")["history"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(subjects(&wa, &b).await, ["second version"]);
    assert_eq!(record(&wa, &b)["Description"], "edited rule");
    assert!(
        subjects(&wa, &skipped).await.is_empty(),
        "the new condition holds it back"
    );
    assert_eq!(
        subjects(&wa, &a).await,
        ["first version"],
        "the past is kept"
    );

    // The module stays; the id must exist; administrators only; input checked like a new one.
    let input = |module: &str, subject: &str| {
        json!({"name": "x", "module": module, "trigger": "CREATED",
               "actions": [{"kind": "CREATE_TASK", "subject": subject}]})
    };
    let r = wa
        .gql(EDIT_RULE, json!({"id": id, "i": input("Contacts", "s")}))
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    let r = wa
        .gql(EDIT_RULE, json!({"id": id, "i": input("Leads", " ")}))
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    let r = wa
        .gql(EDIT_RULE, json!({"id": "nope", "i": input("Leads", "s")}))
        .await;
    assert_eq!(codes(&r), ["NOT_FOUND"], "{r}");
    let (_, user) = wa.s.user(&wa.admin, "clerk@example.com", None).await;
    let r =
        wa.s.gql(
            Some(&user),
            EDIT_RULE,
            json!({"id": id, "i": input("Leads", "s")}),
        )
        .await;
    assert_eq!(codes(&r), ["FORBIDDEN"], "{r}");
}

#[tokio::test]
async fn an_edited_blueprint_offers_its_new_transitions() {
    let wa = Wa::start().await;
    let bp = |name: &str, to: &str| {
        json!({"name": "Process", "module": "Leads", "field": "Lead_Status",
               "states": ["Not Contacted", "Contacted", "Qualified"],
               "transitions": [{"name": name, "from": "Not Contacted", "to": to}]})
    };
    let r = wa
        .gql(
            "mutation($i:BlueprintInput!){ createBlueprint(input:$i){ id } }",
            json!({"i": bp("Call", "Contacted")}),
        )
        .await;
    let id = r["data"]["createBlueprint"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = wa
        .gql(
            "mutation($id:ID!,$i:BlueprintInput!){ updateBlueprint(id:$id, input:$i){ id transitions { name to } } }",
            json!({"id": id, "i": bp("Qualify at once", "Qualified")}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    assert_eq!(
        r["data"]["updateBlueprint"]["transitions"],
        json!([{"name": "Qualify at once", "to": "Qualified"}])
    );
    let rec = lead(
        &wa,
        json!({"Last_Name": "Bp", "Lead_Status": "Not Contacted"}),
    )
    .await;
    let r = wa
        .gql(
            "query($id:ID!){ availableTransitions(module:\"Leads\", recordId:$id){ name } }",
            json!({"id": rec}),
        )
        .await;
    assert_eq!(
        r["data"]["availableTransitions"],
        json!([{"name": "Qualify at once"}]),
        "{r}"
    );
    let r = wa
        .gql(
            "mutation($id:ID!){ transitionRecord(module:\"Leads\", recordId:$id, transition:\"Call\"){ id } }",
            json!({"id": rec}),
        )
        .await;
    assert_eq!(codes(&r), ["NOT_FOUND"], "the old transition is gone: {r}");
}

const JOURNEYS: &str = "{ journeys { id name enrolled inProgress completed enrollments { recordId status step waitingUntil path { step note } } } }";

fn journey<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["data"]["journeys"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .find(|j| j["name"] == name)
        .unwrap_or_else(|| panic!("no journey {name}: {r}"))
}

fn enrolled<'a>(j: &'a Value, record_id: &str) -> &'a Value {
    j["enrollments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["recordId"] == record_id)
        .unwrap_or_else(|| panic!("no enrollment of {record_id}: {j}"))
}

const CREATE_J: &str = "mutation($i:JourneyInput!){ createJourney(input:$i){ id } }";
const EDIT_J: &str = "mutation($id:ID!,$i:JourneyInput!){ updateJourney(id:$id, input:$i){ id steps { key kind } } }";

async fn advance(wa: &Wa, minutes: i32) {
    let r = wa
        .gql(
            "mutation($m:Int!){ advanceClock(minutes:$m) }",
            json!({"m": minutes}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
}

#[tokio::test]
async fn editing_a_journey_moves_its_records_on_by_step_key() {
    let wa = Wa::start().await;
    let task = |key: &str, subject: &str| json!({"key": key, "kind": "ACTION", "action": {"kind": "CREATE_TASK", "subject": subject}});
    let wait =
        |key: &str, minutes: i32| json!({"key": key, "kind": "WAIT", "waitMinutes": minutes});
    let end = json!({"key": "end", "kind": "END"});
    let def = |steps: Vec<Value>| {
        json!({"name": "Nurture", "module": "Leads", "trigger": "CREATED",
               "conditions": [{"field": "City", "op": "EQUALS", "value": "Edithausen"}], "steps": steps})
    };
    let r = wa
        .gql(
            CREATE_J,
            json!({"i": def(vec![wait("hold", 60), wait("hold2", 60), task("task", "old task"), end.clone()])}),
        )
        .await;
    let jid = r["data"]["createJourney"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    // A waits at hold2 (an hour further on), B at hold.
    let a = lead(&wa, json!({"Last_Name": "Ahead", "City": "Edithausen"})).await;
    poll_gql(&wa, "A waiting", JOURNEYS, |r| {
        enrolled(journey(r, "Nurture"), &a)["waitingUntil"].is_string()
    })
    .await;
    advance(&wa, 61).await;
    poll_gql(&wa, "A at hold2", JOURNEYS, |r| {
        let e = enrolled(journey(r, "Nurture"), &a);
        e["step"] == "hold2" && e["waitingUntil"].is_string()
    })
    .await;
    let b = lead(&wa, json!({"Last_Name": "Behind", "City": "Edithausen"})).await;
    let r = poll_gql(&wa, "B waiting", JOURNEYS, |r| {
        enrolled(journey(r, "Nurture"), &b)["waitingUntil"].is_string()
    })
    .await;
    let b_until = enrolled(journey(&r, "Nurture"), &b)["waitingUntil"].clone();

    // The edit: hold2 goes, hold waits 5 minutes from now on, the task is new.
    let r = wa
        .gql(
            EDIT_J,
            json!({"id": jid, "i": def(vec![wait("hold", 5), task("task", "new task"), end.clone()])}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = wa.gql(JOURNEYS, json!({})).await;
    let j = journey(&r, "Nurture");
    let ea = enrolled(j, &a);
    assert_eq!(ea["status"], "COMPLETED", "A's step was removed: {r}");
    assert!(
        ea["path"].as_array().unwrap().last().unwrap()["note"]
            .as_str()
            .unwrap()
            .contains("step 'hold2' was removed"),
        "{r}"
    );
    let eb = enrolled(j, &b);
    assert_eq!(eb["status"], "ACTIVE", "{r}");
    assert_eq!(eb["step"], "hold");
    assert_eq!(
        eb["waitingUntil"], b_until,
        "a wait in progress keeps its deadline"
    );
    assert_eq!(
        (
            j["enrolled"].clone(),
            j["inProgress"].clone(),
            j["completed"].clone()
        ),
        (json!(2), json!(1), json!(1)),
        "{r}"
    );

    // B's hour is up: it takes the new definition's next step.
    advance(&wa, 61).await;
    let r = poll_gql(&wa, "B done", JOURNEYS, |r| {
        enrolled(journey(r, "Nurture"), &b)["status"] == "COMPLETED"
    })
    .await;
    assert_eq!(
        path(enrolled(journey(&r, "Nurture"), &b)),
        ["hold", "hold", "task", "end"]
    );
    assert_eq!(subjects(&wa, &b).await, ["new task"]);
    assert!(subjects(&wa, &a).await.is_empty(), "A never ran a task");
    let j = journey(&r, "Nurture");
    assert_eq!(
        (
            j["enrolled"].clone(),
            j["inProgress"].clone(),
            j["completed"].clone()
        ),
        (json!(2), json!(0), json!(2)),
        "{r}"
    );

    // A step that changes kind is entered afresh: C waits at hold, hold becomes an action.
    let c = lead(&wa, json!({"Last_Name": "Changed", "City": "Edithausen"})).await;
    poll_gql(&wa, "C waiting", JOURNEYS, |r| {
        enrolled(journey(r, "Nurture"), &c)["waitingUntil"].is_string()
    })
    .await;
    let r = wa
        .gql(
            EDIT_J,
            json!({"id": jid, "i": def(vec![task("hold", "was a wait"), end.clone()])}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = poll_gql(&wa, "C done without time passing", JOURNEYS, |r| {
        enrolled(journey(r, "Nurture"), &c)["status"] == "COMPLETED"
    })
    .await;
    let e = enrolled(journey(&r, "Nurture"), &c);
    assert_eq!(path(e), ["hold", "hold", "hold", "end"], "{r}");
    assert_eq!(e["path"][1]["note"], "re-entered after an edit", "{r}");
    assert_eq!(subjects(&wa, &c).await, ["was a wait"]);
    // The module of a journey cannot change.
    let mut other = def(vec![end]);
    other["module"] = json!("Contacts");
    other["conditions"] = json!([]);
    let r = wa.gql(EDIT_J, json!({"id": jid, "i": other})).await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
}
