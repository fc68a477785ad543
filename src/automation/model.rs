//! Workflow rules, blueprints, journeys and their runs as stored (a leaf: imports nothing above).

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    Created,
    Edited,
    FieldUpdated,
    InboundMessage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CondOp {
    Equals,
    NotEquals,
    Contains,
    IsEmpty,
    IsNotEmpty,
    GreaterThan,
    LessThan,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Condition {
    pub field: String,
    pub op: CondOp,
    pub value: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    SendTemplate,
    CreateTask,
    UpdateField,
    OutgoingWebhook,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Action {
    pub kind: ActionKind,
    #[serde(default)]
    pub template_id: Option<String>,
    #[serde(default)]
    pub profile_id: Option<String>,
    #[serde(default)]
    pub phone_field: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub due_in_days: Option<i32>,
    /// OUTGOING_WEBHOOK: where to POST.
    #[serde(default)]
    pub url: Option<String>,
    /// OUTGOING_WEBHOOK: the signing secret, sealed with the data dir's key (none: unsigned).
    #[serde(default)]
    pub secret_sealed: Option<String>,
    /// A secret as given in an input, never stored: `None` keeps the one the action had (same
    /// URL), `Some("")` removes it, anything else replaces it (sealed into `secret_sealed`).
    #[serde(skip)]
    pub secret: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleRow {
    pub id: String,
    pub name: String,
    pub module: String,
    pub trigger: Trigger,
    /// FIELD_UPDATED: the field whose change triggers the rule.
    pub field: Option<String>,
    pub conditions: Vec<Condition>,
    pub actions: Vec<Action>,
    /// Minutes between the trigger and the actions (0: at once).
    pub delay_minutes: u32,
    pub active: bool,
    /// The administrator who made the rule; actions act with their rights.
    pub created_by: String,
    pub created_at: Millis,
    pub runs: u64,
    pub failures: u64,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Transition {
    pub name: String,
    pub from: String,
    pub to: String,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BlueprintRow {
    pub id: String,
    pub name: String,
    pub module: String,
    /// The picklist field whose value is the record's state.
    pub field: String,
    pub states: Vec<String>,
    pub transitions: Vec<Transition>,
    pub created_by: String,
    pub created_at: Millis,
    pub runs: u64,
    pub failures: u64,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Action,
    Wait,
    WaitForReply,
    End,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Step {
    pub key: String,
    pub kind: StepKind,
    pub action: Option<Action>,
    pub wait_minutes: u32,
    /// Where to go after this step (default: the next step in the list).
    pub next: Option<String>,
    pub on_reply: Option<String>,
    pub on_no_reply: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JourneyRow {
    pub id: String,
    pub name: String,
    pub module: String,
    pub trigger: Trigger,
    pub conditions: Vec<Condition>,
    pub steps: Vec<Step>,
    pub active: bool,
    pub created_by: String,
    pub created_at: Millis,
    pub enrolled: u64,
    /// Enrollments still in progress.
    pub in_progress: u64,
    pub completed: u64,
    pub failures: u64,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentStatus {
    Active,
    Completed,
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Waiting {
    /// A WAIT step's timer.
    Timer,
    /// A WAIT_FOR_REPLY step: a reply moves on at once, the timer means no reply.
    Reply,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PathEntry {
    pub step: String,
    pub at: Millis,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Enrollment {
    pub journey_id: String,
    pub module: String,
    pub record_id: String,
    pub status: EnrollmentStatus,
    /// The current step's key.
    pub step: String,
    /// Counts step changes; a job for an older visit is stale and does nothing.
    pub visit: u32,
    pub waiting: Option<Waiting>,
    pub wait_until: Option<Millis>,
    pub path: Vec<PathEntry>,
    pub enrolled_at: Millis,
    pub finished_at: Option<Millis>,
}

/// One execution of a rule, a transition's actions or a journey step.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunRow {
    pub id: String,
    pub at: Millis,
    pub module: String,
    pub record_id: String,
    pub ok: bool,
    /// What happened, per action; the error when it failed.
    pub detail: String,
}
