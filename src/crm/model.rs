//! Modules, fields and records as stored.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::clock::Millis;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    Multiline,
    Email,
    Phone,
    Picklist,
    Number,
    /// Integer minor units (cents).
    Currency,
    Date,
    DateTime,
    Boolean,
    Lookup,
    Owner,
    /// Quotes, orders and invoices: an array of line items (see `crm::line_items`).
    LineItems,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FieldDef {
    pub api_name: String,
    pub label: String,
    pub label_de: String,
    pub field_type: FieldType,
    pub required: bool,
    #[serde(default)]
    pub options: Vec<String>,
    /// The options' German labels, by position (the stored value is the English option).
    #[serde(default)]
    pub options_de: Vec<String>,
    pub lookup_module: Option<String>,
    pub custom: bool,
}

/// An admin-defined field, stored per module.
pub type CustomField = FieldDef;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModuleDef {
    pub api_name: String,
    pub label: String,
    pub label_de: String,
    pub fields: Vec<FieldDef>,
    pub custom: bool,
}

impl ModuleDef {
    pub fn field(&self, api_name: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.api_name == api_name)
    }

    /// Finds a field by API name or by its English or German label (merge fields use labels).
    pub fn field_by_name(&self, name: &str) -> Option<&FieldDef> {
        self.field(name).or_else(|| {
            self.fields.iter().find(|f| {
                f.label.eq_ignore_ascii_case(name) || f.label_de.eq_ignore_ascii_case(name)
            })
        })
    }

    pub fn phone_fields(&self) -> impl Iterator<Item = &FieldDef> {
        self.fields
            .iter()
            .filter(|f| f.field_type == FieldType::Phone)
    }

    /// Whether messages may be sent to this module's records directly (F9).
    pub fn is_person(&self) -> bool {
        matches!(self.api_name.as_str(), "Leads" | "Contacts")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordRow {
    pub id: String,
    pub module: String,
    pub owner_id: String,
    pub values: Map<String, Value>,
    pub created_at: Millis,
    pub created_by: String,
    pub modified_at: Millis,
    pub modified_by: String,
}

impl RecordRow {
    pub fn text(&self, field: &str) -> Option<&str> {
        self.values.get(field).and_then(Value::as_str)
    }

    /// "First Last" for people, else the module's name-like field, else the id.
    pub fn display_name(&self) -> String {
        let person = [self.text("First_Name"), self.text("Last_Name")]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !person.is_empty() {
            return person;
        }
        ["Subject", "Account_Name", "Product_Name", "Name"]
            .iter()
            .find_map(|f| self.text(f).filter(|s| !s.is_empty()))
            .map_or_else(|| self.id.clone(), str::to_string)
    }
}

/// A module an administrator defined (`custom_modules` table).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomModule {
    pub api_name: String,
    pub label: String,
    pub label_de: String,
    pub created_at: Millis,
    pub created_by: String,
}

impl CustomModule {
    /// The module's definition: a required `Name` and an `Owner`, then its custom fields.
    pub(super) fn def(&self) -> ModuleDef {
        let field = |api: &str, en: &str, de: &str, t: FieldType, required: bool| FieldDef {
            api_name: api.into(),
            label: en.into(),
            label_de: de.into(),
            field_type: t,
            required,
            options: vec![],
            options_de: vec![],
            lookup_module: None,
            custom: false,
        };
        ModuleDef {
            api_name: self.api_name.clone(),
            label: self.label.clone(),
            label_de: self.label_de.clone(),
            fields: vec![
                field("Name", "Name", "Name", FieldType::Text, true),
                field("Owner", "Owner", "Besitzer", FieldType::Owner, false),
            ],
            custom: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Task,
    Meeting,
    Call,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    #[default]
    Planned,
    InProgress,
    Completed,
    Cancelled,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub kind: ActivityKind,
    pub module: String,
    pub record_id: String,
    pub owner_id: String,
    pub subject: String,
    pub description: Option<String>,
    /// When a task is due.
    pub due_at: Option<Millis>,
    /// When a meeting or call starts and ends.
    pub start_at: Option<Millis>,
    pub end_at: Option<Millis>,
    pub status: ActivityStatus,
    pub created_at: Millis,
    pub created_by: String,
    pub modified_at: Millis,
    pub modified_by: String,
}

/// The company that sends documents (`company_settings` table, key `company`): the header of
/// every PDF.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CompanySettings {
    pub name: String,
    /// Street, zip code and city, country; one line each.
    pub address: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    /// VAT id or tax number.
    pub tax_id: String,
    /// The currency of amounts in documents (ISO 4217); the configured currency when empty.
    pub currency: String,
}

/// A generated document of a record (`documents` table); its PDF is a blob.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentRow {
    pub id: String,
    pub module: String,
    pub record_id: String,
    /// The record's document number (`Q-2026-0001`), the same for every version.
    #[serde(default)]
    pub number: Option<String>,
    /// 1 for the first document of the record, then 2, 3, …
    #[serde(default)]
    pub version: u32,
    /// The blob's name: sha256 of the PDF, hex.
    pub sha256: String,
    pub file_name: String,
    pub size: u64,
    pub created_at: Millis,
    pub created_by: String,
}

impl DocumentRow {
    /// Where the PDF is downloaded (by users who can see the record).
    pub fn url(&self) -> String {
        format!(
            "/documents/{}?module={}&record={}",
            self.sha256, self.module, self.record_id
        )
    }
}
