use serde_json::json;

use crate::harness::Server;

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
}

#[tokio::test]
async fn oversized_and_malformed_bodies_get_http_errors() {
    let s = Server::start().await;
    let big = "x".repeat(5 * 1024 * 1024);
    let r = s
        .http
        .post(s.url("/graphql"))
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let r = s
        .http
        .post(s.url("/graphql"))
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
