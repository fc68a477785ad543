//! Rich messages (N3): reactions both ways, quoted replies, the customer's edits and
//! deletions (signed webhooks), locations, contact cards and chosen options.

use serde_json::{Value, json};

use crate::attachments::{CUSTOMER, open_conversation, status_of, thread};
use crate::harness::codes;
use crate::whatsapp::Wa;

const SR: &str = "mutation($i:SendReplyInput!){ sendReply(input:$i){ id type status text } }";
const REACT: &str = "mutation($m:ID!,$e:String!){ reactToMessage(messageId:$m, emoji:$e){ id reactions { emoji fromCustomer } } }";

/// A signed `messages` delivery from the customer with `message` (from/id/timestamp added).
fn delivery(wa: &Wa, wamid: &str, message: Value) -> String {
    let mut m = message;
    m["from"] = json!(CUSTOMER);
    m["id"] = json!(wamid);
    m["timestamp"] = json!("1764000100");
    json!({"object": "whatsapp_business_account", "entry": [{"id": wa.waba, "changes": [{"field": "messages",
        "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "4930901820", "phone_number_id": wa.pnid},
        "contacts": [{"profile": {"name": "Erika Muster"}, "wa_id": CUSTOMER}], "messages": [m]}}]}]})
    .to_string()
}

async fn post(wa: &Wa, wamid: &str, message: Value) {
    let body = delivery(wa, wamid, message);
    assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    wa.until("inbox drained", |w| w.s.app.messaging.inbox_len() == 0)
        .await;
}

async fn reply(wa: &Wa, conv: &str, text: &str, quote: Option<&str>) -> String {
    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "text": text, "replyToMessageId": quote}}),
        )
        .await;
    let id = r["data"]["sendReply"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    wa.until("sent", |w| status_of(w, &id) != "QUEUED").await;
    id
}

#[tokio::test]
async fn reactions_go_both_ways_and_quotes_carry_context() {
    let wa = Wa::start().await;
    let (conv, _, _) = open_conversation(&wa, "Haben Sie noch Termine frei?").await;
    let inbound = thread(&wa, &conv).await[0].clone();

    // A quoted reply goes with Meta's context.
    let ours = reply(&wa, &conv, "Ja, am Dienstag", inbound["id"].as_str()).await;
    let sent = wa.sandbox.sent();
    assert_eq!(
        sent.last().unwrap().body["context"]["message_id"],
        inbound["wamid"]
    );
    let msgs = thread(&wa, &conv).await;
    let m = msgs.iter().find(|m| m["id"] == ours.as_str()).unwrap();
    assert_eq!(m["replyTo"]["id"], inbound["id"]);
    let our_wamid = m["wamid"].as_str().unwrap().to_string();

    // The customer reacts to our message (on the simulated phone), then takes it back.
    wa.sandbox
        .customer_send(
            &wa.pnid,
            CUSTOMER,
            "Erika Muster",
            json!({"type": "reaction", "reaction": {"message_id": our_wamid, "emoji": "👍"}}),
        )
        .await
        .unwrap();
    wa.until("reaction shown", |w| {
        !w.s.app
            .messaging
            .message_unchecked(&ours)
            .unwrap()
            .reactions
            .is_empty()
    })
    .await;
    let msgs = thread(&wa, &conv).await;
    let m = msgs.iter().find(|m| m["id"] == ours.as_str()).unwrap();
    assert_eq!(
        m["reactions"],
        json!([{"emoji": "👍", "fromCustomer": true}])
    );
    let reaction = msgs.iter().find(|m| m["type"] == "reaction").unwrap();
    assert_eq!(reaction["replyTo"]["id"], ours.as_str());
    wa.sandbox
        .customer_send(
            &wa.pnid,
            CUSTOMER,
            "Erika Muster",
            json!({"type": "reaction", "reaction": {"message_id": our_wamid, "emoji": ""}}),
        )
        .await
        .unwrap();
    wa.until("reaction removed", |w| {
        w.s.app
            .messaging
            .message_unchecked(&ours)
            .unwrap()
            .reactions
            .is_empty()
    })
    .await;

    // We react to the customer's message: it goes to the phone as a reaction.
    let r = wa.gql(REACT, json!({"m": inbound["id"], "e": "❤️"})).await;
    assert_eq!(
        r["data"]["reactToMessage"]["reactions"],
        json!([{"emoji": "❤️", "fromCustomer": false}]),
        "{r}"
    );
    wa.until("reaction sent", |w| {
        w.sandbox
            .sent()
            .last()
            .is_some_and(|m| m.body["type"] == "reaction")
    })
    .await;
    let body = wa.sandbox.sent().last().unwrap().body.clone();
    assert_eq!(body["reaction"]["message_id"], inbound["wamid"]);
    assert_eq!(body["reaction"]["emoji"], "❤️");
    let phone = wa.sandbox.conversation_with(&wa.pnid, CUSTOMER);
    assert!(
        phone
            .iter()
            .any(|m| m.direction == "out" && m.kind == "reaction")
    );
    // "" removes ours; a message without a wamid cannot be reacted to; not letters.
    let r = wa.gql(REACT, json!({"m": inbound["id"], "e": ""})).await;
    assert_eq!(r["data"]["reactToMessage"]["reactions"], json!([]), "{r}");
    let r = wa.gql(REACT, json!({"m": inbound["id"], "e": "ok"})).await;
    assert_eq!(codes(&r), ["VALIDATION"]);
    let r = wa.gql(REACT, json!({"m": "nope", "e": "👍"})).await;
    assert_eq!(codes(&r), ["NOT_FOUND"]);

    // Outside the window a reaction is refused like any reply.
    wa.s.clock.advance(25 * 3600 * 1000);
    let r = wa.gql(REACT, json!({"m": inbound["id"], "e": "👍"})).await;
    assert_eq!(codes(&r), ["WINDOW_CLOSED"]);
}

#[tokio::test]
async fn edits_and_revokes_arrive_by_webhook() {
    let wa = Wa::start().await;
    let (conv, module, record) = open_conversation(&wa, "Ich komme um 10").await;
    post(
        &wa,
        "wamid.ORIG1",
        json!({"type": "text", "text": {"body": "Termin am Montag"}}),
    )
    .await;
    post(
        &wa,
        "wamid.EDIT1",
        json!({"type": "edit", "edit": {"original_message_id": "wamid.ORIG1",
            "message": {"type": "text", "text": {"body": "Termin am Dienstag"}}}}),
    )
    .await;
    // A redelivered edit changes nothing more.
    post(
        &wa,
        "wamid.EDIT1",
        json!({"type": "edit", "edit": {"original_message_id": "wamid.ORIG1",
            "message": {"type": "text", "text": {"body": "Termin am Dienstag"}}}}),
    )
    .await;
    let msgs = thread(&wa, &conv).await;
    assert_eq!(
        msgs.len(),
        2,
        "the edit is not a message of its own: {msgs:?}"
    );
    let m = msgs.iter().find(|m| m["wamid"] == "wamid.ORIG1").unwrap();
    assert_eq!(m["text"], "Termin am Dienstag");
    assert!(m["editedAt"].is_string());
    assert_eq!(m["edits"], json!([{"text": "Termin am Montag"}]));

    post(
        &wa,
        "wamid.REVOKE1",
        json!({"type": "revoke", "revoke": {"original_message_id": "wamid.ORIG1"}}),
    )
    .await;
    let msgs = thread(&wa, &conv).await;
    let m = msgs.iter().find(|m| m["wamid"] == "wamid.ORIG1").unwrap();
    assert!(m["deletedAt"].is_string());
    // Administrators still see what it said …
    assert_eq!(m["text"], "Termin am Dienstag");
    // … but no search finds it by what it said.
    let r = wa
        .gql(
            "{ messages(search: \"Dienstag\"){ totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["messages"]["totalCount"], 0, "{r}");
    // … the record's owner (a standard user) sees it deleted.
    let (user, token) = wa.s.user(&wa.admin, "rep@example.com", None).await;
    let r = wa
        .gql(
            "mutation($m:String!,$id:ID!,$v:JSON!){ updateRecord(module:$m, id:$id, values:$v){ id } }",
            json!({"m": module, "id": record, "v": {"Owner": user}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = wa
        .s
        .gql(
            Some(&token),
            "query($id:ID!){ conversation(id:$id){ messages(first: 10){ nodes { wamid text deletedAt edits { text } } } } }",
            json!({"id": conv}),
        )
        .await;
    let nodes = r["data"]["conversation"]["messages"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"));
    let m = nodes.iter().find(|m| m["wamid"] == "wamid.ORIG1").unwrap();
    assert!(m["text"].is_null(), "{m}");
    assert!(m["deletedAt"].is_string());
    assert_eq!(m["edits"], json!([]));

    // An edit of a message not stored here is kept with its new text and Meta's type.
    post(
        &wa,
        "wamid.EDIT2",
        json!({"type": "edit", "edit": {"original_message_id": "wamid.UNKNOWN",
            "message": {"type": "text", "text": {"body": "neu"}}}}),
    )
    .await;
    let msgs = thread(&wa, &conv).await;
    let m = msgs.iter().find(|m| m["wamid"] == "wamid.EDIT2").unwrap();
    assert_eq!(m["type"], "edit");
    assert_eq!(m["text"], "neu");
}

#[tokio::test]
async fn locations_contacts_and_chosen_options_show_what_meta_sent() {
    let wa = Wa::start().await;
    let (conv, _, _) = open_conversation(&wa, "Hallo").await;
    post(
        &wa,
        "wamid.LOC",
        json!({"type": "location", "location": {"latitude": 52.52, "longitude": 13.405, "name": "Alexanderplatz"}}),
    )
    .await;
    post(
        &wa,
        "wamid.VCARD",
        json!({"type": "contacts", "contacts": [{"name": {"formatted_name": "Chandler Bing", "first_name": "Chandler", "last_name": "Bing"},
            "phones": [{"phone": "+1 555-555-5555", "wa_id": "15555555555", "type": "CELL"}], "emails": [{"email": "c@example.com"}], "org": {"company": "Acme"}}]}),
    )
    .await;
    post(
        &wa,
        "wamid.BTN",
        json!({"type": "interactive", "interactive": {"type": "button_reply", "button_reply": {"id": "slot_am", "title": "Vormittags"}}}),
    )
    .await;
    post(
        &wa,
        "wamid.POLL",
        json!({"type": "poll_v2", "poll_v2": {"q": "?"}}),
    )
    .await;
    let r = wa
        .gql(
            "query($id:ID!){ conversation(id:$id){ messages(first: 20){ nodes { wamid type errorMessage
               location { latitude longitude name mapUrl }
               contacts { name firstName lastName phones { phone waId type } emails company }
               chosenOption { id title } } } } }",
            json!({"id": conv}),
        )
        .await;
    let nodes = r["data"]["conversation"]["messages"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"));
    let by = |w: &str| nodes.iter().find(|m| m["wamid"] == w).unwrap().clone();
    let loc = by("wamid.LOC");
    assert_eq!(loc["location"]["name"], "Alexanderplatz");
    assert!(
        loc["location"]["mapUrl"]
            .as_str()
            .unwrap()
            .contains("mlat=52.52")
    );
    let card = by("wamid.VCARD");
    assert_eq!(card["contacts"][0]["name"], "Chandler Bing");
    assert_eq!(card["contacts"][0]["phones"][0]["waId"], "15555555555");
    assert_eq!(card["contacts"][0]["company"], "Acme");
    assert_eq!(
        by("wamid.BTN")["chosenOption"],
        json!({"id": "slot_am", "title": "Vormittags"})
    );
    let poll = by("wamid.POLL");
    assert_eq!(poll["type"], "poll_v2");
    assert!(poll["errorMessage"].as_str().unwrap().contains("poll_v2"));
}
