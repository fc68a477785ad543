//! Line items of quotes, orders and invoices, validated and totalled on the server.

use serde_json::json;

use super::support::*;
use crate::harness::{Server, codes};

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
