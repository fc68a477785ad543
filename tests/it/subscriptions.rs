use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::harness::Server;

type Ws =
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
