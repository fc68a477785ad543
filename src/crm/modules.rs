//! The standard modules and their fields. Custom fields are stored and appended at read time.

use super::model::{FieldDef, FieldType, ModuleDef};
use FieldType::*;

fn f(api: &str, en: &str, de: &str, t: FieldType) -> FieldDef {
    FieldDef {
        api_name: api.into(),
        label: en.into(),
        label_de: de.into(),
        field_type: t,
        required: false,
        options: vec![],
        options_de: vec![],
        lookup_module: None,
        custom: false,
    }
}

fn required(mut d: FieldDef) -> FieldDef {
    d.required = true;
    d
}

/// A picklist; `options` are (stored English value, German label).
fn pick(api: &str, en: &str, de: &str, options: &[(&str, &str)]) -> FieldDef {
    let mut d = f(api, en, de, Picklist);
    d.options = options.iter().map(|(en, _)| en.to_string()).collect();
    d.options_de = options.iter().map(|(_, de)| de.to_string()).collect();
    d
}

fn lookup(api: &str, en: &str, de: &str, module: &str) -> FieldDef {
    let mut d = f(api, en, de, Lookup);
    d.lookup_module = Some(module.into());
    d
}

fn module(api: &str, en: &str, de: &str, fields: Vec<FieldDef>) -> ModuleDef {
    let mut all = fields;
    all.push(f("Owner", "Owner", "Besitzer", Owner));
    ModuleDef {
        api_name: api.into(),
        label: en.into(),
        label_de: de.into(),
        fields: all,
        custom: false,
    }
}

fn person_fields() -> Vec<FieldDef> {
    vec![
        f("Salutation", "Salutation", "Anrede", Text),
        f("First_Name", "First Name", "Vorname", Text),
        required(f("Last_Name", "Last Name", "Nachname", Text)),
        f("Email", "Email", "E-Mail", Email),
        f("Phone", "Phone", "Telefon", Phone),
        f("Mobile", "Mobile", "Mobil", Phone),
        f("Title", "Title", "Position", Text),
        f("Street", "Street", "Straße", Text),
        f("City", "City", "Ort", Text),
        f("Zip_Code", "Zip Code", "PLZ", Text),
        f("Country", "Country", "Land", Text),
        f("Description", "Description", "Beschreibung", Multiline),
    ]
}

fn document_fields(extra: Vec<FieldDef>) -> Vec<FieldDef> {
    let mut v = vec![
        required(f("Subject", "Subject", "Betreff", Text)),
        lookup("Contact_Name", "Contact Name", "Kontaktname", "Contacts"),
        lookup("Account_Name", "Account Name", "Firmenname", "Accounts"),
        f("Line_Items", "Line Items", "Positionen", LineItems),
        f("Sub_Total", "Sub Total", "Zwischensumme", Currency),
        f("Tax", "Tax", "Steuer", Currency),
        f("Grand_Total", "Grand Total", "Gesamtsumme", Currency),
        f(
            "Terms_and_Conditions",
            "Terms and Conditions",
            "Geschäftsbedingungen",
            Multiline,
        ),
    ];
    v.extend(extra);
    v
}

pub fn standard() -> Vec<ModuleDef> {
    let mut leads = person_fields();
    leads.splice(
        3..3,
        [
            f("Company", "Company", "Unternehmen", Text),
            pick(
                "Lead_Status",
                "Lead Status",
                "Lead-Status",
                &[
                    ("Not Contacted", "Nicht kontaktiert"),
                    ("Attempted to Contact", "Kontaktversuch"),
                    ("Contacted", "Kontaktiert"),
                    ("Qualified", "Qualifiziert"),
                    ("Lost", "Verloren"),
                ],
            ),
            pick(
                "Lead_Source",
                "Lead Source",
                "Lead-Quelle",
                &[
                    ("Advertisement", "Werbung"),
                    ("Web", "Web"),
                    ("WhatsApp", "WhatsApp"),
                    ("Trade Show", "Messe"),
                    ("Referral", "Empfehlung"),
                ],
            ),
        ],
    );
    let mut contacts = person_fields();
    contacts.insert(
        3,
        lookup("Account_Name", "Account Name", "Firmenname", "Accounts"),
    );
    contacts.push(f("Date_of_Birth", "Date of Birth", "Geburtsdatum", Date));
    vec![
        module("Leads", "Leads", "Leads", leads),
        module("Contacts", "Contacts", "Kontakte", contacts),
        module(
            "Accounts",
            "Accounts",
            "Firmen",
            vec![
                required(f("Account_Name", "Account Name", "Firmenname", Text)),
                f("Phone", "Phone", "Telefon", Phone),
                f("Website", "Website", "Webseite", Text),
                f("Industry", "Industry", "Branche", Text),
                f("Employees", "Employees", "Mitarbeiter", Number),
                f("City", "City", "Ort", Text),
            ],
        ),
        module(
            "Products",
            "Products",
            "Produkte",
            vec![
                required(f("Product_Name", "Product Name", "Produktname", Text)),
                f("Product_Code", "Product Code", "Produktcode", Text),
                f("Unit_Price", "Unit Price", "Stückpreis", Currency),
                f("Taxable", "Taxable", "Steuerpflichtig", Boolean),
                f("Description", "Description", "Beschreibung", Multiline),
            ],
        ),
        module(
            "Quotes",
            "Quotes",
            "Angebote",
            document_fields(vec![
                lookup("Lead_Name", "Lead Name", "Lead-Name", "Leads"),
                pick(
                    "Quote_Stage",
                    "Quote Stage",
                    "Angebotsphase",
                    &[
                        ("Draft", "Entwurf"),
                        ("Negotiation", "Verhandlung"),
                        ("Delivered", "Zugestellt"),
                        ("Accepted", "Angenommen"),
                        ("Lost", "Verloren"),
                    ],
                ),
                f("Valid_Till", "Valid Till", "Gültig bis", Date),
            ]),
        ),
        module(
            "Sales_Orders",
            "Sales Orders",
            "Verkaufsaufträge",
            document_fields(vec![pick(
                "Status",
                "Status",
                "Status",
                &[
                    ("Created", "Erstellt"),
                    ("Approved", "Genehmigt"),
                    ("Delivered", "Geliefert"),
                    ("Cancelled", "Storniert"),
                ],
            )]),
        ),
        module(
            "Purchase_Orders",
            "Purchase Orders",
            "Bestellungen",
            document_fields(vec![f("Vendor_Name", "Vendor Name", "Lieferant", Text)]),
        ),
        module(
            "Invoices",
            "Invoices",
            "Rechnungen",
            document_fields(vec![
                f("Invoice_Date", "Invoice Date", "Rechnungsdatum", Date),
                f("Due_Date", "Due Date", "Fälligkeitsdatum", Date),
                pick(
                    "Status",
                    "Status",
                    "Status",
                    &[
                        ("Created", "Erstellt"),
                        ("Sent", "Versendet"),
                        ("Paid", "Bezahlt"),
                        ("Cancelled", "Storniert"),
                    ],
                ),
            ]),
        ),
    ]
}
