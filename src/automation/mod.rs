//! Automation (F11–F13): workflow rules, blueprints and journeys, and the demo's time travel.
//! Definitions are checked and stored here; [`engine`] reacts to changes and runs the work as
//! durable jobs.

pub mod engine;
pub mod model;

use std::collections::HashSet;

use redb::ReadableTable;
use serde_json::json;

use crate::auth::{Auth, Viewer};
use crate::clock::{Millis, SharedClock};
use crate::crm::Crm;
use crate::crm::model::{FieldType, RecordRow};
use crate::error::{Error, Result};
use crate::jobs::{self, Jobs, Kind, NewJob};
use crate::messaging::Messaging;
use crate::store::PutRow;
use crate::store::Store;
use crate::store::tables::{
    AUTO_BLUEPRINTS, AUTO_ENROLLMENTS, AUTO_JOURNEYS, AUTO_RULES, AUTO_RUNS, META,
};
use crate::templates::{TemplateStatus, Templates};
use engine::Work;
use model::*;

/// The META key holding the demo clock's offset (ms), so a restarted demo keeps its time.
const CLOCK_OFFSET_KEY: &str = "demo_clock_offset_ms";

#[derive(Clone)]
pub struct Automation {
    store: Store,
    clock: SharedClock,
    crm: Crm,
    templates: Templates,
    jobs: Jobs,
}

/// A new workflow rule.
#[derive(Debug, Clone)]
pub struct NewRule {
    pub name: String,
    pub module: String,
    pub trigger: Trigger,
    pub field: Option<String>,
    pub conditions: Vec<Condition>,
    pub actions: Vec<Action>,
    pub delay_minutes: u32,
    pub active: bool,
}

#[derive(Debug, Clone)]
pub struct NewBlueprint {
    pub name: String,
    pub module: String,
    pub field: String,
    pub states: Vec<String>,
    pub transitions: Vec<Transition>,
}

#[derive(Debug, Clone)]
pub struct NewJourney {
    pub name: String,
    pub module: String,
    pub trigger: Trigger,
    pub conditions: Vec<Condition>,
    pub steps: Vec<Step>,
    pub active: bool,
}

/// Why a rule does not run now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleStatus {
    Active,
    Inactive,
    /// A template it sends is no longer approved: that action pauses.
    Paused,
}

/// A transition a record can take now.
#[derive(Debug, Clone)]
pub struct AvailableTransition {
    pub blueprint_id: String,
    pub blueprint: String,
    pub field: String,
    pub name: String,
    pub from: String,
    pub to: String,
}

impl Automation {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store: Store,
        clock: SharedClock,
        crm: Crm,
        templates: Templates,
        messaging: Messaging,
        auth: Auth,
        jobs: Jobs,
    ) -> Automation {
        jobs.register(std::sync::Arc::new(engine::Runner {
            crm: crm.clone(),
            templates: templates.clone(),
            messaging,
            auth,
            clock: clock.clone(),
        }));
        Automation {
            store,
            clock,
            crm,
            templates,
            jobs,
        }
    }

    // -- definitions -----------------------------------------------------------------------

    pub async fn create_rule(&self, viewer: &Viewer, input: NewRule) -> Result<RuleRow> {
        viewer.require_admin()?;
        let name = required_name(&input.name)?;
        let def = self.crm.module(&input.module)?;
        let field = match input.trigger {
            Trigger::FieldUpdated => {
                let f = input
                    .field
                    .as_deref()
                    .filter(|f| def.field(f).is_some())
                    .ok_or_else(|| {
                        Error::validation("field", "FIELD_UPDATED needs a field of the module")
                    })?;
                Some(f.to_string())
            }
            _ => None,
        };
        let conditions = self.check_conditions(&input.module, input.conditions)?;
        if input.actions.is_empty() {
            return Err(Error::validation(
                "actions",
                "a rule needs at least one action",
            ));
        }
        for a in &input.actions {
            self.check_action(&input.module, a)?;
        }
        if input.delay_minutes > 525_600 {
            return Err(Error::validation(
                "delayMinutes",
                "at most a year (525,600 minutes)",
            ));
        }
        let now = self.clock.now();
        let row = RuleRow {
            id: crate::ids::new_id(now),
            name,
            module: def.api_name.clone(),
            trigger: input.trigger,
            field,
            conditions,
            actions: input.actions,
            delay_minutes: input.delay_minutes,
            active: input.active,
            created_by: viewer.id().to_string(),
            created_at: now,
            runs: 0,
            failures: 0,
            last_error: None,
        };
        let r = row.clone();
        self.store
            .write(move |tx| {
                tx.txn
                    .open_table(AUTO_RULES)?
                    .put((r.module.as_str(), r.id.as_str()), &r)?;
                Ok(())
            })
            .await?;
        Ok(row)
    }

    pub async fn set_rule_active(
        &self,
        viewer: &Viewer,
        id: &str,
        active: bool,
    ) -> Result<RuleRow> {
        viewer.require_admin()?;
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(AUTO_RULES)?;
                let found = t
                    .iter()?
                    .filter_map(|e| e.ok().and_then(|(_, v)| v.value().ok()))
                    .find(|r| r.id == id);
                let mut r = found.ok_or_else(|| Error::NotFound("workflow rule".into()))?;
                r.active = active;
                t.put((r.module.as_str(), r.id.as_str()), &r)?;
                Ok(r)
            })
            .await
    }

    pub async fn delete_rule(&self, viewer: &Viewer, id: &str) -> Result<()> {
        viewer.require_admin()?;
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(AUTO_RULES)?;
                let found = t
                    .iter()?
                    .filter_map(|e| e.ok().and_then(|(_, v)| v.value().ok()))
                    .find(|r| r.id == id);
                let r = found.ok_or_else(|| Error::NotFound("workflow rule".into()))?;
                t.remove((r.module.as_str(), r.id.as_str()))?;
                Ok(())
            })
            .await
    }

    pub fn rules(&self, viewer: &Viewer, module: Option<&str>) -> Result<Vec<RuleRow>> {
        viewer.require_admin()?;
        let tx = self.store.read()?;
        let t = tx.open_table(AUTO_RULES)?;
        let rows = t
            .iter()?
            .map(|e| {
                e.map_err(crate::error::Error::from)
                    .and_then(|(_, v)| v.value().map_err(Into::into))
            })
            .collect::<Result<Vec<RuleRow>, _>>()?;
        Ok(rows
            .into_iter()
            .filter(|r| module.is_none_or(|m| r.module == m))
            .collect())
    }

    /// Whether the rule runs now, and why not.
    pub fn rule_status(&self, rule: &RuleRow) -> (RuleStatus, Option<String>) {
        if !rule.active {
            return (RuleStatus::Inactive, None);
        }
        for a in rule
            .actions
            .iter()
            .filter(|a| a.kind == ActionKind::SendTemplate)
        {
            let id = a.template_id.as_deref().unwrap_or_default();
            match self.templates.get(id) {
                Ok(t) if t.status == TemplateStatus::Approved => {}
                Ok(t) => {
                    return (
                        RuleStatus::Paused,
                        Some(format!(
                            "template '{}' is {} (no longer approved); its send is paused",
                            t.name,
                            format!("{:?}", t.status).to_uppercase()
                        )),
                    );
                }
                Err(_) => {
                    return (
                        RuleStatus::Paused,
                        Some("its template was deleted; its send is paused".into()),
                    );
                }
            }
        }
        (RuleStatus::Active, None)
    }

    /// The newest runs of a rule, blueprint or journey, newest first.
    pub fn runs(&self, owner: &str, limit: usize) -> Result<Vec<RunRow>> {
        let tx = self.store.read()?;
        let t = tx.open_table(AUTO_RUNS)?;
        let rows = t
            .range((owner, "")..=(owner, "\u{10FFFF}"))?
            .rev()
            .take(limit)
            .map(|e| {
                e.map_err(crate::error::Error::from)
                    .and_then(|(_, v)| v.value().map_err(Into::into))
            })
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    pub async fn create_blueprint(
        &self,
        viewer: &Viewer,
        input: NewBlueprint,
    ) -> Result<BlueprintRow> {
        viewer.require_admin()?;
        let name = required_name(&input.name)?;
        let def = self.crm.module(&input.module)?;
        let f = def
            .field(&input.field)
            .filter(|f| f.field_type == FieldType::Picklist)
            .ok_or_else(|| Error::validation("field", "a blueprint needs a picklist field"))?;
        if input.states.is_empty() {
            return Err(Error::validation("states", "name at least one state"));
        }
        for s in &input.states {
            if !f.options.is_empty() && !f.options.contains(s) {
                return Err(Error::validation(
                    "states",
                    format!("'{s}' is not an option of {}", f.label),
                ));
            }
        }
        if input.transitions.is_empty() {
            return Err(Error::validation(
                "transitions",
                "name at least one transition",
            ));
        }
        let existing: HashSet<String> = self
            .blueprints(None)?
            .into_iter()
            .filter(|b| b.module == def.api_name)
            .flat_map(|b| b.transitions.into_iter().map(|t| t.name))
            .collect();
        let mut names = HashSet::new();
        for t in &input.transitions {
            if t.name.trim().is_empty()
                || !names.insert(t.name.clone())
                || existing.contains(&t.name)
            {
                return Err(Error::validation(
                    "transitions",
                    format!(
                        "transition names must be non-empty and unique in the module ('{}')",
                        t.name
                    ),
                ));
            }
            if !input.states.contains(&t.from) || !input.states.contains(&t.to) {
                return Err(Error::validation(
                    "transitions",
                    format!("'{}' must go between the blueprint's states", t.name),
                ));
            }
            for a in &t.actions {
                self.check_action(&def.api_name, a)?;
            }
        }
        let now = self.clock.now();
        let row = BlueprintRow {
            id: crate::ids::new_id(now),
            name,
            module: def.api_name.clone(),
            field: input.field,
            states: input.states,
            transitions: input.transitions,
            created_by: viewer.id().to_string(),
            created_at: now,
            runs: 0,
            failures: 0,
            last_error: None,
        };
        let r = row.clone();
        self.store
            .write(move |tx| {
                tx.txn
                    .open_table(AUTO_BLUEPRINTS)?
                    .put((r.module.as_str(), r.id.as_str()), &r)?;
                Ok(())
            })
            .await?;
        Ok(row)
    }

    pub async fn delete_blueprint(&self, viewer: &Viewer, id: &str) -> Result<()> {
        viewer.require_admin()?;
        let b = self
            .blueprints(None)?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or_else(|| Error::NotFound("blueprint".into()))?;
        self.store
            .write(move |tx| {
                tx.txn
                    .open_table(AUTO_BLUEPRINTS)?
                    .remove((b.module.as_str(), b.id.as_str()))?;
                Ok(())
            })
            .await
    }

    pub fn blueprints(&self, module: Option<&str>) -> Result<Vec<BlueprintRow>> {
        let tx = self.store.read()?;
        let t = tx.open_table(AUTO_BLUEPRINTS)?;
        let rows = t
            .iter()?
            .map(|e| {
                e.map_err(crate::error::Error::from)
                    .and_then(|(_, v)| v.value().map_err(Into::into))
            })
            .collect::<Result<Vec<BlueprintRow>, _>>()?;
        Ok(rows
            .into_iter()
            .filter(|r| module.is_none_or(|m| r.module == m))
            .collect())
    }

    /// The transitions `record` can take from its current states.
    pub fn available(&self, record: &RecordRow) -> Result<Vec<AvailableTransition>> {
        let mut out = vec![];
        for b in self.blueprints(Some(&record.module))? {
            let state = engine::text_of(record, &b.field);
            for t in b.transitions.iter().filter(|t| t.from == state) {
                out.push(AvailableTransition {
                    blueprint_id: b.id.clone(),
                    blueprint: b.name.clone(),
                    field: b.field.clone(),
                    name: t.name.clone(),
                    from: t.from.clone(),
                    to: t.to.clone(),
                });
            }
        }
        Ok(out)
    }

    pub fn available_for(
        &self,
        viewer: &Viewer,
        module: &str,
        record_id: &str,
    ) -> Result<Vec<AvailableTransition>> {
        let r = self
            .crm
            .get(viewer, module, record_id)?
            .ok_or_else(|| Error::NotFound("record".into()))?;
        self.available(&r)
    }

    /// Moves the record along `transition`: its state is checked and changed in one
    /// transaction (`CONFLICT` from any other state); the transition's actions run as a job.
    pub async fn transition(
        &self,
        viewer: &Viewer,
        module: &str,
        record_id: &str,
        transition: &str,
    ) -> Result<RecordRow> {
        let (bp, t) = self
            .blueprints(Some(module))?
            .into_iter()
            .find_map(|b| {
                let t = b.transitions.iter().find(|t| t.name == transition)?.clone();
                Some((b, t))
            })
            .ok_or_else(|| Error::NotFound(format!("transition '{transition}'")))?;
        let input = json!({ bp.field.clone(): t.to.clone() });
        let actor = viewer.id().to_string();
        let now = self.clock.now();
        let (field, module_name) = (bp.field.clone(), module.to_string());
        let row = self
            .crm
            .update_guarded(viewer, module, record_id, &input, move |tx, old| {
                let state = engine::text_of(old, &field);
                if state != t.from {
                    return Err(Error::Conflict(format!(
                        "'{}' goes from '{}', and the record is in '{}'",
                        t.name,
                        t.from,
                        if state.is_empty() { "(none)" } else { &state }
                    )));
                }
                if !t.actions.is_empty() {
                    jobs::enqueue(
                        tx,
                        now,
                        NewJob {
                            kind: Kind::Automation,
                            key: Some(format!(
                                "transition:{}:{}:{}",
                                bp.id,
                                old.id,
                                crate::ids::new_id(now)
                            )),
                            payload: json!(Work::Transition {
                                module: module_name.clone(),
                                blueprint_id: bp.id.clone(),
                                transition: t.name.clone(),
                                record_id: old.id.clone(),
                                actor: actor.clone(),
                            }),
                            due_at: now,
                            max_attempts: 3,
                        },
                    )?;
                }
                Ok(())
            })
            .await?;
        self.jobs.wake();
        Ok(row)
    }

    pub async fn create_journey(&self, viewer: &Viewer, input: NewJourney) -> Result<JourneyRow> {
        viewer.require_admin()?;
        let name = required_name(&input.name)?;
        let def = self.crm.module(&input.module)?;
        let conditions = self.check_conditions(&def.api_name, input.conditions)?;
        if input.steps.is_empty() {
            return Err(Error::validation(
                "steps",
                "a journey needs at least one step",
            ));
        }
        let keys: HashSet<&str> = input.steps.iter().map(|s| s.key.as_str()).collect();
        if keys.len() != input.steps.len() || keys.contains("") {
            return Err(Error::validation(
                "steps",
                "step keys must be non-empty and unique",
            ));
        }
        for s in &input.steps {
            for target in [&s.next, &s.on_reply, &s.on_no_reply].into_iter().flatten() {
                if !keys.contains(target.as_str()) {
                    return Err(Error::validation(
                        "steps",
                        format!("step '{}' goes to '{target}', which is not a step", s.key),
                    ));
                }
            }
            match s.kind {
                StepKind::Action => {
                    let a = s.action.as_ref().ok_or_else(|| {
                        Error::validation("steps", format!("step '{}' needs an action", s.key))
                    })?;
                    self.check_action(&def.api_name, a)?;
                }
                StepKind::Wait | StepKind::WaitForReply => {
                    if s.wait_minutes == 0 || s.wait_minutes > 525_600 {
                        return Err(Error::validation(
                            "steps",
                            format!("step '{}' needs waitMinutes from 1 to 525,600", s.key),
                        ));
                    }
                }
                StepKind::End => {}
            }
        }
        let now = self.clock.now();
        let row = JourneyRow {
            id: crate::ids::new_id(now),
            name,
            module: def.api_name.clone(),
            trigger: input.trigger,
            conditions,
            steps: input.steps,
            active: input.active,
            created_by: viewer.id().to_string(),
            created_at: now,
            enrolled: 0,
            in_progress: 0,
            completed: 0,
            failures: 0,
            last_error: None,
        };
        let r = row.clone();
        self.store
            .write(move |tx| {
                tx.txn
                    .open_table(AUTO_JOURNEYS)?
                    .put((r.module.as_str(), r.id.as_str()), &r)?;
                Ok(())
            })
            .await?;
        Ok(row)
    }

    pub async fn set_journey_active(
        &self,
        viewer: &Viewer,
        id: &str,
        active: bool,
    ) -> Result<JourneyRow> {
        viewer.require_admin()?;
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(AUTO_JOURNEYS)?;
                let found = t
                    .iter()?
                    .filter_map(|e| e.ok().and_then(|(_, v)| v.value().ok()))
                    .find(|r| r.id == id);
                let mut r = found.ok_or_else(|| Error::NotFound("journey".into()))?;
                r.active = active;
                t.put((r.module.as_str(), r.id.as_str()), &r)?;
                Ok(r)
            })
            .await
    }

    pub fn journeys(&self, viewer: &Viewer) -> Result<Vec<JourneyRow>> {
        viewer.require_admin()?;
        let tx = self.store.read()?;
        let t = tx.open_table(AUTO_JOURNEYS)?;
        let rows = t
            .iter()?
            .map(|e| {
                e.map_err(crate::error::Error::from)
                    .and_then(|(_, v)| v.value().map_err(Into::into))
            })
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// A journey's enrollments (each record's path), oldest first, at most `limit`.
    pub fn enrollments(&self, journey_id: &str, limit: usize) -> Result<Vec<Enrollment>> {
        let tx = self.store.read()?;
        let t = tx.open_table(AUTO_ENROLLMENTS)?;
        let rows = t
            .range((journey_id, "")..=(journey_id, "\u{10FFFF}"))?
            .take(limit)
            .map(|e| {
                e.map_err(crate::error::Error::from)
                    .and_then(|(_, v)| v.value().map_err(Into::into))
            })
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    // -- checks ------------------------------------------------------------------------------

    fn check_conditions(&self, module: &str, conds: Vec<Condition>) -> Result<Vec<Condition>> {
        let def = self.crm.module(module)?;
        let mut out = vec![];
        for mut c in conds {
            if def.field(&c.field).is_none() {
                return Err(Error::validation(
                    "conditions",
                    format!("{module} has no field {}", c.field),
                ));
            }
            match c.op {
                CondOp::IsEmpty | CondOp::IsNotEmpty => c.value = None,
                CondOp::Contains => {
                    if c.value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                        return Err(Error::validation("conditions", "CONTAINS needs a value"));
                    }
                }
                _ => {
                    let v = c.value.clone().unwrap_or_default();
                    if v.trim().is_empty() {
                        return Err(Error::validation(
                            "conditions",
                            format!("{:?} needs a value", c.op),
                        ));
                    }
                    // Compared with stored values: normalise as a record would store it
                    // (currency in minor units, phones in E.164); keep the text otherwise.
                    if let Ok(clean) = self.crm.clean_value(module, &c.field, &v) {
                        c.value = Some(engine::value_text(Some(&clean)));
                    }
                }
            }
            out.push(c);
        }
        Ok(out)
    }

    fn check_action(&self, module: &str, a: &Action) -> Result<()> {
        let def = self.crm.module(module)?;
        match a.kind {
            ActionKind::SendTemplate => {
                let id = a
                    .template_id
                    .as_deref()
                    .ok_or_else(|| Error::validation("templateId", "choose a template"))?;
                let t = self
                    .templates
                    .get(id)
                    .map_err(|_| Error::validation("templateId", "no such template"))?;
                if t.status != TemplateStatus::Approved {
                    return Err(Error::TemplateNotApproved(
                        format!("{:?}", t.status).to_uppercase(),
                    ));
                }
                if t.module != module {
                    return Err(Error::validation(
                        "templateId",
                        format!("this template is for {}", t.module),
                    ));
                }
            }
            ActionKind::CreateTask => {
                if a.subject.as_deref().is_none_or(|s| s.trim().is_empty()) {
                    return Err(Error::validation("subject", "a task needs a subject"));
                }
            }
            ActionKind::UpdateField => {
                let f = a
                    .field
                    .as_deref()
                    .and_then(|f| def.field(f))
                    .ok_or_else(|| Error::validation("field", "choose a field of the module"))?;
                if matches!(f.field_type, FieldType::Owner | FieldType::LineItems) {
                    return Err(Error::validation(
                        "field",
                        "automation cannot change the owner or line items",
                    ));
                }
                if let Some(v) = &a.value {
                    self.crm.clean_value(module, &f.api_name, v)?;
                }
            }
            ActionKind::OutgoingWebhook => {
                return Err(Error::validation(
                    "kind",
                    "outgoing webhooks are not available in this build yet",
                ));
            }
        }
        Ok(())
    }

    // -- time travel ---------------------------------------------------------------------------

    /// Demo only: moves the app's clock `minutes` forward (kept across restarts). Jobs, journey
    /// waits and reply windows follow at once.
    pub async fn advance_clock(&self, viewer: &Viewer, minutes: i64) -> Result<Millis> {
        viewer.require_admin()?;
        if !(1..=525_600).contains(&minutes) {
            return Err(Error::validation("minutes", "from 1 to 525,600 (a year)"));
        }
        let offset = self
            .clock
            .advance_by(minutes * 60_000)
            .ok_or_else(|| Error::Forbidden("time travel is only available in the demo".into()))?;
        let stored = u64::try_from(offset).unwrap_or_default();
        self.store
            .write(move |tx| {
                tx.txn.open_table(META)?.insert(CLOCK_OFFSET_KEY, stored)?;
                Ok(())
            })
            .await?;
        self.jobs.wake();
        Ok(self.clock.now())
    }

    /// At start: a demo clock resumes the offset it travelled to before a restart.
    pub fn restore_clock(&self) -> Result<()> {
        let stored = self
            .store
            .read()?
            .open_table(META)?
            .get(CLOCK_OFFSET_KEY)?
            .map(|v| v.value())
            .unwrap_or(0);
        if stored > 0 {
            self.clock.advance_by(i64::try_from(stored).unwrap_or(0));
        }
        Ok(())
    }

    /// The enrollment of a record in a journey, if any.
    pub fn enrollment(&self, journey_id: &str, record_id: &str) -> Result<Option<Enrollment>> {
        Ok(self
            .store
            .read()?
            .open_table(AUTO_ENROLLMENTS)?
            .get((journey_id, record_id))?
            .map(|v| v.value())
            .transpose()?)
    }
}

fn required_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 200 {
        return Err(Error::validation("name", "a name of 1 to 200 characters"));
    }
    Ok(n.to_string())
}
