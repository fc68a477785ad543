//! Custom fields and custom modules, defined by administrators.

use serde_json::json;

use super::support::*;
use crate::harness::{Server, codes};

#[tokio::test]
async fn custom_fields_are_made_by_admins_and_used_like_standard_ones() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let (_, user) = s.user(&admin, "rep@example.com", None).await;

    let r = s
        .gql(
            Some(&admin),
            FIELD,
            json!({"m": "Leads", "i": {"label": "Shoe size", "labelDe": "Schuhgröße", "fieldType": "NUMBER"}}),
        )
        .await;
    let f = &r["data"]["createCustomField"];
    assert_eq!(f["apiName"], "Shoe_Size", "{r}");
    assert_eq!(f["labelDe"], "Schuhgröße");
    assert_eq!(f["custom"], true);
    let r = s
        .gql(
            Some(&admin),
            FIELD,
            json!({"m": "Leads", "i": {"label": "Tier", "fieldType": "PICKLIST", "options": ["Gold", "Silver"], "required": false}}),
        )
        .await;
    assert_eq!(r["data"]["createCustomField"]["apiName"], "Tier", "{r}");

    // Standard users may not define fields.
    let r = s
        .gql(
            Some(&user),
            FIELD,
            json!({"m": "Leads", "i": {"label": "Sneaky", "fieldType": "TEXT"}}),
        )
        .await;
    assert_eq!(codes(&r), ["FORBIDDEN"], "{r}");
    // Names and labels are unique in a module; bad definitions name their input.
    for (input, code) in [
        (
            json!({"label": "Shoe Size", "fieldType": "TEXT"}),
            "CONFLICT",
        ),
        (
            json!({"apiName": "Last_Name", "label": "Other", "fieldType": "TEXT"}),
            "CONFLICT",
        ),
        (
            json!({"apiName": "9x", "label": "Nine", "fieldType": "TEXT"}),
            "VALIDATION",
        ),
        (
            json!({"label": "Empty pick", "fieldType": "PICKLIST"}),
            "VALIDATION",
        ),
        (
            json!({"label": "Ref", "fieldType": "LOOKUP", "lookupModule": "Nope"}),
            "VALIDATION",
        ),
        (
            json!({"label": "Items", "fieldType": "LINE_ITEMS"}),
            "VALIDATION",
        ),
    ] {
        let r = s
            .gql(Some(&admin), FIELD, json!({"m": "Leads", "i": input}))
            .await;
        assert_eq!(codes(&r), [code], "{input}: {r}");
    }

    // The module lists the field, and records take values for it, validated by its type.
    let r = s
        .gql(
            Some(&user),
            "{ module(apiName:\"Leads\"){ fields { apiName custom } } }",
            json!({}),
        )
        .await;
    let fields = r["data"]["module"]["fields"].as_array().unwrap();
    assert!(fields.contains(&json!({"apiName": "Shoe_Size", "custom": true})));
    let r = create(
        &s,
        &user,
        "Leads",
        json!({"Last_Name": "Fit", "Shoe_Size": "43.5", "Tier": "gold"}),
    )
    .await;
    let id = r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(r["data"]["createRecord"]["values"]["Shoe_Size"], 43.5);
    assert_eq!(r["data"]["createRecord"]["values"]["Tier"], "Gold");
    let r = create(
        &s,
        &user,
        "Leads",
        json!({"Last_Name": "X", "Shoe_Size": "big"}),
    )
    .await;
    assert_eq!(codes(&r), ["VALIDATION"]);
    assert_eq!(r["errors"][0]["extensions"]["field"], "Shoe_Size");
    let r = create(
        &s,
        &user,
        "Leads",
        json!({"Last_Name": "X", "Tier": "Bronze"}),
    )
    .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "Tier");

    // Deleting the field removes it and its values; only admins may.
    let del = "mutation($m:String!,$f:String!){ deleteCustomField(module:$m, apiName:$f) }";
    let r = s
        .gql(Some(&user), del, json!({"m": "Leads", "f": "Shoe_Size"}))
        .await;
    assert_eq!(codes(&r), ["FORBIDDEN"]);
    let r = s
        .gql(Some(&admin), del, json!({"m": "Leads", "f": "Last_Name"}))
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "standard fields stay");
    let r = s
        .gql(Some(&admin), del, json!({"m": "Leads", "f": "Shoe_Size"}))
        .await;
    assert_eq!(r["data"]["deleteCustomField"], true, "{r}");
    let r = s
        .gql(
            Some(&user),
            "query($id:ID!){ record(module:\"Leads\", id:$id){ values } }",
            json!({"id": id}),
        )
        .await;
    assert!(
        r["data"]["record"]["values"].get("Shoe_Size").is_none(),
        "{r}"
    );
    assert_eq!(r["data"]["record"]["values"]["Tier"], "Gold");
    let r = create(
        &s,
        &user,
        "Leads",
        json!({"Last_Name": "X", "Shoe_Size": 40}),
    )
    .await;
    assert_eq!(codes(&r), ["VALIDATION"], "the field is gone");
}

#[tokio::test]
async fn custom_modules_hold_records_like_standard_ones() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let rep_a_role = s.role(&admin, "Rep A", None).await;
    let rep_b_role = s.role(&admin, "Rep B", None).await;
    let (_, rep_a) = s.user(&admin, "a@example.com", Some(&rep_a_role)).await;
    let (_, rep_b) = s.user(&admin, "b@example.com", Some(&rep_b_role)).await;
    let make = "mutation($a:String!,$l:String!,$d:String){ createCustomModule(apiName:$a, label:$l, labelDe:$d){ apiName label labelDe custom fields { apiName fieldType required } } }";

    let r = s
        .gql(
            Some(&rep_a),
            make,
            json!({"a": "Projects", "l": "Projects"}),
        )
        .await;
    assert_eq!(codes(&r), ["FORBIDDEN"]);
    let r = s
        .gql(
            Some(&admin),
            make,
            json!({"a": "Projects", "l": "Projects", "d": "Projekte"}),
        )
        .await;
    let m = &r["data"]["createCustomModule"];
    assert_eq!(m["custom"], true, "{r}");
    assert_eq!(m["labelDe"], "Projekte");
    assert_eq!(
        m["fields"],
        json!([
            {"apiName": "Name", "fieldType": "TEXT", "required": true},
            {"apiName": "Owner", "fieldType": "OWNER", "required": false},
        ])
    );
    for (a, l) in [
        ("leads", "Something"),
        ("Projects", "Other"),
        ("Bad Name", "X"),
    ] {
        let r = s.gql(Some(&admin), make, json!({"a": a, "l": l})).await;
        assert!(!codes(&r).is_empty(), "{a}: {r}");
    }
    let r = s
        .gql(
            Some(&admin),
            FIELD,
            json!({"m": "Projects", "i": {"label": "Budget", "fieldType": "CURRENCY"}}),
        )
        .await;
    assert_eq!(r["data"]["createCustomField"]["apiName"], "Budget", "{r}");

    let r = s
        .gql(Some(&rep_a), "{ modules { apiName } }", json!({}))
        .await;
    assert!(
        r["data"]["modules"]
            .as_array()
            .unwrap()
            .contains(&json!({"apiName": "Projects"}))
    );
    let r = create(
        &s,
        &rep_a,
        "Projects",
        json!({"Name": "Website relaunch", "Budget": 1_250_000}),
    )
    .await;
    assert_eq!(
        r["data"]["createRecord"]["values"]["Budget"], 1_250_000,
        "{r}"
    );
    let id = r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = create(&s, &rep_a, "Projects", json!({"Budget": 1})).await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "Name", "{r}");
    let r = s
        .gql(
            Some(&rep_a),
            UPDATE,
            json!({"m": "Projects", "id": id, "v": {"Name": "Relaunch 2"}}),
        )
        .await;
    assert_eq!(r["data"]["updateRecord"]["values"]["Name"], "Relaunch 2");
    assert_eq!(count(&s, &rep_a, "Projects").await, 1);
    assert_eq!(count(&s, &rep_b, "Projects").await, 0, "visibility applies");
    assert_eq!(count(&s, &admin, "Projects").await, 1);
    let r = s
        .gql(
            Some(&rep_b),
            UPDATE,
            json!({"m": "Projects", "id": id, "v": {"Name": "Mine now"}}),
        )
        .await;
    assert_eq!(codes(&r), ["NOT_FOUND"]);
}
