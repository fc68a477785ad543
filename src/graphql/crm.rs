//! The CRM: modules, fields and records here; activities, documents, customization and CSV in
//! their own files.

pub mod activities;
pub mod csv;
pub mod customization;
pub mod documents;

use async_graphql::{Context, ID, Json, Object, Result};

use super::page::{Page, decode_cursor, limit, page};
use super::types::{ModuleGql, RecordGql};
use super::{Gql, app, viewer};
use crate::crm::ListQuery;

#[derive(Default)]
pub struct CrmQuery;

#[Object]
impl CrmQuery {
    async fn modules(&self, ctx: &Context<'_>) -> Result<Vec<ModuleGql>> {
        viewer(ctx)?;
        Ok(app(ctx)
            .crm
            .modules()
            .gql()?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    async fn module(&self, ctx: &Context<'_>, api_name: String) -> Result<Option<ModuleGql>> {
        viewer(ctx)?;
        Ok(app(ctx)
            .crm
            .modules()
            .gql()?
            .into_iter()
            .find(|m| m.api_name == api_name)
            .map(Into::into))
    }

    /// Records of `module` the viewer may see; newest change first unless `sortBy` names a field.
    #[allow(clippy::too_many_arguments)] // one per GraphQL argument
    #[graphql(complexity = "super::limits::COST_SEARCH + child_complexity")]
    async fn records(
        &self,
        ctx: &Context<'_>,
        module: String,
        first: Option<i32>,
        after: Option<String>,
        search: Option<String>,
        sort_by: Option<String>,
        sort_desc: Option<bool>,
    ) -> Result<Page<RecordGql>> {
        let v = viewer(ctx)?;
        let offset = decode_cursor(after.as_deref());
        let q = ListQuery {
            search,
            sort_by,
            sort_desc: sort_desc.unwrap_or(false),
            offset,
            limit: limit(first),
        };
        let (crm, v) = (app(ctx).crm.clone(), v.clone());
        crm.search_caught_up(q.search.as_deref()).await;
        let p = crate::service::blocking(move || crm.list(&v, &module, &q))
            .await
            .gql()?;
        Ok(page(RecordGql::page(ctx, p.rows)?, offset, p.total))
    }

    /// A record the viewer may see; null otherwise.
    async fn record(&self, ctx: &Context<'_>, module: String, id: ID) -> Result<Option<RecordGql>> {
        let v = viewer(ctx)?;
        Ok(app(ctx).crm.get(v, &module, &id).gql()?.map(Into::into))
    }
}

#[derive(Default)]
pub struct CrmMutation;

#[Object]
impl CrmMutation {
    /// Creates a record; `values` are keyed by field API name. Phones are stored as E.164.
    async fn create_record(
        &self,
        ctx: &Context<'_>,
        module: String,
        values: Json<serde_json::Value>,
    ) -> Result<RecordGql> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .crm
            .create(v, &module, &values.0)
            .await
            .gql()?
            .into())
    }

    /// Changes the given fields; a null clears one.
    async fn update_record(
        &self,
        ctx: &Context<'_>,
        module: String,
        id: ID,
        values: Json<serde_json::Value>,
    ) -> Result<RecordGql> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .crm
            .update(v, &module, &id, &values.0)
            .await
            .gql()?
            .into())
    }

    async fn delete_record(&self, ctx: &Context<'_>, module: String, id: ID) -> Result<bool> {
        let v = viewer(ctx)?;
        app(ctx).crm.delete(v, &module, &id).await.gql()?;
        Ok(true)
    }
}
