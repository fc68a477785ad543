use serde_json::json;

use crate::harness::{Server, codes};

#[tokio::test]
async fn deep_queries_are_refused() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let deep = format!(
        "{{ __schema {{ types {{ fields {{ type {} {{ name }} {} }} }} }} }}",
        "{ ofType ".repeat(20),
        "}".repeat(20)
    );
    let r = s.gql(Some(&t), &deep, json!({})).await;
    assert!(
        r["errors"][0]["message"].as_str().unwrap().contains("deep"),
        "{r}"
    );
    assert!(r["data"].is_null());
    assert_eq!(codes(&r), ["TOO_COMPLEX"], "{r}");
}

#[tokio::test]
async fn complex_queries_are_refused() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let wide: String = (0..3000)
        .map(|i| format!("a{i}: me {{ email name }} "))
        .collect();
    let r = s.gql(Some(&t), &format!("{{ {wide} }}"), json!({})).await;
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("complex"),
        "{r}"
    );
    assert!(r["data"].is_null());
    assert_eq!(codes(&r), ["TOO_COMPLEX"], "{r}");
}

#[tokio::test]
async fn oversized_and_malformed_bodies_get_http_errors() {
    let s = Server::start().await;
    let big = "x".repeat(5 * 1024 * 1024);
    let r = s
        .http
        .post(s.url("/graphql"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let r = s
        .http
        .post(s.url("/graphql"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn http_surface_headers_health_metrics_and_spa() {
    let s = Server::start().await;
    let r = s.http.get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "ok");
    let root = s.http.get(s.url("/")).send().await.unwrap();
    assert_eq!(root.status(), 200);
    let h = root.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h.contains_key("referrer-policy"));
    assert_eq!(h["cache-control"], "no-cache");
    assert!(root.text().await.unwrap().contains("<script"));
    let deep = s.http.get(s.url("/leads/some-id")).send().await.unwrap();
    assert_eq!(deep.status(), 200, "client routes fall back to index.html");
    let m = s
        .http
        .get(s.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for name in [
        "parley_http_requests_total",
        "parley_http_request_duration_seconds",
        "parley_store_commit_seconds",
        "parley_store_commit_batch_size",
        "parley_build_info",
    ] {
        assert!(m.contains(name), "{name} missing from /metrics");
    }
}

const IMPORT: &str =
    "mutation($m:String!,$c:String!){ importRecords(module:$m, csv:$c){ created } }";

/// Leads whose export is about `count * 2_000` bytes.
async fn leads(s: &Server, t: &str, count: usize) {
    let mut csv = String::from("First_Name,Last_Name,Description\n");
    for i in 0..count {
        csv.push_str(&format!("Lead,Number {i},{}\n", "x".repeat(2_000)));
    }
    let r = s
        .gql(Some(t), IMPORT, json!({"m": "Leads", "c": csv}))
        .await;
    assert_eq!(r["data"]["importRecords"]["created"], count, "{r}");
}

/// The probe: 1,000 aliases of exportRecords (and the same through fragments, and two different
/// bulk fields) are refused before anything runs, with TOO_COMPLEX.
#[tokio::test]
async fn repeated_expensive_fields_are_refused() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    leads(&s, &t, 5).await;

    let one = s
        .gql(Some(&t), r#"{ exportRecords(module: "Leads") }"#, json!({}))
        .await;
    assert!(
        one["data"]["exportRecords"].as_str().unwrap().len() > 10_000,
        "{one}"
    );

    let aliases: String = (0..1000)
        .map(|i| format!(r#"e{i}: exportRecords(module: "Leads") "#))
        .collect();
    for query in [
        format!("{{ {aliases} }}"),
        r#"{ a: exportRecords(module: "Leads") b: exportRecords(module: "Contacts") }"#.into(),
        r#"query { ...F ...G } fragment F on Query { exportRecords(module: "Leads") }
           fragment G on Query { ... on Query { exportRecords(module: "Leads") } }"#
            .into(),
        r#"{ a: records(module: "Leads") { totalCount } b: records(module: "Leads") { totalCount } }"#
            .into(),
        "{ conversations { edges { node { a: messages { totalCount } b: messages { totalCount } } } } }"
            .into(),
    ] {
        let r = s.gql(Some(&t), &query, json!({})).await;
        assert_eq!(codes(&r), ["TOO_COMPLEX"], "{r}");
        assert!(r["data"].is_null(), "{r}");
    }

    // Mutations: one CSV in a variable imported twice, or a PDF and a template sync together.
    let r = s
        .gql(
            Some(&t),
            "mutation($c:String!){ a: importRecords(module:\"Leads\", csv:$c){ created } \
             b: importRecords(module:\"Leads\", csv:$c){ created } }",
            json!({"c": "Last_Name\nTwice\n"}),
        )
        .await;
    assert_eq!(codes(&r), ["TOO_COMPLEX"], "{r}");
    let r = s
        .gql(
            Some(&t),
            r#"mutation { generateDocument(module: "Quotes", recordId: "x") { id } syncTemplates { id } }"#,
            json!({}),
        )
        .await;
    assert_eq!(codes(&r), ["TOO_COMPLEX"], "{r}");
    let r = s
        .gql(Some(&t), r#"{ exportRecords(module: "Leads") }"#, json!({}))
        .await;
    assert_eq!(
        r["data"]["exportRecords"].as_str().unwrap().lines().count(),
        6,
        "nothing was imported twice: {r}"
    );
}

/// An export costs 1,000 of the 2,500 complexity points: 800 cheap aliases fit alone, not with it.
#[tokio::test]
async fn expensive_fields_cost_their_work() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let cheap: String = (0..800).map(|i| format!("m{i}: me {{ id }} ")).collect();
    let r = s.gql(Some(&t), &format!("{{ {cheap} }}"), json!({})).await;
    assert!(r["errors"].is_null(), "{r}");
    let r = s
        .gql(
            Some(&t),
            &format!(r#"{{ {cheap} exportRecords(module: "Leads") }}"#),
            json!({}),
        )
        .await;
    assert_eq!(codes(&r), ["TOO_COMPLEX"], "{r}");
    assert!(r["data"].is_null());
}

/// A response over `max_response_bytes` becomes one TOO_LARGE error (no partial data).
#[tokio::test]
async fn responses_over_the_cap_are_refused() {
    let s = Server::start_tuned(|c| c.max_response_bytes = 64 * 1024).await;
    let t = s.admin_token().await;
    leads(&s, &t, 50).await;
    let r = s
        .gql(Some(&t), r#"{ exportRecords(module: "Leads") }"#, json!({}))
        .await;
    assert_eq!(codes(&r), ["TOO_LARGE"], "{r}");
    assert!(r["data"].is_null(), "{r}");
    assert!(r.to_string().len() < 1_000, "{r}");
    // A search that matches a few fits.
    let r = s
        .gql(
            Some(&t),
            r#"{ exportRecords(module: "Leads", search: "Number 7") }"#,
            json!({}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    assert!(
        r["data"]["exportRecords"]
            .as_str()
            .unwrap()
            .contains("Number 7")
    );
}
