//! Activities (tasks, meetings, calls) on records.

use serde_json::json;

use super::support::*;
use crate::harness::{Server, codes};

#[tokio::test]
async fn activities_are_visible_with_their_record() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let rep_a_role = s.role(&admin, "Rep A", None).await;
    let rep_b_role = s.role(&admin, "Rep B", None).await;
    let (_, rep_a) = s.user(&admin, "a@example.com", Some(&rep_a_role)).await;
    let (_, rep_b) = s.user(&admin, "b@example.com", Some(&rep_b_role)).await;
    let lead = create_id(&s, &rep_a, "Leads", json!({"Last_Name": "Alpha"})).await;

    let r = s
        .gql(
            Some(&rep_a),
            ACTIVITY,
            json!({"m": "Leads", "r": lead, "i": {"kind": "TASK", "subject": "Send offer", "dueAt": "2026-11-05T09:00:00Z"}}),
        )
        .await;
    let task = &r["data"]["createActivity"];
    assert_eq!(task["status"], "PLANNED", "{r}");
    assert_eq!(task["owner"]["email"], "a@example.com");
    assert_eq!(task["dueAt"], "2026-11-05T09:00:00+00:00");
    let task_id = task["id"].as_str().unwrap().to_string();
    s.clock.advance(1000);
    let r = s
        .gql(
            Some(&rep_a),
            ACTIVITY,
            json!({"m": "Leads", "r": lead, "i": {"kind": "CALL", "subject": "Follow-up call", "startAt": "2026-11-06T10:00:00Z"}}),
        )
        .await;
    assert_eq!(r["data"]["createActivity"]["kind"], "CALL", "{r}");
    let r = s
        .gql(
            Some(&rep_a),
            ACTIVITY,
            json!({"m": "Leads", "r": lead, "i": {"kind": "MEETING", "subject": "Visit"}}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "a meeting needs a start");
    assert_eq!(r["errors"][0]["extensions"]["field"], "startAt");

    let list = |t: String| {
        let s = &s;
        let lead = lead.clone();
        async move {
            s.gql(Some(&t), ACTIVITIES, json!({"m": "Leads", "r": lead}))
                .await
        }
    };
    let r = list(rep_a.clone()).await;
    let subjects: Vec<_> = r["data"]["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["subject"].clone())
        .collect();
    assert_eq!(
        subjects,
        [json!("Follow-up call"), json!("Send offer")],
        "newest first"
    );
    assert_eq!(
        list(admin.clone()).await["data"]["activities"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Someone who cannot see the lead sees, adds and changes none of its activities.
    assert_eq!(codes(&list(rep_b.clone()).await), ["NOT_FOUND"]);
    let r = s
        .gql(
            Some(&rep_b),
            ACTIVITY,
            json!({"m": "Leads", "r": lead, "i": {"kind": "TASK", "subject": "x"}}),
        )
        .await;
    assert_eq!(codes(&r), ["NOT_FOUND"]);
    let upd = "mutation($id:ID!,$i:UpdateActivityInput!){ updateActivity(id:$id, input:$i){ id subject status dueAt } }";
    let r = s
        .gql(
            Some(&rep_b),
            upd,
            json!({"id": task_id, "i": {"status": "COMPLETED"}}),
        )
        .await;
    assert_eq!(codes(&r), ["NOT_FOUND"]);

    let r = s
        .gql(
            Some(&rep_a),
            upd,
            json!({"id": task_id, "i": {"status": "COMPLETED", "dueAt": null}}),
        )
        .await;
    assert_eq!(r["data"]["updateActivity"]["status"], "COMPLETED", "{r}");
    assert_eq!(r["data"]["updateActivity"]["subject"], "Send offer");
    assert!(r["data"]["updateActivity"]["dueAt"].is_null());
    let r = s
        .gql(
            Some(&rep_a),
            upd,
            json!({"id": task_id, "i": {"subject": " "}}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"]);
}
