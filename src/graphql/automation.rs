//! Automation (F11–F13): workflow rules, blueprints, journeys; demo time travel.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::types::RecordGql;
use super::{Gql, admin, app, viewer};
use crate::automation::model::{self as m};
use crate::automation::{self as auto, RuleStatus};
use crate::clock::to_datetime;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
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
pub enum ActionKind {
    SendTemplate,
    CreateTask,
    UpdateField,
    OutgoingWebhook,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum WorkflowTrigger {
    Created,
    Edited,
    FieldUpdated,
    InboundMessage,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum JourneyStepKind {
    Action,
    Wait,
    WaitForReply,
    End,
}

/// Whether a rule runs now: PAUSED while a template it sends is not approved.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum WorkflowRuleStatus {
    Active,
    Inactive,
    Paused,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum EnrollmentStatus {
    Active,
    Completed,
    Failed,
}

macro_rules! same_enum {
    ($a:ty, $b:ty, $($v:ident),+) => {
        impl From<$a> for $b {
            fn from(x: $a) -> $b {
                match x { $(<$a>::$v => <$b>::$v),+ }
            }
        }
        impl From<$b> for $a {
            fn from(x: $b) -> $a {
                match x { $(<$b>::$v => <$a>::$v),+ }
            }
        }
    };
}
same_enum!(
    ConditionOp,
    m::CondOp,
    Equals,
    NotEquals,
    Contains,
    IsEmpty,
    IsNotEmpty,
    GreaterThan,
    LessThan
);
same_enum!(
    ActionKind,
    m::ActionKind,
    SendTemplate,
    CreateTask,
    UpdateField,
    OutgoingWebhook
);
same_enum!(
    WorkflowTrigger,
    m::Trigger,
    Created,
    Edited,
    FieldUpdated,
    InboundMessage
);
same_enum!(
    JourneyStepKind,
    m::StepKind,
    Action,
    Wait,
    WaitForReply,
    End
);
same_enum!(
    EnrollmentStatus,
    m::EnrollmentStatus,
    Active,
    Completed,
    Failed
);

#[derive(InputObject)]
pub struct ConditionInput {
    field: String,
    op: ConditionOp,
    value: Option<String>,
}

impl From<ConditionInput> for m::Condition {
    fn from(c: ConditionInput) -> Self {
        m::Condition {
            field: c.field,
            op: c.op.into(),
            value: c.value,
        }
    }
}

#[derive(InputObject)]
pub struct ActionInput {
    kind: ActionKind,
    template_id: Option<ID>,
    profile_id: Option<ID>,
    phone_field: Option<String>,
    field: Option<String>,
    value: Option<String>,
    subject: Option<String>,
    due_in_days: Option<i32>,
    url: Option<String>,
}

impl From<ActionInput> for m::Action {
    fn from(a: ActionInput) -> Self {
        m::Action {
            kind: a.kind.into(),
            template_id: a.template_id.map(|i| i.0),
            profile_id: a.profile_id.map(|i| i.0),
            phone_field: a.phone_field,
            field: a.field,
            value: a.value,
            subject: a.subject,
            due_in_days: a.due_in_days,
            url: a.url,
        }
    }
}

#[derive(InputObject)]
pub struct WorkflowRuleInput {
    name: String,
    module: String,
    trigger: WorkflowTrigger,
    /// FIELD_UPDATED: the field whose change triggers the rule.
    field: Option<String>,
    conditions: Option<Vec<ConditionInput>>,
    actions: Vec<ActionInput>,
    active: Option<bool>,
    /// Minutes between the trigger and the actions (default 0: at once).
    delay_minutes: Option<i32>,
}

#[derive(InputObject)]
pub struct TransitionInput {
    name: String,
    from: String,
    to: String,
    actions: Option<Vec<ActionInput>>,
}

#[derive(InputObject)]
pub struct BlueprintInput {
    name: String,
    module: String,
    field: String,
    states: Vec<String>,
    transitions: Vec<TransitionInput>,
}

#[derive(InputObject)]
pub struct JourneyStepInput {
    key: String,
    kind: JourneyStepKind,
    action: Option<ActionInput>,
    wait_minutes: Option<i32>,
    next: Option<String>,
    on_reply: Option<String>,
    on_no_reply: Option<String>,
}

#[derive(InputObject)]
pub struct JourneyInput {
    name: String,
    module: String,
    trigger: WorkflowTrigger,
    conditions: Option<Vec<ConditionInput>>,
    steps: Vec<JourneyStepInput>,
    active: Option<bool>,
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

pub struct WorkflowRuleGql(m::RuleRow);

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
        match app(ctx).automation.rule_status(&self.0).0 {
            RuleStatus::Active => WorkflowRuleStatus::Active,
            RuleStatus::Inactive => WorkflowRuleStatus::Inactive,
            RuleStatus::Paused => WorkflowRuleStatus::Paused,
        }
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

pub struct BlueprintGql(m::BlueprintRow);

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
    blueprint_id: ID,
    blueprint: String,
    field: String,
    name: String,
    from: String,
    to: String,
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

pub struct JourneyGql(m::JourneyRow);

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

fn minutes(v: Option<i32>, field: &str) -> Result<u32> {
    u32::try_from(v.unwrap_or(0)).map_err(|_| {
        super::gql_error(&crate::error::Error::validation(
            field,
            "minutes cannot be negative",
        ))
    })
}

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
        let delay_minutes = minutes(input.delay_minutes, "delayMinutes")?;
        let rule = auto::NewRule {
            name: input.name,
            module: input.module,
            trigger: input.trigger.into(),
            field: input.field,
            conditions: input
                .conditions
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            actions: input.actions.into_iter().map(Into::into).collect(),
            delay_minutes,
            active: input.active.unwrap_or(true),
        };
        Ok(WorkflowRuleGql(
            app(ctx).automation.create_rule(v, rule).await.gql()?,
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
        let bp = auto::NewBlueprint {
            name: input.name,
            module: input.module,
            field: input.field,
            states: input.states,
            transitions: input
                .transitions
                .into_iter()
                .map(|t| m::Transition {
                    name: t.name,
                    from: t.from,
                    to: t.to,
                    actions: t
                        .actions
                        .unwrap_or_default()
                        .into_iter()
                        .map(Into::into)
                        .collect(),
                })
                .collect(),
        };
        Ok(BlueprintGql(
            app(ctx).automation.create_blueprint(v, bp).await.gql()?,
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
        let mut steps = vec![];
        for s in input.steps {
            steps.push(m::Step {
                key: s.key,
                kind: s.kind.into(),
                action: s.action.map(Into::into),
                wait_minutes: minutes(s.wait_minutes, "waitMinutes")?,
                next: s.next,
                on_reply: s.on_reply,
                on_no_reply: s.on_no_reply,
            });
        }
        let j = auto::NewJourney {
            name: input.name,
            module: input.module,
            trigger: input.trigger.into(),
            conditions: input
                .conditions
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            steps,
            active: input.active.unwrap_or(true),
        };
        Ok(JourneyGql(
            app(ctx).automation.create_journey(v, j).await.gql()?,
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
