//! `parley demo`: an admin, a sales team in two roles, and realistic CRM data, made once per
//! data dir. Re-running keeps everything; `--admin-password` resets the admin's password.

use std::net::SocketAddr;

use serde_json::json;

use crate::App;
use crate::auth::{NewUser, Viewer};
use crate::channel::whatsapp::sandbox::{Sandbox, SandboxConfig};
use crate::error::{Error, Result};
use crate::messaging::setup::{ConnectInput, NewProfile};

pub mod whatsapp;

pub const ADMIN_EMAIL: &str = "admin@parley.local";

pub struct Options {
    pub admin_password: Option<String>,
    pub sandbox_app_secret: Option<String>,
    pub sandbox_token: Option<String>,
    pub sandbox_listen: SocketAddr,
}

pub struct Info {
    pub admin_email: String,
    /// Printed when it was set now (first run, or given on the command line).
    pub admin_password: Option<String>,
    /// More lines for the banner (simulator URL, number).
    pub extra: Vec<String>,
}

pub async fn prepare(app: &App, opts: Options, app_url: &str) -> Result<Info> {
    let mut first_run = false;
    let (admin, password) = match app.auth.user_by_email(ADMIN_EMAIL)? {
        Some(u) => {
            // Setting a password ends the user's sessions, so only when it really changes.
            if let Some(pw) = &opts.admin_password
                && !crate::auth::password::verify(pw.clone(), u.password_hash.clone()).await
            {
                app.auth.set_password(&u.id, pw.clone()).await?;
            }
            (u, opts.admin_password.clone())
        }
        None => {
            let pw = opts
                .admin_password
                .clone()
                .unwrap_or_else(crate::ids::secret);
            let admin = app
                .auth
                .create_user(NewUser {
                    email: ADMIN_EMAIL.into(),
                    name: "Demo Admin".into(),
                    password: pw.clone(),
                    is_admin: true,
                    ..Default::default()
                })
                .await?;
            seed(app, &admin).await?;
            first_run = true;
            (admin, Some(pw))
        }
    };
    let extra = connect_simulator(app, &opts, app_url).await?;
    if first_run && let Some(sandbox) = app.sandbox.get() {
        whatsapp::seed(app, &admin, sandbox).await?;
    }
    Ok(Info {
        admin_email: admin.email,
        admin_password: password,
        extra,
    })
}

/// Starts the simulator, (re)connects the account to it with this run's token and secret, and
/// makes sure the demo profile exists. The simulator keeps its state in the data dir
/// (`sandbox.redb`), so threads, media and template reviews outlive a restart; templates are
/// submitted again only when the simulator starts empty (a data dir from before it kept state).
async fn connect_simulator(app: &App, opts: &Options, app_url: &str) -> Result<Vec<String>> {
    let token = opts
        .sandbox_token
        .clone()
        .unwrap_or_else(crate::ids::secret);
    let secret = opts
        .sandbox_app_secret
        .clone()
        .unwrap_or_else(crate::ids::secret);
    let mut cfg = SandboxConfig::demo(opts.sandbox_listen, token.clone(), secret.clone());
    cfg.webhook_url = Some(format!("{app_url}/webhooks/whatsapp"));
    cfg.data_dir = Some(app.config.data_dir.clone());
    let number = cfg.numbers[0].clone();
    let waba = cfg.waba_id.clone();
    let verify_token = cfg.verify_token.clone();
    let sandbox = Sandbox::start(cfg, app.clock.clone()).await.map_err(|e| {
        Error::Internal(format!(
            "cannot start the simulator on {}: {e}",
            opts.sandbox_listen
        ))
    })?;
    let base = sandbox.base_url();
    let _ = app.sandbox.set(sandbox.clone());
    app.messaging
        .connect(ConnectInput {
            waba_id: waba,
            access_token: token.clone(),
            app_secret: secret,
            verify_token,
            graph_base_url: Some(base.clone()),
        })
        .await?;
    if app.messaging.profile_by_number(&number.id)?.is_none() {
        app.messaging
            .create_profile(NewProfile {
                nickname: "Parley Demo".into(),
                phone_number_id: number.id.clone(),
                unknown_senders: "Leads".into(),
                user_ids: vec![],
                group_ids: vec![],
                role_ids: vec![],
            })
            .await?;
    }
    if sandbox.templates().is_empty() {
        for id in app.templates.resubmit_all().await? {
            // Approved here before: the simulator restores that decision at once.
            let _ = sandbox.set_template_status(&id, "APPROVED");
        }
    }
    Ok(vec![
        format!("Simulator:  {base}  (Graph API; bearer token {token})"),
        format!(
            "WhatsApp:   {} (phoneNumberId {})",
            number.display_phone_number, number.id
        ),
    ])
}

const LEADS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Anna",
        "Schmidt",
        "0151 2345 6701",
        "Bäckerei Schmidt",
        "Not Contacted",
    ),
    (
        "Jonas",
        "Müller",
        "0160 9876 5402",
        "Müller Logistik GmbH",
        "Contacted",
    ),
    (
        "Lea",
        "Fischer",
        "0170 1234 5603",
        "Fischer Design",
        "Qualified",
    ),
    (
        "Lukas",
        "Weber",
        "0152 3456 7804",
        "Weber & Söhne",
        "Attempted to Contact",
    ),
    (
        "Sophie",
        "Wagner",
        "0171 2233 4405",
        "Wagner Immobilien",
        "Contacted",
    ),
    (
        "Felix",
        "Becker",
        "0157 8899 0006",
        "Becker IT",
        "Not Contacted",
    ),
    (
        "Marie",
        "Hoffmann",
        "0162 5566 7707",
        "Hoffmann Catering",
        "Qualified",
    ),
    ("Paul", "Schäfer", "0176 1122 3308", "Schäfer Bau", "Lost"),
    (
        "Emma",
        "Koch",
        "0151 4455 6609",
        "Koch Consulting",
        "Contacted",
    ),
    (
        "Noah",
        "Richter",
        "0172 9988 7710",
        "Richter Reisen",
        "Not Contacted",
    ),
    (
        "Olivia",
        "Brown",
        "+44 7911 123456",
        "Brown & Partners Ltd",
        "Contacted",
    ),
    (
        "James",
        "Wilson",
        "+44 7400 654321",
        "Wilson Media",
        "Qualified",
    ),
    (
        "Camille",
        "Dubois",
        "+33 6 12 34 56 78",
        "Dubois Parfums",
        "Not Contacted",
    ),
    (
        "Luca",
        "Rossi",
        "+39 312 345 6789",
        "Rossi Moda",
        "Attempted to Contact",
    ),
    (
        "Sofía",
        "García",
        "+34 612 34 56 78",
        "García Vinos",
        "Contacted",
    ),
    (
        "Lars",
        "Jansen",
        "+31 6 12345678",
        "Jansen Fietsen",
        "Qualified",
    ),
    (
        "Emily",
        "Johnson",
        "+1 212 736 5000",
        "Johnson Outdoor",
        "Not Contacted",
    ),
    (
        "Mia",
        "Schneider",
        "0159 0123 4517",
        "Schneider Events",
        "Contacted",
    ),
    (
        "Ben",
        "Neumann",
        "0163 7654 3218",
        "Neumann Solar",
        "Qualified",
    ),
    (
        "Hannah",
        "Schwarz",
        "0178 2468 1019",
        "Schwarz Fotografie",
        "Not Contacted",
    ),
];

const CONTACTS: &[(&str, &str, &str, &str)] = &[
    (
        "Klaus",
        "Zimmermann",
        "0151 1111 2201",
        "klaus@zimmermann-kg.de",
    ),
    (
        "Petra",
        "Braun",
        "0160 2222 3302",
        "petra.braun@nordwind.de",
    ),
    (
        "Stefan",
        "Krüger",
        "0170 3333 4403",
        "s.krueger@nordwind.de",
    ),
    (
        "Julia",
        "Hofmann",
        "0152 4444 5504",
        "julia@hofmann-textil.de",
    ),
    ("Thomas", "Hartmann", "0171 5555 6605", "th@hartmann-kfz.de"),
    ("Sabine", "Lange", "0157 6666 7706", "sabine.lange@web.de"),
    (
        "William",
        "Taylor",
        "+44 7823 456789",
        "w.taylor@taylorandco.co.uk",
    ),
    (
        "Chloé",
        "Martin",
        "+33 6 98 76 54 32",
        "chloe.martin@orange.fr",
    ),
    (
        "Andreas",
        "Werner",
        "0162 7777 8809",
        "a.werner@zimmermann-kg.de",
    ),
    (
        "Katrin",
        "Schmitz",
        "0176 8888 9910",
        "katrin@schmitz-online.de",
    ),
];

/// Roles "Sales Manager" → "Sales Rep", a manager and a rep, and the records they own.
async fn seed(app: &App, admin: &crate::auth::User) -> Result<()> {
    // Starting credit, so the demo's template sends go out (buy more in Settings → Credits).
    app.credits
        .manual_top_up(
            crate::credits::model::Money(50 * crate::credits::model::SCALE),
            "demo starting credit",
            Some(&admin.id),
        )
        .await?;
    let auth = &app.auth;
    let manager_role = auth.create_role("Sales Manager", None).await?;
    let rep_role = auth
        .create_role("Sales Rep", Some(manager_role.id.clone()))
        .await?;
    let pw = crate::ids::secret();
    let mut team = vec![admin.id.clone()];
    for (email, name, role) in [
        ("maria@parley.local", "Maria Manager", &manager_role.id),
        ("robin@parley.local", "Robin Rep", &rep_role.id),
    ] {
        let u = auth
            .create_user(NewUser {
                email: email.into(),
                name: name.into(),
                password: pw.clone(),
                role_id: Some(role.clone()),
                ..Default::default()
            })
            .await?;
        team.push(u.id);
    }
    let me = Viewer {
        user: admin.clone(),
        token: String::new(),
    };
    let crm = &app.crm;
    let mut accounts = vec![];
    for (name, city) in [
        ("Nordwind Handels GmbH", "Hamburg"),
        ("Zimmermann KG", "München"),
    ] {
        let a = crm
            .create(
                &me,
                "Accounts",
                &json!({"Account_Name": name, "City": city, "Industry": "Retail"}),
            )
            .await?;
        accounts.push(a.id);
    }
    for (i, (first, last, mobile, company, status)) in LEADS.iter().enumerate() {
        let owner = &team[i % team.len()];
        let values = json!({"First_Name": first, "Last_Name": last, "Mobile": mobile, "Company": company,
            "Lead_Status": status, "Lead_Source": "WhatsApp", "Owner": owner,
            "Email": format!("{}.{}@example.com", ascii(first), ascii(last))});
        crm.create(&me, "Leads", &values).await?;
    }
    let mut contacts = vec![];
    for (i, (first, last, mobile, email)) in CONTACTS.iter().enumerate() {
        let values = json!({"First_Name": first, "Last_Name": last, "Mobile": mobile, "Email": email,
            "Account_Name": accounts[i % accounts.len()], "Owner": team[i % team.len()]});
        contacts.push(crm.create(&me, "Contacts", &values).await?.id);
    }
    for (name, code, price) in [
        ("Starter Paket", "PK-100", 4900),
        ("Business Paket", "PK-200", 14900),
        ("Onboarding Workshop", "WS-10", 89_000),
    ] {
        crm.create(&me, "Products", &json!({"Product_Name": name, "Product_Code": code, "Unit_Price": price, "Taxable": true}))
            .await?;
    }
    for (i, (subject, total)) in [
        ("Angebot Business Paket", 17_731),
        ("Workshop Q1", 105_910),
        ("Starter für Filiale", 5831),
    ]
    .iter()
    .enumerate()
    {
        crm.create(
            &me,
            "Quotes",
            &json!({"Subject": subject, "Contact_Name": contacts[i], "Account_Name": accounts[i % 2],
                "Grand_Total": total, "Quote_Stage": "Delivered"}),
        )
        .await?;
    }
    crm.create(
        &me,
        "Invoices",
        &json!({"Subject": "Rechnung 2026-001", "Contact_Name": contacts[0], "Account_Name": accounts[1],
            "Grand_Total": 17_731, "Status": "Sent", "Invoice_Date": "2026-11-02"}),
    )
    .await?;
    use crate::messaging::model::{Direction, DurationUnit, MessageFilter, Period, Span};
    for (name, filter) in [
        (
            "Unreplied",
            MessageFilter {
                direction: Some(Direction::Inbound),
                not_replied_within: Some(Span {
                    amount: 1,
                    unit: DurationUnit::Days,
                }),
                ..MessageFilter::default()
            },
        ),
        (
            "Sent today",
            MessageFilter {
                direction: Some(Direction::Outbound),
                period: Some(Period::Today),
                ..MessageFilter::default()
            },
        ),
    ] {
        let view = crate::messaging::views::ViewInput {
            id: None,
            name: name.into(),
            shared: true,
            filter,
        };
        app.messaging.save_view(&me, view).await?;
    }
    Ok(())
}

fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'é' => 'e',
            'í' => 'i',
            _ => c,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase()
}
