//! CSV import and export of records.

use serde_json::json;

use super::support::*;
use crate::harness::{Server, codes};

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
