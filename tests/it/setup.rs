//! F1–F3 through GraphQL: numbers with eligibility, profiles, deactivation keeping history.

use serde_json::json;

use crate::harness::codes;
use crate::whatsapp::{Wa, fixture};

#[tokio::test]
async fn numbers_show_eligibility_and_profiles_refuse_taken_numbers() {
    let wa = Wa::start().await;
    let r = wa.gql("{ whatsappNumbers { id verified eligible ineligibleReason } whatsappAccount { wabaId } }", json!({})).await;
    let nums = r["data"]["whatsappNumbers"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"));
    let linked = nums.iter().find(|n| n["id"] == wa.pnid.as_str()).unwrap();
    assert_eq!(
        linked["eligible"], false,
        "already linked to the test profile"
    );
    assert!(
        nums.iter()
            .any(|n| n["verified"] == false && n["eligible"] == false)
    );
    assert_eq!(r["data"]["whatsappAccount"]["wabaId"], wa.waba.as_str());
    let again = wa.gql("mutation($p:String!){ createWhatsappProfile(input:{nickname:\"Twice\", phoneNumberId:$p, unknownSenders:\"Contacts\"}){ id } }", json!({"p": wa.pnid})).await;
    assert_eq!(codes(&again), ["VALIDATION"]);
    let (_, rep) = wa.s.user(&wa.admin, "rep@example.com", None).await;
    let r =
        wa.s.gql(Some(&rep), "{ whatsappNumbers { id } }", json!({}))
            .await;
    assert_eq!(codes(&r), ["FORBIDDEN"]);
    let r =
        wa.s.gql(Some(&rep), "{ whatsappAccount { wabaId } }", json!({}))
            .await;
    assert_eq!(
        codes(&r),
        ["FORBIDDEN"],
        "credentials and setup are for administrators"
    );
}

#[tokio::test]
async fn deactivation_stops_sending_and_receiving_and_keeps_history() {
    let wa = Wa::start().await;
    let body = fixture(
        "inbound_text.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", "4915133322211"),
            ("WAMID", "wamid.KEEP"),
            ("TS", "1764000000"),
            ("NAME", "Kim Keep"),
        ],
    );
    assert_eq!(wa.post_signed(body.as_bytes()).await, 200);
    wa.until("inbound", |w| {
        w.s.app.messaging.store_has_wamid("wamid.KEEP")
    })
    .await;
    let r = wa.gql("mutation { deactivateWhatsapp }", json!({})).await;
    assert_eq!(r["data"]["deactivateWhatsapp"], true, "{r}");
    let r = wa
        .gql(
            "{ whatsappProfiles { id } whatsappAccount { wabaId } }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["whatsappProfiles"], json!([]));
    assert!(r["data"]["whatsappAccount"].is_null());
    let later = fixture(
        "inbound_text.json",
        &[
            ("PNID", &wa.pnid),
            ("WABA", &wa.waba),
            ("WAID", "4915133322211"),
            ("WAMID", "wamid.AFTER"),
            ("TS", "1764000001"),
            ("NAME", "Kim Keep"),
        ],
    );
    assert_eq!(
        wa.post_signed(later.as_bytes()).await,
        401,
        "receiving stops"
    );
    let convs = wa
        .gql(
            "{ conversations { edges { node { id messages { totalCount } } } } }",
            json!({}),
        )
        .await;
    let conv = &convs["data"]["conversations"]["edges"][0]["node"];
    assert_eq!(conv["messages"]["totalCount"], 1, "history stays");
    let r = wa
        .gql(
            "mutation($c:ID!){ sendReply(input:{conversationId:$c, text:\"Hallo\"}){ id } }",
            json!({"c": conv["id"]}),
        )
        .await;
    // Sending stops, and says why (not "Not found.").
    assert_eq!(codes(&r), ["CONFLICT"], "sending stops: {r}");
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("WhatsApp is off"),
        "{r}"
    );
}

#[tokio::test]
async fn inbound_media_is_fetched_into_the_blob_store_and_checked() {
    let wa = Wa::start().await;
    let bytes = b"%PDF-1.4 a small test document".to_vec();
    let media = wa.sandbox.put_media(bytes.clone(), "application/pdf");
    let wamid = wa
        .sandbox
        .customer_send(&wa.pnid, "4915155566677", "Mia Media", json!({"type": "document", "document": {"id": media, "mime_type": "application/pdf", "filename": "angebot.pdf"}}))
        .await
        .unwrap();
    wa.until("media stored", |w| {
        w.s.app.messaging.store_has_wamid(&wamid)
            && w.s
                .app
                .messaging
                .message_by_wamid(&wamid)
                .is_some_and(|m| m.media.is_some_and(|md| md.blob.is_some()))
    })
    .await;
    let r = wa
        .gql(
            "{ messages { edges { node { type attachment { fileName url size } } } } }",
            json!({}),
        )
        .await;
    let att = &r["data"]["messages"]["edges"][0]["node"]["attachment"];
    assert_eq!(att["fileName"], "angebot.pdf");
    let url = att["url"].as_str().unwrap();
    let got =
        wa.s.http
            .get(wa.s.url(url))
            .bearer_auth(&wa.admin)
            .send()
            .await
            .unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(got.bytes().await.unwrap().to_vec(), bytes);
    let anon = wa.s.http.get(wa.s.url(url)).send().await.unwrap();
    assert_eq!(anon.status(), 401);
}

/// Server texts in the user's language (issue 18): eligibility reasons and refusals.
#[tokio::test]
async fn eligibility_reasons_and_refusals_are_in_german_for_a_german_user() {
    let wa = Wa::start().await;
    wa.gql(
        "mutation { setLanguage(language: DE){ language } }",
        json!({}),
    )
    .await;
    let r = wa
        .gql("{ whatsappNumbers { id ineligibleReason } }", json!({}))
        .await;
    let nums = r["data"]["whatsappNumbers"].as_array().unwrap();
    let linked = nums.iter().find(|n| n["id"] == wa.pnid.as_str()).unwrap();
    assert_eq!(
        linked["ineligibleReason"], "Mit dem Profil „Support“ verbunden",
        "{r}"
    );
    let user =
        json!({"i": {"email": "doppelt@x.de", "name": "Doppelt", "password": "User-Passw0rd-1"}});
    let create = "mutation($i:CreateUserInput!){ createUser(input:$i){ id } }";
    wa.gql(create, user.clone()).await;
    let r = wa.gql(create, user).await;
    assert_eq!(codes(&r), ["CONFLICT"]);
    assert_eq!(
        r["errors"][0]["message"], "Es gibt bereits einen Benutzer mit der E-Mail doppelt@x.de",
        "{r}"
    );
}
