//! Generated PDFs of quotes, orders and invoices, and the company named in them.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use crate::clock::to_datetime;
use crate::crm::company::CompanySettings;
use crate::crm::documents::DocumentRow;
use crate::graphql::{Gql, admin, app, viewer};

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

#[derive(Default)]
pub struct DocumentsQuery;

#[Object]
impl DocumentsQuery {
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
}

#[derive(Default)]
pub struct DocumentsMutation;

#[Object]
impl DocumentsMutation {
    /// Renders a quote, sales order, purchase order or invoice to a PDF and stores it.
    #[graphql(complexity = "crate::graphql::limits::COST_GENERATE + child_complexity")]
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

    /// Replaces the company settings (administrators).
    async fn set_company_settings(
        &self,
        ctx: &Context<'_>,
        input: CompanySettingsGql,
    ) -> Result<CompanySettingsGql> {
        let v = admin(ctx)?;
        let saved = app(ctx).crm.set_company(v, input.into()).await.gql()?;
        crate::graphql::operations::audit(ctx, "settings.company", None, serde_json::json!({}))
            .await;
        Ok(saved.into())
    }
}
