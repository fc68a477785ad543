//! The conversation list's index: newest activity first across pages, the stored last message,
//! visibility following record owners, and the migration that builds the index for stores
//! written before it.

use parley::clock::Millis;
use parley::crm::model::RecordRow;
use parley::messaging::model::{Conversation, Direction, Message, RecordRef, Status};
use parley::store::PutRow;
use parley::store::tables::{
    CONVERSATIONS, MESSAGES, MSG_BY_CONV, RECORD_COUNTS, RECORDS, RECORDS_BY_MODIFIED,
};
use serde_json::{Value, json};

use crate::harness::Server;
use crate::whatsapp::{Wa, fixture};

const LIST: &str = "query($f:ConversationFilter,$first:Int,$after:String){ conversations(filter:$f, first:$first, after:$after){ totalCount pageInfo { hasNextPage endCursor } edges { node { id customerWaId record { id } lastMessage { id type } } } } }";

async fn list(s: &Server, token: &str, filter: Value, first: i64, after: Option<&str>) -> Value {
    let r = s
        .gql(
            Some(token),
            LIST,
            json!({"f": filter, "first": first, "after": after}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["conversations"].clone()
}

fn customers(page: &Value) -> Vec<String> {
    page["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["customerWaId"].as_str().unwrap().to_string())
        .collect()
}

fn node<'a>(page: &'a Value, wa_id: &str) -> &'a Value {
    &page["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["customerWaId"] == wa_id)
        .unwrap_or_else(|| panic!("{wa_id} not in {page}"))["node"]
}

async fn inbound(wa: &Wa, file: &str, waid: &str, wamid: &str, ts: i64) {
    let body = fixture(
        file,
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", waid),
            ("WAMID", wamid),
            ("TS", &ts.to_string()),
            ("NAME", "Kundin"),
        ],
    );
    assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    wa.until(wamid, |w| w.s.app.messaging.store_has_wamid(wamid))
        .await;
}

fn id_of(wa: &Wa, wamid: &str) -> String {
    wa.s.app.messaging.message_by_wamid(wamid).unwrap().id
}

#[tokio::test]
async fn the_list_pages_by_last_activity_and_previews_the_last_message() {
    let wa = Wa::start().await;
    let (a, b, c) = ("4915100000001", "4915100000002", "4915100000003");
    inbound(&wa, "inbound_text.json", a, "wamid.A1", 1_764_000_000).await;
    inbound(&wa, "inbound_text.json", b, "wamid.B1", 1_764_000_100).await;
    // The reaction fixture reacts to this wamid.
    inbound(
        &wa,
        "inbound_text.json",
        c,
        "wamid.SOMETHING",
        1_764_000_200,
    )
    .await;

    let first = list(&wa.s, &wa.admin, json!(null), 2, None).await;
    assert_eq!(customers(&first), [c, b]);
    assert_eq!(first["totalCount"], 3);
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    let cursor = first["pageInfo"]["endCursor"].as_str().unwrap().to_string();
    let second = list(&wa.s, &wa.admin, json!(null), 2, Some(&cursor)).await;
    assert_eq!(customers(&second), [a]);
    assert_eq!(second["totalCount"], 3);
    assert_eq!(second["pageInfo"]["hasNextPage"], false);
    assert_eq!(
        node(&second, a)["lastMessage"]["id"],
        id_of(&wa, "wamid.A1")
    );

    // A new message moves its conversation to the top and becomes its preview.
    inbound(&wa, "inbound_text.json", a, "wamid.A2", 1_764_000_300).await;
    let all = list(&wa.s, &wa.admin, json!(null), 50, None).await;
    assert_eq!(customers(&all), [a, c, b]);
    assert_eq!(node(&all, a)["lastMessage"]["id"], id_of(&wa, "wamid.A2"));

    // A reaction is activity, but the preview stays on what was said.
    inbound(&wa, "inbound_reaction.json", c, "wamid.C2", 1_764_000_400).await;
    let all = list(&wa.s, &wa.admin, json!(null), 50, None).await;
    assert_eq!(customers(&all), [c, a, b]);
    assert_eq!(
        node(&all, c)["lastMessage"]["id"],
        id_of(&wa, "wamid.SOMETHING")
    );

    // Filters count what they match.
    let record_a = node(&all, a)["record"]["id"].clone();
    let only_a = list(&wa.s, &wa.admin, json!({"recordId": record_a}), 50, None).await;
    assert_eq!(customers(&only_a), [a]);
    assert_eq!(only_a["totalCount"], 1);
    let profile = list(
        &wa.s,
        &wa.admin,
        json!({"profileId": wa.profile_id}),
        1,
        None,
    )
    .await;
    assert_eq!(customers(&profile), [c]);
    assert_eq!(profile["totalCount"], 3);
    let other = list(&wa.s, &wa.admin, json!({"module": "Contacts"}), 50, None).await;
    assert_eq!(other["totalCount"], 0);
}

#[tokio::test]
async fn the_list_follows_record_owners() {
    let wa = Wa::start().await;
    let (a, b) = ("4915100000011", "4915100000012");
    inbound(&wa, "inbound_text.json", a, "wamid.OA", 1_764_000_000).await;
    inbound(&wa, "inbound_text.json", b, "wamid.OB", 1_764_000_100).await;
    let (rep, token) = wa.s.user(&wa.admin, "rep@example.com", None).await;
    let mine = list(&wa.s, &token, json!(null), 50, None).await;
    assert_eq!(mine["totalCount"], 0, "{mine}");
    assert!(customers(&mine).is_empty());

    let all = list(&wa.s, &wa.admin, json!(null), 50, None).await;
    let record_b = node(&all, b)["record"]["id"].as_str().unwrap().to_string();
    let r = wa
        .gql(
            "mutation($id:ID!,$v:JSON!){ updateRecord(module:\"Leads\", id:$id, values:$v){ id } }",
            json!({"id": record_b, "v": {"Owner": rep}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let mine = list(&wa.s, &token, json!(null), 50, None).await;
    assert_eq!(customers(&mine), [b]);
    assert_eq!(mine["totalCount"], 1);
    // A new message keeps the conversation with the record's owner.
    inbound(&wa, "inbound_text.json", b, "wamid.OB2", 1_764_000_200).await;
    let mine = list(&wa.s, &token, json!(null), 50, None).await;
    assert_eq!(customers(&mine), [b]);
    assert_eq!(mine["totalCount"], 1);

    // Without its record, only administrators see the conversation.
    let r = wa
        .gql(
            "mutation($id:ID!){ deleteRecord(module:\"Leads\", id:$id) }",
            json!({"id": record_b}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let mine = list(&wa.s, &token, json!(null), 50, None).await;
    assert_eq!(mine["totalCount"], 0);
    assert!(customers(&mine).is_empty());
    let all = list(&wa.s, &wa.admin, json!(null), 50, None).await;
    assert_eq!(customers(&all), [b, a]);
    assert_eq!(all["totalCount"], 2);
}

pub(crate) fn message(
    id: &str,
    conv: &str,
    at: Millis,
    kind: &str,
    reply_to: Option<&str>,
) -> Message {
    Message {
        id: id.into(),
        conversation_id: conv.into(),
        provider: "whatsapp".into(),
        wamid: None,
        direction: Direction::Inbound,
        kind: kind.into(),
        text: Some(format!("text of {id}")),
        status: Status::Received,
        timestamp: at,
        error_code: None,
        error_message: None,
        template_id: None,
        sent_by: None,
        reply_to: reply_to.map(String::from),
        media: None,
        raw: None,
        payload: None,
        first_reply: None,
        reactions: vec![],
        edits: vec![],
        edited_at: None,
        deleted_at: None,
    }
}

/// A store as schema 7 left it: conversations without a stored last message and no list
/// index; three conversations on records of a user who does not exist here, one without one.
fn legacy_store(dir: &std::path::Path) {
    let db = parley::store::create_at_version(&dir.join("parley.redb"), 7).unwrap();
    let tx = db.begin_write().unwrap();
    {
        let mut records = tx.open_table(RECORDS).unwrap();
        let mut by_modified = tx.open_table(RECORDS_BY_MODIFIED).unwrap();
        let mut convs = tx.open_table(CONVERSATIONS).unwrap();
        let mut msgs = tx.open_table(MESSAGES).unwrap();
        let mut by_conv = tx.open_table(MSG_BY_CONV).unwrap();
        let mut values = serde_json::Map::new();
        values.insert("Last_Name".into(), json!("Legacy"));
        for (i, at) in [(1, 3_000), (2, 9_000), (3, 6_000), (4, 1_000)] {
            let conv = format!("conv{i}");
            let record = (i != 4).then(|| format!("lead{i}"));
            if let Some(r) = &record {
                records
                    .put(
                        ("Leads", r.as_str()),
                        &RecordRow {
                            id: r.clone(),
                            module: "Leads".into(),
                            owner_id: "legacy-owner".into(),
                            values: values.clone(),
                            created_at: 0,
                            created_by: "legacy-owner".into(),
                            modified_at: 0,
                            modified_by: "legacy-owner".into(),
                        },
                    )
                    .unwrap();
                by_modified
                    .insert(("Leads", 0, r.as_str()), "legacy-owner")
                    .unwrap();
            }
            convs
                .put(
                    conv.as_str(),
                    &Conversation {
                        id: conv.clone(),
                        profile_id: "legacy-profile".into(),
                        customer_wa_id: format!("49151000000{i}"),
                        customer_name: None,
                        record: record.map(|id| RecordRef {
                            module: "Leads".into(),
                            id,
                        }),
                        last_inbound_at: Some(at),
                        last_message_at: at,
                        created_at: 0,
                        last_message: None,
                    },
                )
                .unwrap();
            let thread = [
                message(&format!("m{i}a"), &conv, at - 500, "text", None),
                message(&format!("m{i}b"), &conv, at - 100, "text", None),
                message(
                    &format!("m{i}c"),
                    &conv,
                    at,
                    "reaction",
                    Some(&format!("m{i}a")),
                ),
            ];
            for m in &thread {
                msgs.put(m.id.as_str(), m).unwrap();
                by_conv.insert((conv.as_str(), m.id.as_str()), ()).unwrap();
            }
        }
        tx.open_table(RECORD_COUNTS)
            .unwrap()
            .insert(("Leads", "legacy-owner"), 3)
            .unwrap();
    }
    tx.commit().unwrap();
}

#[tokio::test]
async fn conversations_stored_before_the_list_index_are_listed_after_the_migration() {
    let s = Server::start_prepared(|_| {}, legacy_store).await;
    let admin = s.admin_token().await;
    let all = list(&s, &admin, json!(null), 2, None).await;
    let ids = |p: &Value| -> Vec<String> {
        p["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&all), ["conv2", "conv3"]);
    assert_eq!(all["totalCount"], 4);
    let cursor = all["pageInfo"]["endCursor"].as_str().unwrap().to_string();
    let rest = list(&s, &admin, json!(null), 2, Some(&cursor)).await;
    assert_eq!(ids(&rest), ["conv1", "conv4"]);
    for e in all["edges"].as_array().unwrap() {
        let n = &e["node"];
        let conv = n["id"].as_str().unwrap();
        assert_eq!(
            n["lastMessage"]["id"],
            format!("m{}b", conv.trim_start_matches("conv")),
            "the newest message that is not a reaction: {n}"
        );
    }

    // The owner counts came along: a user sees nothing until a record is theirs.
    let (rep, token) = s.user(&admin, "rep@example.com", None).await;
    assert_eq!(
        list(&s, &token, json!(null), 50, None).await["totalCount"],
        0
    );
    let r = s
        .gql(
            Some(&admin),
            "mutation($v:JSON!){ updateRecord(module:\"Leads\", id:\"lead3\", values:$v){ id } }",
            json!({"v": {"Owner": rep}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let mine = list(&s, &token, json!(null), 50, None).await;
    assert_eq!(ids(&mine), ["conv3"]);
    assert_eq!(mine["totalCount"], 1);
    let all = list(&s, &admin, json!(null), 50, None).await;
    assert_eq!(all["totalCount"], 4);

    // The records' field index came along too: sorted lists see every record.
    let r = s
        .gql(
            Some(&admin),
            "{ records(module:\"Leads\", sortBy:\"Last_Name\"){ totalCount edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["records"]["totalCount"], 3, "{r}");
    assert_eq!(r["data"]["records"]["edges"].as_array().unwrap().len(), 3);
}

/// The start page looks back seven days (`Messaging::home`): a customer left unanswered longer
/// ago is in the list but not among "unanswered", and costs the start page nothing.
#[tokio::test]
async fn the_start_page_leaves_out_conversations_unanswered_for_more_than_a_week() {
    let wa = Wa::start().await;
    let (old, recent) = ("4915100000011", "4915100000012");
    let secs = |wa: &Wa| wa.s.app.clock.now() / 1000;
    inbound(&wa, "inbound_text.json", old, "wamid.OLD", secs(&wa)).await;
    wa.s.clock.advance(8 * parley::clock::DAY_MS);
    inbound(&wa, "inbound_text.json", recent, "wamid.NEW", secs(&wa)).await;

    let all = list(&wa.s, &wa.admin, json!(null), 50, None).await;
    assert_eq!(customers(&all), [recent, old]);
    let r = wa
        .gql(
            "{ home { unansweredCount unanswered { customerWaId } closingSoonCount signalsCount more } }",
            json!({}),
        )
        .await;
    let h = &r["data"]["home"];
    assert_eq!(h["unansweredCount"], 1, "{r}");
    assert_eq!(h["unanswered"][0]["customerWaId"], recent);
    assert_eq!(h["signalsCount"], 1);
    assert_eq!(h["closingSoonCount"], 0);
    assert_eq!(h["more"], false);
}
