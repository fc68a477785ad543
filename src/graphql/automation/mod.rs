//! Automation (F11–F13): workflow rules, blueprints, journeys; demo time travel.

mod inputs;
mod types;

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};

use super::types::RecordGql;
use super::{Gql, admin, app, viewer};
use crate::clock::to_datetime;
pub use inputs::*;
pub use types::*;

#[derive(Default)]
pub struct AutomationQuery;

#[Object]
impl AutomationQuery {
    /// Administrators.
    async fn workflow_rules(
        &self,
        ctx: &Context<'_>,
        module: Option<String>,
    ) -> Result<Vec<WorkflowRuleGql>> {
        let v = admin(ctx)?;
        Ok(app(ctx)
            .automation
            .rules(v, module.as_deref())
            .gql()?
            .into_iter()
            .map(WorkflowRuleGql)
            .collect())
    }

    async fn blueprints(
        &self,
        ctx: &Context<'_>,
        module: Option<String>,
    ) -> Result<Vec<BlueprintGql>> {
        viewer(ctx)?;
        Ok(app(ctx)
            .automation
            .blueprints(module.as_deref())
            .gql()?
            .into_iter()
            .map(BlueprintGql)
            .collect())
    }

    /// Administrators.
    async fn journeys(&self, ctx: &Context<'_>) -> Result<Vec<JourneyGql>> {
        let v = admin(ctx)?;
        Ok(app(ctx)
            .automation
            .journeys(v)
            .gql()?
            .into_iter()
            .map(JourneyGql)
            .collect())
    }

    /// The blueprint transitions a record can take from its current state.
    async fn available_transitions(
        &self,
        ctx: &Context<'_>,
        module: String,
        record_id: ID,
    ) -> Result<Vec<AvailableTransitionGql>> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .automation
            .available_for(v, &module, &record_id)
            .gql()?
            .into_iter()
            .map(|t| AvailableTransitionGql {
                blueprint_id: ID(t.blueprint_id),
                blueprint: t.blueprint,
                field: t.field,
                name: t.name,
                from: t.from,
                to: t.to,
            })
            .collect())
    }
}

#[derive(Default)]
pub struct AutomationMutation;

#[Object]
impl AutomationMutation {
    /// Administrators. SEND_TEMPLATE actions take approved templates only.
    async fn create_workflow_rule(
        &self,
        ctx: &Context<'_>,
        input: WorkflowRuleInput,
    ) -> Result<WorkflowRuleGql> {
        let v = admin(ctx)?;
        let rule = input.into_domain()?;
        Ok(WorkflowRuleGql(
            app(ctx).automation.create_rule(v, rule).await.gql()?,
        ))
    }

    /// Administrators: replaces a rule's definition (same id, counters and history; the
    /// module cannot change). Delayed runs already waiting run the edited rule.
    async fn update_workflow_rule(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: WorkflowRuleInput,
    ) -> Result<WorkflowRuleGql> {
        let v = admin(ctx)?;
        let rule = input.into_domain()?;
        Ok(WorkflowRuleGql(
            app(ctx).automation.update_rule(v, &id, rule).await.gql()?,
        ))
    }

    async fn set_workflow_rule_active(
        &self,
        ctx: &Context<'_>,
        id: ID,
        active: bool,
    ) -> Result<WorkflowRuleGql> {
        let v = admin(ctx)?;
        Ok(WorkflowRuleGql(
            app(ctx)
                .automation
                .set_rule_active(v, &id, active)
                .await
                .gql()?,
        ))
    }

    async fn delete_workflow_rule(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let v = admin(ctx)?;
        app(ctx).automation.delete_rule(v, &id).await.gql()?;
        Ok(true)
    }

    async fn create_blueprint(
        &self,
        ctx: &Context<'_>,
        input: BlueprintInput,
    ) -> Result<BlueprintGql> {
        let v = admin(ctx)?;
        let bp = input.into_domain();
        Ok(BlueprintGql(
            app(ctx).automation.create_blueprint(v, bp).await.gql()?,
        ))
    }

    /// Administrators: replaces a blueprint's field, states and transitions (the module cannot
    /// change).
    async fn update_blueprint(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: BlueprintInput,
    ) -> Result<BlueprintGql> {
        let v = admin(ctx)?;
        let bp = input.into_domain();
        Ok(BlueprintGql(
            app(ctx)
                .automation
                .update_blueprint(v, &id, bp)
                .await
                .gql()?,
        ))
    }

    async fn delete_blueprint(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let v = admin(ctx)?;
        app(ctx).automation.delete_blueprint(v, &id).await.gql()?;
        Ok(true)
    }

    /// Moves a record along a blueprint transition; `CONFLICT` when the record is not in the
    /// transition's `from` state.
    async fn transition_record(
        &self,
        ctx: &Context<'_>,
        module: String,
        record_id: ID,
        transition: String,
    ) -> Result<RecordGql> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .automation
            .transition(v, &module, &record_id, &transition)
            .await
            .gql()?
            .into())
    }

    async fn create_journey(&self, ctx: &Context<'_>, input: JourneyInput) -> Result<JourneyGql> {
        let v = admin(ctx)?;
        let j = input.into_domain()?;
        Ok(JourneyGql(
            app(ctx).automation.create_journey(v, j).await.gql()?,
        ))
    }

    /// Administrators: replaces a journey's definition. Active enrollments go on from their
    /// step by key; one whose step was removed ends (COMPLETED, noted in its path); one whose
    /// step changed kind enters it afresh; a wait in progress keeps its deadline.
    async fn update_journey(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: JourneyInput,
    ) -> Result<JourneyGql> {
        let v = admin(ctx)?;
        let j = input.into_domain()?;
        Ok(JourneyGql(
            app(ctx).automation.update_journey(v, &id, j).await.gql()?,
        ))
    }

    async fn set_journey_active(
        &self,
        ctx: &Context<'_>,
        id: ID,
        active: bool,
    ) -> Result<JourneyGql> {
        let v = admin(ctx)?;
        Ok(JourneyGql(
            app(ctx)
                .automation
                .set_journey_active(v, &id, active)
                .await
                .gql()?,
        ))
    }

    /// Demo only, administrators: moves the app's clock forward (reply windows, journey waits,
    /// jobs follow at once). `serve` refuses with FORBIDDEN.
    async fn advance_clock(&self, ctx: &Context<'_>, minutes: i32) -> Result<DateTime<Utc>> {
        let v = admin(ctx)?;
        let now = app(ctx)
            .automation
            .advance_clock(v, i64::from(minutes))
            .await
            .gql()?;
        Ok(to_datetime(now))
    }
}
