//! The demo's WhatsApp side, made once on the first run: approved templates (utility and
//! marketing, German and English), one the review rejected (to show why and how to fix it),
//! and conversations in every state a user meets, all relative to the injected clock.
//!
//! | customer          | state                                   |
//! |-------------------|-----------------------------------------|
//! | Anna Schmidt      | window open, unanswered                  |
//! | Marie Hoffmann    | window open, unanswered, with a photo   |
//! | Jonas Müller      | window closing soon, unanswered         |
//! | Olivia Brown      | window open, replied (English)          |
//! | Klaus Zimmermann  | window open, replied, with a PDF        |
//! | Lea Fischer       | window closed, replied                  |
//! | James Wilson      | window closed, unanswered (English)     |

use serde_json::{Value, json};

use crate::App;
use crate::channel::whatsapp::sandbox::{HistoryItem, HistoryTurn, Sandbox};
use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::messaging::history::PastMessage;
use crate::templates::{Button, Category, TemplateInput};

const MIN: Millis = 60_000;
const HOUR: Millis = 60 * MIN;

/// (name, language, category, body, footer, quick replies)
type SeedTemplate = (
    &'static str,
    &'static str,
    Category,
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
);

/// Templates as a first-time user would write them. `angebot_bereit` is the ordinary German
/// wording that a too-strict review once rejected as promotional; `rabatt_aktion` is
/// rejected on purpose (a discount in a utility template).
pub const TEMPLATES: &[SeedTemplate] = &[
    (
        "quote_ready",
        "en",
        Category::Utility,
        "Hello $[Leads.First Name], your quote is ready. Reply to this message if you have any questions.",
        Some("Parley Demo"),
        &[],
    ),
    (
        "angebot_bereit",
        "de",
        Category::Utility,
        "Hallo $[Leads.First Name], Ihr Angebot ist fertig. Antworten Sie einfach auf diese Nachricht, wenn Sie Fragen haben.",
        Some("Parley Demo"),
        &[],
    ),
    (
        "spring_workshops",
        "en",
        Category::Marketing,
        "Hi $[Leads.First Name], our spring workshops are open for booking. Would you like the dates?",
        None,
        &["Yes, please", "Not now"],
    ),
    (
        "fruehjahrs_workshops",
        "de",
        Category::Marketing,
        "Hallo $[Leads.First Name], unsere Frühjahrs-Workshops sind jetzt buchbar. Sollen wir Ihnen die Termine schicken?",
        None,
        &["Ja, gerne", "Später"],
    ),
    (
        "rabatt_aktion",
        "de",
        Category::Utility,
        "Hallo $[Leads.First Name], nur heute 20 % Rabatt auf alle Pakete!",
        None,
        &[],
    ),
];

pub const TEMPLATES_APPROVED: usize = 4;

/// A seeded customer: wa_id, WhatsApp profile name, and the exchange as (minutes ago, from
/// the customer, message).
struct Thread {
    wa_id: &'static str,
    name: &'static str,
    turns: Vec<(Millis, bool, Value)>,
}

fn text(body: &str) -> Value {
    json!({"type": "text", "text": {"body": body}})
}

fn threads(photo: &str, order: &str) -> Vec<Thread> {
    vec![
        Thread {
            wa_id: "4917012345603",
            name: "Lea Fischer",
            turns: vec![
                (
                    3 * 24 * HOUR,
                    true,
                    text(
                        "Danke für das Angebot! Wir besprechen es im Team und melden uns nächste Woche.",
                    ),
                ),
                (
                    3 * 24 * HOUR - 12 * MIN,
                    false,
                    text("Gerne, Frau Fischer! Bei Fragen sind wir jederzeit erreichbar."),
                ),
            ],
        },
        Thread {
            wa_id: "447400654321",
            name: "James Wilson",
            turns: vec![(
                2 * 24 * HOUR,
                true,
                text("Hi, could someone call me back about the onboarding workshop?"),
            )],
        },
        Thread {
            wa_id: "4916098765402",
            name: "Jonas Müller",
            turns: vec![(
                22 * HOUR + 30 * MIN,
                true,
                text(
                    "Guten Tag, können Sie mir bis morgen ein Angebot für drei Standorte schicken?",
                ),
            )],
        },
        Thread {
            wa_id: "4915111112201",
            name: "Klaus Zimmermann",
            turns: vec![
                (
                    6 * HOUR,
                    true,
                    json!({"type": "document", "document": {"id": order, "filename": "bestellung.pdf", "caption": "Hier die unterschriebene Bestellung."}}),
                ),
                (
                    5 * HOUR + 50 * MIN,
                    false,
                    text("Danke, Herr Zimmermann! Wir melden uns morgen mit dem Liefertermin."),
                ),
            ],
        },
        Thread {
            wa_id: "447911123456",
            name: "Olivia Brown",
            turns: vec![
                (
                    3 * HOUR,
                    true,
                    text("Hi, do you ship the Starter package to the UK?"),
                ),
                (
                    2 * HOUR + 45 * MIN,
                    false,
                    text("Hi Olivia, yes we do. Delivery to the UK takes 3 to 5 working days."),
                ),
                (2 * HOUR + 30 * MIN, true, text("Great, thanks!")),
                (
                    2 * HOUR + 20 * MIN,
                    false,
                    text("You're welcome! Just write here when you're ready to order."),
                ),
            ],
        },
        Thread {
            wa_id: "4916255667707",
            name: "Marie Hoffmann",
            turns: vec![(
                50 * MIN,
                true,
                json!({"type": "image", "image": {"id": photo, "caption": "So sieht der Raum für das Catering aus. Passt das Business Paket dafür?"}}),
            )],
        },
        Thread {
            wa_id: "4915123456701",
            name: "Anna Schmidt",
            turns: vec![(
                25 * MIN,
                true,
                text("Hallo! Ist das Business Paket auch für zwei Filialen geeignet?"),
            )],
        },
    ]
}

/// Templates and conversations; called once, right after the simulator is connected.
pub async fn seed(app: &App, admin: &crate::auth::User, sandbox: &Sandbox) -> Result<()> {
    let profile = app
        .messaging
        .profile_by_number(crate::channel::whatsapp::sandbox::DEMO_NUMBER_ID)?
        .ok_or_else(|| Error::Internal("the demo profile is missing".into()))?;
    for (name, language, category, body, footer, replies) in TEMPLATES {
        let t = app
            .templates
            .create(
                &admin.id,
                TemplateInput {
                    name: (*name).into(),
                    module: "Leads".into(),
                    language: (*language).into(),
                    category: *category,
                    body: (*body).into(),
                    header: None,
                    footer: footer.map(String::from),
                    buttons: replies
                        .iter()
                        .map(|r| Button {
                            kind: "QUICK_REPLY".into(),
                            text: (*r).into(),
                            url: None,
                        })
                        .collect(),
                    header_media: None,
                },
            )
            .await?;
        if let Some(meta) = &t.meta_id {
            let _ = sandbox.review_now(meta);
        }
    }
    // The decisions as the account shows them now (their webhooks follow and change nothing).
    app.templates.sync(&admin.id).await?;

    let photo = sandbox.put_media(include_bytes!("raum.png").to_vec(), "image/png");
    let order = sandbox.put_media(include_bytes!("bestellung.pdf").to_vec(), "application/pdf");
    let waba = sandbox.waba_id();
    let now = app.clock.now();
    for th in threads(&photo, &order) {
        let turns: Vec<HistoryTurn> = th
            .turns
            .iter()
            .map(|(ago, from_customer, message)| HistoryTurn {
                at: now - ago,
                from_customer: *from_customer,
                message: if *from_customer {
                    message.clone()
                } else {
                    let mut m = message.clone();
                    m["messaging_product"] = json!("whatsapp");
                    m["recipient_type"] = json!("individual");
                    m["to"] = json!(th.wa_id);
                    m
                },
            })
            .collect();
        let items = sandbox
            .record_history(&profile.phone_number_id, th.wa_id, th.name, turns.clone())
            .await
            .map_err(|e| Error::Internal(format!("simulator: {e}")))?;
        let history = items
            .into_iter()
            .zip(turns)
            .map(|(item, turn)| match item {
                HistoryItem::Received(value) => PastMessage::Received(value),
                HistoryItem::Sent(wamid) => PastMessage::Sent {
                    wamid,
                    at: turn.at,
                    kind: "text".into(),
                    text: turn.message["text"]["body"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    payload: turn.message,
                    sent_by: Some(admin.id.clone()),
                    template_id: None,
                },
            })
            .collect();
        app.messaging
            .import_history(&waba, &profile.id, th.wa_id, history)
            .await?;
    }
    Ok(())
}
