//! Lists sorted by a field (served from the field index when every visible record has a value
//! for it) stay in order across edits, owner changes, deletions and paging.

use serde_json::{Value, json};

use super::{CREATE, UPDATE};
use crate::harness::Server;

const SORTED: &str = "query($f:String!,$d:Boolean,$first:Int,$a:String){ records(module:\"Contacts\", first:$first, after:$a, sortBy:$f, sortDesc:$d){ totalCount edges { node { id values } } pageInfo { hasNextPage endCursor } } }";

async fn sorted(
    s: &Server,
    t: &str,
    field: &str,
    desc: bool,
    first: i64,
    after: Option<&str>,
) -> Value {
    let r = s
        .gql(
            Some(t),
            SORTED,
            json!({"f": field, "d": desc, "first": first, "a": after}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["records"].clone()
}

fn values(page: &Value, field: &str) -> Vec<Value> {
    page["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["values"][field].clone())
        .collect()
}

#[tokio::test]
async fn sorted_lists_follow_edits_owners_and_deletions() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let mut ids = vec![];
    for (name, email) in [
        ("Delta", Some("d@example.com")),
        ("alpha", None),
        ("Charlie", Some("c@example.com")),
        ("bravo", None),
    ] {
        let mut v = json!({"Last_Name": name});
        if let Some(e) = email {
            v["Email"] = json!(e);
        }
        let r = s
            .gql(Some(&t), CREATE, json!({"m": "Contacts", "v": v}))
            .await;
        ids.push(
            r["data"]["createRecord"]["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let asc = sorted(&s, &t, "Last_Name", false, 3, None).await;
    assert_eq!(
        values(&asc, "Last_Name"),
        [json!("alpha"), json!("bravo"), json!("Charlie")]
    );
    assert_eq!(asc["totalCount"], 4);
    let cursor = asc["pageInfo"]["endCursor"].as_str().unwrap().to_string();
    let rest = sorted(&s, &t, "Last_Name", false, 3, Some(&cursor)).await;
    assert_eq!(values(&rest, "Last_Name"), [json!("Delta")]);
    assert_eq!(rest["pageInfo"]["hasNextPage"], false);
    let desc = sorted(&s, &t, "Last_Name", true, 10, None).await;
    assert_eq!(
        values(&desc, "Last_Name"),
        [
            json!("Delta"),
            json!("Charlie"),
            json!("bravo"),
            json!("alpha")
        ]
    );

    // An edit moves the record.
    let r = s
        .gql(
            Some(&t),
            UPDATE,
            json!({"m": "Contacts", "id": ids[3], "v": {"Last_Name": "Zulu"}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let asc = sorted(&s, &t, "Last_Name", false, 10, None).await;
    assert_eq!(
        values(&asc, "Last_Name"),
        [
            json!("alpha"),
            json!("Charlie"),
            json!("Delta"),
            json!("Zulu")
        ]
    );

    // Records without a value for the field come first.
    let by_email = sorted(&s, &t, "Email", false, 10, None).await;
    let emails = values(&by_email, "Email");
    assert_eq!(emails.len(), 4);
    assert!(emails[0].is_null() && emails[1].is_null(), "{emails:?}");
    assert_eq!(
        emails[2..],
        [json!("c@example.com"), json!("d@example.com")]
    );
    let by_email = sorted(&s, &t, "Email", true, 10, None).await;
    let emails = values(&by_email, "Email");
    assert_eq!(
        emails[..2],
        [json!("d@example.com"), json!("c@example.com")]
    );

    // A user sees their own records, in order; a deleted record leaves the list.
    let (rep, rt) = s.user(&t, "rep@example.com", None).await;
    for id in [&ids[0], &ids[1]] {
        let r = s
            .gql(
                Some(&t),
                UPDATE,
                json!({"m": "Contacts", "id": id, "v": {"Owner": rep}}),
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let mine = sorted(&s, &rt, "Last_Name", true, 10, None).await;
    assert_eq!(values(&mine, "Last_Name"), [json!("Delta"), json!("alpha")]);
    assert_eq!(mine["totalCount"], 2);
    let r = s
        .gql(
            Some(&t),
            "mutation($id:ID!){ deleteRecord(module:\"Contacts\", id:$id) }",
            json!({"id": ids[0]}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let mine = sorted(&s, &rt, "Last_Name", false, 10, None).await;
    assert_eq!(values(&mine, "Last_Name"), [json!("alpha")]);
    assert_eq!(mine["totalCount"], 1);
    let all = sorted(&s, &t, "Last_Name", false, 10, None).await;
    assert_eq!(
        values(&all, "Last_Name"),
        [json!("alpha"), json!("Charlie"), json!("Zulu")]
    );
}
