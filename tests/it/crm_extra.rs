//! Custom fields and modules, line items, activities, documents, CSV import and export.

use serde_json::{Value, json};

use crate::harness::{Server, codes};

const CREATE: &str =
    "mutation($m:String!,$v:JSON!){ createRecord(module:$m, values:$v){ id values } }";
const UPDATE: &str = "mutation($m:String!,$id:ID!,$v:JSON!){ updateRecord(module:$m, id:$id, values:$v){ id values } }";
const FIELD: &str = "mutation($m:String!,$i:CustomFieldInput!){ createCustomField(module:$m, input:$i){ apiName label labelDe fieldType required options custom } }";
const ACTIVITY: &str = "mutation($m:String!,$r:ID!,$i:CreateActivityInput!){ createActivity(module:$m, recordId:$r, input:$i){ id kind subject status dueAt startAt owner { email } } }";
const ACTIVITIES: &str =
    "query($m:String!,$r:ID!){ activities(module:$m, recordId:$r){ id subject status } }";
const GENERATE: &str = "mutation($m:String!,$r:ID!){ generateDocument(module:$m, recordId:$r){ id sha256 fileName size url } }";
const IMPORT: &str = "mutation($m:String!,$c:String!){ importRecords(module:$m, csv:$c){ created errors { row field message } } }";
const EXPORT: &str = "query($m:String!,$q:String){ exportRecords(module:$m, search:$q) }";

async fn create(s: &Server, t: &str, module: &str, v: Value) -> Value {
    s.gql(Some(t), CREATE, json!({"m": module, "v": v})).await
}

async fn create_id(s: &Server, t: &str, module: &str, v: Value) -> String {
    let r = create(s, t, module, v).await;
    r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("createRecord: {r}"))
        .to_string()
}

async fn count(s: &Server, t: &str, module: &str) -> i64 {
    let r = s
        .gql(
            Some(t),
            "query($m:String!){ records(module:$m){ totalCount } }",
            json!({"m": module}),
        )
        .await;
    r["data"]["records"]["totalCount"]
        .as_i64()
        .unwrap_or_else(|| panic!("records: {r}"))
}

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

async fn product(s: &Server, t: &str, name: &str, price: i64) -> String {
    create_id(
        s,
        t,
        "Products",
        json!({"Product_Name": name, "Unit_Price": price}),
    )
    .await
}

#[tokio::test]
async fn line_items_are_validated_and_totalled_on_the_server() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let starter = product(&s, &t, "Starter Paket", 4900).await;
    let workshop = product(&s, &t, "Workshop", 10_000).await;
    let r = create(
        &s,
        &t,
        "Quotes",
        json!({"Subject": "Q1", "Grand_Total": 1, "Line_Items": [
            {"product": starter, "quantity": 3, "discount": 700, "taxPercent": 19},
            {"product": workshop, "quantity": 1.5, "unitPrice": 333, "taxPercent": 7},
        ]}),
    )
    .await;
    let v = &r["data"]["createRecord"]["values"];
    // 3 × 49.00 = 147.00 − 7.00 = 140.00, 19 % = 26.60;
    // 1.5 × 3.33 = 4.995 → 5.00, 7 % = 0.35. Sent totals are replaced.
    assert_eq!(v["Line_Items"][0]["productName"], "Starter Paket", "{r}");
    assert_eq!(v["Line_Items"][0]["unitPrice"], 4900, "the product's price");
    assert_eq!(v["Line_Items"][0]["netAmount"], 14_000);
    assert_eq!(v["Line_Items"][0]["taxAmount"], 2660);
    assert_eq!(v["Line_Items"][0]["total"], 16_660);
    assert_eq!(v["Line_Items"][1]["amount"], 500);
    assert_eq!(v["Line_Items"][1]["taxAmount"], 35);
    assert_eq!(v["Sub_Total"], 14_500);
    assert_eq!(v["Tax"], 2695);
    assert_eq!(v["Grand_Total"], 17_195);
    let id = r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // A change of other fields keeps the lines; changed lines are recomputed.
    let r = s
        .gql(
            Some(&t),
            UPDATE,
            json!({"m": "Quotes", "id": id, "v": {"Subject": "Q1b", "Tax": 0}}),
        )
        .await;
    assert_eq!(r["data"]["updateRecord"]["values"]["Tax"], 2695, "{r}");
    let mut items = r["data"]["updateRecord"]["values"]["Line_Items"].clone();
    items[0]["quantity"] = json!(1);
    let r = s
        .gql(
            Some(&t),
            UPDATE,
            json!({"m": "Quotes", "id": id, "v": {"Line_Items": items}}),
        )
        .await;
    let v = &r["data"]["updateRecord"]["values"];
    // 49.00 − 7.00 = 42.00 + 7.98 tax; plus 5.00 + 0.35.
    assert_eq!(v["Sub_Total"], 4700, "{r}");
    assert_eq!(v["Tax"], 833);
    assert_eq!(v["Grand_Total"], 5533);

    for (bad, why) in [
        (
            json!([{"product": "nope", "quantity": 1}]),
            "unknown product",
        ),
        (
            json!([{"product": starter, "quantity": 0}]),
            "zero quantity",
        ),
        (
            json!([{"product": starter, "quantity": 1.0001}]),
            "too precise",
        ),
        (
            json!([{"product": starter, "quantity": 1, "discount": 5000}]),
            "discount above amount",
        ),
        (
            json!([{"product": starter, "quantity": 1, "taxPercent": 101}]),
            "tax above 100",
        ),
        (
            json!([{"product": starter, "quantity": 1, "color": "red"}]),
            "unknown key",
        ),
        (json!({"product": starter}), "not a list"),
    ] {
        let r = create(
            &s,
            &t,
            "Invoices",
            json!({"Subject": "I", "Line_Items": bad}),
        )
        .await;
        assert_eq!(codes(&r), ["VALIDATION"], "{why}: {r}");
        assert_eq!(r["errors"][0]["extensions"]["field"], "Line_Items", "{why}");
    }
    assert_eq!(count(&s, &t, "Invoices").await, 0, "nothing was written");

    // Removing the lines clears the computed totals.
    let r = s
        .gql(
            Some(&t),
            UPDATE,
            json!({"m": "Quotes", "id": id, "v": {"Line_Items": []}}),
        )
        .await;
    let v = &r["data"]["updateRecord"]["values"];
    assert!(
        v.get("Line_Items").is_none() && v.get("Grand_Total").is_none(),
        "{r}"
    );
    let r = create(&s, &t, "Leads", json!({"Last_Name": "L", "Line_Items": []})).await;
    assert_eq!(
        codes(&r),
        ["VALIDATION"],
        "only document modules have lines"
    );
}

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

#[tokio::test]
async fn documents_render_to_pdf_for_those_who_see_the_record() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let rep_a_role = s.role(&admin, "Rep A", None).await;
    let rep_b_role = s.role(&admin, "Rep B", None).await;
    let (_, rep_a) = s.user(&admin, "a@example.com", Some(&rep_a_role)).await;
    let (_, rep_b) = s.user(&admin, "b@example.com", Some(&rep_b_role)).await;
    let starter = product(&s, &rep_a, "Starter Paket", 4900).await;
    let contact = create_id(
        &s,
        &rep_a,
        "Contacts",
        json!({"First_Name": "Jana", "Last_Name": "Krüger"}),
    )
    .await;
    let quote = create_id(
        &s,
        &rep_a,
        "Quotes",
        json!({"Subject": "Angebot Business Paket", "Contact_Name": contact,
            "Terms_and_Conditions": "Payable within 14 days.",
            "Line_Items": [{"product": starter, "quantity": 2, "taxPercent": 19}]}),
    )
    .await;

    let r = s
        .gql(Some(&rep_a), GENERATE, json!({"m": "Quotes", "r": quote}))
        .await;
    let doc = r["data"]["generateDocument"].clone();
    assert!(doc["fileName"].as_str().unwrap().ends_with(".pdf"), "{r}");
    let url = doc["url"].as_str().unwrap().to_string();
    let sha = doc["sha256"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("/documents/{sha}?")));

    let get = |t: Option<String>| {
        let s = &s;
        let url = url.clone();
        async move {
            let mut req = s.http.get(s.url(&url));
            if let Some(t) = t {
                req = req.bearer_auth(t);
            }
            req.send().await.unwrap()
        }
    };
    let resp = get(Some(rep_a.clone())).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    let length = resp.headers()["content-length"]
        .to_str()
        .unwrap()
        .to_string();
    let pdf = resp.bytes().await.unwrap();
    assert_eq!(length, pdf.len().to_string(), "streamed with its length");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
    assert_eq!(parley::ids::sha256_hex(&pdf), sha);
    assert_eq!(doc["size"], pdf.len());
    let text = String::from_utf8_lossy(&pdf);
    for want in [
        "(Angebot Business Paket)",
        "(Starter Paket)",
        "(98.00)",
        "(18.62)",
        "(116.62)",
        "(Payable within 14 days.)",
    ] {
        assert!(text.contains(want), "the PDF shows {want}");
    }
    // The cross-reference table is where the trailer says (a byte offset).
    let start: usize = text
        .rsplit("startxref")
        .next()
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(pdf[start..].starts_with(b"xref"));

    assert_eq!(get(Some(admin.clone())).await.status(), 200);
    assert_eq!(get(Some(rep_b.clone())).await.status(), 404);
    assert_eq!(get(None).await.status(), 401);
    let wrong = s
        .http
        .get(s.url(&format!("/documents/{sha}?module=Quotes&record=nope")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);

    let docs = "query($m:String!,$r:ID!){ documents(module:$m, recordId:$r){ sha256 fileName } }";
    let r = s
        .gql(Some(&rep_a), docs, json!({"m": "Quotes", "r": quote}))
        .await;
    assert_eq!(r["data"]["documents"][0]["sha256"], sha.as_str(), "{r}");
    let r = s
        .gql(Some(&rep_b), docs, json!({"m": "Quotes", "r": quote}))
        .await;
    assert_eq!(codes(&r), ["NOT_FOUND"]);
    let r = s
        .gql(Some(&rep_b), GENERATE, json!({"m": "Quotes", "r": quote}))
        .await;
    assert_eq!(codes(&r), ["NOT_FOUND"]);
    let r = s
        .gql(
            Some(&rep_a),
            GENERATE,
            json!({"m": "Contacts", "r": contact}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"]);

    // A German viewer gets German labels and number formats; an invoice without lines renders.
    let invoice = create_id(
        &s,
        &admin,
        "Invoices",
        json!({"Subject": "Rechnung 2026-001", "Grand_Total": 17_731}),
    )
    .await;
    let r = s
        .gql(
            Some(&admin),
            "mutation{ setLanguage(language: DE){ id } }",
            json!({}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = s
        .gql(
            Some(&admin),
            GENERATE,
            json!({"m": "Invoices", "r": invoice}),
        )
        .await;
    let url = r["data"]["generateDocument"]["url"]
        .as_str()
        .unwrap()
        .to_string();
    let pdf = s
        .http
        .get(s.url(&url))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("(Rechnung 2026-001)"));
    assert!(text.contains("(177,31)"), "German number format");
    assert!(text.contains("(Keine Positionen.)"));
}

#[tokio::test]
async fn csv_import_reports_bad_rows_and_export_round_trips() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let (_, user) = s.user(&admin, "rep@example.com", None).await;
    let csv = "First Name,Last_Name,Email,Mobile,Lead Status,Owner\n\
               Anna,Abel,anna@example.com,0151 2345 6789,Contacted,rep@example.com\n\
               Bernd,Bauer,not-an-email,,,\n\
               Carla,,carla@example.com,,,\n\
               \"Dora, Dr.\",Dietz,,+44 20 7946 0958,qualified,\n\
               ,,,,,\n\
               Emil,Engel,,,Bogus,\n";
    let r = s
        .gql(Some(&user), IMPORT, json!({"m": "Leads", "c": csv}))
        .await;
    assert_eq!(codes(&r), ["FORBIDDEN"], "import is for administrators");

    let r = s
        .gql(Some(&admin), IMPORT, json!({"m": "Leads", "c": csv}))
        .await;
    let res = &r["data"]["importRecords"];
    assert_eq!(res["created"], 2, "{r}");
    let errors: Vec<_> = res["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_i64().unwrap(), e["field"].clone()))
        .collect();
    assert_eq!(
        errors,
        [
            (3, json!("Email")),
            (4, json!("Last_Name")),
            (7, json!("Lead_Status"))
        ],
        "{r}"
    );
    assert_eq!(
        count(&s, &admin, "Leads").await,
        2,
        "bad rows wrote nothing"
    );
    assert_eq!(count(&s, &user, "Leads").await, 1, "Anna belongs to rep");

    let r = s
        .gql(
            Some(&admin),
            IMPORT,
            json!({"m": "Leads", "c": "Last_Name,Shoe Colour\nX,red\n"}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "unknown column");
    assert_eq!(r["errors"][0]["extensions"]["field"], "Shoe Colour");
    let r = s
        .gql(
            Some(&admin),
            IMPORT,
            json!({"m": "Quotes", "c": "Subject\nX\n"}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"]);

    // Export: what the viewer can see, readable by a CSV parser.
    let r = s.gql(Some(&user), EXPORT, json!({"m": "Leads"})).await;
    let rows = parse(r["data"]["exportRecords"].as_str().unwrap());
    assert_eq!(rows.len(), 2, "header and Anna only: {rows:?}");
    let r = s.gql(Some(&admin), EXPORT, json!({"m": "Leads"})).await;
    let exported = r["data"]["exportRecords"].as_str().unwrap().to_string();
    let rows = parse(&exported);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][0], "Id");
    let dora = rows
        .iter()
        .find(|r| r[col("Last_Name")] == "Dietz")
        .unwrap();
    assert_eq!(dora[col("First_Name")], "Dora, Dr.");
    assert_eq!(dora[col("Mobile")], "+442079460958");
    assert_eq!(dora[col("Lead_Status")], "Qualified");
    assert_eq!(dora[col("Owner")], "admin@parley.local");
    let anna = rows.iter().find(|r| r[col("Last_Name")] == "Abel").unwrap();
    assert_eq!(anna[col("Owner")], "rep@example.com");
    let r = s
        .gql(Some(&admin), EXPORT, json!({"m": "Leads", "q": "dietz"}))
        .await;
    assert_eq!(parse(r["data"]["exportRecords"].as_str().unwrap()).len(), 2);

    // Importing the export again recreates the same values.
    let r = s
        .gql(Some(&admin), IMPORT, json!({"m": "Leads", "c": exported}))
        .await;
    assert_eq!(r["data"]["importRecords"]["created"], 2, "{r}");
    assert_eq!(r["data"]["importRecords"]["errors"], json!([]));
    let r = s.gql(Some(&admin), EXPORT, json!({"m": "Leads"})).await;
    let again = parse(r["data"]["exportRecords"].as_str().unwrap());
    assert_eq!(again.len(), 5);
    let values = |rows: &[Vec<String>]| {
        let mut v: Vec<Vec<String>> = rows[1..]
            .iter()
            .map(|r| r[1..r.len() - 2].to_vec())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(values(&again), values(&rows), "same values, twice over");
}

fn parse(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}
