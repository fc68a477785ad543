use serde_json::json;

use crate::harness::{ADMIN_EMAIL, ADMIN_PW, Server, codes};

const ME: &str = "{ me { email isAdmin } }";

#[tokio::test]
async fn login_right_wrong_and_unknown_email() {
    let s = Server::start().await;
    let token = s.admin_token().await;
    let me = s.gql(Some(&token), ME, json!({})).await;
    assert_eq!(me["data"]["me"]["email"], ADMIN_EMAIL);
    assert_eq!(me["data"]["me"]["isAdmin"], true);

    let q = "mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }";
    let wrong = s
        .gql(None, q, json!({"e": ADMIN_EMAIL, "p": "not-the-password"}))
        .await;
    assert_eq!(codes(&wrong), ["VALIDATION"]);
    assert!(wrong["data"].is_null());
    let unknown = s
        .gql(
            None,
            q,
            json!({"e": "nobody@example.com", "p": "not-the-password"}),
        )
        .await;
    assert_eq!(codes(&unknown), ["VALIDATION"]);
    assert_eq!(
        wrong["errors"][0]["message"], unknown["errors"][0]["message"],
        "no hint which part was wrong"
    );
}

#[tokio::test]
async fn failed_logins_are_rate_limited_per_email() {
    let s = Server::start().await;
    let q = "mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }";
    for _ in 0..5 {
        let r = s
            .gql(None, q, json!({"e": ADMIN_EMAIL, "p": "wrong-password"}))
            .await;
        assert_eq!(codes(&r), ["VALIDATION"]);
    }
    let r = s
        .gql(None, q, json!({"e": ADMIN_EMAIL, "p": ADMIN_PW}))
        .await;
    assert_eq!(
        codes(&r),
        ["RATE_LIMITED"],
        "even the right password waits: {r}"
    );
    s.clock.advance(16 * 60 * 1000);
    let r = s
        .gql(None, q, json!({"e": ADMIN_EMAIL, "p": ADMIN_PW}))
        .await;
    assert!(r["data"]["login"]["token"].is_string(), "{r}");
}

#[tokio::test]
async fn cookie_session_and_logout() {
    let s = Server::start().await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let login = client
        .post(s.url("/graphql"))
        .json(&json!({"query": "mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }",
                      "variables": {"e": ADMIN_EMAIL, "p": ADMIN_PW}}))
        .send()
        .await
        .unwrap();
    let cookie = login
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let me = |c: &reqwest::Client| c.post(s.url("/graphql")).json(&json!({"query": ME})).send();
    let r: serde_json::Value = me(&client).await.unwrap().json().await.unwrap();
    assert_eq!(
        r["data"]["me"]["email"], ADMIN_EMAIL,
        "the cookie authenticates"
    );
    let out: serde_json::Value = client
        .post(s.url("/graphql"))
        .json(&json!({"query": "mutation { logout }"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(out["data"]["logout"], true);
    let r: serde_json::Value = me(&client).await.unwrap().json().await.unwrap();
    assert!(r["data"]["me"].is_null(), "the session is gone: {r}");
}

#[tokio::test]
async fn sessions_expire() {
    let s = Server::start().await;
    let token = s.admin_token().await;
    s.clock.advance(15 * 24 * 3600 * 1000);
    let r = s.gql(Some(&token), ME, json!({})).await;
    assert!(r["data"]["me"].is_null(), "{r}");
}

#[tokio::test]
async fn api_token_works_until_revoked() {
    let s = Server::start().await;
    let session = s.admin_token().await;
    let made = s
        .gql(
            Some(&session),
            "mutation { createApiToken(name:\"ci\"){ token apiToken { id name } } }",
            json!({}),
        )
        .await;
    let token = made["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let id = made["data"]["createApiToken"]["apiToken"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = s.gql(Some(&token), ME, json!({})).await;
    assert_eq!(r["data"]["me"]["email"], ADMIN_EMAIL);
    let list = s
        .gql(Some(&session), "{ apiTokens { id name } }", json!({}))
        .await;
    assert_eq!(list["data"]["apiTokens"][0]["name"], "ci");
    assert!(
        !list.to_string().contains(&token),
        "the secret is shown only once"
    );
    let r = s
        .gql(
            Some(&session),
            "mutation($id:ID!){ revokeApiToken(id:$id) }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(r["data"]["revokeApiToken"], true);
    let r = s.gql(Some(&token), ME, json!({})).await;
    assert!(
        r["data"]["me"].is_null(),
        "revoked token no longer works: {r}"
    );
}

#[tokio::test]
async fn unauthenticated_and_forbidden() {
    let s = Server::start().await;
    let anon = s.gql(None, "{ users { totalCount } }", json!({})).await;
    assert_eq!(codes(&anon), ["UNAUTHENTICATED"]);
    let anon = s.gql(None, "{ apiTokens { id } }", json!({})).await;
    assert_eq!(codes(&anon), ["UNAUTHENTICATED"]);
    let admin = s.admin_token().await;
    let (_, rep) = s.user(&admin, "rep@example.com", None).await;
    for q in [
        "{ users { totalCount } }",
        "{ groups { id } }",
        "mutation { createRole(name:\"x\"){ id } }",
    ] {
        assert_eq!(
            codes(&s.gql(Some(&rep), q, json!({})).await),
            ["FORBIDDEN"],
            "{q}"
        );
    }
    let ok = s
        .gql(Some(&admin), "{ users { totalCount } }", json!({}))
        .await;
    assert_eq!(ok["data"]["users"]["totalCount"], 2);
}

#[tokio::test]
async fn users_validation_and_unique_email() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let q = "mutation($i:CreateUserInput!){ createUser(input:$i){ id } }";
    let short = s
        .gql(
            Some(&admin),
            q,
            json!({"i": {"email": "a@b.de", "name": "A", "password": "short"}}),
        )
        .await;
    assert_eq!(codes(&short), ["VALIDATION"]);
    let dup = s
        .gql(
            Some(&admin),
            q,
            json!({"i": {"email": "ADMIN@parley.local", "name": "A", "password": "Long-enough-1"}}),
        )
        .await;
    assert_eq!(
        codes(&dup),
        ["CONFLICT"],
        "emails are unique case-insensitively"
    );
}

#[tokio::test]
async fn language_choice_is_saved() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let r = s
        .gql(
            Some(&t),
            "mutation { setLanguage(language: DE){ language } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["setLanguage"]["language"], "DE");
    let r = s.gql(Some(&t), "{ me { language } }", json!({})).await;
    assert_eq!(r["data"]["me"]["language"], "DE");
}

#[tokio::test]
async fn role_hierarchy_and_groups() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let top = s
        .gql(
            Some(&t),
            "mutation { createRole(name:\"Manager\"){ id } }",
            json!({}),
        )
        .await;
    let top = top["data"]["createRole"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let child = s
        .gql(
            Some(&t),
            "mutation($p:ID){ createRole(name:\"Rep\", parentId:$p){ id parent { name } } }",
            json!({"p": top}),
        )
        .await;
    assert_eq!(child["data"]["createRole"]["parent"]["name"], "Manager");
    let r = s
        .gql(
            Some(&t),
            "mutation($id:ID!){ deleteRole(id:$id) }",
            json!({"id": top}),
        )
        .await;
    assert_eq!(codes(&r), ["CONFLICT"], "a role others report to stays");
    let (uid, _) = s.user(&t, "member@example.com", None).await;
    let g = s.gql(Some(&t), "mutation($m:[ID!]!){ createGroup(name:\"Support\", memberIds:$m){ members { email } } }", json!({"m": [uid]})).await;
    assert_eq!(
        g["data"]["createGroup"]["members"][0]["email"],
        "member@example.com"
    );
}
