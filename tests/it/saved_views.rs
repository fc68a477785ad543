//! Saved views kept in the store's own versioned form: views written by schema 8 (the JSON of
//! the API's filter input) are read, listed and applied as before after the migration.

use std::collections::BTreeSet;

use parley::messaging::model::{Conversation, Direction};
use parley::store::tables::{CONVERSATIONS, MESSAGES, MSG_BY_CONV};
use parley::store::{Json, PutRow};
use serde_json::{Value, json};

use crate::conversation_list::message;
use crate::harness::Server;

/// Views as schema 8 stored them, with the filter each should read as through the API after the
/// migration (`None`: unchanged).
fn legacy_views() -> Vec<(&'static str, Value, Option<Value>)> {
    vec![
        (
            "Offen",
            json!({"direction": "INBOUND", "ownerIsMe": true,
                   "notRepliedWithin": {"amount": 1, "unit": "HOURS"}}),
            None,
        ),
        (
            "Bilder",
            json!({"direction": "INBOUND", "type": "image", "conversationId": "conv1"}),
            None,
        ),
        (
            "Zweite Sekunde",
            json!({"from": "1970-01-01T00:00:02Z", "to": "1970-01-01T01:00:03+01:00"}),
            Some(json!({"from": "1970-01-01T00:00:02+00:00", "to": "1970-01-01T00:00:03+00:00"})),
        ),
        (
            "Kaputt",
            json!({"direction": "SIDEWAYS", "status": "RECEIVED", "ownerId": "u1", "ownerIsMe": false,
                   "period": null, "unknown": 1}),
            Some(json!({"status": "RECEIVED", "ownerId": "u1"})),
        ),
    ]
}

/// A store as schema 8 left it: one conversation of three inbound messages and the views above,
/// shared by a user who does not exist here.
fn legacy_store(dir: &std::path::Path) {
    const OLD_VIEWS: redb::TableDefinition<&str, Json<Value>> =
        redb::TableDefinition::new("message_views");
    let db = parley::store::create_at_version(&dir.join("parley.redb"), 8).unwrap();
    let tx = db.begin_write().unwrap();
    {
        let mut convs = tx.open_table(CONVERSATIONS).unwrap();
        let mut msgs = tx.open_table(MESSAGES).unwrap();
        let mut by_conv = tx.open_table(MSG_BY_CONV).unwrap();
        let mut conv = Conversation {
            id: "conv1".into(),
            profile_id: "legacy-profile".into(),
            customer_wa_id: "491510000001".into(),
            customer_name: None,
            record: None,
            last_inbound_at: None,
            last_message_at: 0,
            created_at: 0,
            last_message: None,
        };
        for (id, at, kind) in [
            ("m1", 1_000, "text"),
            ("m2", 2_000, "image"),
            ("m3", 3_000, "text"),
        ] {
            let m = message(id, "conv1", at, kind, None);
            assert_eq!(m.direction, Direction::Inbound);
            msgs.put(id, &m).unwrap();
            by_conv.insert(("conv1", id), ()).unwrap();
            conv.note_message(&m);
            conv.last_inbound_at = Some(at);
            conv.last_message_at = at;
        }
        convs.put("conv1", &conv).unwrap();
        let mut views = tx.open_table(OLD_VIEWS).unwrap();
        for (i, (name, filter, _)) in legacy_views().into_iter().enumerate() {
            let id = format!("view{i}");
            let row = json!({"id": id, "name": name, "owner_id": "legacy-owner", "shared": true,
                             "filter": filter, "created_at": 0});
            views.insert(id.as_str(), Ok(row)).unwrap();
        }
    }
    tx.commit().unwrap();
}

async fn applied(s: &Server, token: &str, filter: &Value) -> BTreeSet<String> {
    let r = s
        .gql(
            Some(token),
            "query($f:MessageFilter){ messages(filter:$f, first:50){ edges { node { id } } } }",
            json!({"f": filter}),
        )
        .await;
    r["data"]["messages"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn views_stored_as_the_api_input_are_listed_and_applied_after_the_migration() {
    let s = Server::start_prepared(|_| {}, legacy_store).await;
    let admin = s.admin_token().await;
    let r = s
        .gql(
            Some(&admin),
            "{ messageViews { id name shared mine filter } }",
            json!({}),
        )
        .await;
    let views = r["data"]["messageViews"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .clone();
    let by_name = |name: &str| -> Value {
        views
            .iter()
            .find(|v| v["name"] == name)
            .unwrap_or_else(|| panic!("{name} not in {r}"))
            .clone()
    };
    let legacy = legacy_views();
    assert_eq!(views.len(), legacy.len(), "{r}");
    for (name, sent, read) in &legacy {
        let view = by_name(name);
        assert_eq!(view["shared"], true);
        assert_eq!(view["mine"], false);
        assert_eq!(&view["filter"], read.as_ref().unwrap_or(sent), "{name}");
    }
    let ids =
        |names: &[&str]| -> BTreeSet<String> { names.iter().map(|n| n.to_string()).collect() };
    // Applied as the web app does: the view's filter sent back as `filter`.
    assert_eq!(
        applied(&s, &admin, &by_name("Offen")["filter"]).await,
        ids(&[])
    );
    assert_eq!(
        applied(&s, &admin, &by_name("Bilder")["filter"]).await,
        ids(&["m2"])
    );
    assert_eq!(
        applied(&s, &admin, &by_name("Zweite Sekunde")["filter"]).await,
        ids(&["m2"])
    );
    assert_eq!(
        applied(&s, &admin, &by_name("Kaputt")["filter"]).await,
        ids(&[])
    );
    assert_eq!(
        applied(&s, &admin, &json!({})).await,
        ids(&["m1", "m2", "m3"])
    );

    // A migrated view is changed like any other: by its owner only.
    let r = s
        .gql(
            Some(&admin),
            "mutation($i:SaveMessageViewInput!){ saveMessageView(input:$i){ id } }",
            json!({"i": {"id": by_name("Bilder")["id"], "name": "Meine", "shared": true, "filter": {}}}),
        )
        .await;
    assert_eq!(r["errors"][0]["extensions"]["code"], "FORBIDDEN", "{r}");
}
