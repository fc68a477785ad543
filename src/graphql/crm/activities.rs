//! Tasks, meetings and calls on a record.

use async_graphql::{Context, Enum, ID, InputObject, MaybeUndefined, Object, Result};
use chrono::{DateTime, Utc};

use crate::clock::{Millis, to_datetime};
use crate::crm::activities::{Activity, ActivityChanges, ActivityKind, ActivityStatus};
use crate::graphql::types::UserGql;
use crate::graphql::{Gql, app, viewer};

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
pub struct ActivitiesQuery;

#[Object]
impl ActivitiesQuery {
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
}

#[derive(Default)]
pub struct ActivitiesMutation;

#[Object]
impl ActivitiesMutation {
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
}
