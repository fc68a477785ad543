//! Automation's GraphQL enums and output types.

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use crate::automation::RuleStatus;
use crate::automation::model::{self as m};
use crate::clock::to_datetime;
use crate::graphql::{Gql, app};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "m::CondOp")]
pub enum ConditionOp {
    Equals,
    NotEquals,
    Contains,
    IsEmpty,
    IsNotEmpty,
    GreaterThan,
    LessThan,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "m::ActionKind")]
pub enum ActionKind {
    SendTemplate,
    CreateTask,
    UpdateField,
    OutgoingWebhook,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "m::Trigger")]
pub enum WorkflowTrigger {
    Created,
    Edited,
    FieldUpdated,
    InboundMessage,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "m::StepKind")]
pub enum JourneyStepKind {
    Action,
    Wait,
    WaitForReply,
    End,
}

/// Whether a rule runs now: PAUSED while a template it sends is not approved.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "RuleStatus")]
pub enum WorkflowRuleStatus {
    Active,
    Inactive,
    Paused,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "m::EnrollmentStatus")]
pub enum EnrollmentStatus {
    Active,
    Completed,
    Failed,
}

#[derive(SimpleObject)]
#[graphql(name = "Condition")]
pub struct ConditionGql {
    field: String,
    op: ConditionOp,
    value: Option<String>,
}

impl From<&m::Condition> for ConditionGql {
    fn from(c: &m::Condition) -> Self {
        Self {
            field: c.field.clone(),
            op: c.op.into(),
            value: c.value.clone(),
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "Action")]
pub struct ActionGql {
    kind: ActionKind,
    template_id: Option<ID>,
    profile_id: Option<ID>,
    phone_field: Option<String>,
    field: Option<String>,
    value: Option<String>,
    subject: Option<String>,
    due_in_days: Option<i32>,
    url: Option<String>,
    /// OUTGOING_WEBHOOK: whether requests are signed (the secret itself is never shown).
    has_secret: bool,
}

impl From<&m::Action> for ActionGql {
    fn from(a: &m::Action) -> Self {
        Self {
            kind: a.kind.into(),
            template_id: a.template_id.clone().map(ID),
            profile_id: a.profile_id.clone().map(ID),
            phone_field: a.phone_field.clone(),
            field: a.field.clone(),
            value: a.value.clone(),
            subject: a.subject.clone(),
            due_in_days: a.due_in_days,
            url: a.url.clone(),
            has_secret: a.secret_sealed.is_some(),
        }
    }
}

/// One execution of a rule, a transition's actions or a journey's action step.
#[derive(SimpleObject)]
#[graphql(name = "AutomationRun")]
pub struct RunGql {
    id: ID,
    at: DateTime<Utc>,
    module: String,
    record_id: ID,
    ok: bool,
    detail: String,
}

impl From<m::RunRow> for RunGql {
    fn from(r: m::RunRow) -> Self {
        Self {
            id: ID(r.id),
            at: to_datetime(r.at),
            module: r.module,
            record_id: ID(r.record_id),
            ok: r.ok,
            detail: r.detail,
        }
    }
}

fn history(ctx: &Context<'_>, owner: &str, first: Option<i32>) -> Result<Vec<RunGql>> {
    let n = usize::try_from(first.unwrap_or(20).clamp(1, 100)).unwrap_or(20);
    Ok(app(ctx)
        .automation
        .runs(owner, n)
        .gql()?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub struct WorkflowRuleGql(pub(super) m::RuleRow);

#[Object(name = "WorkflowRule")]
impl WorkflowRuleGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn module(&self) -> &str {
        &self.0.module
    }
    async fn active(&self) -> bool {
        self.0.active
    }
    /// How many times the rule's actions ran.
    async fn runs(&self) -> i64 {
        i64::try_from(self.0.runs).unwrap_or(i64::MAX)
    }
    async fn trigger(&self) -> WorkflowTrigger {
        self.0.trigger.into()
    }
    async fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }
    async fn conditions(&self) -> Vec<ConditionGql> {
        self.0.conditions.iter().map(Into::into).collect()
    }
    async fn actions(&self) -> Vec<ActionGql> {
        self.0.actions.iter().map(Into::into).collect()
    }
    async fn delay_minutes(&self) -> i64 {
        i64::from(self.0.delay_minutes)
    }
    async fn status(&self, ctx: &Context<'_>) -> WorkflowRuleStatus {
        app(ctx).automation.rule_status(&self.0).0.into()
    }
    /// Why the rule is PAUSED (a template it sends is no longer approved).
    async fn paused_reason(&self, ctx: &Context<'_>) -> Option<String> {
        app(ctx).automation.rule_status(&self.0).1
    }
    async fn failures(&self) -> i64 {
        i64::try_from(self.0.failures).unwrap_or(i64::MAX)
    }
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    /// The newest runs first (at most 100 are kept).
    async fn history(&self, ctx: &Context<'_>, first: Option<i32>) -> Result<Vec<RunGql>> {
        history(ctx, &self.0.id, first)
    }
}

#[derive(SimpleObject)]
#[graphql(name = "Transition")]
pub struct TransitionGql {
    name: String,
    from: String,
    to: String,
    actions: Vec<ActionGql>,
}

pub struct BlueprintGql(pub(super) m::BlueprintRow);

#[Object(name = "Blueprint")]
impl BlueprintGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn module(&self) -> &str {
        &self.0.module
    }
    async fn field(&self) -> &str {
        &self.0.field
    }
    async fn states(&self) -> &[String] {
        &self.0.states
    }
    async fn transitions(&self) -> Vec<TransitionGql> {
        self.0
            .transitions
            .iter()
            .map(|t| TransitionGql {
                name: t.name.clone(),
                from: t.from.clone(),
                to: t.to.clone(),
                actions: t.actions.iter().map(Into::into).collect(),
            })
            .collect()
    }
    async fn runs(&self) -> i64 {
        i64::try_from(self.0.runs).unwrap_or(i64::MAX)
    }
    async fn failures(&self) -> i64 {
        i64::try_from(self.0.failures).unwrap_or(i64::MAX)
    }
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    async fn history(&self, ctx: &Context<'_>, first: Option<i32>) -> Result<Vec<RunGql>> {
        history(ctx, &self.0.id, first)
    }
}

/// A transition the record can take from its current state (a button on the record page).
#[derive(SimpleObject)]
#[graphql(name = "AvailableTransition")]
pub struct AvailableTransitionGql {
    pub(super) blueprint_id: ID,
    pub(super) blueprint: String,
    pub(super) field: String,
    pub(super) name: String,
    pub(super) from: String,
    pub(super) to: String,
}

#[derive(SimpleObject)]
#[graphql(name = "JourneyStep")]
pub struct JourneyStepGql {
    key: String,
    kind: JourneyStepKind,
    action: Option<ActionGql>,
    wait_minutes: i64,
    next: Option<String>,
    on_reply: Option<String>,
    on_no_reply: Option<String>,
}

#[derive(SimpleObject)]
#[graphql(name = "JourneyPathEntry")]
pub struct PathEntryGql {
    step: String,
    at: DateTime<Utc>,
    note: String,
}

#[derive(SimpleObject)]
#[graphql(name = "Enrollment")]
pub struct EnrollmentGql {
    module: String,
    record_id: ID,
    status: EnrollmentStatus,
    step: String,
    waiting_until: Option<DateTime<Utc>>,
    waiting_for_reply: bool,
    enrolled_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
    path: Vec<PathEntryGql>,
}

impl From<m::Enrollment> for EnrollmentGql {
    fn from(e: m::Enrollment) -> Self {
        Self {
            module: e.module,
            record_id: ID(e.record_id),
            status: e.status.into(),
            step: e.step,
            waiting_until: e.wait_until.map(to_datetime),
            waiting_for_reply: e.waiting == Some(m::Waiting::Reply),
            enrolled_at: to_datetime(e.enrolled_at),
            finished_at: e.finished_at.map(to_datetime),
            path: e
                .path
                .into_iter()
                .map(|p| PathEntryGql {
                    step: p.step,
                    at: to_datetime(p.at),
                    note: p.note,
                })
                .collect(),
        }
    }
}

pub struct JourneyGql(pub(super) m::JourneyRow);

#[Object(name = "Journey")]
impl JourneyGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn module(&self) -> &str {
        &self.0.module
    }
    async fn active(&self) -> bool {
        self.0.active
    }
    async fn trigger(&self) -> WorkflowTrigger {
        self.0.trigger.into()
    }
    async fn conditions(&self) -> Vec<ConditionGql> {
        self.0.conditions.iter().map(Into::into).collect()
    }
    async fn steps(&self) -> Vec<JourneyStepGql> {
        self.0
            .steps
            .iter()
            .map(|s| JourneyStepGql {
                key: s.key.clone(),
                kind: s.kind.into(),
                action: s.action.as_ref().map(Into::into),
                wait_minutes: i64::from(s.wait_minutes),
                next: s.next.clone(),
                on_reply: s.on_reply.clone(),
                on_no_reply: s.on_no_reply.clone(),
            })
            .collect()
    }
    /// Records ever enrolled (one enrollment per record).
    async fn enrolled(&self) -> i64 {
        i64::try_from(self.0.enrolled).unwrap_or(i64::MAX)
    }
    /// Enrollments still in progress.
    async fn in_progress(&self) -> i64 {
        i64::try_from(self.0.in_progress).unwrap_or(i64::MAX)
    }
    async fn completed(&self) -> i64 {
        i64::try_from(self.0.completed).unwrap_or(i64::MAX)
    }
    async fn failures(&self) -> i64 {
        i64::try_from(self.0.failures).unwrap_or(i64::MAX)
    }
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    /// Each record's enrollment and path (oldest first, at most `first`, default 100).
    async fn enrollments(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
    ) -> Result<Vec<EnrollmentGql>> {
        let n = usize::try_from(first.unwrap_or(100).clamp(1, 500)).unwrap_or(100);
        Ok(app(ctx)
            .automation
            .enrollments(&self.0.id, n)
            .gql()?
            .into_iter()
            .map(Into::into)
            .collect())
    }
    async fn history(&self, ctx: &Context<'_>, first: Option<i32>) -> Result<Vec<RunGql>> {
        history(ctx, &self.0.id, first)
    }
}
