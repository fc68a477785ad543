//! Names instead of ids (lookups in lists, pages, CSV and PDFs, for the viewer only) and the
//! server answering in the user's language (issue 18).

use serde_json::{Value, json};

use super::support::*;
use crate::harness::{Server, codes};

const SET_LANGUAGE: &str = "mutation($l:Language!){ setLanguage(language:$l){ language } }";
const CONTACTS: &str = "{ records(module:\"Contacts\"){ edges { node { id values lookups { field module id name } } } } }";

async fn german(s: &Server, t: &str) {
    let r = s.gql(Some(t), SET_LANGUAGE, json!({"l": "DE"})).await;
    assert_eq!(r["data"]["setLanguage"]["language"], "DE", "{r}");
}

/// Whether the (uncompressed) PDF shows `text`: as a literal string, or hex-encoded when it
/// holds letters beyond ASCII (WinAnsi, Latin-1 for these tests).
fn in_pdf(pdf: &[u8], text: &str) -> bool {
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
    let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    has(&bytes) || has(hex.as_bytes())
}

#[tokio::test]
async fn lookups_are_named_for_the_viewer_in_lists_pages_and_csv() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let role = s.role(&admin, "Rep", None).await;
    let (rep_id, rep) = s.user(&admin, "rep@example.com", Some(&role)).await;
    let acme = create_id(&s, &admin, "Accounts", json!({"Account_Name": "Acme GmbH"})).await;
    let own = create_id(&s, &rep, "Accounts", json!({"Account_Name": "Rep KG"})).await;
    // The administrator links the rep's contact to an account only administrators see.
    let secret = create_id(
        &s,
        &admin,
        "Contacts",
        json!({"Last_Name": "Secret", "Account_Name": acme, "Owner": rep_id}),
    )
    .await;
    let open = create_id(
        &s,
        &rep,
        "Contacts",
        json!({"Last_Name": "Open", "Account_Name": own}),
    )
    .await;

    let lookups = |r: &Value, id: &str| {
        r["data"]["records"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["node"]["id"] == id)
            .map(|e| e["node"]["lookups"].clone())
            .unwrap()
    };
    let r = s.gql(Some(&admin), CONTACTS, json!({})).await;
    assert_eq!(
        lookups(&r, &secret),
        json!([{"field": "Account_Name", "module": "Accounts", "id": acme, "name": "Acme GmbH"}]),
        "{r}"
    );
    let r = s.gql(Some(&rep), CONTACTS, json!({})).await;
    assert_eq!(lookups(&r, &open)[0]["name"], "Rep KG", "{r}");
    assert_eq!(
        lookups(&r, &secret)[0]["name"],
        Value::Null,
        "a linked record the viewer may not see stays nameless"
    );
    assert!(!r.to_string().contains("Acme"), "{r}");

    // A record page names its lookups too.
    let page = s
        .gql(
            Some(&admin),
            "query($id:ID!){ record(module:\"Contacts\", id:$id){ lookups { field name } } }",
            json!({"id": secret}),
        )
        .await;
    assert_eq!(
        page["data"]["record"]["lookups"][0]["name"], "Acme GmbH",
        "{page}"
    );

    // CSV: the name for those who see it; the id (nothing more) for those who do not.
    let csv = |t: String| {
        let s = &s;
        async move {
            let r = s.gql(Some(&t), EXPORT, json!({"m": "Contacts"})).await;
            parse(r["data"]["exportRecords"].as_str().unwrap())
        }
    };
    let rows = csv(admin.clone()).await;
    let col = rows[0].iter().position(|h| h == "Account_Name").unwrap();
    let cell = |rows: &[Vec<String>], last: &str| {
        let last_col = rows[0].iter().position(|h| h == "Last_Name").unwrap();
        rows.iter().find(|r| r[last_col] == last).unwrap()[col].clone()
    };
    assert_eq!(cell(&rows, "Secret"), "Acme GmbH");
    assert_eq!(cell(&rows, "Open"), "Rep KG");
    let rows = csv(rep.clone()).await;
    assert_eq!(cell(&rows, "Secret"), acme);
    assert_eq!(cell(&rows, "Open"), "Rep KG");

    // Importing by name finds the record again; an unknown name is reported.
    let r = s
        .gql(
            Some(&admin),
            IMPORT,
            json!({"m": "Contacts", "c": "Last_Name,Account_Name\nImported,acme gmbh\nNope,Nobody AG\n"}),
        )
        .await;
    assert_eq!(r["data"]["importRecords"]["created"], 1, "{r}");
    assert_eq!(
        r["data"]["importRecords"]["errors"][0]["field"], "Account_Name",
        "{r}"
    );
    let rows = csv(admin.clone()).await;
    assert_eq!(cell(&rows, "Imported"), "Acme GmbH");
}

#[tokio::test]
async fn csv_import_reports_every_error_of_a_row_in_the_users_language() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let csv = "First_Name,Last_Name,Email,Mobile,Lead_Status,Owner\n\
               Anna,,not-an-email,12ab,Bogus,nobody@example.com\n\
               Bernd,Bauer,,,Kontaktiert,\n";
    let r = s
        .gql(Some(&admin), IMPORT, json!({"m": "Leads", "c": csv}))
        .await;
    let res = &r["data"]["importRecords"];
    assert_eq!(res["created"], 1, "the German option label is taken: {r}");
    let mut fields: Vec<(i64, String)> = res["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_i64().unwrap(),
                e["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            (2, "Email".to_string()),
            (2, "Last_Name".into()),
            (2, "Lead_Status".into()),
            (2, "Mobile".into()),
            (2, "Owner".into()),
        ],
        "every error of the row: {r}"
    );
    let stored = s
        .gql(
            Some(&admin),
            "{ records(module:\"Leads\", search:\"Bauer\"){ edges { node { values } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        stored["data"]["records"]["edges"][0]["node"]["values"]["Lead_Status"], "Contacted",
        "stored as the option itself"
    );

    german(&s, &admin).await;
    let r = s
        .gql(Some(&admin), IMPORT, json!({"m": "Leads", "c": csv}))
        .await;
    let messages: Vec<String> = r["data"]["importRecords"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        messages.contains(&"Nachname ist ein Pflichtfeld".to_string()),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"E-Mail: keine E-Mail-Adresse".to_string()),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("Besitzer: kein Benutzer")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("Nicht kontaktiert")),
        "German options offered: {messages:?}"
    );
}

#[tokio::test]
async fn server_messages_and_picklists_speak_the_users_language() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let r = create(&s, &admin, "Leads", json!({"First_Name": "Ohne"})).await;
    assert_eq!(r["errors"][0]["message"], "Last Name is required", "{r}");

    german(&s, &admin).await;
    let r = create(&s, &admin, "Leads", json!({"First_Name": "Ohne"})).await;
    assert_eq!(codes(&r), ["VALIDATION"]);
    assert_eq!(
        r["errors"][0]["message"], "Nachname ist ein Pflichtfeld",
        "{r}"
    );
    assert_eq!(r["errors"][0]["extensions"]["field"], "Last_Name");
    let r = create(
        &s,
        &admin,
        "Leads",
        json!({"Last_Name": "X", "Mobile": "12ab"}),
    )
    .await;
    assert_eq!(
        r["errors"][0]["message"], "„12ab“ ist keine gültige Telefonnummer",
        "{r}"
    );
    let r = s
        .gql(
            Some(&admin),
            UPDATE,
            json!({"m": "Leads", "id": "01ZZZZZZZZZZZZZZZZZZZZZZZZ", "v": {"Last_Name": "Y"}}),
        )
        .await;
    assert_eq!(codes(&r), ["NOT_FOUND"]);
    assert_eq!(r["errors"][0]["message"], "Datensatz nicht gefunden", "{r}");

    // A German option label is stored as the option; the field lists both.
    let r = create(
        &s,
        &admin,
        "Leads",
        json!({"Last_Name": "Z", "Lead_Status": "qualifiziert"}),
    )
    .await;
    assert_eq!(
        r["data"]["createRecord"]["values"]["Lead_Status"], "Qualified",
        "{r}"
    );
    let m = s
        .gql(
            Some(&admin),
            "{ module(apiName:\"Quotes\"){ fields { apiName options optionsDe } } }",
            json!({}),
        )
        .await;
    let stage = m["data"]["module"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["apiName"] == "Quote_Stage")
        .unwrap()
        .clone();
    assert_eq!(stage["options"][0], "Draft");
    assert_eq!(stage["optionsDe"][0], "Entwurf");

    // Before sign-in the browser's language speaks.
    let r: Value = s
        .http
        .post(s.url("/graphql"))
        .header("accept-language", "de-DE,de;q=0.9")
        .json(&json!({"query": "mutation { logout }"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let anonymous: Value = s
        .http
        .post(s.url("/graphql"))
        .header("accept-language", "de-DE,de;q=0.9")
        .json(&json!({"query": "{ records(module:\"Leads\"){ totalCount } }"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(r.get("data").is_some(), "{r}");
    assert_eq!(codes(&anonymous), ["UNAUTHENTICATED"]);
    assert_eq!(
        anonymous["errors"][0]["message"], "Bitte zuerst anmelden",
        "{anonymous}"
    );
}

#[tokio::test]
async fn documents_carry_a_number_currency_company_and_versioned_names() {
    let s = Server::start().await;
    let admin = s.admin_token().await;
    let r = s
        .gql(
            Some(&admin),
            "mutation($i:CompanySettingsInput!){ setCompanySettings(input:$i){ name currency } }",
            json!({"i": {"name": "Muster Möbel GmbH", "address": "Hauptstraße 1\n10115 Berlin",
                "email": "info@muster.example", "taxId": "DE123456789", "currency": "eur"}}),
        )
        .await;
    assert_eq!(r["data"]["setCompanySettings"]["currency"], "EUR", "{r}");
    let role = s.role(&admin, "Rep", None).await;
    let (_, rep) = s.user(&admin, "rep@example.com", Some(&role)).await;
    let r = s
        .gql(
            Some(&rep),
            "mutation($i:CompanySettingsInput!){ setCompanySettings(input:$i){ name } }",
            json!({"i": {"name": "Hijack"}}),
        )
        .await;
    assert_eq!(codes(&r), ["FORBIDDEN"]);

    let contact = create_id(
        &s,
        &admin,
        "Contacts",
        json!({"First_Name": "Jana", "Last_Name": "Krüger"}),
    )
    .await;
    let starter = product(&s, &admin, "Starter Paket", 4900).await;
    let quote = create_id(
        &s,
        &admin,
        "Quotes",
        json!({"Subject": "Business Paket", "Contact_Name": contact,
            "Line_Items": [{"product": starter, "quantity": 2, "taxPercent": 19}]}),
    )
    .await;
    let generate = |t: String| {
        let s = &s;
        let quote = quote.clone();
        async move {
            let r = s
                .gql(
                    Some(&t),
                    "mutation($r:ID!){ generateDocument(module:\"Quotes\", recordId:$r){ fileName number version url } }",
                    json!({"r": quote}),
                )
                .await;
            let d = r["data"]["generateDocument"].clone();
            assert!(d.is_object(), "{r}");
            let pdf = s
                .http
                .get(s.url(d["url"].as_str().unwrap()))
                .bearer_auth(&t)
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap()
                .to_vec();
            (d, pdf)
        }
    };
    let year = {
        use parley::clock::Clock;
        parley::clock::to_datetime(s.clock.now())
            .format("%Y")
            .to_string()
    };
    let number = format!("Q-{year}-0001");
    let (d1, pdf) = generate(admin.clone()).await;
    assert_eq!(d1["number"], number.as_str());
    assert_eq!(d1["version"], 1);
    assert_eq!(d1["fileName"], format!("Quote-{number}-Business-Paket.pdf"));
    for text in [
        "Muster Möbel GmbH",
        "Hauptstraße 1",
        "10115 Berlin",
        "DE123456789",
        number.as_str(),
        "Jana Krüger",
        "Currency",
        "98.00 EUR",
    ] {
        assert!(in_pdf(&pdf, text), "{text} in the PDF");
    }
    assert!(!in_pdf(&pdf, &quote.to_uppercase()), "no internal id");

    // Again, in German: the same number, the next version, a name of its own.
    german(&s, &admin).await;
    let (d2, pdf) = generate(admin.clone()).await;
    assert_eq!(d2["number"], number.as_str());
    assert_eq!(d2["version"], 2);
    assert_eq!(
        d2["fileName"],
        format!("Angebot-{number}-Business-Paket-v2.pdf")
    );
    for text in ["Angebot", "Währung", "98,00 EUR", "Jana Krüger"] {
        assert!(in_pdf(&pdf, text), "{text} in the German PDF");
    }
    // Another quote gets the next number.
    let other = create_id(&s, &admin, "Quotes", json!({"Subject": "Zweites"})).await;
    let r = s
        .gql(
            Some(&admin),
            "mutation($r:ID!){ generateDocument(module:\"Quotes\", recordId:$r){ number } }",
            json!({"r": other}),
        )
        .await;
    assert_eq!(
        r["data"]["generateDocument"]["number"],
        format!("Q-{year}-0002")
    );
}
