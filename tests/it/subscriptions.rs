use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::harness::Server;

pub type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub async fn connect(s: &Server, token: &str) -> Ws {
    let mut req = format!("ws://{}/graphql/ws", s.addr)
        .into_client_request()
        .unwrap();
    req.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(req).await.unwrap();
    let init =
        json!({"type": "connection_init", "payload": {"authorization": format!("Bearer {token}")}});
    ws.send(Message::Text(init.to_string().into()))
        .await
        .unwrap();
    let ack = next_json(&mut ws).await;
    assert_eq!(ack["type"], "connection_ack", "{ack}");
    ws
}

pub async fn next_json(ws: &mut Ws) -> Value {
    loop {
        match ws.next().await.unwrap().unwrap() {
            Message::Text(t) => return serde_json::from_str(&t).unwrap(),
            Message::Close(c) => panic!("closed: {c:?}"),
            _ => continue,
        }
    }
}

pub async fn subscribe(ws: &mut Ws, id: &str, query: &str) {
    let msg = json!({"id": id, "type": "subscribe", "payload": {"query": query}});
    ws.send(Message::Text(msg.to_string().into()))
        .await
        .unwrap();
}

#[tokio::test]
async fn notification_arrives_over_graphql_ws_after_a_mutation() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let (uid, member) = s.user(&admin, "member@example.com", None).await;
    let (_, other) = s.user(&admin, "other@example.com", None).await;
    let mut ws = connect(&s, &member).await;
    subscribe(
        &mut ws,
        "1",
        "subscription { notifications { title kind } }",
    )
    .await;
    let mut ws_other = connect(&s, &other).await;
    subscribe(
        &mut ws_other,
        "1",
        "subscription { notifications { title } }",
    )
    .await;
    // The subscription is registered once the server has seen it; a ping round-trip proves that.
    for w in [&mut ws, &mut ws_other] {
        w.send(Message::Text(json!({"type": "ping"}).to_string().into()))
            .await
            .unwrap();
        assert_eq!(next_json(w).await["type"], "pong");
    }
    let r = s
        .gql(
            Some(&admin),
            "mutation($m:[ID!]!){ createGroup(name:\"Night shift\", memberIds:$m){ id } }",
            json!({"m": [uid]}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let ev = next_json(&mut ws).await;
    assert_eq!(ev["type"], "next", "{ev}");
    assert_eq!(
        ev["payload"]["data"]["notifications"]["title"],
        "You were added to the group Night shift"
    );
    let count = s
        .gql(
            Some(&member),
            "{ notifications { unreadCount totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(count["data"]["notifications"]["unreadCount"], 1);
    // The other user got nothing: after a ping, the next frame is the pong.
    ws_other
        .send(Message::Text(json!({"type": "ping"}).to_string().into()))
        .await
        .unwrap();
    assert_eq!(next_json(&mut ws_other).await["type"], "pong");
}

#[tokio::test]
async fn websocket_with_bad_token_is_refused() {
    let s = Server::start().await;
    let mut req = format!("ws://{}/graphql/ws", s.addr)
        .into_client_request()
        .unwrap();
    req.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(req).await.unwrap();
    let init = json!({"type": "connection_init", "payload": {"authorization": "Bearer nope"}});
    ws.send(Message::Text(init.to_string().into()))
        .await
        .unwrap();
    loop {
        match ws.next().await {
            Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
            Some(Ok(Message::Text(t))) => assert_ne!(
                serde_json::from_str::<Value>(&t).unwrap()["type"],
                "connection_ack"
            ),
            _ => {}
        }
    }
}

// Issue 11, item 6: a websocket never outlives the session or the rights it was opened with.

const MESSAGE_EVENTS: &str = "subscription { messageEvents { kind message { wamid } } }";
const NOTIFICATIONS: &str = "subscription { notifications { title } }";

async fn inbound(wa: &crate::whatsapp::Wa, waid: &str, wamid: &str) {
    let body = crate::whatsapp::fixture(
        "inbound_text.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", waid),
            ("WAMID", wamid),
            ("TS", "1764000000"),
            ("NAME", "Erika Mustermann"),
        ],
    );
    assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
}

/// Proves the server has registered the subscriptions sent so far.
async fn ping(ws: &mut Ws) {
    ws.send(Message::Text(json!({"type": "ping"}).to_string().into()))
        .await
        .unwrap();
    assert_eq!(next_json(ws).await["type"], "pong");
}

/// Reads frames until a `next` for subscription `id` carries `wamid`; returns the others' ids.
async fn until_delivered(ws: &mut Ws, id: &str, wamid: &str) -> Vec<String> {
    let mut others = vec![];
    loop {
        let f = tokio::time::timeout(std::time::Duration::from_secs(30), next_json(ws))
            .await
            .expect("no delivery");
        assert_eq!(f["type"], "next", "{f}");
        if f["id"] == id {
            assert_eq!(
                f["payload"]["data"]["messageEvents"]["message"]["wamid"], wamid,
                "{f}"
            );
            return others;
        }
        others.push(f["id"].as_str().unwrap_or_default().to_string());
    }
}

/// Reads until the server closes the socket, failing on any delivery; returns the close code.
async fn closed_without_delivery(ws: &mut Ws) -> u16 {
    tokio::time::timeout(std::time::Duration::from_secs(20), async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Text(t))) => {
                    let f: Value = serde_json::from_str(&t).unwrap();
                    assert_ne!(f["type"], "next", "delivered after the change: {f}");
                }
                Some(Ok(Message::Close(c))) => return c.map_or(0, |c| u16::from(c.code)),
                Some(Ok(_)) => {}
                None | Some(Err(_)) => return 0,
            }
        }
    })
    .await
    .expect("the socket stayed open and silent")
}

/// A second administrator (so the harness admin can demote or deactivate them), signed in.
async fn second_admin(wa: &crate::whatsapp::Wa) -> (String, String) {
    let r = wa
        .gql(
            "mutation($i:CreateUserInput!){ createUser(input:$i){ id } }",
            json!({"i": {"email": "x@example.com", "name": "X", "password": "User-Passw0rd-1", "isAdmin": true}}),
        )
        .await;
    let id = r["data"]["createUser"]["id"].as_str().unwrap().to_string();
    (id, wa.s.login("x@example.com", "User-Passw0rd-1").await)
}

/// X subscribed to both streams and seen to receive one inbound message on each.
async fn subscribed_and_receiving(wa: &crate::whatsapp::Wa, token: &str) -> Ws {
    let mut ws = connect(&wa.s, token).await;
    subscribe(&mut ws, "m", MESSAGE_EVENTS).await;
    subscribe(&mut ws, "n", NOTIFICATIONS).await;
    ping(&mut ws).await;
    inbound(wa, "4915111110001", "wamid.BEFORE").await;
    let others = until_delivered(&mut ws, "m", "wamid.BEFORE").await;
    if !others.contains(&"n".to_string()) {
        let n = next_json(&mut ws).await;
        assert_eq!(
            (n["type"].as_str(), n["id"].as_str()),
            (Some("next"), Some("n")),
            "{n}"
        );
    }
    ws
}

#[tokio::test]
async fn subscriptions_stop_at_logout() {
    let wa = crate::whatsapp::Wa::start().await;
    let (_, x) = second_admin(&wa).await;
    let mut ws = subscribed_and_receiving(&wa, &x).await;
    let out = wa.s.gql(Some(&x), "mutation { logout }", json!({})).await;
    assert_eq!(out["data"]["logout"], true, "{out}");
    inbound(&wa, "4915111110001", "wamid.AFTER").await;
    assert_eq!(closed_without_delivery(&mut ws).await, 4401);
}

#[tokio::test]
async fn subscriptions_stop_when_the_user_is_deactivated() {
    let wa = crate::whatsapp::Wa::start().await;
    let (id, x) = second_admin(&wa).await;
    let mut ws = subscribed_and_receiving(&wa, &x).await;
    let r = wa
        .gql(
            "mutation($id:ID!){ updateUser(id:$id, input:{active:false}){ active } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(r["data"]["updateUser"]["active"], false, "{r}");
    inbound(&wa, "4915111110001", "wamid.AFTER").await;
    assert_eq!(closed_without_delivery(&mut ws).await, 4401);
}

#[tokio::test]
async fn subscriptions_follow_a_role_change_that_shrinks_visibility() {
    let wa = crate::whatsapp::Wa::start().await;
    let (id, x) = second_admin(&wa).await;
    let mut ws = subscribed_and_receiving(&wa, &x).await;
    let r = wa
        .gql(
            "mutation($id:ID!){ updateUser(id:$id, input:{isAdmin:false}){ isAdmin } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(r["data"]["updateUser"]["isAdmin"], false, "{r}");
    // The admin-owned lead of 4915111110001 is no longer X's to see.
    inbound(&wa, "4915111110001", "wamid.HIDDEN1").await;
    assert_eq!(closed_without_delivery(&mut ws).await, 4403);

    // Reconnected with the same (still valid) session, X sees only what the new rights allow.
    let mut ws = connect(&wa.s, &x).await;
    subscribe(&mut ws, "m", MESSAGE_EVENTS).await;
    ping(&mut ws).await;
    let own =
        wa.s.gql(
            Some(&x),
            "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
            json!({"v": {"Last_Name": "Mine", "Mobile": "+4915122220002"}}),
        )
        .await;
    assert!(own["errors"].is_null(), "{own}");
    inbound(&wa, "4915111110001", "wamid.HIDDEN2").await;
    inbound(&wa, "4915122220002", "wamid.MINE").await;
    let others = until_delivered(&mut ws, "m", "wamid.MINE").await;
    assert!(others.is_empty(), "{others:?}");
}

/// Issue 11, item 2: what a connection may hold is bounded too (each subscription holds a bus
/// receiver): finished operations free their slot, and more than 64 at once close the socket.
#[tokio::test]
async fn a_websocket_runs_a_bounded_number_of_operations() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let mut ws = connect(&s, &admin).await;
    // Queries complete at once and free their slot.
    for i in 0..100 {
        subscribe(&mut ws, &format!("q{i}"), "{ me { email } }").await;
        assert_eq!(next_json(&mut ws).await["type"], "next");
        assert_eq!(next_json(&mut ws).await["type"], "complete");
    }
    for i in 0..64 {
        subscribe(&mut ws, &format!("s{i}"), NOTIFICATIONS).await;
    }
    ws.send(Message::Text(json!({"type": "ping"}).to_string().into()))
        .await
        .unwrap();
    assert_eq!(next_json(&mut ws).await["type"], "pong", "64 are fine");
    subscribe(&mut ws, "one-too-many", NOTIFICATIONS).await;
    assert_eq!(closed_without_delivery(&mut ws).await, 1008);
}

#[tokio::test]
async fn group_notification_is_written_in_the_members_language() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let (uid, member) = s.user(&admin, "mitglied@example.com", None).await;
    s.gql(
        Some(&member),
        "mutation { setLanguage(language: DE){ language } }",
        json!({}),
    )
    .await;
    let r = s
        .gql(
            Some(&admin),
            "mutation($m:[ID!]!){ createGroup(name:\"Nachtschicht\", memberIds:$m){ id } }",
            json!({"m": [uid]}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let n = s
        .gql(
            Some(&member),
            "{ notifications { edges { node { title } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        n["data"]["notifications"]["edges"][0]["node"]["title"],
        "Sie wurden der Gruppe Nachtschicht hinzugefügt",
        "{n}"
    );
}
