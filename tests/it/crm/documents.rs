//! Documents: quotes, orders and invoices rendered to PDF.

use serde_json::json;

use super::support::*;
use crate::harness::{Server, codes};

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
        "(18.62 EUR)",
        "(116.62 EUR)",
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
    assert!(
        text.contains("(177,31 EUR)"),
        "German number format, with the currency"
    );
    assert!(text.contains("(Keine Positionen.)"));
}
