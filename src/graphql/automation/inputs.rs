//! Automation's GraphQL inputs and their domain forms.

use async_graphql::{ID, InputObject, Result};

use super::types::{ActionKind, ConditionOp, JourneyStepKind, WorkflowTrigger};
use crate::automation::model::{self as m};
use crate::automation::{self as auto};

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
    /// OUTGOING_WEBHOOK: the http(s) URL to POST to.
    url: Option<String>,
    /// OUTGOING_WEBHOOK: the secret that signs each request (`X-Parley-Signature`). Left out
    /// when editing, the action keeps the secret it had for the same URL; "" removes it.
    secret: Option<String>,
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
            secret: a.secret,
            secret_sealed: None,
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

pub(super) fn minutes(v: Option<i32>, field: &str) -> Result<u32> {
    u32::try_from(v.unwrap_or(0)).map_err(|_| {
        crate::graphql::gql_error(&crate::error::Error::validation(
            field,
            "minutes cannot be negative",
        ))
    })
}

impl WorkflowRuleInput {
    pub(super) fn into_domain(self) -> Result<auto::NewRule> {
        Ok(auto::NewRule {
            delay_minutes: minutes(self.delay_minutes, "delayMinutes")?,
            name: self.name,
            module: self.module,
            trigger: self.trigger.into(),
            field: self.field,
            conditions: self
                .conditions
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            actions: self.actions.into_iter().map(Into::into).collect(),
            active: self.active.unwrap_or(true),
        })
    }
}

impl BlueprintInput {
    pub(super) fn into_domain(self) -> auto::NewBlueprint {
        auto::NewBlueprint {
            name: self.name,
            module: self.module,
            field: self.field,
            states: self.states,
            transitions: self
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
        }
    }
}

impl JourneyInput {
    pub(super) fn into_domain(self) -> Result<auto::NewJourney> {
        let mut steps = vec![];
        for s in self.steps {
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
        Ok(auto::NewJourney {
            name: self.name,
            module: self.module,
            trigger: self.trigger.into(),
            conditions: self
                .conditions
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            steps,
            active: self.active.unwrap_or(true),
        })
    }
}
