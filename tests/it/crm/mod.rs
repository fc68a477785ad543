//! The CRM: records, values, phones, visibility, lists; and (in the submodules) custom fields and
//! modules, line items, activities, documents, CSV.

mod activities;
mod custom_fields;
mod documents;
mod import_export;
mod line_items;
mod names_and_language;
mod search;
mod sorted;
mod support;

use serde_json::{Value, json};

use crate::harness::{Server, codes};

const CREATE: &str = "mutation($m:String!,$v:JSON!){ createRecord(module:$m, values:$v){ id values owner { email } } }";
const UPDATE: &str = "mutation($m:String!,$id:ID!,$v:JSON!){ updateRecord(module:$m, id:$id, values:$v){ id values } }";

async fn create(s: &Server, t: &str, module: &str, v: Value) -> Value {
    s.gql(Some(t), CREATE, json!({"m": module, "v": v})).await
}

#[tokio::test]
async fn phones_are_stored_as_e164() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    for (input, want) in [
        ("0151 2345 6789", "+4915123456789"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+44 (20) 7946-0958", "+442079460958"),
        ("030/1234-5678", "+493012345678"),
    ] {
        let r = create(&s, &t, "Leads", json!({"Last_Name": "P", "Mobile": input})).await;
        assert_eq!(
            r["data"]["createRecord"]["values"]["Mobile"], want,
            "{input}: {r}"
        );
    }
    for bad in ["12ab", "123", "0151", "+49 151 2345 6789 0000 1111"] {
        let r = create(&s, &t, "Leads", json!({"Last_Name": "P", "Mobile": bad})).await;
        assert_eq!(codes(&r), ["VALIDATION"], "{bad}: {r}");
        assert_eq!(r["errors"][0]["extensions"]["field"], "Mobile");
    }
}

#[tokio::test]
async fn a_bad_value_leaves_the_record_unchanged() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let r = create(
        &s,
        &t,
        "Leads",
        json!({"Last_Name": "Keep", "Email": "keep@example.com"}),
    )
    .await;
    let id = r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let bad = s
        .gql(
            Some(&t),
            UPDATE,
            json!({"m": "Leads", "id": id, "v": {"Last_Name": "Changed", "Email": "not-an-email"}}),
        )
        .await;
    assert_eq!(codes(&bad), ["VALIDATION"]);
    assert_eq!(bad["errors"][0]["extensions"]["field"], "Email");
    let now = s
        .gql(
            Some(&t),
            "query($id:ID!){ record(module:\"Leads\", id:$id){ values } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(now["data"]["record"]["values"]["Last_Name"], "Keep");
    let r = create(&s, &t, "Leads", json!({"First_Name": "No last name"})).await;
    assert_eq!(codes(&r), ["VALIDATION"], "required field");
    let r = create(
        &s,
        &t,
        "Leads",
        json!({"Last_Name": "X", "Lead_Status": "Bogus"}),
    )
    .await;
    assert_eq!(codes(&r), ["VALIDATION"], "picklist");
    let r = create(&s, &t, "Leads", json!({"Last_Name": "X", "No_Such": 1})).await;
    assert_eq!(codes(&r), ["VALIDATION"], "unknown field");
}

#[tokio::test]
async fn visibility_follows_the_role_hierarchy() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let mgr_role = s.role(&admin, "Manager", None).await;
    let rep_a_role = s.role(&admin, "Rep A", Some(&mgr_role)).await;
    let rep_b_role = s.role(&admin, "Rep B", Some(&mgr_role)).await;
    let (_, mgr) = s.user(&admin, "mgr@example.com", Some(&mgr_role)).await;
    let (_, rep_a) = s.user(&admin, "a@example.com", Some(&rep_a_role)).await;
    let (_, rep_b) = s.user(&admin, "b@example.com", Some(&rep_b_role)).await;
    let mk = |t: String, name: &'static str| {
        let s = &s;
        async move {
            create(s, &t, "Leads", json!({"Last_Name": name})).await["data"]["createRecord"]["id"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let la = mk(rep_a.clone(), "Alpha").await;
    let lb = mk(rep_b.clone(), "Bravo").await;
    let lm = mk(mgr.clone(), "Mike").await;
    let sees = |t: String, id: String| {
        let s = &s;
        async move {
            let r = s
                .gql(
                    Some(&t),
                    "query($id:ID!){ record(module:\"Leads\", id:$id){ id } }",
                    json!({"id": id}),
                )
                .await;
            !r["data"]["record"].is_null()
        }
    };
    let count = |t: String, search: Option<&'static str>| {
        let s = &s;
        async move {
            let r = s
                .gql(
                    Some(&t),
                    "query($q:String){ records(module:\"Leads\", search:$q){ totalCount } }",
                    json!({"q": search}),
                )
                .await;
            r["data"]["records"]["totalCount"].as_i64().unwrap()
        }
    };
    // (viewer, [sees Alpha, sees Bravo, sees Mike], total)
    for (who, t, want, total) in [
        ("admin", admin.clone(), [true, true, true], 3),
        ("manager", mgr.clone(), [true, true, true], 3),
        ("rep a", rep_a.clone(), [true, false, false], 1),
        ("rep b", rep_b.clone(), [false, true, false], 1),
    ] {
        let got = [
            sees(t.clone(), la.clone()).await,
            sees(t.clone(), lb.clone()).await,
            sees(t.clone(), lm.clone()).await,
        ];
        assert_eq!(got, want, "{who}");
        assert_eq!(count(t.clone(), None).await, total, "{who} list count");
    }
    assert_eq!(
        count(rep_a.clone(), Some("bravo")).await,
        0,
        "search never shows what the viewer may not see"
    );
    assert_eq!(count(mgr.clone(), Some("bravo")).await, 1);
    let upd = s
        .gql(
            Some(&rep_a),
            UPDATE,
            json!({"m": "Leads", "id": lb, "v": {"Last_Name": "Hacked"}}),
        )
        .await;
    assert_eq!(codes(&upd), ["NOT_FOUND"]);
}

#[tokio::test]
async fn records_page_sort_search_and_delete() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    for name in ["Cäsar", "Anton", "Berta"] {
        create(&s, &t, "Contacts", json!({"Last_Name": name})).await;
    }
    let q = "query($a:String){ records(module:\"Contacts\", first:2, after:$a, sortBy:\"Last_Name\"){ totalCount edges { node { values } } pageInfo { hasNextPage endCursor } } }";
    let p1 = s.gql(Some(&t), q, json!({})).await;
    let names: Vec<_> = p1["data"]["records"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["values"]["Last_Name"].clone())
        .collect();
    assert_eq!(names, [json!("Anton"), json!("Berta")]);
    assert_eq!(p1["data"]["records"]["pageInfo"]["hasNextPage"], true);
    let p2 = s
        .gql(
            Some(&t),
            q,
            json!({"a": p1["data"]["records"]["pageInfo"]["endCursor"]}),
        )
        .await;
    assert_eq!(
        p2["data"]["records"]["edges"][0]["node"]["values"]["Last_Name"],
        "Cäsar"
    );
    assert_eq!(p2["data"]["records"]["pageInfo"]["hasNextPage"], false);
    let found = s
        .gql(
            Some(&t),
            "{ records(module:\"Contacts\", search:\"cäs\"){ totalCount edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(found["data"]["records"]["totalCount"], 1);
    let id = found["data"]["records"]["edges"][0]["node"]["id"].clone();
    let del = s
        .gql(
            Some(&t),
            "mutation($id:ID!){ deleteRecord(module:\"Contacts\", id:$id) }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(del["data"]["deleteRecord"], true);
    let r = s
        .gql(
            Some(&t),
            "{ records(module:\"Contacts\"){ totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["records"]["totalCount"], 2);
}

#[tokio::test]
async fn phone_index_finds_records_by_e164() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let r = create(
        &s,
        &t,
        "Leads",
        json!({"Last_Name": "Idx", "Mobile": "0151 2345 6789"}),
    )
    .await;
    let id = r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        s.app.crm.by_phone("+4915123456789").unwrap(),
        vec![("Leads".to_string(), id.clone())]
    );
    s.gql(
        Some(&t),
        UPDATE,
        json!({"m": "Leads", "id": id, "v": {"Mobile": "+49 160 1111111"}}),
    )
    .await;
    assert!(
        s.app.crm.by_phone("+4915123456789").unwrap().is_empty(),
        "the old number is unindexed"
    );
    assert_eq!(s.app.crm.by_phone("+491601111111").unwrap().len(), 1);
}

#[tokio::test]
async fn default_order_is_newest_change_first() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let mut ids = vec![];
    for name in ["One", "Two", "Three"] {
        s.clock.advance(1_000);
        let r = create(&s, &t, "Leads", json!({"Last_Name": name})).await;
        ids.push(r["data"]["createRecord"]["id"].clone());
    }
    let names = || async {
        let r = s
            .gql(
                Some(&t),
                "{ records(module:\"Leads\", first:2){ totalCount edges { node { values } } pageInfo { hasNextPage } } }",
                json!({}),
            )
            .await;
        let page = &r["data"]["records"];
        let names: Vec<String> = page["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                e["node"]["values"]["Last_Name"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        (names, page["totalCount"].as_i64().unwrap())
    };
    assert_eq!(names().await, (vec!["Three".into(), "Two".into()], 3));
    s.clock.advance(1_000);
    let upd = s
        .gql(
            Some(&t),
            UPDATE,
            json!({"m": "Leads", "id": ids[0], "v": {"Last_Name": "One again"}}),
        )
        .await;
    assert!(upd["errors"].is_null(), "{upd}");
    assert_eq!(names().await, (vec!["One again".into(), "Three".into()], 3));
    s.gql(
        Some(&t),
        "mutation($id:ID!){ deleteRecord(module:\"Leads\", id:$id) }",
        json!({"id": ids[0]}),
    )
    .await;
    assert_eq!(names().await, (vec!["Three".into(), "Two".into()], 2));
}

const LIST: &str =
    "query{ records(module:\"Leads\", first:100){ totalCount edges { node { id values } } } }";

#[tokio::test]
async fn concurrent_edits_never_write_back_a_stale_copy() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let r = create(
        &s,
        &t,
        "Leads",
        json!({"Last_Name": "Race", "Mobile": "+49 151 00000000"}),
    )
    .await;
    let id = r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let edits = (0..60).map(|i| {
        let (s, t, id) = (&s, &t, &id);
        async move {
            let v =
                json!({"Description": format!("edit {i}"), "Mobile": format!("+49 151 {i:08}")});
            s.gql(Some(t), UPDATE, json!({"m": "Leads", "id": id, "v": v}))
                .await
        }
    });
    for r in futures_util::future::join_all(edits).await {
        assert!(r["errors"].is_null(), "{r}");
    }
    let list = s.gql(Some(&t), LIST, json!({})).await;
    let edges = list["data"]["records"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "listed once: {list}");
    assert_eq!(list["data"]["records"]["totalCount"], 1, "counted once");
    // Only the number the record has now finds it; the 59 it had before do not.
    let mobile = edges[0]["node"]["values"]["Mobile"].as_str().unwrap();
    let found: Vec<String> = (0..60)
        .map(|i| format!("+49151{i:08}"))
        .filter(|n| !s.app.crm.by_phone(n).unwrap().is_empty())
        .collect();
    assert_eq!(found, vec![mobile.to_string()]);

    // Delete racing an update: the update finds nothing, and nothing comes back.
    let del = "mutation($id:ID!){ deleteRecord(module:\"Leads\", id:$id) }";
    let (d, u) = tokio::join!(
        s.gql(Some(&t), del, json!({"id": id})),
        s.gql(
            Some(&t),
            UPDATE,
            json!({"m": "Leads", "id": id, "v": {"Description": "late"}})
        ),
    );
    assert!(d["errors"].is_null(), "{d}");
    assert!(u["errors"].is_null() || codes(&u) == ["NOT_FOUND"], "{u}");
    let u = s
        .gql(
            Some(&t),
            UPDATE,
            json!({"m": "Leads", "id": id, "v": {"Description": "after"}}),
        )
        .await;
    assert_eq!(codes(&u), ["NOT_FOUND"]);
    let list = s.gql(Some(&t), LIST, json!({})).await;
    assert_eq!(list["data"]["records"]["totalCount"], 0, "{list}");
    assert!(s.app.crm.by_phone(mobile).unwrap().is_empty());
}

#[tokio::test]
async fn a_lookup_to_a_record_one_may_not_see_is_refused_like_a_missing_one() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let role_a = s.role(&admin, "Rep A", None).await;
    let role_b = s.role(&admin, "Rep B", None).await;
    let (_, rep_a) = s.user(&admin, "a@example.com", Some(&role_a)).await;
    let (_, rep_b) = s.user(&admin, "b@example.com", Some(&role_b)).await;
    let id = |r: Value| {
        r["data"]["createRecord"]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let secret = id(create(&s, &rep_b, "Leads", json!({"Last_Name": "Geheim GmbH"})).await);
    let missing = "01ZZZZZZZZZZZZZZZZZZZZZZZZ";
    let quote = |lead: &str| json!({"Subject": "Angebot", "Lead_Name": lead});
    let invisible = create(&s, &rep_a, "Quotes", quote(&secret)).await;
    let absent = create(&s, &rep_a, "Quotes", quote(missing)).await;
    assert_eq!(codes(&invisible), ["VALIDATION"], "{invisible}");
    let msg = |r: &Value| {
        r["errors"][0]["message"]
            .as_str()
            .unwrap()
            .replace(&secret, "ID")
            .replace(missing, "ID")
    };
    assert_eq!(msg(&invisible), msg(&absent), "the same answer for both");
    assert!(!invisible.to_string().contains("Geheim"));
    // Updating a visible record to point at it is refused the same way.
    let own = id(create(&s, &rep_a, "Quotes", json!({"Subject": "Eigenes"})).await);
    let r = s
        .gql(
            Some(&rep_a),
            UPDATE,
            json!({"m": "Quotes", "id": own, "v": {"Lead_Name": secret}}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    // Its owner may link it.
    let r = create(&s, &rep_b, "Quotes", quote(&secret)).await;
    assert!(r["errors"].is_null(), "{r}");
}
