//! Credits through GraphQL with the simulator: prices, holds, charges, refunds, buying,
//! auto-recharge, corrections and rights.

use std::time::Duration;

use parley::channel::whatsapp::sandbox::Chaos;
use parley::credits::model::{HoldState, LedgerKind, Money};
use serde_json::{Value, json};

use crate::harness::{Server, codes};
use crate::whatsapp::{Wa, fixture};

const ST: &str = "mutation($i:SendTemplateInput!){ sendTemplate(input:$i){ id status } }";
const COST: &str = "query($i:SendTemplateInput!){ sendCost(input:$i){ amount currency category country billable reason } }";
const WALLET: &str =
    "{ wallet { balance held currency autoRecharge { enabled minBalance amount } } }";
const LEDGER: &str = "{ ledger(first: 100) { totalCount edges { node { kind amount balanceAfter category country note message { id } } } } }";
const WAID: &str = "4915177788899";

/// A connected server with an empty wallet and the simulated card gateway.
async fn wa() -> Wa {
    wa_with(|_| {}).await
}

async fn wa_with(tune: impl FnOnce(&mut parley::channel::whatsapp::sandbox::SandboxConfig)) -> Wa {
    Wa::start_bare(80, |c| c.payment_gateway = Some("simulated".into()), tune).await
}

async fn approved(wa: &Wa, name: &str, category: &str) -> String {
    let r = wa
        .gql(
            "mutation($i:CreateTemplateInput!){ createTemplate(input:$i){ id } }",
            json!({"i": {"name": name, "module": "Leads", "language": "en", "category": category,
                "body": "Hello $[Leads.First Name], your reference is $[Leads.Last Name]."}}),
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

async fn new_lead(s: &Server, token: &str, mobile: &str) -> String {
    let r = s
        .gql(
            Some(token),
            "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
            json!({"v": {"First_Name": "Greta", "Last_Name": "Test", "Mobile": mobile}}),
        )
        .await;
    r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string()
}

fn input(wa: &Wa, lead: &str, tid: &str) -> Value {
    json!({"i": {"profileId": wa.profile_id, "module": "Leads", "recordId": lead, "templateId": tid}})
}

async fn top_up(wa: &Wa, amount: &str) {
    let r = wa
        .gql(
            "mutation($a:String!){ recordTopUp(amount:$a, reference:\"INV-1\"){ balance } }",
            json!({"a": amount}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
}

async fn wallet(wa: &Wa) -> Value {
    let r = wa.gql(WALLET, json!({})).await;
    r["data"]["wallet"].clone()
}

async fn ledger(wa: &Wa) -> Vec<Value> {
    let r = wa.gql(LEDGER, json!({})).await;
    r["data"]["ledger"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

fn money(v: &Value) -> Money {
    Money::parse(v.as_str().unwrap_or_else(|| panic!("not money: {v}"))).unwrap()
}

/// The invariant: the balance is the sum of the ledger, and each entry's balanceAfter adds up.
async fn assert_balance_is_sum_of_ledger(wa: &Wa) {
    let entries = ledger(wa).await;
    let sum = entries
        .iter()
        .fold(Money::ZERO, |a, e| a + money(&e["amount"]));
    assert_eq!(money(&wallet(wa).await["balance"]), sum);
    let mut running = Money::ZERO;
    for e in entries.iter().rev() {
        running = running + money(&e["amount"]);
        assert_eq!(money(&e["balanceAfter"]), running, "{e}");
    }
}

/// Charged and reconciled with Meta's pricing: the hold row is gone (it exists from the moment
/// the send is queued).
fn charged(wa: &Wa, id: &str) -> bool {
    wa.s.app.credits.hold(id).unwrap().is_none()
}

async fn send(wa: &Wa, lead: &str, tid: &str) -> String {
    let r = wa.gql(ST, input(wa, lead, tid)).await;
    r["data"]["sendTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string()
}

fn wamid(wa: &Wa, id: &str) -> Option<String> {
    wa.s.app.messaging.message_unchecked(id).unwrap().wamid
}

async fn post_status(wa: &Wa, wamid: &str, pricing: Value) {
    let mut body: Value = serde_json::from_str(&fixture(
        "status_delivered_pmp.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", WAID),
            ("WAMID", wamid),
            ("TS", "1764000000"),
        ],
    ))
    .unwrap();
    body["entry"][0]["changes"][0]["value"]["statuses"][0]["pricing"] = pricing;
    assert_eq!(wa.post_signed(body.to_string().as_bytes()).await, 200);
    wa.until("inbox drained", |w| w.s.app.messaging.inbox_len() == 0)
        .await;
}

#[tokio::test]
async fn the_previewed_price_is_held_then_charged_once_on_delivery() {
    let wa = wa().await;
    top_up(&wa, "1").await;
    let tid = approved(&wa, "reference", "UTILITY").await;
    let lead = new_lead(&wa.s, &wa.admin, "+49 151 77788899").await;
    let cost = wa.gql(COST, input(&wa, &lead, &tid)).await;
    assert_eq!(
        cost["data"]["sendCost"],
        json!({"amount": "0.0456", "currency": "EUR", "category": "utility", "country": "DE", "billable": true, "reason": null}),
        "{cost}"
    );
    let id = send(&wa, &lead, &tid).await;
    let w = wallet(&wa).await;
    // Held right away (unless Meta has billed it already).
    assert!(w["held"] == "0.0456" || w["balance"] == "0.9544", "{w}");
    wa.until("charged", |w| charged(w, &id)).await;
    let w = wallet(&wa).await;
    assert_eq!(
        (w["balance"].as_str(), w["held"].as_str()),
        (Some("0.9544"), Some("0"))
    );
    let entries = ledger(&wa).await;
    assert_eq!(entries[0]["kind"], "CHARGE");
    assert_eq!(entries[0]["amount"], "-0.0456");
    assert_eq!(entries[0]["message"]["id"], id.as_str());
    assert_eq!(entries[0]["country"], "DE");
    // Duplicated and late statuses (with and without pricing) never charge again.
    let w_id = wamid(&wa, &id).unwrap();
    for _ in 0..2 {
        post_status(&wa, &w_id, json!({"billable": true, "pricing_model": "PMP", "type": "regular", "category": "utility"})).await;
        post_status(&wa, &w_id, Value::Null).await;
    }
    assert_eq!(ledger(&wa).await.len(), 2);
    assert_eq!(wallet(&wa).await["balance"], "0.9544");
    assert_balance_is_sum_of_ledger(&wa).await;
}

#[tokio::test]
async fn insufficient_credits_refuse_and_queue_nothing() {
    let wa = wa().await;
    let tid = approved(&wa, "reference", "UTILITY").await;
    let lead = new_lead(&wa.s, &wa.admin, "+49 151 77788899").await;
    let r = wa.gql(ST, input(&wa, &lead, &tid)).await;
    assert_eq!(codes(&r), ["INSUFFICIENT_CREDITS"], "{r}");
    let convs = wa.gql("{ conversations { totalCount } }", json!({})).await;
    assert_eq!(convs["data"]["conversations"]["totalCount"], 0, "{convs}");
    // One send's worth: the second is refused while the first is held.
    top_up(&wa, "0.05").await;
    let first = wa.gql(ST, input(&wa, &lead, &tid)).await;
    assert!(first["errors"].is_null(), "{first}");
    let second = wa.gql(ST, input(&wa, &lead, &tid)).await;
    assert_eq!(codes(&second), ["INSUFFICIENT_CREDITS"], "{second}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(wa.sandbox.sent().len(), 1);
    assert_balance_is_sum_of_ledger(&wa).await;
}

#[tokio::test]
async fn a_failed_send_releases_its_hold() {
    let wa = wa().await;
    top_up(&wa, "1").await;
    let tid = approved(&wa, "reference", "MARKETING").await;
    let lead = new_lead(&wa.s, &wa.admin, "+49 151 77788899").await;
    wa.sandbox.set_chaos(Chaos {
        fail_recipients: vec![WAID.into()],
        ..Default::default()
    });
    let id = send(&wa, &lead, &tid).await;
    wa.until("failed and released", |w| {
        w.s.app
            .credits
            .hold(&id)
            .unwrap()
            .is_some_and(|h| h.state == HoldState::Released)
    })
    .await;
    let w = wallet(&wa).await;
    assert_eq!(
        (w["balance"].as_str(), w["held"].as_str()),
        (Some("1"), Some("0"))
    );
    assert_eq!(ledger(&wa).await.len(), 1);
}

#[tokio::test]
async fn meta_pricing_that_disagrees_is_refunded_or_adjusted_once() {
    // No simulator statuses: this test delivers them itself.
    let wa = wa_with(|c| c.status_delay = Duration::from_secs(3600)).await;
    top_up(&wa, "1").await;
    let tid = approved(&wa, "reference", "UTILITY").await;
    let lead = new_lead(&wa.s, &wa.admin, "+49 151 77788899").await;

    let free = send(&wa, &lead, &tid).await;
    wa.until("sent", |w| wamid(w, &free).is_some()).await;
    let w_id = wamid(&wa, &free).unwrap();
    let not_billed = json!({"billable": false, "pricing_model": "PMP", "type": "free_customer_service", "category": "utility"});
    post_status(&wa, &w_id, not_billed.clone()).await;
    post_status(&wa, &w_id, not_billed).await;
    let entries = ledger(&wa).await;
    assert_eq!(entries[0]["kind"], "REFUND", "{entries:?}");
    assert_eq!(entries[0]["amount"], "0.0456");
    assert!(
        entries[0]["note"]
            .as_str()
            .unwrap()
            .contains("free_customer_service")
    );
    assert_eq!(entries[1]["kind"], "CHARGE");
    assert_eq!(wallet(&wa).await["balance"], "1");

    let other = send(&wa, &lead, &tid).await;
    wa.until("sent", |w| wamid(w, &other).is_some()).await;
    let w_id = wamid(&wa, &other).unwrap();
    let marketing = json!({"billable": true, "pricing_model": "PMP", "type": "regular", "category": "marketing"});
    post_status(&wa, &w_id, marketing.clone()).await;
    post_status(&wa, &w_id, marketing).await;
    let entries = ledger(&wa).await;
    assert_eq!(entries[0]["kind"], "ADJUSTMENT", "{entries:?}");
    assert_eq!(entries[0]["amount"], "-0.0909");
    assert!(entries[0]["note"].as_str().unwrap().contains("marketing"));
    assert_eq!(wallet(&wa).await["balance"], "0.8635");
    assert_eq!(entries.len(), 5);
    assert_balance_is_sum_of_ledger(&wa).await;
}

#[tokio::test]
async fn windows_make_sends_free() {
    let wa = wa().await;
    top_up(&wa, "1").await;
    let utility = approved(&wa, "reference", "UTILITY").await;
    let marketing = approved(&wa, "promo_news", "MARKETING").await;
    let lead = new_lead(&wa.s, &wa.admin, "+49 151 77788899").await;
    let c = wa.gql(COST, input(&wa, &lead, &marketing)).await;
    assert_eq!(c["data"]["sendCost"]["amount"], "0.1365", "{c}");
    wa.sandbox
        .customer_send(
            &wa.pnid,
            WAID,
            "Greta Test",
            json!({"type": "text", "text": {"body": "Hallo"}}),
        )
        .await
        .unwrap();
    wa.until("inbound", |w| {
        w.s.app.messaging.inbox_len() == 0 && {
            let c = w.s.app.credits.send_cost(
                &w.profile_id,
                WAID,
                parley::credits::What::Template("utility"),
            );
            c.is_ok_and(|c| !c.billable)
        }
    })
    .await;
    let c = wa.gql(COST, input(&wa, &lead, &utility)).await;
    assert_eq!(c["data"]["sendCost"]["billable"], false, "{c}");
    assert_eq!(c["data"]["sendCost"]["reason"], "open service window");
    assert_eq!(c["data"]["sendCost"]["amount"], "0");
    let c = wa.gql(COST, input(&wa, &lead, &marketing)).await;
    assert_eq!(c["data"]["sendCost"]["billable"], true, "{c}");
    // A free utility send holds and charges nothing.
    let id = send(&wa, &lead, &utility).await;
    wa.until("delivered", |w| charged(w, &id)).await;
    assert_eq!(wallet(&wa).await["balance"], "1");
    // A click-to-WhatsApp referral opens the 72 h free-entry-point window: marketing is free too.
    let other = "4915199988877";
    let lead2 = new_lead(&wa.s, &wa.admin, "+49 151 99988877").await;
    let body = fixture(
        "inbound_referral.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", other),
            ("WAMID", "wamid.REF1"),
            ("TS", &(wa.s.app.clock.now() / 1000).to_string()),
            ("NAME", "Ad Clicker"),
        ],
    );
    assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    wa.until("inbox drained", |w| w.s.app.messaging.inbox_len() == 0)
        .await;
    let c = wa.gql(COST, input(&wa, &lead2, &marketing)).await;
    assert_eq!(
        c["data"]["sendCost"]["reason"], "free entry point window",
        "{c}"
    );
    wa.s.clock.advance(73 * 3600 * 1000);
    let c = wa.gql(COST, input(&wa, &lead2, &marketing)).await;
    assert_eq!(c["data"]["sendCost"]["billable"], true, "{c}");
}

#[tokio::test]
async fn per_conversation_pricing_charges_once_per_window_and_category() {
    let wa = Wa::start_bare(
        80,
        |c| {
            c.payment_gateway = Some("simulated".into());
            c.pricing_model = "cbp".into();
        },
        |_| {},
    )
    .await;
    top_up(&wa, "1").await;
    let tid = approved(&wa, "promo_news", "MARKETING").await;
    let lead = new_lead(&wa.s, &wa.admin, "+49 151 77788899").await;
    send(&wa, &lead, &tid).await;
    let c = wa.gql(COST, input(&wa, &lead, &tid)).await;
    assert_eq!(
        c["data"]["sendCost"]["reason"], "conversation already charged",
        "{c}"
    );
    wa.s.clock.advance(25 * 3600 * 1000);
    let c = wa.gql(COST, input(&wa, &lead, &tid)).await;
    assert_eq!(c["data"]["sendCost"]["amount"], "0.1365", "{c}");
}

#[tokio::test]
async fn buying_needs_an_active_number_and_a_confirmation() {
    // No number yet: CONFLICT.
    let s = Server::start_config(80, |c| c.payment_gateway = Some("simulated".into())).await;
    let admin = s.admin_token().await;
    let r = s
        .gql(
            Some(&admin),
            "mutation{ buyCredits(amount:\"20\"){ id } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&r), ["CONFLICT"], "{r}");
    drop(s);

    let wa = wa().await;
    let r = wa
        .gql(
            "mutation{ buyCredits(amount:\"20\"){ id amount status } }",
            json!({}),
        )
        .await;
    let p = &r["data"]["buyCredits"];
    assert_eq!(p["status"], "REQUIRES_CONFIRMATION", "{r}");
    assert_eq!(wallet(&wa).await["balance"], "0");
    let confirm = "mutation($id:ID!){ confirmPayment(id:$id){ id amount status } }";
    for _ in 0..2 {
        let c = wa.gql(confirm, json!({"id": p["id"]})).await;
        assert_eq!(c["data"]["confirmPayment"]["status"], "SUCCEEDED", "{c}");
    }
    assert_eq!(wallet(&wa).await["balance"], "20");
    // The test card: an amount ending in .13 declines.
    let r = wa
        .gql(
            "mutation{ buyCredits(amount:\"10.13\"){ id status } }",
            json!({}),
        )
        .await;
    let c = wa
        .gql(confirm, json!({"id": r["data"]["buyCredits"]["id"]}))
        .await;
    assert_eq!(codes(&c), ["PAYMENT_FAILED"], "{c}");
    assert_eq!(wallet(&wa).await["balance"], "20");
    for bad in ["0", "-5", "1.23456", "abc"] {
        let r = wa
            .gql(
                "mutation($a:String!){ buyCredits(amount:$a){ id } }",
                json!({"a": bad}),
            )
            .await;
        assert_eq!(codes(&r), ["VALIDATION"], "{bad}: {r}");
    }
    let entries = ledger(&wa).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["kind"], "TOPUP");
    assert_balance_is_sum_of_ledger(&wa).await;
}

#[tokio::test]
async fn without_a_gateway_administrators_record_top_ups() {
    let wa = Wa::start_bare(80, |_| {}, |_| {}).await;
    let r = wa
        .gql("mutation{ buyCredits(amount:\"20\"){ id } }", json!({}))
        .await;
    assert_eq!(codes(&r), ["CONFLICT"], "{r}");
    let r = wa
        .gql(
            "mutation{ recordTopUp(amount:\"20\", reference:\" \"){ balance } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    top_up(&wa, "20").await;
    let entries = ledger(&wa).await;
    assert_eq!(entries[0]["kind"], "TOPUP");
    assert!(entries[0]["note"].as_str().unwrap().contains("INV-1"));
}

fn auto_topups(wa: &Wa) -> usize {
    wa.s.app
        .credits
        .ledger_unchecked()
        .unwrap()
        .iter()
        .filter(|e| e.kind == LedgerKind::Topup && e.note.as_deref() == Some("auto-recharge"))
        .count()
}

#[tokio::test]
async fn auto_recharge_tops_up_once_per_crossing() {
    let wa = wa().await;
    top_up(&wa, "0.1").await;
    let r = wa
        .gql(
            "mutation($i:AutoRechargeInput!){ setAutoRecharge(input:$i){ autoRecharge { enabled minBalance amount } } }",
            json!({"i": {"enabled": true, "minBalance": "0.08", "amount": "5"}}),
        )
        .await;
    assert_eq!(
        r["data"]["setAutoRecharge"]["autoRecharge"],
        json!({"enabled": true, "minBalance": "0.08", "amount": "5"}),
        "{r}"
    );
    let tid = approved(&wa, "reference", "UTILITY").await;
    let lead = new_lead(&wa.s, &wa.admin, "+49 151 77788899").await;
    // Two sends: the first charge crosses the minimum, the second is still below it.
    let a = send(&wa, &lead, &tid).await;
    let b = send(&wa, &lead, &tid).await;
    wa.until("charged", |w| {
        charged(w, &a) && charged(w, &b) && auto_topups(w) == 1
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(auto_topups(&wa), 1);
    assert_eq!(wallet(&wa).await["balance"], "5.0088");
    // Back above the minimum: the next crossing tops up again.
    wa.gql(
        "mutation{ adjustCredits(amount:\"-4.95\", note:\"test\"){ balance } }",
        json!({}),
    )
    .await;
    wa.until("second top-up", |w| auto_topups(w) == 2).await;
    assert_balance_is_sum_of_ledger(&wa).await;
}

#[tokio::test]
async fn a_declined_auto_recharge_switches_it_off_and_tells_administrators() {
    let wa = wa().await;
    top_up(&wa, "1").await;
    wa.gql(
        "mutation($i:AutoRechargeInput!){ setAutoRecharge(input:$i){ balance } }",
        json!({"i": {"enabled": true, "minBalance": "0.5", "amount": "5.13"}}),
    )
    .await;
    let r = wa
        .gql(
            "mutation{ adjustCredits(amount:\"-0.6\", note:\"test\"){ balance } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["adjustCredits"]["balance"], "0.4", "{r}");
    wa.until("switched off", |w| {
        !w.s.app
            .credits
            .wallet_unchecked()
            .unwrap()
            .auto_recharge
            .enabled
    })
    .await;
    let n = wa
        .gql("{ notifications { edges { node { title } } } }", json!({}))
        .await;
    assert!(n.to_string().contains("Auto-recharge declined"), "{n}");
    assert_eq!(wallet(&wa).await["balance"], "0.4");
}

#[tokio::test]
async fn adjustments_need_a_note_and_never_go_below_zero() {
    let wa = wa().await;
    top_up(&wa, "3").await;
    let adj = "mutation($a:String!,$n:String!){ adjustCredits(amount:$a, note:$n){ balance } }";
    let r = wa.gql(adj, json!({"a": "-1", "n": "  "})).await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    let r = wa.gql(adj, json!({"a": "-3.0001", "n": "too much"})).await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    let r = wa
        .gql(adj, json!({"a": "-1.25", "n": "goodwill reversal"}))
        .await;
    assert_eq!(r["data"]["adjustCredits"]["balance"], "1.75", "{r}");
    let entries = ledger(&wa).await;
    assert_eq!(entries[0]["kind"], "ADJUSTMENT");
    assert_eq!(entries[0]["note"], "goodwill reversal");
    assert_balance_is_sum_of_ledger(&wa).await;
}

#[tokio::test]
async fn only_administrators_see_money_but_everyone_sees_their_price() {
    let wa = wa().await;
    top_up(&wa, "1").await;
    let tid = approved(&wa, "reference", "UTILITY").await;
    let role = wa.s.role(&wa.admin, "Rep", None).await;
    let (_, rep) = wa.s.user(&wa.admin, "rep@example.com", Some(&role)).await;
    for q in [
        WALLET,
        LEDGER,
        "mutation{ buyCredits(amount:\"5\"){ id } }",
        "mutation{ adjustCredits(amount:\"5\", note:\"x\"){ balance } }",
        "mutation{ recordTopUp(amount:\"5\", reference:\"x\"){ balance } }",
        "mutation{ setAutoRecharge(input:{enabled:false, minBalance:\"0\", amount:\"1\"}){ balance } }",
        "mutation{ uploadRateCard(csv:\"x\"){ id } }",
    ] {
        let r = wa.s.gql(Some(&rep), q, json!({})).await;
        assert_eq!(codes(&r), ["FORBIDDEN"], "{q}: {r}");
    }
    let mine = new_lead(&wa.s, &rep, "+49 151 77788899").await;
    let c = wa.s.gql(Some(&rep), COST, input(&wa, &mine, &tid)).await;
    assert_eq!(c["data"]["sendCost"]["amount"], "0.0456", "{c}");
    let admins = new_lead(&wa.s, &wa.admin, "+49 151 55566677").await;
    let c = wa.s.gql(Some(&rep), COST, input(&wa, &admins, &tid)).await;
    assert_eq!(codes(&c), ["NOT_FOUND"], "{c}");
}

#[tokio::test]
async fn a_newer_rate_card_replaces_the_prices_and_keeps_the_history() {
    let wa = wa().await;
    let tid = approved(&wa, "reference", "UTILITY").await;
    let lead = new_lead(&wa.s, &wa.admin, "+49 151 77788899").await;
    let up = "mutation($c:String!){ uploadRateCard(csv:$c){ effectiveFrom source } }";
    let header = "effective_from,market,currency,marketing,utility,authentication,authentication_international\n";
    let newer = format!(
        "{header}2026-01-01,Germany,EUR,0.14,0.05,0.08,\n2026-01-01,Other,EUR,0.07,0.01,0.01,\n"
    );
    let r = wa.gql(up, json!({"c": newer})).await;
    assert_eq!(
        r["data"]["uploadRateCard"]["effectiveFrom"], "2026-01-01",
        "{r}"
    );
    let c = wa.gql(COST, input(&wa, &lead, &tid)).await;
    assert_eq!(c["data"]["sendCost"]["amount"], "0.05", "{c}");
    let older = format!("{header}2025-01-01,Other,EUR,0.07,0.01,0.01,\n");
    assert_eq!(codes(&wa.gql(up, json!({"c": older})).await), ["CONFLICT"]);
    let bad = format!("{header}2026-02-01,Other,EUR,0.07,x,0.01,\n");
    assert_eq!(codes(&wa.gql(up, json!({"c": bad})).await), ["VALIDATION"]);
    let usd_only = format!("{header}2026-02-01,Other,USD,0.07,0.01,0.01,\n");
    assert_eq!(
        codes(&wa.gql(up, json!({"c": usd_only})).await),
        ["VALIDATION"]
    );
    let cards = wa
        .gql("{ rateCards { effectiveFrom source } }", json!({}))
        .await;
    assert_eq!(
        cards["data"]["rateCards"],
        json!([{"effectiveFrom": "2026-01-01", "source": "upload"}, {"effectiveFrom": "2025-07-01", "source": "embedded"}])
    );
}

mod crash {
    //! kill -9 while 500 template sends are queued, sent and reported, with simulator failures
    //! and every webhook delivered twice: balance = sum(ledger), at most one charge per message.

    use std::collections::HashMap;

    use crate::binary::{BIN, free_port};
    use std::process::{Child, Command};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use parley::credits::model::Money;
    use serde_json::{Value, json};

    const PW: &str = "Crash-Passw0rd-1";

    fn start(data: &std::path::Path, port: u16) -> Child {
        crate::binary::spawn_ready(
            Command::new(BIN)
                .args(["demo", "--data", data.to_str().unwrap()])
                .args([
                    "--listen",
                    &format!("127.0.0.1:{port}"),
                    "--admin-password",
                    PW,
                ])
                .args(["--sandbox-listen", &format!("127.0.0.1:{}", free_port())]),
        )
    }

    struct Api {
        http: reqwest::Client,
        url: String,
        token: String,
    }

    impl Api {
        async fn connect(port: u16) -> Api {
            let http = reqwest::Client::new();
            let url = format!("http://127.0.0.1:{port}/graphql");
            let r: Value = http
                .post(&url)
                .json(&json!({"query": "mutation($p:String!){ login(email:\"admin@parley.local\", password:$p){ token } }", "variables": {"p": PW}}))
                .send().await.unwrap().json().await.unwrap();
            let token = r["data"]["login"]["token"].as_str().unwrap().to_string();
            Api { http, url, token }
        }

        async fn gql(&self, query: &str, vars: Value) -> Option<Value> {
            let r = self
                .http
                .post(&self.url)
                .bearer_auth(&self.token)
                .json(&json!({"query": query, "variables": vars}))
                .send()
                .await
                .ok()?;
            r.json().await.ok()
        }

        async fn all(&self, field: &str, query: &str) -> Vec<Value> {
            let mut out = vec![];
            let mut after: Option<String> = None;
            loop {
                let r = self.gql(query, json!({"a": after})).await.unwrap();
                let conn = &r["data"][field];
                out.extend(
                    conn["edges"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| e["node"].clone()),
                );
                if conn["pageInfo"]["hasNextPage"] != true {
                    return out;
                }
                after = conn["pageInfo"]["endCursor"].as_str().map(String::from);
            }
        }
    }

    const CHAOS: &str = "mutation($f:[String!]){ setSimulatorChaos(duplicate:true, reorder:true, failRecipients:$f) }";

    fn failing() -> Vec<String> {
        (0..100)
            .step_by(10)
            .map(|i| format!("491519100{i:04}"))
            .collect()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn charges_survive_sigkill_during_concurrent_sends() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let port = free_port();
        let mut child = start(&data, port);
        let api = Arc::new(Api::connect(port).await);
        let r = api.gql(CHAOS, json!({"f": failing()})).await.unwrap();
        assert_eq!(r["data"]["setSimulatorChaos"], true, "{r}");
        let r = api
            .gql("mutation{ createTemplate(input:{name:\"crash_notice\", module:\"Leads\", language:\"en\", category:UTILITY, body:\"Hello $[Leads.First Name], your order is on its way.\"}){ id } }", json!({}))
            .await
            .unwrap();
        let tid = r["data"]["createTemplate"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let profile = api
            .gql("{ whatsappProfiles { id } }", json!({}))
            .await
            .unwrap()["data"]["whatsappProfiles"][0]["id"]
            .clone();
        let mut leads = vec![];
        for i in 0..100 {
            let r = api
                .gql(
                    "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
                    json!({"v": {"First_Name": format!("C{i}"), "Last_Name": "Crash", "Mobile": format!("+491519100{i:04}")}}),
                )
                .await
                .unwrap();
            leads.push(
                r["data"]["createRecord"]["id"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
        loop {
            let r = api
                .gql("{ templates { id status } }", json!({}))
                .await
                .unwrap();
            if r["data"]["templates"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["id"] == tid.as_str() && t["status"] == "APPROVED")
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let acked = Arc::new(AtomicUsize::new(0));
        let workers: Vec<_> = (0..16)
            .map(|w| {
                let (api, acked, leads, tid, profile) =
                    (api.clone(), acked.clone(), leads.clone(), tid.clone(), profile.clone());
                tokio::spawn(async move {
                    for i in 0..32 {
                        let n = w * 32 + i;
                        if n >= 500 {
                            return;
                        }
                        let lead = &leads[n % leads.len()];
                        let r = api
                            .gql("mutation($i:SendTemplateInput!){ sendTemplate(input:$i){ id } }",
                                json!({"i": {"profileId": profile, "module": "Leads", "recordId": lead, "templateId": tid}}))
                            .await;
                        if r.is_some_and(|r| r["errors"].is_null()) {
                            acked.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                })
            })
            .collect();
        // Kill with sends queued, in flight and being reported.
        while acked.load(Ordering::SeqCst) < 250 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        tokio::time::sleep(Duration::from_millis(1500)).await;
        child.kill().unwrap();
        child.wait().unwrap();
        for w in workers {
            w.await.unwrap();
        }

        let port = free_port();
        let mut child = start(&data, port);
        let api = Api::connect(port).await;
        api.gql(CHAOS, json!({"f": failing()})).await.unwrap();
        let msgs = "query($a:String){ messages(filter:{direction:OUTBOUND}, first:500, after:$a){ edges { node { id status } } pageInfo { hasNextPage endCursor } } }";
        let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
        loop {
            let m = api.all("messages", msgs).await;
            if m.iter().all(|m| m["status"] != "QUEUED") {
                break;
            }
            assert!(tokio::time::Instant::now() < deadline, "sends still queued");
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        // The last statuses (2 s apart in the demo's simulator) arrive.
        tokio::time::sleep(Duration::from_secs(8)).await;

        let ledger = api
            .all("ledger", "query($a:String){ ledger(first:500, after:$a){ edges { node { kind amount balanceAfter message { id } } } pageInfo { hasNextPage endCursor } } }")
            .await;
        let wallet = api
            .gql("{ wallet { balance held } }", json!({}))
            .await
            .unwrap();
        let balance = Money::parse(wallet["data"]["wallet"]["balance"].as_str().unwrap()).unwrap();
        let sum = ledger.iter().fold(Money::ZERO, |a, e| {
            a + Money::parse(e["amount"].as_str().unwrap()).unwrap()
        });
        assert_eq!(balance, sum, "balance = sum(ledger)");
        let mut charges: HashMap<String, usize> = HashMap::new();
        for e in ledger.iter().filter(|e| e["kind"] == "CHARGE") {
            *charges
                .entry(e["message"]["id"].as_str().unwrap().to_string())
                .or_default() += 1;
            assert_eq!(e["amount"], "-0.0456");
        }
        assert!(
            charges.values().all(|n| *n == 1),
            "at most one charge per message"
        );
        assert!(!charges.is_empty());
        let statuses: HashMap<String, String> = api
            .all("messages", msgs)
            .await
            .into_iter()
            .map(|m| {
                (
                    m["id"].as_str().unwrap().to_string(),
                    m["status"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        for id in charges.keys() {
            assert!(
                matches!(statuses[id].as_str(), "DELIVERED" | "READ"),
                "{id} charged while {}",
                statuses[id]
            );
        }
        assert!(
            statuses.values().any(|s| s == "FAILED"),
            "the failing recipients failed"
        );
        let held = Money::parse(wallet["data"]["wallet"]["held"].as_str().unwrap()).unwrap();
        let failed = statuses.values().filter(|s| *s == "FAILED").count();
        eprintln!(
            "{} sends, {} charged, {failed} failed, balance {balance}, held {held}",
            statuses.len(),
            charges.len()
        );
        assert!(held >= Money::ZERO);
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

#[tokio::test]
async fn a_hold_without_a_billing_status_is_released_after_30_days() {
    let mut wa = wa().await;
    top_up(&wa, "1").await;
    let tid = approved(&wa, "silent", "UTILITY").await;
    // From now on the simulator's webhooks never reach us: no status ever arrives.
    wa.sandbox.set_webhook_url("http://127.0.0.1:9/lost".into());
    let lead = new_lead(&wa.s, &wa.admin, "+49 151 77788899").await;
    let id = send(&wa, &lead, &tid).await;
    wa.until("sent", |w| wamid(w, &id).is_some()).await;
    assert_eq!(wallet(&wa).await["held"], "0.0456");
    // 29 days on, Meta may still deliver (and bill) it: the hold stays.
    wa.s.clock.advance(29 * 24 * 3600 * 1000);
    wa.admin = wa.s.admin_token().await; // the session from a month ago has ended
    assert_eq!(wallet(&wa).await["held"], "0.0456");
    // Past 30 days Meta no longer tries: the hold is released, nothing is charged.
    wa.s.clock.advance(2 * 24 * 3600 * 1000);
    wa.admin = wa.s.admin_token().await;
    wa.until("released", |w| {
        w.s.app
            .credits
            .hold(&id)
            .unwrap()
            .is_some_and(|h| h.expired_at.is_some())
    })
    .await;
    let w = wallet(&wa).await;
    assert_eq!(
        (w["balance"].as_str(), w["held"].as_str()),
        (Some("1"), Some("0"))
    );
    assert_eq!(ledger(&wa).await.len(), 1, "only the top-up");
    // Should Meta deliver it after all, it bills it, so we charge it: once, however often the
    // status repeats, and nothing is held again.
    let w_id = wamid(&wa, &id).unwrap();
    for _ in 0..2 {
        post_status(&wa, &w_id, json!({"billable": true, "pricing_model": "PMP", "type": "regular", "category": "utility"})).await;
    }
    let w = wallet(&wa).await;
    assert_eq!(
        (w["balance"].as_str(), w["held"].as_str()),
        (Some("0.9544"), Some("0"))
    );
    assert_eq!(ledger(&wa).await.len(), 2);
    assert_balance_is_sum_of_ledger(&wa).await;
}
