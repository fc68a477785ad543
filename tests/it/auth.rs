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

// Issue 11 (trust): bounded login throttling, password changes, CSRF, the simulator.

const LOGIN: &str = "mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }";

#[tokio::test]
async fn login_throttle_stays_bounded_and_overlong_emails_are_refused() {
    let s = Server::start().await;
    for email in [
        "a".repeat(255),
        format!("{}@example.com", "x".repeat(1 << 20)),
    ] {
        let r = s
            .gql(None, LOGIN, json!({"e": email, "p": "whatever-it-is"}))
            .await;
        assert_eq!(codes(&r), ["VALIDATION"], "{}", &r.to_string()[..200]);
        assert_eq!(r["errors"][0]["extensions"]["field"], "email");
        assert!(
            r["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("at most 254"),
            "{}",
            r["errors"][0]["message"]
        );
    }
    assert_eq!(
        s.app.auth.login_throttle_entries(),
        0,
        "refused before any key is made"
    );
    // Unique long (valid-length) emails from one address: the address is limited after 20
    // failures, and limited attempts make no entries.
    let mut limited = 0;
    for i in 0..60 {
        let email = format!("{i:03}{}@example.com", "y".repeat(230));
        let r = s
            .gql(None, LOGIN, json!({"e": email, "p": "wrong-password"}))
            .await;
        if codes(&r) == ["RATE_LIMITED"] {
            limited += 1;
        }
    }
    assert_eq!(
        limited, 40,
        "the client address is limited after 20 failures"
    );
    let entries = s.app.auth.login_throttle_entries();
    assert!(
        entries <= 21,
        "20 emails and one address remembered, not {entries}"
    );
}

#[tokio::test]
async fn change_password_ends_the_other_sessions_only() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let (_, current) = s.user(&admin, "pw@example.com", None).await;
    let other = s.login("pw@example.com", "User-Passw0rd-1").await;
    let made = s
        .gql(
            Some(&current),
            "mutation { createApiToken(name:\"ci\"){ token } }",
            json!({}),
        )
        .await;
    let api = made["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    // Guessing the current password is throttled like a sign-in.
    let change =
        "mutation($c:String!,$n:String!){ changePassword(currentPassword:$c, newPassword:$n) }";
    for _ in 0..4 {
        let r = s
            .gql(
                Some(&other),
                change,
                json!({"c": "a-wrong-guess", "n": "Whatever-Passw0rd"}),
            )
            .await;
        assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    }
    let mut ws = crate::subscriptions::connect(&s, &other).await;
    let r = s
        .gql(
            Some(&current),
            "mutation($c:String!,$n:String!){ changePassword(currentPassword:$c, newPassword:$n) }",
            json!({"c": "User-Passw0rd-1", "n": "Brand-New-Passw0rd"}),
        )
        .await;
    assert_eq!(r["data"]["changePassword"], true, "{r}");
    let me = |t: String| {
        let s = &s;
        async move { s.gql(Some(&t), ME, json!({})).await["data"]["me"]["email"].clone() }
    };
    assert_eq!(
        me(current.clone()).await,
        "pw@example.com",
        "this session stays"
    );
    assert!(me(other.clone()).await.is_null(), "the other session ended");
    assert_eq!(
        me(api).await,
        "pw@example.com",
        "API tokens are not sessions"
    );
    // The other session's open websocket is closed too.
    let closed = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        use futures_util::StreamExt;
        loop {
            match ws.next().await {
                Some(Ok(tokio_tungstenite::tungstenite::Message::Close(c))) => {
                    return c.map_or(0, |c| u16::from(c.code));
                }
                Some(Ok(_)) => {}
                None | Some(Err(_)) => return 0,
            }
        }
    })
    .await
    .expect("the other session's websocket stayed open");
    assert_eq!(closed, 4401);
    let mut limited = false;
    for _ in 0..5 {
        let r = s
            .gql(
                Some(&current),
                change,
                json!({"c": "a-wrong-guess", "n": "Whatever-Passw0rd"}),
            )
            .await;
        limited |= codes(&r) == ["RATE_LIMITED"];
    }
    assert!(limited, "wrong current passwords are limited like sign-ins");
    s.clock.advance(16 * 60 * 1000);
    let old = s
        .gql(
            None,
            LOGIN,
            json!({"e": "pw@example.com", "p": "User-Passw0rd-1"}),
        )
        .await;
    assert_eq!(codes(&old), ["VALIDATION"]);
    s.login("pw@example.com", "Brand-New-Passw0rd").await;
}

/// A client that keeps the session cookie, signed in as the admin.
async fn cookie_client(s: &Server) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = c
        .post(s.url("/graphql"))
        .json(&json!({"query": LOGIN, "variables": {"e": ADMIN_EMAIL, "p": ADMIN_PW}}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    c
}

#[tokio::test]
async fn cookie_posts_must_be_json_from_our_origin() {
    let s = Server::start().await;
    let c = cookie_client(&s).await;
    let mutation =
        json!({"query": "mutation { createApiToken(name:\"csrf\"){ token } }"}).to_string();
    let form = format!(
        "query={}",
        "mutation%20%7B%20createApiToken(name%3A%22csrf%22)%7B%20token%20%7D%20%7D"
    );
    for (ctype, body) in [
        (Some("text/plain"), mutation.clone()),
        (Some("text/plain;charset=UTF-8"), mutation.clone()),
        (Some("application/x-www-form-urlencoded"), form.clone()),
        (Some("multipart/form-data; boundary=x"), mutation.clone()),
        (None, mutation.clone()),
    ] {
        let mut req = c.post(s.url("/graphql")).body(body);
        if let Some(t) = ctype {
            req = req.header("content-type", t);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status().as_u16(), 415, "{ctype:?}");
        assert!(r.text().await.unwrap().contains("application/json"));
    }
    let foreign = c
        .post(s.url("/graphql"))
        .header("content-type", "application/json")
        .header("origin", "https://evil.example")
        .body(mutation.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status().as_u16(), 403);
    let admin = s.admin_token().await;
    let tokens = s.gql(Some(&admin), "{ apiTokens { id } }", json!({})).await;
    assert_eq!(
        tokens["data"]["apiTokens"],
        json!([]),
        "nothing refused ran: {tokens}"
    );

    // Our own web app: JSON from our origin.
    let own: serde_json::Value = c
        .post(s.url("/graphql"))
        .header("content-type", "application/json")
        .header("origin", format!("http://{}", s.addr))
        .body(json!({"query": ME}).to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(own["data"]["me"]["email"], ADMIN_EMAIL, "{own}");
    // Bearer clients are unaffected: no ambient credential, any content type.
    let bearer: serde_json::Value = s
        .http
        .post(s.url("/graphql"))
        .bearer_auth(&admin)
        .header("content-type", "text/plain")
        .header("origin", "https://tool.example")
        .body(json!({"query": ME}).to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(bearer["data"]["me"]["email"], ADMIN_EMAIL, "{bearer}");
}

async fn ws_with_cookie(
    s: &Server,
    cookie: &str,
    origin: Option<&str>,
) -> Result<crate::subscriptions::Ws, u16> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = format!("ws://{}/graphql/ws", s.addr)
        .into_client_request()
        .unwrap();
    let h = req.headers_mut();
    h.insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    h.insert("cookie", cookie.parse().unwrap());
    if let Some(o) = origin {
        h.insert("origin", o.parse().unwrap());
    }
    match tokio_tungstenite::connect_async(req).await {
        Ok((ws, _)) => Ok(ws),
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => Err(r.status().as_u16()),
        Err(e) => panic!("{e}"),
    }
}

#[tokio::test]
async fn cookie_websockets_must_come_from_our_origin() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let s = Server::start().await;
    let token = s.admin_token().await;
    let cookie = format!("parley_session={token}");
    for origin in [
        "https://evil.example",
        "null",
        "http://127.0.0.1.evil.example",
    ] {
        assert_eq!(
            ws_with_cookie(&s, &cookie, Some(origin)).await.err(),
            Some(403),
            "{origin}"
        );
    }
    let own = format!("http://{}", s.addr);
    for origin in [Some(own.as_str()), None] {
        let mut ws = ws_with_cookie(&s, &cookie, origin).await.unwrap();
        ws.send(Message::Text(
            json!({"type": "connection_init"}).to_string().into(),
        ))
        .await
        .unwrap();
        let ack = crate::subscriptions::next_json(&mut ws).await;
        assert_eq!(ack["type"], "connection_ack", "{ack}");
        crate::subscriptions::subscribe(&mut ws, "1", ME).await;
        let r = crate::subscriptions::next_json(&mut ws).await;
        assert_eq!(
            r["payload"]["data"]["me"]["email"], ADMIN_EMAIL,
            "the cookie authenticates: {r}"
        );
    }
}

#[tokio::test]
async fn session_cookie_is_secure_when_the_public_url_is_https() {
    let login_cookie = |s: &Server| {
        let req = s
            .http
            .post(s.url("/graphql"))
            .json(&json!({"query": LOGIN, "variables": {"e": ADMIN_EMAIL, "p": ADMIN_PW}}));
        async move {
            let r = req.send().await.unwrap();
            r.headers()["set-cookie"].to_str().unwrap().to_string()
        }
    };
    let plain = Server::start().await;
    let cookie = login_cookie(&plain).await;
    assert!(!cookie.contains("Secure"), "{cookie}");
    drop(plain);
    let https =
        Server::start_tuned(|c| c.public_url = Some("https://crm.example.com/".into())).await;
    let cookie = login_cookie(&https).await;
    assert!(
        cookie.contains("; Secure")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    // The public URL's origin is ours even when the Host header says otherwise (a proxy).
    let token = https.admin_token().await;
    let r = https
        .http
        .post(https.url("/graphql"))
        .header("cookie", format!("parley_session={token}"))
        .header("origin", "https://crm.example.com")
        .json(&json!({"query": ME}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let r: serde_json::Value = r.json().await.unwrap();
    assert_eq!(r["data"]["me"]["email"], ADMIN_EMAIL, "{r}");
}

#[tokio::test]
async fn the_demo_simulator_is_for_administrators_only() {
    let wa = crate::whatsapp::Wa::start().await;
    let _ = wa.s.app.sandbox.set(wa.sandbox.clone());
    let (_, rep) = wa.s.user(&wa.admin, "rep@example.com", None).await;
    let send = "mutation($i:SimulateMessageInput!){ simulateCustomerMessage(input:$i) }";
    let input =
        json!({"i": {"waId": "4915133330003", "name": "Kim", "type": "text", "text": "hi"}});
    let thread = "{ simulatorThread(waId:\"4915133330003\"){ wamid direction } }";
    assert_eq!(
        codes(&wa.s.gql(Some(&rep), send, input.clone()).await),
        ["FORBIDDEN"]
    );
    assert_eq!(
        codes(&wa.s.gql(Some(&rep), thread, json!({})).await),
        ["FORBIDDEN"]
    );
    let info =
        wa.s.gql(Some(&rep), "{ simulator { phoneNumberId } }", json!({}))
            .await;
    assert!(
        info["data"]["simulator"].is_null(),
        "hidden from non-admins: {info}"
    );

    let sent = wa.gql(send, input).await;
    let wamid = sent["data"]["simulateCustomerMessage"]
        .as_str()
        .unwrap_or_else(|| panic!("{sent}"))
        .to_string();
    let t = wa.gql(thread, json!({})).await;
    assert_eq!(
        t["data"]["simulatorThread"][0]["wamid"],
        wamid.as_str(),
        "{t}"
    );
    let info = wa.gql("{ simulator { phoneNumberId } }", json!({})).await;
    assert_eq!(info["data"]["simulator"]["phoneNumberId"], wa.pnid.as_str());
}
