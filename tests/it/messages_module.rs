//! The Messages module on the search index (F15, F24–F27): filters on a data set with known
//! answers, saved views, German/English search with snippets, and visibility across reps in
//! lists, counts, snippets and notifications.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::harness::codes;
use crate::whatsapp::Wa;

const HOUR: i64 = 3_600_000;

/// Ids of the messages matching `filter`/`search` as the holder of `token`, and the total.
async fn ids(wa: &Wa, token: &str, filter: Value, search: Option<&str>) -> (BTreeSet<String>, i64) {
    let r = wa
        .s
        .gql(
            Some(token),
            "query($f:MessageFilter,$s:String){ messages(filter:$f, search:$s, first:500){ totalCount edges { node { id } } } }",
            json!({"f": filter, "s": search}),
        )
        .await;
    let conn = &r["data"]["messages"];
    let ids = conn["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect();
    (ids, conn["totalCount"].as_i64().unwrap())
}

fn set(ids: &[&String]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Two reps in sibling roles under a manager, each owning one lead with a conversation.
struct World {
    wa: Wa,
    mgr: String,
    rep_a: (String, String),
    rep_b: (String, String),
    /// Customer A's first message (answered after 2 h by rep A), rep A's reply, customer
    /// B's message (never answered), customer A's second message (fresh).
    a1: String,
    reply: String,
    b1: String,
    a2: String,
    t0: i64,
}

async fn customer_writes(wa: &Wa, wa_id: &str, name: &str, text: &str) -> String {
    let wamid = wa
        .sandbox
        .customer_send(
            &wa.pnid,
            wa_id,
            name,
            json!({"type": "text", "text": {"body": text}}),
        )
        .await
        .unwrap();
    wa.until("inbound", |w| w.s.app.messaging.store_has_wamid(&wamid))
        .await;
    wa.s.app.messaging.message_by_wamid(&wamid).unwrap().id
}

async fn world() -> World {
    let wa = Wa::start().await;
    let admin = wa.admin.clone();
    let mgr_role = wa.s.role(&admin, "Manager", None).await;
    let a_role = wa.s.role(&admin, "Rep A", Some(&mgr_role)).await;
    let b_role = wa.s.role(&admin, "Rep B", Some(&mgr_role)).await;
    let (_, mgr) = wa.s.user(&admin, "mgr@example.com", Some(&mgr_role)).await;
    let rep_a = wa.s.user(&admin, "a@example.com", Some(&a_role)).await;
    let rep_b = wa.s.user(&admin, "b@example.com", Some(&b_role)).await;
    for (owner, first, mobile) in [
        (&rep_a.0, "Anna", "+49 151 11111111"),
        (&rep_b.0, "Bernd", "+49 151 22222222"),
    ] {
        let r = wa
            .gql(
                "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
                json!({"v": {"First_Name": first, "Last_Name": "Kunde", "Mobile": mobile, "Owner": owner}}),
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let t0 = wa.s.app.clock.now();
    let a1 = customer_writes(
        &wa,
        "4915111111111",
        "Anna Kunde",
        "Ich brauche die Rechnungen für März",
    )
    .await;
    wa.s.clock.advance(2 * HOUR);
    let conv =
        wa.s.app
            .messaging
            .message_unchecked(&a1)
            .unwrap()
            .conversation_id;
    let r =
        wa.s.gql(
            Some(&rep_a.1),
            "mutation($i:SendReplyInput!){ sendReply(input:$i){ id } }",
            json!({"i": {"conversationId": conv, "text": "Kommen heute per Mail"}}),
        )
        .await;
    let reply = r["data"]["sendReply"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    wa.s.clock.advance(60_000);
    let b1 = customer_writes(
        &wa,
        "4915122222222",
        "Bernd Kunde",
        "Grüße! Wann kommt die Lieferung?",
    )
    .await;
    wa.s.clock.advance(3 * 24 * HOUR);
    let a2 = customer_writes(&wa, "4915111111111", "Anna Kunde", "Danke schön").await;
    World {
        wa,
        mgr,
        rep_a,
        rep_b,
        a1,
        reply,
        b1,
        a2,
        t0,
    }
}

fn at(ms: i64) -> String {
    parley::clock::to_rfc3339(ms)
}

#[tokio::test]
async fn filters_give_the_known_answers() {
    let w = world().await;
    let admin = w.wa.admin.clone();
    let (a1, reply, b1, a2) = (&w.a1, &w.reply, &w.b1, &w.a2);
    let cases: Vec<(&str, Value, BTreeSet<String>)> = vec![
        ("everything", json!({}), set(&[a1, reply, b1, a2])),
        (
            "inbound",
            json!({"direction": "INBOUND"}),
            set(&[a1, b1, a2]),
        ),
        ("outbound", json!({"direction": "OUTBOUND"}), set(&[reply])),
        (
            "type text",
            json!({"type": "text"}),
            set(&[a1, reply, b1, a2]),
        ),
        ("type image", json!({"type": "image"}), set(&[])),
        (
            "status received",
            json!({"status": "RECEIVED"}),
            set(&[a1, b1, a2]),
        ),
        (
            "profile",
            json!({"profileId": w.wa.profile_id}),
            set(&[a1, reply, b1, a2]),
        ),
        (
            "replied within 3 h",
            json!({"repliedWithin": {"amount": 3, "unit": "HOURS"}}),
            set(&[a1]),
        ),
        (
            "replied within 1 h",
            json!({"repliedWithin": {"amount": 1, "unit": "HOURS"}}),
            set(&[]),
        ),
        (
            "not replied within 1 day",
            json!({"notRepliedWithin": {"amount": 1, "unit": "DAYS"}}),
            set(&[b1]),
        ),
        (
            "not replied within 1 h",
            json!({"notRepliedWithin": {"amount": 1, "unit": "HOURS"}}),
            set(&[a1, b1]),
        ),
        (
            "not replied within 1 week",
            json!({"notRepliedWithin": {"amount": 1, "unit": "WEEKS"}}),
            set(&[]),
        ),
        (
            "within 1 day",
            json!({"within": {"amount": 1, "unit": "DAYS"}}),
            set(&[a2]),
        ),
        (
            "within 1 month",
            json!({"within": {"amount": 1, "unit": "MONTHS"}}),
            set(&[a1, reply, b1, a2]),
        ),
        (
            "absolute range",
            json!({"from": at(w.t0 + HOUR), "to": at(w.t0 + 24 * HOUR)}),
            set(&[reply, b1]),
        ),
        (
            "owner rep a",
            json!({"ownerId": w.rep_a.0}),
            set(&[a1, reply, a2]),
        ),
        ("owner rep b", json!({"ownerId": w.rep_b.0}), set(&[b1])),
        (
            "replied by rep a",
            json!({"repliedById": w.rep_a.0}),
            set(&[a1]),
        ),
        (
            "replied by rep b",
            json!({"repliedById": w.rep_b.0}),
            set(&[]),
        ),
        (
            "combined",
            json!({"direction": "INBOUND", "ownerId": w.rep_a.0, "within": {"amount": 2, "unit": "DAYS"}}),
            set(&[a2]),
        ),
    ];
    for (what, filter, want) in cases {
        let (got, total) = ids(&w.wa, &admin, filter, None).await;
        assert_eq!(got, want, "{what}");
        assert_eq!(total, i64::try_from(want.len()).unwrap(), "{what} count");
    }
    // "me" is whoever asks.
    let (mine, _) = ids(&w.wa, &w.rep_a.1, json!({"ownerIsMe": true}), None).await;
    assert_eq!(mine, set(&[a1, reply, a2]));
    let (answered, _) = ids(&w.wa, &w.rep_a.1, json!({"repliedByMe": true}), None).await;
    assert_eq!(answered, set(&[a1]));
    let bad =
        w.wa.gql(
            "{ messages(filter:{within:{amount:-1, unit:DAYS}}){ totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&bad), ["VALIDATION"]);
    // Newest first.
    let r =
        w.wa.gql(
            "{ messages(first:2){ edges { node { id repliedAt } } } }",
            json!({}),
        )
        .await;
    let first: Vec<&str> = r["data"]["messages"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(first, [a2.as_str(), b1.as_str()]);
}

#[tokio::test]
async fn reps_see_only_their_own_in_lists_counts_search_and_bells() {
    let w = world().await;
    let (a1, reply, b1, a2) = (&w.a1, &w.reply, &w.b1, &w.a2);
    for (who, token, want) in [
        ("manager", &w.mgr, set(&[a1, reply, b1, a2])),
        ("rep a", &w.rep_a.1, set(&[a1, reply, a2])),
        ("rep b", &w.rep_b.1, set(&[b1])),
    ] {
        let (got, total) = ids(&w.wa, token, json!({}), None).await;
        assert_eq!(got, want, "{who}");
        assert_eq!(total, i64::try_from(want.len()).unwrap(), "{who} count");
    }
    // Search: rep B finds nothing of rep A's, not even a snippet.
    let (found, n) = ids(&w.wa, &w.rep_b.1, json!({}), Some("Rechnung")).await;
    assert!(found.is_empty() && n == 0);
    let r = w
        .wa
        .s
        .gql(
            Some(&w.rep_b.1),
            "{ conversations(search:\"Rechnung\"){ totalCount edges { node { snippet { fragment } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["conversations"]["totalCount"], 0, "{r}");
    let r = w
        .wa
        .s
        .gql(
            Some(&w.rep_a.1),
            "{ conversations(search:\"0151 1111 1111\"){ totalCount edges { node { customerWaId } } } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["conversations"]["totalCount"], 1, "{r}");
    assert_eq!(
        r["data"]["conversations"]["edges"][0]["node"]["customerWaId"],
        "4915111111111"
    );
    // Bells: each rep only for their own customer; the manager for both.
    let bells = |token: String| {
        let s = &w.wa.s;
        async move {
            let r = s
                .gql(
                    Some(&token),
                    "{ notifications(first:50){ unreadCount edges { node { body } } } }",
                    json!({}),
                )
                .await;
            let bodies: BTreeSet<String> = r["data"]["notifications"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["body"].as_str().unwrap().to_string())
                .collect();
            (
                r["data"]["notifications"]["unreadCount"].as_i64().unwrap(),
                bodies,
            )
        }
    };
    let (n, bodies) = bells(w.rep_b.1.clone()).await;
    assert_eq!(
        (n, bodies),
        (1, ["Grüße! Wann kommt die Lieferung?".to_string()].into())
    );
    let (n, _) = bells(w.rep_a.1.clone()).await;
    assert_eq!(n, 2);
    let (n, _) = bells(w.mgr.clone()).await;
    assert_eq!(n, 3);
}

#[tokio::test]
async fn message_alerts_can_be_turned_off() {
    let wa = Wa::start().await;
    let r = wa
        .gql(
            "mutation { setMessageAlerts(enabled:false){ messageAlerts } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["setMessageAlerts"]["messageAlerts"], false, "{r}");
    customer_writes(&wa, "4915133333333", "Clara", "Hallo?").await;
    let r = wa.gql("{ notifications { unreadCount } }", json!({})).await;
    assert_eq!(r["data"]["notifications"]["unreadCount"], 0);
    wa.gql(
        "mutation { setMessageAlerts(enabled:true){ messageAlerts } }",
        json!({}),
    )
    .await;
    customer_writes(&wa, "4915133333333", "Clara", "Hallo nochmal").await;
    let r = wa
        .gql(
            "{ notifications { unreadCount } me { messageAlerts } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["notifications"]["unreadCount"], 1);
    assert_eq!(r["data"]["me"]["messageAlerts"], true);
}

#[tokio::test]
async fn opening_a_notification_marks_only_it_read() {
    let wa = Wa::start().await;
    customer_writes(&wa, "4915144444444", "Dora", "Erste Frage").await;
    customer_writes(&wa, "4915155555555", "Emil", "Zweite Frage").await;
    let r = wa
        .gql(
            "{ notifications { unreadCount edges { node { id read body } } } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["notifications"]["unreadCount"], 2, "{r}");
    let first = r["data"]["notifications"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // One id, plus one nobody has: only that notification is read now, and the count says so
    // on every later read (a reload).
    let r = wa
        .gql(
            "mutation($ids:[ID!]){ markNotificationsRead(ids:$ids) }",
            json!({ "ids": [first, "no-such-notification"] }),
        )
        .await;
    assert_eq!(r["data"]["markNotificationsRead"], true, "{r}");
    let r = wa
        .gql(
            "{ notifications { unreadCount edges { node { id read } } } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["notifications"]["unreadCount"], 1, "{r}");
    let edges = r["data"]["notifications"]["edges"].as_array().unwrap();
    for e in edges {
        let read = e["node"]["read"].as_bool().unwrap();
        assert_eq!(read, e["node"]["id"] == first.as_str(), "{r}");
    }
    // Without ids, all are read.
    wa.gql("mutation { markNotificationsRead }", json!({}))
        .await;
    let r = wa.gql("{ notifications { unreadCount } }", json!({})).await;
    assert_eq!(r["data"]["notifications"]["unreadCount"], 0, "{r}");
}

#[tokio::test]
async fn search_handles_german_forms_and_spellings_with_snippets() {
    let w = world().await;
    let admin = w.wa.admin.clone();
    for (query, want) in [
        ("Rechnung", set(&[&w.a1])),
        ("rechnungen", set(&[&w.a1])),
        ("Gruesse", set(&[&w.b1])),
        ("grusse", set(&[&w.b1])),
        ("GRÜSSE lieferung", set(&[&w.b1])),
        ("Lieferungen", set(&[&w.b1])),
        ("Mail", set(&[&w.reply])),
        ("Rech", set(&[&w.a1])),
        ("Bernd", set(&[&w.b1])),
        ("Rechnung Lieferung", set(&[])),
    ] {
        let (got, _) = ids(&w.wa, &admin, json!({}), Some(query)).await;
        assert_eq!(got, want, "search {query:?}");
    }
    // A match on the customer's name leaves the text as it is and says so apart (issue 18).
    let r =
        w.wa.gql(
            "{ messages(search:\"Bernd\"){ edges { node { text snippet { fragment } customerSnippet { fragment highlights { start end } } } } } }",
            json!({}),
        )
        .await;
    let node = &r["data"]["messages"]["edges"][0]["node"];
    assert!(node["snippet"].is_null(), "{r}");
    assert!(
        node["text"].as_str().is_some_and(|t| !t.contains("Bernd")),
        "{r}"
    );
    assert!(
        node["customerSnippet"]["fragment"]
            .as_str()
            .is_some_and(|f| f.contains("Bernd")),
        "{r}"
    );
    let r =
        w.wa.gql(
            "{ messages(search:\"Rech\"){ edges { node { snippet { fragment } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        r["data"]["messages"]["edges"][0]["node"]["snippet"]["fragment"],
        "Ich brauche die Rechnungen für März",
        "a word being typed is highlighted too"
    );
    let (got, _) = ids(
        &w.wa,
        &admin,
        json!({"direction": "OUTBOUND"}),
        Some("Rechnung"),
    )
    .await;
    assert!(got.is_empty(), "search combines with filters");
    let r = w
        .wa
        .gql(
            "{ messages(search:\"gruesse\"){ edges { node { snippet { fragment highlights { start end } } } } } }",
            json!({}),
        )
        .await;
    let snippet = &r["data"]["messages"]["edges"][0]["node"]["snippet"];
    let fragment: Vec<u16> = snippet["fragment"]
        .as_str()
        .unwrap()
        .encode_utf16()
        .collect();
    let h = &snippet["highlights"][0];
    let (s, e) = (
        h["start"].as_u64().unwrap() as usize,
        h["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(String::from_utf16(&fragment[s..e]).unwrap(), "Grüße", "{r}");
    let r = w
        .wa
        .gql("mutation { createPredefinedText(input:{name:\"Zahlung\", module:\"Leads\", text:\"Die Rechnungen gehen heute raus.\"}){ id } }", json!({}))
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r =
        w.wa.gql(
            "{ predefinedTexts(search:\"rechnung\"){ name snippet { fragment } } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["predefinedTexts"][0]["name"], "Zahlung", "{r}");
    assert!(
        r["data"]["predefinedTexts"][0]["snippet"]["fragment"]
            .as_str()
            .unwrap()
            .contains("Rechnungen")
    );
}

#[tokio::test]
async fn views_save_reload_and_belong_to_their_owner() {
    let w = world().await;
    const SAVE: &str = "mutation($i:SaveMessageViewInput!){ saveMessageView(input:$i){ id name shared mine filter } }";
    const VIEWS: &str = "{ messageViews { id name shared mine filter } }";
    let filter = json!({"direction": "INBOUND", "ownerIsMe": true, "notRepliedWithin": {"amount": 1, "unit": "HOURS"}});
    let r =
        w.wa.s
            .gql(
                Some(&w.rep_a.1),
                SAVE,
                json!({"i": {"name": "Meine offenen", "shared": false, "filter": filter}}),
            )
            .await;
    let view = r["data"]["saveMessageView"].clone();
    assert_eq!(view["filter"], filter, "{r}");
    let shared = w
        .wa
        .gql(SAVE, json!({"i": {"name": "Alle Eingänge", "shared": true, "filter": {"direction": "INBOUND"}}}))
        .await;
    let shared_id = shared["data"]["saveMessageView"]["id"].clone();
    let names = |r: &Value| -> Vec<String> {
        r["data"]["messageViews"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap().to_string())
            .collect()
    };
    let a_views = w.wa.s.gql(Some(&w.rep_a.1), VIEWS, json!({})).await;
    assert_eq!(names(&a_views), ["Alle Eingänge", "Meine offenen"]);
    let b_views = w.wa.s.gql(Some(&w.rep_b.1), VIEWS, json!({})).await;
    assert_eq!(
        names(&b_views),
        ["Alle Eingänge"],
        "private views stay private"
    );
    // The saved filter, sent back as it is, gives the same answer as when it was made.
    let reloaded = a_views["data"]["messageViews"][1]["filter"].clone();
    let (got, _) = ids(&w.wa, &w.rep_a.1, reloaded, None).await;
    assert_eq!(got, set(&[&w.a1]));
    // Only the owner changes a view; rep B cannot touch the admin's shared one.
    let r =
        w.wa.s
            .gql(
                Some(&w.rep_b.1),
                SAVE,
                json!({"i": {"id": shared_id, "name": "Mine now", "shared": true, "filter": {}}}),
            )
            .await;
    assert_eq!(codes(&r), ["FORBIDDEN"]);
    let r =
        w.wa.s
            .gql(
                Some(&w.rep_b.1),
                "mutation($id:ID!){ deleteMessageView(id:$id) }",
                json!({"id": shared_id}),
            )
            .await;
    assert_eq!(codes(&r), ["FORBIDDEN"]);
    let r =
        w.wa.s
            .gql(
                Some(&w.rep_b.1),
                "mutation($id:ID!){ deleteMessageView(id:$id) }",
                json!({"id": view["id"]}),
            )
            .await;
    assert_eq!(
        codes(&r),
        ["NOT_FOUND"],
        "another's private view does not exist for you"
    );
    let r =
        w.wa.s
            .gql(
                Some(&w.rep_a.1),
                SAVE,
                json!({"i": {"id": view["id"], "name": "Offen", "shared": true, "filter": filter}}),
            )
            .await;
    assert_eq!(r["data"]["saveMessageView"]["shared"], true, "{r}");
    let b_views = w.wa.s.gql(Some(&w.rep_b.1), VIEWS, json!({})).await;
    assert_eq!(names(&b_views), ["Alle Eingänge", "Offen"]);
    assert_eq!(b_views["data"]["messageViews"][1]["mine"], false);
    let r =
        w.wa.s
            .gql(
                Some(&w.rep_a.1),
                SAVE,
                json!({"i": {"name": " ", "shared": false, "filter": {}}}),
            )
            .await;
    assert_eq!(codes(&r), ["VALIDATION"]);
}

#[tokio::test]
async fn an_owner_change_moves_messages_between_reps() {
    let w = world().await;
    let (lead, _) = {
        let r =
            w.wa.gql(
                "{ records(module:\"Leads\", search:\"Bernd\"){ edges { node { id } } } }",
                json!({}),
            )
            .await;
        (
            r["data"]["records"]["edges"][0]["node"]["id"]
                .as_str()
                .unwrap()
                .to_string(),
            (),
        )
    };
    let r =
        w.wa.gql(
            "mutation($id:ID!,$v:JSON!){ updateRecord(module:\"Leads\", id:$id, values:$v){ id } }",
            json!({"id": lead, "v": {"Owner": w.rep_a.0}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let (a, _) = ids(&w.wa, &w.rep_a.1, json!({}), None).await;
    assert!(a.contains(&w.b1), "rep A now sees Bernd's message");
    let (b, n) = ids(&w.wa, &w.rep_b.1, json!({}), Some("Lieferung")).await;
    assert!(b.is_empty() && n == 0, "rep B no longer does");
}

#[tokio::test]
async fn a_failed_reply_leaves_the_message_unanswered() {
    let wa = Wa::start().await;
    // Delivered to us directly, so the simulator never saw the customer write: it refuses the
    // reply asynchronously (131047) after it was queued.
    let body = crate::whatsapp::fixture(
        "inbound_text.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", "4915144455566"),
            ("WAMID", "wamid.UNANSWERED"),
            ("TS", &(wa.s.app.clock.now() / 1000).to_string()),
            ("NAME", "Ulla Unbeantwortet"),
        ],
    );
    assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    wa.until("inbound", |w| {
        w.s.app.messaging.store_has_wamid("wamid.UNANSWERED")
    })
    .await;
    let inbound =
        wa.s.app
            .messaging
            .message_by_wamid("wamid.UNANSWERED")
            .unwrap();
    let r = wa
        .gql(
            "mutation($i:SendReplyInput!){ sendReply(input:$i){ id } }",
            json!({"i": {"conversationId": inbound.conversation_id, "text": "Gern!"}}),
        )
        .await;
    let reply = r["data"]["sendReply"]["id"].as_str().unwrap().to_string();
    let admin = wa.admin.clone();
    let answered = json!({"repliedWithin": {"amount": 1, "unit": "DAYS"}});
    wa.until("failed", |w| {
        w.s.app.messaging.message_unchecked(&reply).unwrap().status
            == parley::messaging::model::Status::Failed
    })
    .await;
    // A reply that failed answers nothing.
    assert!(ids(&wa, &admin, answered, None).await.0.is_empty());
    wa.s.clock.advance(2 * 24 * HOUR);
    let late = json!({"notRepliedWithin": {"amount": 1, "unit": "DAYS"}});
    assert_eq!(ids(&wa, &admin, late, None).await.0, set(&[&inbound.id]));
}

/// `parley_search_documents_written_total` from the server's own `/metrics`.
async fn documents_written(wa: &Wa) -> u64 {
    let text =
        wa.s.http
            .get(wa.s.url("/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("parley_search_documents_written_total "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no document counter in {text}"))
}

/// One signed delivery carrying `n` text messages from one customer, numbered in their text.
fn burst(wa: &Wa, wa_id: &str, n: usize) -> String {
    let ts = (wa.s.app.clock.now() / 1000).to_string();
    let messages: Vec<Value> = (0..n)
        .map(|i| {
            json!({"from": wa_id, "id": format!("wamid.BURST{i}"), "timestamp": ts,
                   "type": "text", "text": {"body": format!("Frage nummer{i} zur Lieferung")}})
        })
        .collect();
    json!({"object": "whatsapp_business_account", "entry": [{"id": wa.waba, "changes": [{
        "field": "messages", "value": {"messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "4930901820", "phone_number_id": wa.pnid},
        "contacts": [{"profile": {"name": "Viel Schreiber"}, "wa_id": wa_id}],
        "messages": messages}}]}]})
    .to_string()
}

#[tokio::test]
async fn indexing_a_long_unanswered_run_costs_one_document_per_message() {
    const N: usize = 3_000;
    let wa = Wa::start().await;
    // The customer writes once through the simulated phone (so Meta lets us answer), then a
    // burst arrives in one signed delivery.
    customer_writes(&wa, "4915177788899", "Viel Schreiber", "Hallo").await;
    wa.s.clock.advance(60_000);
    let admin = wa.admin.clone();
    let (hello, _) = ids(&wa, &admin, json!({}), Some("Hallo")).await;
    assert_eq!(
        hello.len(),
        1,
        "a search waits until the index holds what is stored"
    );
    let before = documents_written(&wa).await;
    assert_eq!(
        wa.post_signed(burst(&wa, "4915177788899", N).as_bytes())
            .await,
        200
    );
    let last = format!("wamid.BURST{}", N - 1);
    wa.until("the burst", |w| w.s.app.messaging.store_has_wamid(&last))
        .await;
    let (found, total) = ids(&wa, &admin, json!({}), Some(&format!("nummer{}", N - 1))).await;
    assert_eq!(
        (found.len(), total),
        (1, 1),
        "the last message is searchable"
    );
    let (_, total) = ids(&wa, &admin, json!({}), Some("Lieferung")).await;
    assert_eq!(total, N as i64, "every message is searchable");
    assert_eq!(
        documents_written(&wa).await - before,
        N as u64,
        "each message's document is written once, however long the unanswered run"
    );

    // One reply answers the whole run: each of its documents is rewritten once, plus the
    // reply's own (its status moves add a few more).
    let conv =
        wa.s.app
            .messaging
            .message_by_wamid(&last)
            .unwrap()
            .conversation_id;
    wa.s.clock.advance(60_000);
    let before = documents_written(&wa).await;
    let r = wa
        .gql(
            "mutation($i:SendReplyInput!){ sendReply(input:$i){ id } }",
            json!({"i": {"conversationId": conv, "text": "Alles beantwortet"}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let answered = json!({"repliedWithin": {"amount": 1, "unit": "DAYS"}});
    let (_, total) = ids(&wa, &admin, answered, None).await;
    assert_eq!(total, N as i64 + 1, "the reply answers the whole run");
    let written = documents_written(&wa).await - before;
    assert!(
        (N as u64 + 2..=N as u64 + 6).contains(&written),
        "{written} documents written for one reply to {} messages",
        N + 1
    );
}
