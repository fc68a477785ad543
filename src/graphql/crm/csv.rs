//! CSV export and import of Leads and Contacts.

use async_graphql::{Context, Object, Result, SimpleObject};

use crate::graphql::{Gql, admin, app, viewer};

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

#[derive(Default)]
pub struct CsvQuery;

#[Object]
impl CsvQuery {
    /// CSV of the Leads or Contacts the viewer can see (matching `search`), oldest first.
    #[graphql(complexity = "crate::graphql::limits::COST_BULK")]
    async fn export_records(
        &self,
        ctx: &Context<'_>,
        module: String,
        search: Option<String>,
    ) -> Result<String> {
        let v = viewer(ctx)?;
        let detail = serde_json::json!({"module": module, "search": search});
        app(ctx).crm.search_caught_up(search.as_deref()).await;
        let csv = app(ctx).crm.export_records(v, &module, search).gql()?;
        crate::graphql::operations::audit(ctx, "export.records", Some(module.clone()), detail)
            .await;
        Ok(csv)
    }
}

#[derive(Default)]
pub struct CsvMutation;

#[Object]
impl CsvMutation {
    /// Creates Leads or Contacts from CSV (administrators). Good rows are written; each bad row
    /// is reported with its row number and field, and nothing of it is written.
    #[graphql(complexity = "crate::graphql::limits::COST_BULK + child_complexity")]
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
