//! Custom fields and modules (administrators), activities, documents, CSV import and export.

use async_graphql::{Context, Enum, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::types::{FieldGql, FieldTypeGql, ModuleGql, UserGql};
use super::{Gql, admin, app, viewer};
use crate::clock::{Millis, to_datetime};
use crate::crm::activities::{Activity, ActivityChanges, ActivityKind, ActivityStatus};
use crate::crm::company::CompanySettings;
use crate::crm::custom::NewCustomField;
use crate::crm::documents::DocumentRow;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "ActivityKind", remote = "ActivityKind")]
pub enum ActivityKindGql {
    Task,
    Meeting,
    Call,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "ActivityStatus", remote = "ActivityStatus")]
pub enum ActivityStatusGql {
    Planned,
    InProgress,
    Completed,
    Cancelled,
}

fn millis(t: DateTime<Utc>) -> Millis {
    t.timestamp_millis()
}

fn maybe<T, U>(v: MaybeUndefined<T>, f: impl FnOnce(T) -> U) -> Option<Option<U>> {
    match v {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(f(v))),
    }
}

pub struct ActivityGql(pub Activity);

/// A task, meeting or call on a record; visible to whoever can see the record.
#[Object(name = "Activity")]
impl ActivityGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn kind(&self) -> ActivityKindGql {
        self.0.kind.into()
    }
    async fn module(&self) -> &str {
        &self.0.module
    }
    async fn record_id(&self) -> ID {
        ID(self.0.record_id.clone())
    }
    async fn subject(&self) -> &str {
        &self.0.subject
    }
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    async fn status(&self) -> ActivityStatusGql {
        self.0.status.into()
    }
    /// When a task is due.
    async fn due_at(&self) -> Option<DateTime<Utc>> {
        self.0.due_at.map(to_datetime)
    }
    /// When a meeting or call starts.
    async fn start_at(&self) -> Option<DateTime<Utc>> {
        self.0.start_at.map(to_datetime)
    }
    async fn end_at(&self) -> Option<DateTime<Utc>> {
        self.0.end_at.map(to_datetime)
    }
    async fn owner(&self, ctx: &Context<'_>) -> Result<Option<UserGql>> {
        viewer(ctx)?;
        Ok(app(ctx).auth.user(&self.0.owner_id).gql()?.map(UserGql))
    }
    async fn created_at(&self) -> DateTime<Utc> {
        to_datetime(self.0.created_at)
    }
    async fn modified_at(&self) -> DateTime<Utc> {
        to_datetime(self.0.modified_at)
    }
}

/// A generated PDF of a quote, sales order, purchase order or invoice.
#[derive(SimpleObject)]
#[graphql(name = "Document")]
pub struct DocumentGql {
    id: ID,
    module: String,
    record_id: ID,
    /// The PDF's sha256 (hex), its name in the blob store.
    sha256: String,
    /// `Angebot-Q-2026-0001-Subject.pdf` in the language of whoever made it; `-v2`, `-v3`, …
    /// for later versions.
    file_name: String,
    /// The record's document number (`Q-2026-0001`), the same in every version.
    number: Option<String>,
    /// 1 for the record's first document, then 2, 3, …
    version: i32,
    /// Bytes.
    size: i64,
    /// Where signed-in users who can see the record download it.
    url: String,
    created_at: DateTime<Utc>,
}

impl From<DocumentRow> for DocumentGql {
    fn from(d: DocumentRow) -> Self {
        Self {
            url: d.url(),
            id: ID(d.id),
            module: d.module,
            record_id: ID(d.record_id),
            sha256: d.sha256,
            file_name: d.file_name,
            number: d.number,
            version: i32::try_from(d.version.max(1)).unwrap_or(i32::MAX),
            size: i64::try_from(d.size).unwrap_or(i64::MAX),
            created_at: to_datetime(d.created_at),
        }
    }
}

/// Who sends the documents: the header of every PDF (Settings → Company).
#[derive(SimpleObject, InputObject)]
#[graphql(name = "CompanySettings", input_name = "CompanySettingsInput")]
pub struct CompanySettingsGql {
    #[graphql(default)]
    name: String,
    /// One line each: street, zip code and city, country.
    #[graphql(default)]
    address: String,
    #[graphql(default)]
    email: String,
    #[graphql(default)]
    phone: String,
    #[graphql(default)]
    website: String,
    /// VAT id or tax number.
    #[graphql(default)]
    tax_id: String,
    /// Amounts in documents are in this currency (ISO 4217); empty: the configured one.
    #[graphql(default)]
    currency: String,
}

impl From<CompanySettings> for CompanySettingsGql {
    fn from(c: CompanySettings) -> Self {
        Self {
            name: c.name,
            address: c.address,
            email: c.email,
            phone: c.phone,
            website: c.website,
            tax_id: c.tax_id,
            currency: c.currency,
        }
    }
}

impl From<CompanySettingsGql> for CompanySettings {
    fn from(c: CompanySettingsGql) -> Self {
        Self {
            name: c.name,
            address: c.address,
            email: c.email,
            phone: c.phone,
            website: c.website,
            tax_id: c.tax_id,
            currency: c.currency,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "ImportError")]
pub struct ImportErrorGql {
    /// The row in the file; the header is row 1.
    row: i32,
    /// The field at fault, when one is.
    field: Option<String>,
    message: String,
}

#[derive(SimpleObject)]
#[graphql(name = "ImportResult")]
pub struct ImportResultGql {
    created: i32,
    errors: Vec<ImportErrorGql>,
}

#[derive(InputObject)]
pub struct CustomFieldInput {
    /// Derived from the label when left out (`Shoe size` → `Shoe_Size`).
    api_name: Option<String>,
    label: String,
    /// German label; the English one when left out.
    label_de: Option<String>,
    field_type: FieldTypeGql,
    #[graphql(default)]
    required: bool,
    /// Picklist options.
    #[graphql(default)]
    options: Vec<String>,
    /// The options' German labels in the same order (left out: as in `options`).
    #[graphql(default)]
    options_de: Vec<String>,
    /// The module a lookup field points to.
    lookup_module: Option<String>,
}

#[derive(InputObject)]
pub struct CreateActivityInput {
    kind: ActivityKindGql,
    subject: String,
    description: Option<String>,
    due_at: Option<DateTime<Utc>>,
    start_at: Option<DateTime<Utc>>,
    end_at: Option<DateTime<Utc>>,
    status: Option<ActivityStatusGql>,
    /// Who does it; the creator when left out.
    owner_id: Option<ID>,
}

/// Fields left out stay as they are; `null` clears a clearable one.
#[derive(InputObject)]
pub struct UpdateActivityInput {
    kind: Option<ActivityKindGql>,
    subject: Option<String>,
    description: MaybeUndefined<String>,
    due_at: MaybeUndefined<DateTime<Utc>>,
    start_at: MaybeUndefined<DateTime<Utc>>,
    end_at: MaybeUndefined<DateTime<Utc>>,
    status: Option<ActivityStatusGql>,
    owner_id: Option<ID>,
}

#[derive(Default)]
pub struct CrmExtraQuery;

#[Object]
impl CrmExtraQuery {
    /// A record's tasks, meetings and calls, newest first.
    async fn activities(
        &self,
        ctx: &Context<'_>,
        module: String,
        record_id: ID,
    ) -> Result<Vec<ActivityGql>> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .crm
            .activities(v, &module, &record_id)
            .gql()?
            .into_iter()
            .map(ActivityGql)
            .collect())
    }

    /// A record's generated documents, newest first.
    async fn documents(
        &self,
        ctx: &Context<'_>,
        module: String,
        record_id: ID,
    ) -> Result<Vec<DocumentGql>> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .crm
            .documents(v, &module, &record_id)
            .gql()?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The company named in documents (every signed-in user; administrators change it).
    async fn company_settings(&self, ctx: &Context<'_>) -> Result<CompanySettingsGql> {
        viewer(ctx)?;
        Ok(app(ctx).crm.company().gql()?.into())
    }

    /// CSV of the Leads or Contacts the viewer can see (matching `search`), oldest first.
    #[graphql(complexity = "super::limits::COST_BULK")]
    async fn export_records(
        &self,
        ctx: &Context<'_>,
        module: String,
        search: Option<String>,
    ) -> Result<String> {
        let v = viewer(ctx)?;
        let detail = serde_json::json!({"module": module, "search": search});
        let csv = app(ctx).crm.export_records(v, &module, search).gql()?;
        super::operations::audit(ctx, "export.records", Some(module.clone()), detail).await;
        Ok(csv)
    }
}

#[derive(Default)]
pub struct CrmExtraMutation;

#[Object]
impl CrmExtraMutation {
    /// Adds a custom field to a module (administrators).
    async fn create_custom_field(
        &self,
        ctx: &Context<'_>,
        module: String,
        input: CustomFieldInput,
    ) -> Result<FieldGql> {
        let v = admin(ctx)?;
        let new = NewCustomField {
            api_name: input.api_name,
            label: input.label,
            label_de: input.label_de,
            field_type: input.field_type.into(),
            required: input.required,
            options: input.options,
            options_de: input.options_de,
            lookup_module: input.lookup_module,
        };
        Ok(app(ctx)
            .crm
            .create_custom_field(v, &module, new)
            .await
            .gql()?
            .into())
    }

    /// Replaces the company settings (administrators).
    async fn set_company_settings(
        &self,
        ctx: &Context<'_>,
        input: CompanySettingsGql,
    ) -> Result<CompanySettingsGql> {
        let v = admin(ctx)?;
        let saved = app(ctx).crm.set_company(v, input.into()).await.gql()?;
        super::operations::audit(ctx, "settings.company", None, serde_json::json!({})).await;
        Ok(saved.into())
    }

    /// Removes a custom field and its values (administrators).
    async fn delete_custom_field(
        &self,
        ctx: &Context<'_>,
        module: String,
        api_name: String,
    ) -> Result<bool> {
        let v = admin(ctx)?;
        app(ctx)
            .crm
            .delete_custom_field(v, &module, &api_name)
            .await
            .gql()?;
        Ok(true)
    }

    /// Adds a module with a `Name` and an `Owner` field (administrators).
    async fn create_custom_module(
        &self,
        ctx: &Context<'_>,
        api_name: String,
        label: String,
        label_de: Option<String>,
    ) -> Result<ModuleGql> {
        let v = admin(ctx)?;
        Ok(app(ctx)
            .crm
            .create_custom_module(v, &api_name, &label, label_de.as_deref())
            .await
            .gql()?
            .into())
    }

    async fn create_activity(
        &self,
        ctx: &Context<'_>,
        module: String,
        record_id: ID,
        input: CreateActivityInput,
    ) -> Result<ActivityGql> {
        let v = viewer(ctx)?;
        let c = ActivityChanges {
            kind: Some(input.kind.into()),
            owner_id: input.owner_id.map(|o| o.0),
            subject: Some(input.subject),
            description: Some(input.description),
            due_at: Some(input.due_at.map(millis)),
            start_at: Some(input.start_at.map(millis)),
            end_at: Some(input.end_at.map(millis)),
            status: input.status.map(Into::into),
        };
        Ok(ActivityGql(
            app(ctx)
                .crm
                .create_activity(v, &module, &record_id, c)
                .await
                .gql()?,
        ))
    }

    async fn update_activity(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateActivityInput,
    ) -> Result<ActivityGql> {
        let v = viewer(ctx)?;
        let c = ActivityChanges {
            kind: input.kind.map(Into::into),
            owner_id: input.owner_id.map(|o| o.0),
            subject: input.subject,
            description: maybe(input.description, |d| d),
            due_at: maybe(input.due_at, millis),
            start_at: maybe(input.start_at, millis),
            end_at: maybe(input.end_at, millis),
            status: input.status.map(Into::into),
        };
        Ok(ActivityGql(
            app(ctx).crm.update_activity(v, &id, c).await.gql()?,
        ))
    }

    async fn delete_activity(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let v = viewer(ctx)?;
        app(ctx).crm.delete_activity(v, &id).await.gql()?;
        Ok(true)
    }

    /// Renders a quote, sales order, purchase order or invoice to a PDF and stores it.
    #[graphql(complexity = "super::limits::COST_GENERATE + child_complexity")]
    async fn generate_document(
        &self,
        ctx: &Context<'_>,
        module: String,
        record_id: ID,
    ) -> Result<DocumentGql> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .crm
            .generate_document(v, &module, &record_id)
            .await
            .gql()?
            .into())
    }

    /// Creates Leads or Contacts from CSV (administrators). Good rows are written; each bad row
    /// is reported with its row number and field, and nothing of it is written.
    #[graphql(complexity = "super::limits::COST_BULK + child_complexity")]
    async fn import_records(
        &self,
        ctx: &Context<'_>,
        module: String,
        csv: String,
    ) -> Result<ImportResultGql> {
        let v = admin(ctx)?;
        let r = app(ctx).crm.import_records(v, &module, &csv).await.gql()?;
        Ok(ImportResultGql {
            created: i32::try_from(r.created).unwrap_or(i32::MAX),
            errors: r
                .errors
                .into_iter()
                .map(|e| ImportErrorGql {
                    row: i32::try_from(e.row).unwrap_or(i32::MAX),
                    field: e.field,
                    message: e.message,
                })
                .collect(),
        })
    }
}
