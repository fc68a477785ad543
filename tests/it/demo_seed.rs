//! The demo as a new user meets it (issue 18): the seed's templates and conversations, the
//! start page, registering the second number with the demo PIN, and editing, switching off
//! and on a WhatsApp profile, through the real binary and its GraphQL API.

use std::process::{Child, Command};

use serde_json::{Value, json};

use crate::binary::{BIN, free_port, spawn_ready};

const PW: &str = "Demo-Passw0rd-123";

struct Demo {
    child: Child,
    url: String,
    token: String,
    _dir: tempfile::TempDir,
}

impl Demo {
    fn start() -> Demo {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let child = spawn_ready(Command::new(BIN).args([
            "demo",
            "--data",
            dir.path().join("data").to_str().unwrap(),
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--admin-password",
            PW,
            "--sandbox-listen",
            &format!("127.0.0.1:{}", free_port()),
        ]));
        let mut demo = Demo {
            child,
            url: format!("http://127.0.0.1:{port}"),
            token: String::new(),
            _dir: dir,
        };
        let r = demo.gql(
            "mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }",
            json!({"e": "admin@parley.local", "p": PW}),
        );
        demo.token = r["data"]["login"]["token"].as_str().unwrap().to_string();
        demo
    }

    fn gql(&self, query: &str, vars: Value) -> Value {
        let resp = reqwest::blocking::Client::new()
            .post(format!("{}/graphql", self.url))
            .bearer_auth(&self.token)
            .json(&json!({"query": query, "variables": vars}))
            .send()
            .unwrap();
        let status = resp.status();
        let body = resp.text().unwrap();
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{status}: {e}: {body}"))
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn code(r: &Value) -> &str {
    r["errors"][0]["extensions"]["code"].as_str().unwrap_or("")
}

#[test]
fn the_demo_seed_has_templates_conversations_in_every_state_and_a_start_page() {
    let demo = Demo::start();
    let r = demo.gql(
        "{ templates { name language category status rejectionReason } }",
        json!({}),
    );
    let templates = r["data"]["templates"].as_array().unwrap();
    let approved = |lang: &str, cat: &str| {
        templates
            .iter()
            .any(|t| t["status"] == "APPROVED" && t["language"] == lang && t["category"] == cat)
    };
    for (lang, cat) in [
        ("de", "UTILITY"),
        ("en", "UTILITY"),
        ("de", "MARKETING"),
        ("en", "MARKETING"),
    ] {
        assert!(
            approved(lang, cat),
            "no approved {cat} template in {lang}: {r}"
        );
    }
    // The ordinary German wording of a first template ("Ihr Angebot ist fertig") passes.
    let angebot = templates
        .iter()
        .find(|t| t["name"] == "angebot_bereit")
        .unwrap();
    assert_eq!(angebot["status"], "APPROVED");
    let rabatt = templates
        .iter()
        .find(|t| t["name"] == "rabatt_aktion")
        .unwrap();
    assert_eq!(rabatt["status"], "REJECTED");
    assert_eq!(rabatt["rejectionReason"], "PROMOTIONAL");

    let r = demo.gql(
        "{ conversations { nodes { customerName windowOpen windowExpiresAt channelActive
            lastMessage { direction } messages { nodes { type direction } } } } }",
        json!({}),
    );
    let convs = r["data"]["conversations"]["nodes"].as_array().unwrap();
    let by = |name: &str| {
        convs
            .iter()
            .find(|c| c["customerName"] == name)
            .unwrap_or_else(|| panic!("no conversation with {name}: {r}"))
    };
    // The demo binary runs on the wall clock (not travelled in this test).
    let now = chrono::DateTime::from_timestamp_millis(parley::clock::Clock::now(
        &parley::clock::SystemClock,
    ))
    .unwrap()
    .fixed_offset();
    let left = |c: &Value| {
        chrono::DateTime::parse_from_rfc3339(c["windowExpiresAt"].as_str().unwrap()).unwrap() - now
    };
    assert!(convs.iter().all(|c| c["channelActive"] == true));
    // Open, unanswered; open with a photo; closing soon; closed and replied; closed, unanswered.
    assert_eq!(by("Anna Schmidt")["windowOpen"], true);
    assert_eq!(by("Anna Schmidt")["lastMessage"]["direction"], "INBOUND");
    let marie = by("Marie Hoffmann");
    assert_eq!(marie["messages"]["nodes"][0]["type"], "image");
    let jonas = by("Jonas Müller");
    assert_eq!(jonas["windowOpen"], true);
    assert!(left(jonas) < chrono::Duration::hours(3), "{jonas}");
    assert_eq!(by("Olivia Brown")["lastMessage"]["direction"], "OUTBOUND");
    assert_eq!(
        by("Klaus Zimmermann")["messages"]["nodes"][0]["type"],
        "document"
    );
    let lea = by("Lea Fischer");
    assert_eq!(lea["windowOpen"], false);
    assert_eq!(lea["lastMessage"]["direction"], "OUTBOUND");
    let james = by("James Wilson");
    assert_eq!(james["windowOpen"], false);
    assert_eq!(james["lastMessage"]["direction"], "INBOUND");

    let home = demo.gql(
        "{ home { unansweredCount unanswered { customerName } closingSoon { customerName }
            signalsCount templatesInReview { name } templatesRejected { name } } }",
        json!({}),
    );
    let h = &home["data"]["home"];
    assert_eq!(h["unansweredCount"], 4, "{home}");
    assert_eq!(
        h["unanswered"][0]["customerName"], "Jonas Müller",
        "soonest first"
    );
    assert_eq!(h["closingSoon"][0]["customerName"], "Jonas Müller");
    assert!(h["signalsCount"].as_i64().unwrap() >= 5, "{home}");
    assert_eq!(h["templatesRejected"][0]["name"], "rabatt_aktion");

    // The saved views and the "what to try" panel's state.
    let r = demo.gql("{ me { welcomeDismissed } }", json!({}));
    assert_eq!(r["data"]["me"]["welcomeDismissed"], false);
    let r = demo.gql(
        "mutation { dismissWelcome { welcomeDismissed } }",
        json!({}),
    );
    assert_eq!(r["data"]["dismissWelcome"]["welcomeDismissed"], true, "{r}");
    let r = demo.gql("{ me { welcomeDismissed } }", json!({}));
    assert_eq!(r["data"]["me"]["welcomeDismissed"], true);
}

#[test]
fn whatsapp_profiles_are_edited_switched_off_and_on_and_need_registered_numbers() {
    let demo = Demo::start();
    let numbers = |demo: &Demo| {
        demo.gql(
            "{ whatsappNumbers { id eligible ineligibleReason linkedProfileId registered } simulator { demoPin } }",
            json!({}),
        )
    };
    let r = numbers(&demo);
    let list = r["data"]["whatsappNumbers"].as_array().unwrap().clone();
    let profile =
        demo.gql("{ whatsappProfiles { id nickname } }", json!({}))["data"]["whatsappProfiles"][0]
            .clone();
    let pid = profile["id"].as_str().unwrap().to_string();
    // Our own number names the profile it is linked to.
    let own = &list[0];
    assert_eq!(own["linkedProfileId"], pid.as_str());
    assert!(
        own["ineligibleReason"]
            .as_str()
            .unwrap()
            .contains("Parley Demo"),
        "{own}"
    );
    // A verified but unregistered number is not offered for an ACTIVE profile.
    let sales = list
        .iter()
        .find(|n| {
            n["registered"] == false
                && n["ineligibleReason"]
                    .as_str()
                    .unwrap()
                    .contains("not registered")
        })
        .unwrap_or_else(|| panic!("{r}"));
    let sales_id = sales["id"].as_str().unwrap().to_string();
    const CP: &str =
        "mutation($i:CreateWhatsappProfileInput!){ createWhatsappProfile(input:$i){ id active } }";
    let create =
        json!({"i": {"nickname": "Sales", "phoneNumberId": sales_id, "unknownSenders": "Leads"}});
    let r = demo.gql(CP, create.clone());
    assert_eq!(code(&r), "VALIDATION", "{r}");

    // The demo tells its PIN; a wrong one fails, the demo PIN registers the number.
    let pin = numbers(&demo)["data"]["simulator"]["demoPin"]
        .as_str()
        .unwrap()
        .to_string();
    const REG: &str =
        "mutation($n:String!,$p:String!){ registerWhatsappNumber(phoneNumberId:$n,pin:$p) }";
    let wrong = if pin == "000000" { "111111" } else { "000000" };
    let r = demo.gql(REG, json!({"n": sales_id, "p": wrong}));
    assert!(r["errors"].is_array(), "{r}");
    let r = demo.gql(REG, json!({"n": sales_id, "p": pin}));
    assert_eq!(r["data"]["registerWhatsappNumber"], true, "{r}");
    let r = demo.gql(CP, create);
    assert_eq!(r["data"]["createWhatsappProfile"]["active"], true, "{r}");

    // Edit, then switch off: conversations say the channel is off and a reply is refused
    // with the reason.
    let r = demo.gql(
        "mutation($id:ID!,$i:UpdateWhatsappProfileInput!){ updateWhatsappProfile(id:$id,input:$i){ nickname unknownSenders } }",
        json!({"id": pid, "i": {"nickname": "Parley Berlin", "unknownSenders": "Contacts"}}),
    );
    assert_eq!(
        r["data"]["updateWhatsappProfile"]["nickname"], "Parley Berlin",
        "{r}"
    );
    assert_eq!(
        r["data"]["updateWhatsappProfile"]["unknownSenders"],
        "Contacts"
    );
    let r = demo.gql(
        "mutation($id:ID!,$i:UpdateWhatsappProfileInput!){ updateWhatsappProfile(id:$id,input:$i){ id } }",
        json!({"id": pid, "i": {"nickname": " "}}),
    );
    assert_eq!(code(&r), "VALIDATION");
    const ACT: &str =
        "mutation($id:ID!,$a:Boolean!){ setWhatsappProfileActive(id:$id,active:$a){ active } }";
    let r = demo.gql(ACT, json!({"id": pid, "a": false}));
    assert_eq!(
        r["data"]["setWhatsappProfileActive"]["active"], false,
        "{r}"
    );
    let r = demo.gql(
        "{ conversations { nodes { id customerName channelActive profile { id } } } }",
        json!({}),
    );
    let anna = r["data"]["conversations"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["customerName"] == "Anna Schmidt")
        .unwrap()
        .clone();
    assert_eq!(anna["channelActive"], false);
    let r = demo.gql(
        "mutation($i:SendReplyInput!){ sendReply(input:$i){ id } }",
        json!({"i": {"conversationId": anna["id"], "text": "Hallo Anna"}}),
    );
    assert_eq!(code(&r), "CONFLICT", "{r}");
    assert!(
        r["errors"][0]["message"].as_str().unwrap().contains("off"),
        "{r}"
    );
    // On again: the number is still registered and free.
    let r = demo.gql(ACT, json!({"id": pid, "a": true}));
    assert_eq!(r["data"]["setWhatsappProfileActive"]["active"], true, "{r}");

    let r = demo.gql(
        "{ auditLog(filter:{action:\"whatsapp.\"}) { edges { node { action } } } }",
        json!({}),
    );
    let actions: Vec<&str> = r["data"]["auditLog"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .filter_map(|e| e["node"]["action"].as_str())
        .collect();
    for a in [
        "whatsapp.update_profile",
        "whatsapp.deactivate_profile",
        "whatsapp.activate_profile",
        "whatsapp.register_number",
    ] {
        assert!(actions.contains(&a), "{a} not audited: {actions:?}");
    }

    // After the account is deactivated, every conversation says the channel is off.
    let r = demo.gql("mutation { deactivateWhatsapp }", json!({}));
    assert_eq!(r["data"]["deactivateWhatsapp"], true, "{r}");
    let r = demo.gql("{ conversations { nodes { channelActive } } }", json!({}));
    assert!(
        r["data"]["conversations"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["channelActive"] == false),
        "{r}"
    );
}
