//! Consent (N8), quality and limits (N9) and broadcasts (N10), through GraphQL and signed
//! webhooks against the simulator.

use std::time::Duration;

use parley::channel::whatsapp::sandbox::Chaos;
use parley::credits::model::Money;
use serde_json::{Value, json};

use crate::harness::codes;
use crate::whatsapp::Wa;

const ST: &str = "mutation($i:SendTemplateInput!){ sendTemplate(input:$i){ id status } }";
const COST: &str = "query($i:SendTemplateInput!){ sendCost(input:$i){ amount currency } }";
const BCOST: &str = "query($i:BroadcastInput!){ broadcastCost(input:$i){ recipients skipped total currency byCountry { country recipients total } skippedReasons { reason count } skippedRecipients { name skipReason } tier tierLimit tierUsed tierNew withinTier qualityRating } }";
const CREATE: &str =
    "mutation($i:BroadcastInput!){ createBroadcast(input:$i){ id status recipients skipped } }";
const GET: &str = "query($id:ID!){ broadcast(id:$id){ id status pauseReason recipients pending queued sent delivered read failed skipped cancelled recipientList(first: 500){ totalCount edges { node { name waId status skipReason errorCode } } } } }";
const CONSENT: &str = "query($id:ID!){ record(module:\"Leads\", id:$id){ whatsappOptOut consent { optedOut scope keywordOptedOut marketingOptedOut events { optedOut scope source messageId text } } } }";

async fn approved(wa: &Wa, name: &str, category: &str) -> String {
    let r = wa
        .gql(
            "mutation($i:CreateTemplateInput!){ createTemplate(input:$i){ id } }",
            json!({"i": {"name": name, "module": "Leads", "language": "en", "category": category,
                "body": "Hello $[Leads.First Name], news for $[Leads.Last Name]."}}),
        )
        .await;
    let id = r["data"]["createTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    wa.until("approval", |w| {
        w.s.app
            .templates
            .get(&id)
            .map(|t| format!("{:?}", t.status))
            .unwrap_or_default()
            == "Approved"
    })
    .await;
    id
}

async fn lead(wa: &Wa, last: &str, mobile: Option<&str>) -> String {
    let mut v = json!({"First_Name": "Kai", "Last_Name": last});
    if let Some(m) = mobile {
        v["Mobile"] = json!(m);
    }
    let r = wa
        .gql(
            "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
            json!({ "v": v }),
        )
        .await;
    r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string()
}

/// Posts one signed webhook change and waits until the inbox has applied it.
async fn deliver(wa: &Wa, field: &str, value: Value) {
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": wa.waba, "time": 1_764_000_000,
        "changes": [{"field": field, "value": value}]}]});
    let mut p = wa.s.app.messaging.processed();
    assert_eq!(wa.post_signed(body.to_string().as_bytes()).await, 200);
    tokio::time::timeout(Duration::from_secs(30), async {
        while wa.s.app.messaging.inbox_len() > 0 {
            let _ = tokio::time::timeout(Duration::from_millis(20), p.changed()).await;
        }
    })
    .await
    .expect("the inbox applies the delivery");
}

/// `metadata` of a `messages` change for the test's number.
async fn meta(wa: &Wa) -> Value {
    let r = wa
        .gql("{ whatsappProfiles { displayPhoneNumber } }", json!({}))
        .await;
    let digits: String = r["data"]["whatsappProfiles"][0]["displayPhoneNumber"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    json!({"display_phone_number": digits, "phone_number_id": wa.pnid})
}

async fn customer_says(wa: &Wa, waid: &str, text: &str, wamid: &str) {
    let metadata = meta(wa).await;
    let ts = (wa.s.app.clock.now() / 1000).to_string();
    deliver(
        wa,
        "messages",
        json!({"messaging_product": "whatsapp", "metadata": metadata,
            "contacts": [{"wa_id": waid, "profile": {"name": "Kai Kunde"}}],
            "messages": [{"from": waid, "id": wamid, "timestamp": ts, "type": "text", "text": {"body": text}}]}),
    )
    .await;
}

async fn consent(wa: &Wa, id: &str) -> Value {
    let r = wa.gql(CONSENT, json!({"id": id})).await;
    r["data"]["record"].clone()
}

fn send_input(wa: &Wa, lead: &str, tid: &str) -> Value {
    json!({"i": {"profileId": wa.profile_id, "module": "Leads", "recordId": lead, "templateId": tid}})
}

fn bcast_input(wa: &Wa, tid: &str, ids: &[String]) -> Value {
    json!({"i": {"name": "Spring news", "profileId": wa.profile_id, "templateId": tid, "module": "Leads", "recordIds": ids}})
}

async fn broadcast(wa: &Wa, id: &str) -> Value {
    let r = wa.gql(GET, json!({"id": id})).await;
    r["data"]["broadcast"].clone()
}

async fn until_broadcast(wa: &Wa, id: &str, what: &str, check: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let b = broadcast(wa, id).await;
        if check(&b) {
            return b;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}: {b}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn sent_to(wa: &Wa, waid: &str) -> usize {
    wa.sandbox
        .sent()
        .iter()
        .filter(|m| m.body["to"].as_str() == Some(waid))
        .count()
}

async fn wallet(wa: &Wa) -> Value {
    wa.gql("{ wallet { balance held available } }", json!({}))
        .await["data"]["wallet"]
        .clone()
}

fn money(v: &Value) -> Money {
    Money::parse(v.as_str().unwrap_or_else(|| panic!("not money: {v}"))).unwrap()
}

#[tokio::test]
async fn opt_out_keywords_refuse_templates_and_opt_in_allows_them_again() {
    let wa = Wa::start().await;
    let tid = approved(&wa, "consent_news", "MARKETING").await;
    let l = lead(&wa, "Stopper", Some("+49 151 11122233")).await;
    let waid = "4915111122233";
    // Not a keyword: a sentence that contains one.
    customer_says(&wa, waid, "please stop calling me at night", "wamid.C0").await;
    assert_eq!(consent(&wa, &l).await["whatsappOptOut"], false);

    customer_says(&wa, waid, "  Stopp \n", "wamid.C1").await;
    let c = consent(&wa, &l).await;
    assert_eq!(c["whatsappOptOut"], true, "{c}");
    let e = &c["consent"]["events"][0];
    assert_eq!(e["optedOut"], true);
    assert_eq!(e["source"], "keyword");
    assert_eq!(e["text"], "Stopp");
    let msgs = wa
        .gql(
            "{ messages(first: 10){ edges { node { id wamid } } } }",
            json!({}),
        )
        .await;
    let stop_msg = msgs["data"]["messages"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["node"]["wamid"] == "wamid.C1")
        .map(|m| m["node"]["id"].clone())
        .unwrap();
    assert_eq!(e["messageId"], stop_msg, "the event names the message");

    let r = wa.gql(ST, send_input(&wa, &l, &tid)).await;
    assert_eq!(codes(&r), vec!["OPTED_OUT"], "{r}");
    // Free-form replies inside the open window stay allowed.
    let conv = wa
        .gql(
            "{ conversations(first: 5){ edges { node { id customerWaId } } } }",
            json!({}),
        )
        .await;
    let conv_id = conv["data"]["conversations"]["edges"][0]["node"]["id"].clone();
    let r = wa
        .gql(
            "mutation($i:SendReplyInput!){ sendReply(input:$i){ id } }",
            json!({"i": {"conversationId": conv_id, "text": "Done, you will not hear from us."}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");

    for (i, word) in ["ABMELDEN", "abbestellen", "Unsubscribe", "STOP"]
        .iter()
        .enumerate()
    {
        customer_says(&wa, waid, word, &format!("wamid.K{i}")).await;
        assert_eq!(consent(&wa, &l).await["whatsappOptOut"], true, "{word}");
    }
    customer_says(&wa, waid, "anmelden", "wamid.C2").await;
    let c = consent(&wa, &l).await;
    assert_eq!(c["whatsappOptOut"], false, "{c}");
    assert_eq!(c["consent"]["events"][0]["optedOut"], false);
    assert_eq!(c["consent"]["events"].as_array().unwrap().len(), 6);
    let r = wa.gql(ST, send_input(&wa, &l, &tid)).await;
    assert!(r["errors"].is_null(), "{r}");
}

#[tokio::test]
async fn meta_user_preferences_webhook_stops_marketing_only_and_resumes() {
    let wa = Wa::start().await;
    let marketing = approved(&wa, "prefs_news", "MARKETING").await;
    let utility = approved(&wa, "prefs_order", "UTILITY").await;
    let l = lead(&wa, "Prefs", Some("+49 151 22233344")).await;
    let twin = lead(&wa, "Prefs Twin", Some("+49 151 22233344")).await;
    let metadata = meta(&wa).await;
    let pref = |v: &str| {
        json!({"messaging_product": "whatsapp", "metadata": metadata,
            "contacts": [{"wa_id": "4915122233344", "profile": {"name": "P"}}],
            "user_preferences": [{"wa_id": "4915122233344", "detail": "User requested to stop marketing messages",
                "category": "marketing_messages", "value": v, "timestamp": 1_764_000_100}]})
    };
    deliver(&wa, "user_preferences", pref("stop")).await;
    for id in [&l, &twin] {
        let c = consent(&wa, id).await;
        assert_eq!(
            c["whatsappOptOut"], true,
            "every record with the number: {c}"
        );
        assert_eq!(c["consent"]["scope"], "MARKETING", "{c}");
        assert_eq!(c["consent"]["marketingOptedOut"], true);
        assert_eq!(c["consent"]["keywordOptedOut"], false);
        let e = &c["consent"]["events"][0];
        assert_eq!(e["source"], "user_preferences");
        assert_eq!(e["scope"], "MARKETING");
        assert_eq!(e["text"], "User requested to stop marketing messages");
    }
    // Marketing is refused, up front (sendCost) and when sending; utility still goes.
    let r = wa.gql(COST, send_input(&wa, &l, &marketing)).await;
    assert_eq!(codes(&r), vec!["OPTED_OUT"], "{r}");
    let r = wa.gql(ST, send_input(&wa, &l, &marketing)).await;
    assert_eq!(codes(&r), vec!["OPTED_OUT"], "{r}");
    let r = wa.gql(COST, send_input(&wa, &l, &utility)).await;
    assert!(r["errors"].is_null(), "{r}");
    let r = wa.gql(ST, send_input(&wa, &l, &utility)).await;
    assert!(r["errors"].is_null(), "a utility template still goes: {r}");
    wa.until("the utility template reached the phone", |w| {
        sent_to(w, "4915122233344") == 1
    })
    .await;

    // Broadcasts: a marketing one skips them saying why; a utility one includes them.
    let r = wa
        .gql(
            BCOST,
            bcast_input(&wa, &marketing, std::slice::from_ref(&l)),
        )
        .await;
    let c = &r["data"]["broadcastCost"];
    assert_eq!(c["recipients"], 0, "{r}");
    assert_eq!(
        c["skippedReasons"],
        json!([{"reason": "opted out of marketing", "count": 1}])
    );
    let r = wa
        .gql(BCOST, bcast_input(&wa, &utility, std::slice::from_ref(&l)))
        .await;
    assert_eq!(r["data"]["broadcastCost"]["recipients"], 1, "{r}");

    deliver(&wa, "user_preferences", pref("resume")).await;
    let c = consent(&wa, &l).await;
    assert_eq!(c["whatsappOptOut"], false, "{c}");
    assert_eq!(c["consent"]["scope"], "NONE");
    assert_eq!(c["consent"]["events"][0]["optedOut"], false);
    assert_eq!(c["consent"]["events"][0]["scope"], "MARKETING");
    let r = wa.gql(ST, send_input(&wa, &l, &marketing)).await;
    assert!(
        r["errors"].is_null(),
        "marketing goes again after resume: {r}"
    );
    wa.until("the marketing template reached the phone", |w| {
        sent_to(w, "4915122233344") == 2
    })
    .await;
}

#[tokio::test]
async fn a_keyword_opt_out_refuses_every_template_and_metas_resume_does_not_lift_it() {
    let wa = Wa::start().await;
    let marketing = approved(&wa, "kw_news", "MARKETING").await;
    let utility = approved(&wa, "kw_order", "UTILITY").await;
    let l = lead(&wa, "Both", Some("+49 151 22233355")).await;
    let waid = "4915122233355";
    let metadata = meta(&wa).await;
    let pref = |v: &str| {
        json!({"messaging_product": "whatsapp", "metadata": metadata,
            "user_preferences": [{"wa_id": waid, "detail": "marketing", "category": "marketing_messages",
                "value": v, "timestamp": 1_764_000_100}]})
    };
    deliver(&wa, "user_preferences", pref("stop")).await;
    customer_says(&wa, waid, "STOP", "wamid.KW1").await;
    let c = consent(&wa, &l).await;
    assert_eq!(c["consent"]["scope"], "ALL", "{c}");
    assert_eq!(c["consent"]["events"][0]["scope"], "ALL");
    for t in [&marketing, &utility] {
        let r = wa.gql(ST, send_input(&wa, &l, t)).await;
        assert_eq!(codes(&r), vec!["OPTED_OUT"], "{r}");
    }
    let r = wa
        .gql(BCOST, bcast_input(&wa, &utility, std::slice::from_ref(&l)))
        .await;
    assert_eq!(
        r["data"]["broadcastCost"]["skippedReasons"],
        json!([{"reason": "opted out", "count": 1}]),
        "{r}"
    );
    // Meta's resume lifts only the marketing stop: the keyword still refuses everything.
    deliver(&wa, "user_preferences", pref("resume")).await;
    let c = consent(&wa, &l).await;
    assert_eq!(c["consent"]["scope"], "ALL", "{c}");
    assert_eq!(c["consent"]["marketingOptedOut"], false);
    let r = wa.gql(ST, send_input(&wa, &l, &utility)).await;
    assert_eq!(codes(&r), vec!["OPTED_OUT"], "{r}");
    // An opt-in keyword lifts it.
    customer_says(&wa, waid, "Start", "wamid.KW2").await;
    let c = consent(&wa, &l).await;
    assert_eq!(c["consent"]["scope"], "NONE", "{c}");
    assert_eq!(c["whatsappOptOut"], false);
    let r = wa.gql(ST, send_input(&wa, &l, &marketing)).await;
    assert!(r["errors"].is_null(), "{r}");
}

#[tokio::test]
async fn a_marketing_opt_out_arriving_mid_broadcast_skips_that_recipient_with_the_reason() {
    // 2 sends a second: the broadcast is still running while the opt-out arrives.
    let wa = Wa::start_with(2, |_| {}).await;
    let tid = approved(&wa, "bc_mid", "MARKETING").await;
    let mut ids = vec![];
    for i in 0..10 {
        ids.push(
            lead(
                &wa,
                &format!("Mid{i:02}"),
                Some(&format!("+49 151 710000{i:02}")),
            )
            .await,
        );
    }
    let r = wa.gql(CREATE, bcast_input(&wa, &tid, &ids)).await;
    let id = r["data"]["createBroadcast"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    let p = wa
        .gql(
            "mutation($id:ID!){ pauseBroadcast(id:$id){ status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(p["data"]["pauseBroadcast"]["status"], "PAUSED", "{p}");
    let metadata = meta(&wa).await;
    deliver(
        &wa,
        "user_preferences",
        json!({"messaging_product": "whatsapp", "metadata": metadata,
            "user_preferences": [{"wa_id": "4915171000009", "detail": "stop marketing", "category": "marketing_messages",
                "value": "stop", "timestamp": 1_764_000_100}]}),
    )
    .await;
    let r = wa
        .gql(
            "mutation($id:ID!){ resumeBroadcast(id:$id){ status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(r["data"]["resumeBroadcast"]["status"], "RUNNING", "{r}");
    let b = until_broadcast(&wa, &id, "completed", |b| b["status"] == "COMPLETED").await;
    assert_eq!(b["skipped"], 1, "{b}");
    assert_eq!(b["sent"], 9, "{b}");
    let last = b["recipientList"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["node"]["waId"] == "4915171000009")
        .unwrap();
    assert_eq!(last["node"]["status"], "SKIPPED", "{b}");
    assert_eq!(last["node"]["skipReason"], "opted out of marketing");
    assert_eq!(sent_to(&wa, "4915171000009"), 0);
}

#[tokio::test]
async fn keyword_lists_are_readable_and_only_admins_edit_them() {
    let wa = Wa::start().await;
    let r = wa
        .gql("{ consentKeywords { optOut optIn } }", json!({}))
        .await;
    assert_eq!(
        r["data"]["consentKeywords"]["optOut"],
        json!(["STOP", "STOPP", "ABMELDEN", "ABBESTELLEN", "UNSUBSCRIBE"])
    );
    assert_eq!(
        r["data"]["consentKeywords"]["optIn"],
        json!(["START", "ANMELDEN"])
    );
    let set = "mutation($o:[String!]!,$i:[String!]!){ setConsentKeywords(optOut:$o, optIn:$i){ optOut optIn } }";
    let (_, rep) = wa.s.user(&wa.admin, "rep@x.de", None).await;
    let r =
        wa.s.gql(Some(&rep), set, json!({"o": ["HALT"], "i": ["START"]}))
            .await;
    assert_eq!(codes(&r), vec!["FORBIDDEN"]);
    let r = wa
        .gql(set, json!({"o": ["halt", " Genug "], "i": ["HALT"]}))
        .await;
    assert_eq!(codes(&r), vec!["VALIDATION"], "a word in both lists: {r}");
    let r = wa
        .gql(set, json!({"o": ["halt", " Genug "], "i": ["weiter"]}))
        .await;
    assert_eq!(
        r["data"]["setConsentKeywords"]["optOut"],
        json!(["HALT", "GENUG"]),
        "{r}"
    );
    let l = lead(&wa, "Halter", Some("+49 151 33344455")).await;
    customer_says(&wa, "4915133344455", "stop", "wamid.H0").await;
    assert_eq!(
        consent(&wa, &l).await["whatsappOptOut"],
        false,
        "STOP is no longer listed"
    );
    customer_says(&wa, "4915133344455", "genug", "wamid.H1").await;
    assert_eq!(consent(&wa, &l).await["whatsappOptOut"], true);
}

#[tokio::test]
async fn broadcast_prices_like_single_sends_skips_with_reasons_and_sends_each_once() {
    let wa = Wa::start().await;
    let tid = approved(&wa, "bc_news", "MARKETING").await;
    let a = lead(&wa, "Alpha", Some("+49 151 40000001")).await;
    let b = lead(&wa, "Beta", Some("+43 664 1234567")).await;
    let dup = lead(&wa, "Alpha Again", Some("+49 151 40000001")).await;
    let none = lead(&wa, "Nonumber", None).await;
    let out = lead(&wa, "Outer", Some("+49 151 40000003")).await;
    customer_says(&wa, "4915140000003", "STOP", "wamid.B0").await;
    let ids = vec![a.clone(), b.clone(), dup, none, out];
    let price_a =
        money(&wa.gql(COST, send_input(&wa, &a, &tid)).await["data"]["sendCost"]["amount"]);
    let price_b =
        money(&wa.gql(COST, send_input(&wa, &b, &tid)).await["data"]["sendCost"]["amount"]);
    let r = wa.gql(BCOST, bcast_input(&wa, &tid, &ids)).await;
    let c = &r["data"]["broadcastCost"];
    assert_eq!(c["recipients"], 2, "{r}");
    assert_eq!(c["skipped"], 3);
    assert_eq!(
        money(&c["total"]),
        price_a + price_b,
        "the single-send price function"
    );
    assert_eq!(
        c["skippedReasons"],
        json!([{"reason": "duplicate number", "count": 1}, {"reason": "no WhatsApp number", "count": 1}, {"reason": "opted out", "count": 1}])
    );
    let countries: Vec<&str> = c["byCountry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["country"].as_str().unwrap())
        .collect();
    assert_eq!(countries, vec!["AT", "DE"]);
    assert_eq!(c["tier"], "TIER_1K");
    assert_eq!(c["withinTier"], true);
    assert_eq!(c["qualityRating"], "GREEN");

    let held_before = money(&wallet(&wa).await["held"]);
    let r = wa.gql(CREATE, bcast_input(&wa, &tid, &ids)).await;
    let id = r["data"]["createBroadcast"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    assert_eq!(r["data"]["createBroadcast"]["recipients"], 2);
    assert_eq!(r["data"]["createBroadcast"]["skipped"], 3);
    // The reservation counts from the moment the broadcast exists (or its sends' holds).
    assert!(money(&wallet(&wa).await["held"]) >= held_before || sent_to(&wa, "4915140000001") > 0);
    let done = until_broadcast(&wa, &id, "all read", |b| {
        b["read"] == 2 && b["status"] == "COMPLETED"
    })
    .await;
    assert_eq!(done["sent"], 2);
    assert_eq!(done["delivered"], 2);
    assert_eq!(done["failed"], 0);
    assert_eq!(done["skipped"], 3);
    let rows = done["recipientList"]["edges"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let skipped: Vec<&Value> = rows
        .iter()
        .filter(|r| r["node"]["status"] == "SKIPPED")
        .collect();
    assert_eq!(skipped.len(), 3);
    assert_eq!(sent_to(&wa, "4915140000001"), 1);
    assert_eq!(sent_to(&wa, "436641234567"), 1);
    assert_eq!(
        sent_to(&wa, "4915140000003"),
        0,
        "the opted-out customer gets nothing"
    );
    assert_eq!(wa.sandbox.sent().len(), 2);
    // Charged on delivery: nothing stays held.
    let w = wallet(&wa).await;
    assert_eq!(money(&w["held"]), Money::ZERO, "{w}");
    let list = wa
        .gql(
            "{ broadcasts(first: 10){ totalCount edges { node { id name status sent } } } }",
            json!({}),
        )
        .await;
    assert_eq!(list["data"]["broadcasts"]["totalCount"], 1);
    assert_eq!(
        list["data"]["broadcasts"]["edges"][0]["node"]["status"],
        "COMPLETED"
    );
}

#[tokio::test]
async fn broadcast_short_of_credits_is_refused_before_anything_is_queued() {
    let wa = Wa::start_bare(80, |_| {}, |_| {}).await;
    let tid = approved(&wa, "bc_poor", "MARKETING").await;
    let mut ids = vec![];
    for i in 0..3 {
        ids.push(
            lead(
                &wa,
                &format!("Poor{i}"),
                Some(&format!("+49 151 5000000{i}")),
            )
            .await,
        );
    }
    let price =
        money(&wa.gql(COST, send_input(&wa, &ids[0], &tid)).await["data"]["sendCost"]["amount"]);
    // Enough for two of the three.
    let two = price + price;
    let r = wa
        .gql(
            "mutation($a:String!){ recordTopUp(amount:$a, reference:\"T\"){ balance } }",
            json!({"a": two.to_string()}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = wa.gql(CREATE, bcast_input(&wa, &tid, &ids)).await;
    assert_eq!(codes(&r), vec!["INSUFFICIENT_CREDITS"], "{r}");
    let list = wa.gql("{ broadcasts { totalCount } }", json!({})).await;
    assert_eq!(list["data"]["broadcasts"]["totalCount"], 0);
    assert_eq!(money(&wallet(&wa).await["held"]), Money::ZERO);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(wa.sandbox.sent().is_empty(), "nothing was queued");
    // Two recipients fit.
    let r = wa.gql(CREATE, bcast_input(&wa, &tid, &ids[..2])).await;
    assert!(r["errors"].is_null(), "{r}");
    let w = wallet(&wa).await;
    assert_eq!(
        money(&w["available"]),
        Money::ZERO,
        "the whole batch is held at once: {w}"
    );
}

#[tokio::test]
async fn broadcast_to_a_saved_search_and_a_failed_recipient_keeps_metas_code() {
    let wa = Wa::start().await;
    wa.sandbox.set_chaos(Chaos {
        fail_recipients: vec!["4915160000002".into()],
        ..Default::default()
    });
    let tid = approved(&wa, "bc_search", "UTILITY").await;
    lead(&wa, "Kampagne Eins", Some("+49 151 60000001")).await;
    lead(&wa, "Kampagne Zwei", Some("+49 151 60000002")).await;
    lead(&wa, "Andere", Some("+49 151 60000003")).await;
    let input = json!({"i": {"name": "Search", "profileId": wa.profile_id, "templateId": tid, "module": "Leads", "viewSearch": "kampagne"}});
    let r = wa.gql(BCOST, input.clone()).await;
    assert_eq!(r["data"]["broadcastCost"]["recipients"], 2, "{r}");
    let r = wa.gql(CREATE, input).await;
    let id = r["data"]["createBroadcast"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    let b = until_broadcast(&wa, &id, "settled", |b| b["failed"] == 1 && b["read"] == 1).await;
    let failed = b["recipientList"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["node"]["status"] == "FAILED")
        .unwrap();
    assert_eq!(failed["node"]["errorCode"], 131026, "{b}");
    assert_eq!(failed["node"]["waId"], "4915160000002");
    assert_eq!(sent_to(&wa, "4915160000003"), 0);
}

#[tokio::test]
async fn pause_resume_and_cancel() {
    // 2 sends a second: the broadcast is still running while we act.
    let wa = Wa::start_with(2, |_| {}).await;
    let tid = approved(&wa, "bc_slow", "UTILITY").await;
    let mut ids = vec![];
    for i in 0..12 {
        ids.push(
            lead(
                &wa,
                &format!("Slow{i:02}"),
                Some(&format!("+49 151 700000{i:02}")),
            )
            .await,
        );
    }
    let r = wa.gql(CREATE, bcast_input(&wa, &tid, &ids)).await;
    let id = r["data"]["createBroadcast"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    let p = wa
        .gql(
            "mutation($id:ID!){ pauseBroadcast(id:$id){ status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(p["data"]["pauseBroadcast"]["status"], "PAUSED", "{p}");
    // What was in the outbox at the pause still goes; nothing more is fed.
    let b = until_broadcast(&wa, &id, "the queue drained", |b| b["queued"] == 0).await;
    let sent_at_pause = b["sent"].as_i64().unwrap();
    assert!(sent_at_pause < 12, "{b}");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        broadcast(&wa, &id).await["sent"],
        sent_at_pause,
        "paused: no more sends"
    );
    let r = wa
        .gql(
            "mutation($id:ID!){ resumeBroadcast(id:$id){ status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(r["data"]["resumeBroadcast"]["status"], "RUNNING");
    until_broadcast(&wa, &id, "more sends", |b| {
        b["sent"].as_i64().unwrap() > sent_at_pause
    })
    .await;
    let r = wa
        .gql(
            "mutation($id:ID!){ cancelBroadcast(id:$id){ status cancelled } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(r["data"]["cancelBroadcast"]["status"], "CANCELLED", "{r}");
    let b = until_broadcast(&wa, &id, "the rest settled", |b| b["queued"] == 0).await;
    let (sent, cancelled) = (
        b["sent"].as_i64().unwrap(),
        b["cancelled"].as_i64().unwrap(),
    );
    assert!(cancelled > 0, "{b}");
    assert_eq!(sent + cancelled, 12, "{b}");
    assert_eq!(wa.sandbox.sent().len() as i64, sent);
    let r = wa
        .gql(
            "mutation($id:ID!){ resumeBroadcast(id:$id){ status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(codes(&r), vec!["CONFLICT"]);
    // Utility templates here are billable (no open window); what was not sent is not held.
    until_broadcast(&wa, &id, "delivered", |b| {
        b["delivered"].as_i64() == Some(sent)
    })
    .await;
    assert_eq!(money(&wallet(&wa).await["held"]), Money::ZERO);
}

#[tokio::test]
async fn quality_webhooks_update_profile_and_templates_and_notify_admins() {
    let wa = Wa::start().await;
    let tid = approved(&wa, "q_news", "UTILITY").await;
    let profiles = "{ whatsappProfiles { id qualityRating messagingLimit messagingLimitCount displayPhoneNumber } }";
    let r = wa.gql(profiles, json!({})).await;
    let p = &r["data"]["whatsappProfiles"][0];
    assert_eq!(
        p["qualityRating"], "GREEN",
        "read from the Graph API at connect: {r}"
    );
    assert_eq!(p["messagingLimit"], "TIER_1K");
    // A second administrator reads German: the same alerts reach them in German.
    let r = wa
        .gql(
            "mutation($i:CreateUserInput!){ createUser(input:$i){ id } }",
            json!({"i": {"email": "chefin@x.de", "name": "Chefin", "password": "User-Passw0rd-1", "isAdmin": true}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let german = wa.s.login("chefin@x.de", "User-Passw0rd-1").await;
    wa.s.gql(
        Some(&german),
        "mutation { setLanguage(language: DE){ language } }",
        json!({}),
    )
    .await;
    let display = meta(&wa).await["display_phone_number"].clone();
    deliver(
        &wa,
        "phone_number_quality_update",
        json!({"display_phone_number": display, "event": "DOWNGRADE", "current_limit": "TIER_250", "old_limit": "TIER_1K"}),
    )
    .await;
    deliver(
        &wa,
        "phone_number_quality_update",
        json!({"display_phone_number": display, "event": "FLAGGED", "current_limit": "TIER_250"}),
    )
    .await;
    let r = wa.gql(profiles, json!({})).await;
    let p = &r["data"]["whatsappProfiles"][0];
    assert_eq!(p["messagingLimit"], "TIER_250", "{r}");
    assert_eq!(p["messagingLimitCount"], 250);
    assert_eq!(p["qualityRating"], "RED");
    let meta_id = wa.s.app.templates.get(&tid).unwrap().meta_id.unwrap();
    deliver(
        &wa,
        "message_template_quality_update",
        json!({"previous_quality_score": "GREEN", "new_quality_score": "YELLOW", "message_template_id": meta_id.parse::<i64>().unwrap_or(0),
            "message_template_name": "q_news", "message_template_language": "en"}),
    )
    .await;
    deliver(
        &wa,
        "template_category_update",
        json!({"message_template_id": meta_id, "message_template_name": "q_news", "message_template_language": "en",
            "previous_category": "UTILITY", "new_category": "MARKETING"}),
    )
    .await;
    deliver(
        &wa,
        "message_template_status_update",
        json!({"event": "PAUSED", "message_template_id": meta_id, "message_template_name": "q_news",
            "message_template_language": "en", "reason": null, "other_info": {"title": "FIRST_PAUSE"}}),
    )
    .await;
    let r = wa
        .gql("{ templates { id quality category status } }", json!({}))
        .await;
    let t = r["data"]["templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == tid.as_str())
        .unwrap()
        .clone();
    assert_eq!(t["quality"], "YELLOW", "{t}");
    assert_eq!(t["category"], "MARKETING");
    assert_eq!(t["status"], "PAUSED");
    deliver(
        &wa,
        "account_update",
        json!({"phone_number": display, "event": "ACCOUNT_RESTRICTION",
            "restriction_info": [{"restriction_type": "RESTRICTED_BIZ_INITIATED_MESSAGING", "expiration": 1_641_330_498}]}),
    )
    .await;
    let n = wa
        .gql(
            "{ notifications(first: 20){ edges { node { title } } } }",
            json!({}),
        )
        .await;
    let titles: Vec<String> = n["data"]["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_string())
        .collect();
    for needle in [
        "TIER_250",
        "flagged",
        "q_news: PAUSED",
        "ACCOUNT_RESTRICTION",
    ] {
        assert!(
            titles.iter().any(|t| t.contains(needle)),
            "{needle} in {titles:?}"
        );
    }
    let n =
        wa.s.gql(
            Some(&german),
            "{ notifications(first: 20){ edges { node { title body } } } }",
            json!({}),
        )
        .await;
    let german_titles: Vec<String> = n["data"]["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_string())
        .collect();
    for needle in [
        "Nachrichtenlimit auf TIER_250 gesenkt",
        "Nummer wurde markiert",
        "Vorlage q_news: pausiert",
        "WhatsApp-Konto: eingeschränkt",
    ] {
        assert!(
            german_titles.iter().any(|t| t.contains(needle)),
            "{needle} in {german_titles:?}"
        );
    }
    // A rep hears nothing of it.
    let (_, rep) = wa.s.user(&wa.admin, "rep2@x.de", None).await;
    let n =
        wa.s.gql(Some(&rep), "{ notifications { totalCount } }", json!({}))
            .await;
    assert_eq!(n["data"]["notifications"]["totalCount"], 0, "{n}");
    // Sync reads the Graph API's values again.
    let r = wa
        .gql(
            "mutation { syncWhatsappQuality { messagingLimit qualityRating } }",
            json!({}),
        )
        .await;
    assert_eq!(
        r["data"]["syncWhatsappQuality"][0]["messagingLimit"], "TIER_1K",
        "{r}"
    );
}

#[tokio::test]
async fn a_broadcast_beyond_the_messaging_limit_is_refused_and_says_why() {
    let wa = Wa::start().await;
    let tid = approved(&wa, "bc_tier", "UTILITY").await;
    let display = meta(&wa).await["display_phone_number"].clone();
    deliver(
        &wa,
        "phone_number_quality_update",
        json!({"display_phone_number": display, "event": "DOWNGRADE", "current_limit": "TIER_50", "old_limit": "TIER_250"}),
    )
    .await;
    let mut ids = vec![];
    for i in 0..51 {
        ids.push(
            lead(
                &wa,
                &format!("Tier{i:02}"),
                Some(&format!("+49 151 800000{i:02}")),
            )
            .await,
        );
    }
    let r = wa.gql(BCOST, bcast_input(&wa, &tid, &ids)).await;
    let c = &r["data"]["broadcastCost"];
    assert_eq!(c["tierLimit"], 50, "{r}");
    assert_eq!(c["tierNew"], 51);
    assert_eq!(c["withinTier"], false);
    let r = wa.gql(CREATE, bcast_input(&wa, &tid, &ids)).await;
    assert_eq!(codes(&r), vec!["CONFLICT"], "{r}");
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("TIER_50"),
        "{r}"
    );
    // 50 fit; then a customer with an open window does not count, another one does.
    let r = wa.gql(CREATE, bcast_input(&wa, &tid, &ids[..50])).await;
    let id = r["data"]["createBroadcast"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    until_broadcast(&wa, &id, "sent", |b| b["status"] == "COMPLETED").await;
    let r = wa.gql(BCOST, bcast_input(&wa, &tid, &ids[50..])).await;
    assert_eq!(r["data"]["broadcastCost"]["tierUsed"], 50, "{r}");
    assert_eq!(r["data"]["broadcastCost"]["withinTier"], false);
    customer_says(&wa, "4915180000050", "Hallo", "wamid.T50").await;
    let r = wa.gql(BCOST, bcast_input(&wa, &tid, &ids[50..])).await;
    assert_eq!(r["data"]["broadcastCost"]["tierNew"], 0, "{r}");
    assert_eq!(r["data"]["broadcastCost"]["withinTier"], true);
}

/// The real binary (`demo`, simulator state in the data dir) stopped in the middle of a
/// broadcast and started again: every recipient is sent exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broadcast_survives_a_restart_with_each_recipient_sent_once() {
    broadcast_across_a_restart(false).await;
}

/// Killed (SIGKILL) in the middle of a broadcast: no recipient is sent twice; the ones whose
/// send was in flight at the kill are FAILED ("interrupted", they may have reached WhatsApp),
/// every other one is sent once after the restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broadcast_killed_midway_sends_no_one_twice() {
    broadcast_across_a_restart(true).await;
}

async fn broadcast_across_a_restart(kill: bool) {
    use crate::restart::Demo;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data, "2").await;
    let t = demo
        .gql("mutation { createTemplate(input:{name:\"restart_broadcast\", module:\"Leads\", language:\"en\", category:UTILITY, body:\"Hello $[Leads.First Name], our spring news.\"}){ id } }", json!({}))
        .await;
    let tid = t["data"]["createTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{t}"))
        .to_string();
    demo.until("approval", "{ templates { id status } }", |r| {
        r["data"]["templates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == tid.as_str() && x["status"] == "APPROVED")
    })
    .await;
    let mut ids = vec![];
    for i in 0..12 {
        let r = demo
            .gql(
                "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
                json!({"v": {"First_Name": "Rita", "Last_Name": format!("Restart{i:02}"), "Mobile": format!("+49 151 990000{i:02}")}}),
            )
            .await;
        ids.push(
            r["data"]["createRecord"]["id"]
                .as_str()
                .unwrap_or_else(|| panic!("{r}"))
                .to_string(),
        );
    }
    let profile = demo.gql("{ whatsappProfiles { id } }", json!({})).await["data"]
        ["whatsappProfiles"][0]["id"]
        .clone();
    let r = demo
        .gql(
            CREATE,
            json!({"i": {"name": "Restart", "profileId": profile, "templateId": tid, "module": "Leads", "recordIds": ids}}),
        )
        .await;
    let id = r["data"]["createBroadcast"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    let q = format!(
        "{{ broadcast(id:\"{id}\"){{ status sent queued pending failed cancelled recipientList(first: 50){{ edges {{ node {{ waId status errorCode }} }} }} }} }}"
    );
    let before = demo
        .until("a first send", &q, |r| {
            r["data"]["broadcast"]["sent"].as_i64() > Some(0)
        })
        .await;
    if kill {
        demo.kill();
    } else {
        demo.stop();
    }
    let sent_before = before["data"]["broadcast"]["sent"].as_i64().unwrap();
    assert!(
        sent_before < 12,
        "the rate of 2/s keeps most waiting: {before}"
    );

    let demo = Demo::start(&data, "80").await;
    let after = demo
        .until("completed", &q, |r| {
            r["data"]["broadcast"]["status"] == "COMPLETED"
        })
        .await;
    let b = &after["data"]["broadcast"];
    if !kill {
        assert_eq!(b["sent"], 12, "{after}");
        assert_eq!(
            b["failed"], 0,
            "a graceful stop interrupts nothing: {after}"
        );
    } else {
        assert_eq!(
            b["sent"].as_i64().unwrap() + b["failed"].as_i64().unwrap(),
            12,
            "{after}"
        );
    }
    let rows = b["recipientList"]["edges"].as_array().unwrap().clone();
    for (i, row) in rows.iter().enumerate() {
        let thread = demo
            .gql(
                "query($w:String!){ simulatorThread(waId:$w){ direction wamid } }",
                json!({"w": format!("49151990000{i:02}")}),
            )
            .await;
        let out = thread["data"]["simulatorThread"]
            .as_array()
            .unwrap_or_else(|| panic!("{thread}"))
            .iter()
            .filter(|m| m["direction"] == "out")
            .count();
        assert!(
            out <= 1,
            "recipient {i} got the broadcast at most once: {out}"
        );
        if kill {
            if row["node"]["status"] == "FAILED" {
                assert_eq!(row["node"]["errorCode"], -1, "interrupted: {row}");
            } else {
                assert_eq!(out, 1, "recipient {i} was sent once: {row}");
            }
        } else {
            assert_eq!(out, 1, "recipient {i} got the broadcast exactly once");
        }
    }
    demo.stop();
}
